"""The band at the top of a page: sky and clouds over a skyline that says where the event is
(castle walls, the sea with boats, a hall, mountains, a ship's sails, a stand of spectators,
a cave roof, a film studio, a row of houses).

Everything here stands behind the crowd: it is painted first and the figures of the top
rows overlap it, as in the books. Sizes follow `unit`, the head size at the top of the ground.
"""

import numpy as np

from waldo.synth.drawing import ellipse, fill, fill_rows, polygon, rect, stroke, to_fixed
from waldo.synth.palette import Colour

SKYLINES = ("castle", "sea", "hall", "mountains", "sails", "stands", "cave", "studio", "town")
STONE, ROOF, WATER, SNOW_CAP = (226, 220, 208), (200, 70, 55), (90, 160, 215), (248, 248, 250)


class _Brush:
    """Fills and outlines pixel polygons in one page's ink."""

    def __init__(self, image: np.ndarray, ink: Colour, ink_px: int) -> None:
        self.image, self.ink, self.ink_px = image, ink, ink_px

    def shape(self, points: np.ndarray, colour: Colour, outlined: bool = True) -> None:
        fixed = [to_fixed(points)]
        fill(self.image, fixed, colour)
        if outlined:
            stroke(self.image, fixed, self.ink, self.ink_px, True)

    def line(self, points: np.ndarray, colour: Colour | None = None, width: int | None = None) -> None:
        stroke(self.image, [to_fixed(points)], colour or self.ink, width or self.ink_px, False)


def _clouds(brush: _Brush, rng: np.random.Generator, width: int, band: float, unit: float) -> None:
    for _ in range(int(rng.integers(1, 4))):
        x, y = rng.uniform(0, width), rng.uniform(0.15, 0.5) * band
        for dx in (-1.0, 0.0, 1.0):
            brush.shape(ellipse(x + dx * unit * 1.2, y - (dx == 0) * unit * 0.4, unit * 1.4, unit * 0.8, 14), (250, 250, 250))


def _towers(brush: _Brush, rng: np.random.Generator, width: int, band: float, unit: float, colours: list[Colour]) -> None:
    wall_top = band - 2.2 * unit
    brush.shape(rect(-5, wall_top, width + 5, band + 2), STONE)
    for x in np.arange(rng.uniform(0, unit), width, 1.2 * unit):
        brush.shape(rect(x, wall_top - 0.6 * unit, x + 0.6 * unit, wall_top + 1), STONE)
    for x in rng.uniform(0, width, max(1, int(width / (9 * unit)))):
        top = band - rng.uniform(3.5, 5.0) * unit
        brush.shape(rect(x - unit, top, x + unit, band + 2), STONE)
        brush.shape(polygon((x - 1.3 * unit, top), (x, top - 2.0 * unit), (x + 1.3 * unit, top)), ROOF)
        brush.shape(rect(x - 0.25 * unit, top + unit, x + 0.25 * unit, top + 1.8 * unit), (40, 35, 40))
        brush.line(polygon((x, top - 2.0 * unit), (x, top - 3.0 * unit)))
        brush.shape(polygon((x, top - 3.0 * unit), (x + unit, top - 2.7 * unit), (x, top - 2.4 * unit)), colours[int(rng.integers(len(colours)))])
    for x in np.arange(rng.uniform(0, 2 * unit), width, 2.5 * unit):
        brush.line(polygon((x, wall_top + 0.6 * unit), (x + 0.8 * unit, wall_top + 0.6 * unit)), width=max(1, brush.ink_px))


def _water(brush: _Brush, rng: np.random.Generator, width: int, band: float, unit: float, top_share: float) -> float:
    top = band * top_share
    brush.shape(rect(-5, top, width + 5, band + 2), WATER, outlined=False)
    for _ in range(int(width / unit)):
        x, y = rng.uniform(0, width), rng.uniform(top + 2, max(top + 2, band))  # a band under 2 px on a tiny page
        brush.line(polygon((x, y), (x + 0.4 * unit, y - 0.12 * unit), (x + 0.8 * unit, y)), (235, 245, 255))
    return top


def _boats(brush: _Brush, rng: np.random.Generator, width: int, water_top: float, unit: float, big: bool,
           colours: list[Colour]) -> None:
    count = 1 if big else int(rng.integers(2, 5))
    for _ in range(count):
        x = rng.uniform(0.1, 0.9) * width
        size = unit * (5.0 if big else rng.uniform(1.2, 2.0))
        base = water_top + 0.6 * size * (0.6 if big else 1.0)
        brush.shape(polygon((x - 2 * size, base - 0.6 * size), (x + 2 * size, base - 0.6 * size), (x + 1.5 * size, base),
                            (x - 1.5 * size, base)), (120, 75, 40))
        for mast in ((-0.8, 0.0, 0.8) if big else (0.0,)):
            mx = x + mast * size
            brush.line(polygon((mx, base - 0.6 * size), (mx, base - 3.2 * size)), (90, 60, 30), max(1, int(0.08 * size)))
            brush.shape(polygon((mx - 0.7 * size, base - 3.0 * size), (mx + 0.7 * size, base - 3.0 * size),
                                (mx + 0.8 * size, base - 1.2 * size), (mx - 0.8 * size, base - 1.2 * size)), (245, 240, 225))
        brush.shape(polygon((x, base - 3.2 * size), (x + 0.8 * size, base - 3.0 * size), (x, base - 2.8 * size)),
                    colours[int(rng.integers(len(colours)))])


def _mountains(brush: _Brush, rng: np.random.Generator, width: int, band: float, unit: float) -> None:
    x = -rng.uniform(0, 6 * unit)
    while x < width:
        w, h = rng.uniform(4, 8) * unit, rng.uniform(0.5, 0.95) * band
        brush.shape(polygon((x - w, band + 2), (x, band - h), (x + w, band + 2)), (130, 140, 165))
        brush.shape(polygon((x - w * 0.3, band - h * 0.7), (x, band - h), (x + w * 0.3, band - h * 0.7), (x, band - h * 0.62)), SNOW_CAP)
        x += w * rng.uniform(0.8, 1.3)


def _spectators(brush: _Brush, rng: np.random.Generator, width: int, band: float, unit: float, colours: list[Colour]) -> None:
    brush.shape(rect(-5, band * 0.1, width + 5, band + 2), (150, 120, 90))
    skins = ((245, 205, 170), (220, 170, 130), (180, 125, 85), (130, 90, 60))
    y = band * 0.1 + 0.6 * unit
    while y < band:
        for x in np.arange(rng.uniform(0, unit), width, 0.9 * unit):
            brush.shape(rect(x - 0.4 * unit, y + 0.3 * unit, x + 0.4 * unit, y + 1.0 * unit), colours[int(rng.integers(len(colours)))])
            brush.shape(ellipse(x, y, 0.33 * unit, 0.4 * unit, 8), skins[int(rng.integers(len(skins)))])
        brush.line(polygon((0, y + 1.0 * unit), (width, y + 1.0 * unit)))
        y += 1.1 * unit


def _houses(brush: _Brush, rng: np.random.Generator, width: int, band: float, unit: float, colours: list[Colour]) -> None:
    x = -rng.uniform(0, 3 * unit)
    while x < width:
        w, h = rng.uniform(3, 5) * unit, rng.uniform(3, 5) * unit
        brush.shape(rect(x, band - h, x + w, band + 2), colours[int(rng.integers(len(colours)))])
        brush.shape(polygon((x - 0.3 * unit, band - h), (x + w / 2, band - h - 1.6 * unit), (x + w + 0.3 * unit, band - h)), ROOF)
        for wx in np.arange(x + 0.6 * unit, x + w - 0.8 * unit, 1.3 * unit):
            brush.shape(rect(wx, band - h + 0.8 * unit, wx + 0.6 * unit, band - h + 1.6 * unit), (60, 60, 80))
        x += w + rng.uniform(0, 0.8) * unit


def draw_skyline(image: np.ndarray, rng: np.random.Generator, kind: str, band: float, sky: Colour, unit: float,
                 ink: Colour, ink_px: int, colours: list[Colour]) -> None:
    """Paint the band y < `band` with sky and the skyline `kind`; `colours` are the page's group colours."""
    width = image.shape[1]
    fill_rows(image, 0, max(1, int(band) + 1), sky)
    brush = _Brush(image, ink, ink_px)
    if kind in ("castle", "sea", "mountains", "sails", "town"):
        _clouds(brush, rng, width, band, unit)
    if kind == "castle":
        _towers(brush, rng, width, band, unit, colours)
    elif kind in ("sea", "sails"):
        water_top = _water(brush, rng, width, band, unit, 0.55 if kind == "sea" else 0.75)
        _boats(brush, rng, width, water_top, unit, kind == "sails", colours)
    elif kind == "hall":
        brush.shape(rect(-5, 0, width + 5, band + 2), STONE, outlined=False)
        for x in np.arange(rng.uniform(0, 3 * unit), width, 4 * unit):
            brush.shape(polygon((x, 0), (x + 1.2 * unit, 0), (x + 1.2 * unit, band * 0.7), (x + 0.6 * unit, band * 0.85),
                                (x, band * 0.7)), colours[int(rng.integers(len(colours)))])
        brush.line(polygon((0, band), (width, band)))
    elif kind == "mountains":
        _mountains(brush, rng, width, band, unit)
    elif kind == "stands":
        _spectators(brush, rng, width, band, unit, colours)
    elif kind == "cave":
        for x in np.arange(rng.uniform(0, unit), width, rng.uniform(1.5, 3.0) * unit):
            brush.shape(polygon((x, -1), (x + 0.5 * unit, band * rng.uniform(0.5, 1.3)), (x + 1.0 * unit, -1)), (110, 90, 75))
    elif kind == "studio":
        for x in np.arange(rng.uniform(0, 2 * unit), width, 5 * unit):
            brush.shape(polygon((x - 0.6 * unit, 0.2 * band), (x + 0.6 * unit, 0.2 * band), (x + 0.8 * unit, 0.5 * band),
                                (x - 0.8 * unit, 0.5 * band)), (60, 60, 70))
            brush.shape(polygon((x - 0.8 * unit, 0.5 * band), (x + 0.8 * unit, 0.5 * band), (x + 3 * unit, band),
                                (x - 3 * unit, band)), (250, 245, 200), outlined=False)
        brush.line(polygon((0, 0.2 * band), (width, 0.2 * band)))
    elif kind == "town":
        _houses(brush, rng, width, band, unit, [(235, 220, 190), (220, 200, 170), (240, 235, 220), (200, 170, 140)])
    else:
        raise ValueError(f"unknown skyline {kind!r}; known: {SKYLINES}")
