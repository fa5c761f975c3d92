"""Things among the crowd: red-white striped decoys (flags, umbrellas, poles, towels, stalls) and
ordinary clutter (trees, bushes, crates, benches, lamps, balloons), plus the objects used to
hide part of Waldo on purpose.

Each prop stands on the ground at (x, y) and is sized in head units (`unit` px), like people,
so it scales with the crowd's perspective.
"""

from collections.abc import Callable

import numpy as np

from waldo.synth.drawing import INK_WIDTH, clip_to_band, ellipse, fill, polygon, rect, stripe_bands, stroke, to_fixed
from waldo.synth.palette import CLOTHING, OUTLINE, REDS, STICK_BROWN, WALDO_WHITE, Colour, jitter, pick

StripeColours = tuple[Colour, Colour]
DECOY_PAIRS: tuple[StripeColours, ...] = (((246, 244, 238), (206, 32, 38)), ((246, 244, 238), (206, 32, 38)),
                                         ((246, 244, 238), (220, 60, 50)), ((246, 244, 238), (40, 80, 170)),
                                         ((240, 206, 40), (206, 32, 38)))


class Pen:
    """Draws unit-sized shapes placed at a ground point, with the ink width of that size."""

    def __init__(self, image: np.ndarray, x: float, y: float, unit: float) -> None:
        self.image, self.origin, self.unit = image, np.array([x, y]), unit
        self.ink = max(1, int(INK_WIDTH * unit + 0.5))

    def px(self, shape: np.ndarray) -> np.ndarray:
        return to_fixed(shape * self.unit + self.origin)

    def shape(self, shapes: list[np.ndarray], colour: Colour, outline: bool = True) -> None:
        fixed = [self.px(s) for s in shapes]
        fill(self.image, fixed, colour)
        if outline:
            stroke(self.image, fixed, OUTLINE, self.ink, True)

    def striped(self, shape: np.ndarray, colours: StripeColours, period: float, axis: int) -> None:
        """A convex shape in two colours of stripes along one axis, outlined."""
        self.shape([shape], colours[0], outline=False)
        bands = stripe_bands(shape, float(shape[:, axis].min()), period, axis)
        if bands:
            self.shape(bands, colours[1], outline=False)
        stroke(self.image, [self.px(shape)], OUTLINE, self.ink, True)

    def line(self, points: np.ndarray, colour: Colour, width: float) -> None:
        stroke(self.image, [self.px(points)], colour, max(1, int(round(width * self.unit))), False)


def flag(pen: Pen, rng: np.random.Generator, colours: StripeColours) -> None:
    height = rng.uniform(3.5, 5.0)
    pen.line(polygon((0, 0), (0, -height)), STICK_BROWN, 0.07)
    pen.striped(rect(0.03, -height, rng.uniform(1.0, 1.8), -height + rng.uniform(0.7, 1.0)), colours, 0.28, 1)


def umbrella(pen: Pen, rng: np.random.Generator, colours: StripeColours) -> None:
    height, radius = rng.uniform(3.0, 4.0), rng.uniform(1.3, 2.0)
    pen.line(polygon((0, 0), (0, -height)), (90, 90, 90), 0.06)
    segments = 8
    arc = ellipse(0, -height + 0.3, radius, radius * 0.55, segments + 1, 180, 360)
    apex = np.array([[0.0, -height - radius * 0.5]])
    for i in range(segments):
        pen.shape([np.concatenate([apex, arc[i:i + 2]])], colours[i % 2], outline=False)
    stroke(pen.image, [pen.px(np.concatenate([apex, arc[:1], arc[-1:]])), pen.px(arc)], OUTLINE, pen.ink, True)


def barber_pole(pen: Pen, rng: np.random.Generator, colours: StripeColours) -> None:
    height, half = rng.uniform(2.0, 3.2), 0.17
    body = rect(-half, -height, half, 0)
    pen.shape([body], colours[0], outline=False)
    slants = [polygon((-half, start + 0.3), (half, start), (half, start + 0.18), (-half, start + 0.48))
              for start in np.arange(-height - 0.6, 0.0, 0.36)]
    bands = [band for band in (clip_to_band(s, -height, 0.0) for s in slants) if band is not None]
    pen.shape(bands, colours[1], outline=False)
    stroke(pen.image, [pen.px(body)], OUTLINE, pen.ink, True)
    pen.shape([ellipse(0, -height, half * 1.3, half * 1.3, 10)], (230, 230, 230))


def striped_pole(pen: Pen, rng: np.random.Generator, colours: StripeColours) -> None:
    height = rng.uniform(2.5, 5.0)
    pen.striped(rect(-0.1, -height, 0.1, 0), colours, 0.4, 1)


def towel(pen: Pen, rng: np.random.Generator, colours: StripeColours) -> None:
    width, depth = rng.uniform(1.2, 1.8), rng.uniform(2.2, 3.0)
    pen.striped(polygon((-width / 2, -depth * 0.35), (width / 2, -depth * 0.35), (width / 2 + 0.2, 0),
                        (-width / 2 - 0.2, 0)), colours, 0.25, 0 if rng.random() < 0.5 else 1)


def market_stall(pen: Pen, rng: np.random.Generator, colours: StripeColours) -> None:
    width = rng.uniform(2.5, 4.0)
    pen.shape([rect(-width / 2, -1.4, width / 2, 0)], jitter(rng, (150, 100, 60), 0.05))
    for side in (-1, 1):
        pen.line(polygon((side * width / 2 * 0.95, -1.4), (side * width / 2 * 0.95, -3.2)), (110, 80, 50), 0.08)
    pen.striped(polygon((-width / 2 - 0.2, -3.8), (width / 2 + 0.2, -3.8), (width / 2 + 0.4, -3.0),
                        (-width / 2 - 0.4, -3.0)), colours, 0.5, 0)


def tree(pen: Pen, rng: np.random.Generator) -> None:
    height = rng.uniform(4.0, 7.0)
    pen.shape([rect(-0.22, -height * 0.6, 0.22, 0)], (120, 80, 45))
    green = jitter(rng, (70, 140, 60), 0.08)
    crowns = [ellipse(dx, -height * 0.7 + dy, r, r, 14) for dx, dy, r in
              ((-0.7, 0.1, 1.1), (0.7, 0.1, 1.1), (0.0, -0.6, 1.4))]
    for crown in crowns:
        pen.shape([crown], green)


def bush(pen: Pen, rng: np.random.Generator) -> None:
    green = jitter(rng, (80, 150, 70), 0.08)
    for dx in (-0.6, 0.6, 0.0):
        pen.shape([ellipse(dx, -0.7, 0.8, 0.7, 12)], green)


def crate(pen: Pen, rng: np.random.Generator) -> None:
    size = rng.uniform(1.0, 1.6)
    pen.shape([rect(-size / 2, -size, size / 2, 0)], jitter(rng, (190, 140, 80), 0.06))
    pen.line(polygon((-size / 2, -size), (size / 2, 0)), OUTLINE, 0.03)
    pen.line(polygon((size / 2, -size), (-size / 2, 0)), OUTLINE, 0.03)


def bench(pen: Pen, rng: np.random.Generator) -> None:
    width = rng.uniform(2.0, 3.0)
    wood = jitter(rng, (160, 110, 60), 0.06)
    pen.shape([rect(-width / 2, -1.0, -width / 2 + 0.15, 0), rect(width / 2 - 0.15, -1.0, width / 2, 0)], wood)
    pen.shape([rect(-width / 2 - 0.1, -1.1, width / 2 + 0.1, -0.9), rect(-width / 2, -1.9, width / 2, -1.6)], wood)


def lamp_post(pen: Pen, rng: np.random.Generator) -> None:
    height = rng.uniform(4.5, 6.0)
    pen.line(polygon((0, 0), (0, -height)), (50, 60, 60), 0.12)
    pen.shape([ellipse(0, -height - 0.2, 0.3, 0.35, 10)], (250, 240, 170))


def balloons(pen: Pen, rng: np.random.Generator) -> None:
    count = int(rng.integers(3, 7))
    tops = rng.uniform([-1.0, -5.5], [1.0, -4.0], (count, 2))
    for top in tops:
        pen.line(polygon((0, -2.0), tuple(top)), (60, 60, 60), 0.02)
        pen.shape([ellipse(top[0], top[1] - 0.35, 0.3, 0.38, 12)], pick(rng, CLOTHING))


STRIPED_PROPS: tuple[Callable[[Pen, np.random.Generator, StripeColours], None], ...] = (
    flag, umbrella, barber_pole, striped_pole, towel, market_stall)
PLAIN_PROPS: tuple[Callable[[Pen, np.random.Generator], None], ...] = (
    tree, bush, crate, bench, lamp_post, balloons)


def draw_prop(image: np.ndarray, rng: np.random.Generator, x: float, y: float, unit: float, striped: bool,
              colour_jitter: float) -> None:
    """One random prop standing at (x, y); striped ones are mostly in Waldo's red and white."""
    pen = Pen(image, x, y, unit)
    if striped:
        pair = DECOY_PAIRS[int(rng.integers(len(DECOY_PAIRS)))]
        colours = (jitter(rng, pair[0], colour_jitter), jitter(rng, pair[1], colour_jitter))
        STRIPED_PROPS[int(rng.integers(len(STRIPED_PROPS)))](pen, rng, colours)
    else:
        PLAIN_PROPS[int(rng.integers(len(PLAIN_PROPS)))](pen, rng)


def draw_body_blocker(image: np.ndarray, rng: np.random.Generator, x: float, y: float, unit: float) -> None:
    """A bush, crate stack or wall in front of a figure, reaching just below its chin."""
    pen = Pen(image, x, y, unit)
    colour = jitter(rng, pick(rng, ((80, 150, 70), (190, 140, 80), (170, 160, 150), (200, 120, 90))), 0.05)
    height = rng.uniform(2.2, 2.6)
    width = rng.uniform(1.4, 2.6)
    pen.shape([polygon((-width / 2, 0), (-width / 2, -height + 0.15), (-width / 2 + 0.2, -height),
                       (width / 2 - 0.2, -height), (width / 2, -height + 0.15), (width / 2, 0))], colour)


def draw_head_cover(image: np.ndarray, rng: np.random.Generator, box: tuple[float, float, float, float],
                    fraction: float, colour_jitter: float) -> None:
    """A placard or balloon-sized object over `fraction` of a head box, from its bottom or a side.

    With fraction 1 the whole box is covered: the test hook for "a fully hidden Waldo".
    """
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    side = ("bottom", "left", "right")[int(rng.integers(3))]
    pad = 3.0
    if fraction >= 1.0:
        cover = rect(x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    elif side == "bottom":
        cover = rect(x0 - pad, y1 - fraction * height, x1 + pad, y1 + pad)
    elif side == "left":
        cover = rect(x0 - pad, y0 - pad, x0 + fraction * width, y1 + pad)
    else:
        cover = rect(x1 - fraction * width, y0 - pad, x1 + pad, y1 + pad)
    colour = jitter(rng, pick(rng, ((240, 230, 200), (120, 180, 220), (200, 150, 90), *REDS[:1], WALDO_WHITE)),
                    colour_jitter)
    fixed = [to_fixed(cover)]
    fill(image, fixed, colour)
    stroke(image, fixed, OUTLINE, max(1, int(INK_WIDTH * height + 0.5)), True)
