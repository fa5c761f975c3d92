"""The model sheet: every body and head part of a cartoon person as polygons in head units.

One unit is the height of Waldo's head (pompom top to chin). Bodies stand with their
feet at y = 0 (y grows downward, so the body lies at negative y) and face right; the
head is defined around its chin at (0, 0). A `FigureKey` names one combination of
styles; its parts are built once and cached, since they depend on nothing else.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from operator import itemgetter

import numpy as np

from waldo.synth.drawing import INK_WIDTH, ellipse, mirror_x, polygon, rect, stripe_bands


class Material(IntEnum):
    """Which colour of a person's palette a part is painted with."""

    SKIN = 0
    HAIR = 1
    HAT_A = 2
    HAT_B = 3
    SHIRT_A = 4
    SHIRT_B = 5
    LOWER = 6
    LEGS = 7
    SHOES = 8
    INK = 9
    LENS = 10
    STICK = 11


FACINGS = ("front", "three_quarter", "side", "back")
HAIR_STYLES = ("short", "long", "bald", "bun", "curly")
HAT_STYLES = ("none", "bobble", "cap", "tophat", "sunhat", "beanie")
GLASSES = ("none", "round", "dark")
SHIRTS = ("plain", "hstripes", "vstripes")
LOWERS = ("trousers", "shorts", "skirt")
ARMS = ("down", "wave", "stick")

STRIPE_PERIODS = (0.16, 0.18, 0.2, 0.22, 0.24, 0.26)
CHIN_Y = -2.86
FACE_TURN = {"front": 0.0, "three_quarter": 0.5, "side": 0.9, "back": 0.0}


@dataclass(frozen=True)
class FigureKey:
    """One combination of geometric styles; colours are chosen separately per person."""

    facing: str = "front"
    hair: str = "short"
    hat: str = "none"
    hat_striped: bool = False
    glasses: str = "none"
    shirt: str = "plain"
    lower: str = "trousers"
    arms: str = "down"
    stripe_period: float = 0.2


def stripe_period_near(period: float) -> float:
    """The allowed stripe period closest to `period`: a few values keep the template cache small."""
    return min(STRIPE_PERIODS, key=lambda allowed: abs(allowed - period))


@dataclass(frozen=True)
class Part:
    """Polygons sharing a material and a way of being drawn.

    style: "filled" (fill, then ink outline), "flat" (fill only), "stripes" (bands of a pattern,
    thinned at paint time by what rasterisation adds, so gaps a pixel wide survive), "line" (open stroke in
    the material colour) or "ring" (closed stroke in the material colour).
    size: drawn for "any" head size, only "large" ones (fine details) or only "small" ones
    (coarser stand-ins that stay legible at a few pixels).
    """

    material: Material
    style: str
    spans: tuple[tuple[int, int], ...]
    width: float = 0.0
    size: str = "any"

    @property
    def slices(self) -> tuple[slice, ...]:
        """Each polygon's rows in the part list's point array."""
        return tuple(slice(start, end) for start, end in self.spans)


@dataclass(frozen=True)
class PartList:
    """All vertices of a figure half in one array (one transform places them) and the parts cut from it."""

    points: np.ndarray
    parts: tuple[Part, ...]
    stripe_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, np.intp))
    stripe_axes: np.ndarray = field(default_factory=lambda: np.zeros(0, np.intp))
    stripe_centres: np.ndarray = field(default_factory=lambda: np.zeros(0))
    stripe_halves: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @property
    def polygon_slices(self) -> tuple[slice, ...]:
        """Each polygon's rows in `points`, in order."""
        return self._polygon_slices

    @property
    def steps(self) -> tuple[tuple[str, int, Callable[[list], list], float, str], ...]:
        """The parts as plain tuples (style, material, selector, width, size), where the selector picks a
        part's polygons out of the split point list: painting thousands of figures a second runs this loop."""
        return self._steps

    def __post_init__(self) -> None:
        ends = sorted({end for part in self.parts for _, end in part.spans})
        index_of_start = {start: i for i, start in enumerate([0] + ends[:-1])}
        steps = []
        for part in self.parts:
            indices = [index_of_start[start] for start, _ in part.spans]
            select = itemgetter(*indices) if len(indices) > 1 else _single(indices[0])
            steps.append((part.style, int(part.material), select, part.width, part.size))
        object.__setattr__(self, "_polygon_slices", tuple(slice(a, b) for a, b in zip([0] + ends[:-1], ends)))
        object.__setattr__(self, "_steps", tuple(steps))


def _single(index: int) -> Callable[[list], list]:
    """Selector for a part made of one polygon (itemgetter would return it unwrapped)."""
    return lambda polygons: [polygons[index]]


class _PartListBuilder:
    def __init__(self) -> None:
        self._shapes: list[np.ndarray] = []
        self._parts: list[Part] = []
        self._stripes: list[tuple[np.ndarray, int, float, float]] = []
        self._count = 0

    def add(self, material: Material, shapes: list[np.ndarray], style: str = "filled",
            width: float = 0.0, size: str = "any", stripe_axis: int = 1) -> None:
        spans = []
        for shape in shapes:
            if style == "stripes":
                lo, hi = shape[:, stripe_axis].min(), shape[:, stripe_axis].max()
                self._stripes.append((np.arange(self._count, self._count + len(shape)), stripe_axis,
                                      (lo + hi) / 2, (hi - lo) / 2))
            spans.append((self._count, self._count + len(shape)))
            self._count += len(shape)
            self._shapes.append(shape)
        if spans:
            self._parts.append(Part(material, style, tuple(spans), width, size))

    def build(self) -> PartList:
        points = np.concatenate(self._shapes) if self._shapes else np.zeros((0, 2))
        if not self._stripes:
            return PartList(points, tuple(self._parts))
        rows = np.concatenate([r for r, _, _, _ in self._stripes])
        axes = np.concatenate([np.full(len(r), axis) for r, axis, _, _ in self._stripes]).astype(np.intp)
        centres = np.concatenate([np.full(len(r), centre) for r, _, centre, _ in self._stripes])
        halves = np.concatenate([np.full(len(r), half) for r, _, _, half in self._stripes])
        return PartList(points, tuple(self._parts), rows, axes, centres, halves)


def _shirt(builder: _PartListBuilder, key: FigureKey, shapes: list[np.ndarray]) -> None:
    """A garment piece in the shirt colour, with the pattern's second colour cut into it."""
    builder.add(Material.SHIRT_A, shapes, "flat")
    if key.shirt == "hstripes":
        bands = [b for s in shapes for b in stripe_bands(s, -2.84, key.stripe_period, axis=1)]
        builder.add(Material.SHIRT_B, bands, "stripes")
    elif key.shirt == "vstripes":
        bands = [b for s in shapes for b in stripe_bands(s, -0.6, key.stripe_period * 0.8, axis=0)]
        builder.add(Material.SHIRT_B, bands, "stripes", stripe_axis=0)


def body_parts(key: FigureKey) -> PartList:
    """Legs, torso, arms and hands of a figure facing right, feet at the origin."""
    return _body_parts(FigureKey(facing="side" if key.facing == "side" else "front", shirt=key.shirt,
                                 lower=key.lower, arms=key.arms, stripe_period=key.stripe_period))


def _arms_and_hands(key: FigureKey) -> tuple[list[np.ndarray], list[np.ndarray]]:
    if key.facing == "side":
        return ([polygon((-0.07, -2.74), (0.09, -2.74), (0.16, -1.78), (0.0, -1.76))],
                [ellipse(0.09, -1.7, 0.075, 0.08, 10)])
    left_arm = polygon((-0.40, -2.72), (-0.27, -2.64), (-0.35, -1.74), (-0.50, -1.76))
    left_hand = ellipse(-0.43, -1.68, 0.075, 0.08, 10)
    if key.arms == "wave":
        return ([left_arm, polygon((0.28, -2.74), (0.42, -2.64), (0.64, -3.28), (0.51, -3.34))],
                [left_hand, ellipse(0.58, -3.4, 0.075, 0.08, 10)])
    if key.arms == "stick":
        return ([left_arm, polygon((0.28, -2.72), (0.41, -2.66), (0.58, -1.86), (0.45, -1.80))],
                [left_hand, ellipse(0.52, -1.76, 0.075, 0.08, 10)])
    return [left_arm, mirror_x(left_arm)], [left_hand, mirror_x(left_hand)]


@lru_cache(maxsize=None)
def _body_parts(key: FigureKey) -> PartList:
    """Fills back to front, then every outline in one stroke: body parts meet edge to edge, so the
    few outline pieces that cross a nearer part read as seams, and a figure costs far fewer calls."""
    b = _PartListBuilder()
    side = key.facing == "side"
    stride = 0.1 if side else 0.0
    b.add(Material.SHOES, [ellipse(-0.16 - stride + 0.04 * side, -0.06, 0.14, 0.075, 10),
                           ellipse(0.16 + stride + 0.04 * side, -0.06, 0.14, 0.075, 10)], "flat")
    outlines = []
    if key.lower == "trousers":
        lower = polygon((-0.27, -1.47), (0.27, -1.47), (0.25 + stride, -0.08), (0.07 + stride, -0.08),
                        (0.0, -1.0), (-0.07 - stride, -0.08), (-0.25 - stride, -0.08))
    else:
        hem = -0.95 if key.lower == "shorts" else -0.79
        leg_left = polygon((-0.25, hem), (-0.04, hem), (-0.07 - stride, -0.08), (-0.24 - stride, -0.08))
        legs = [leg_left, mirror_x(leg_left)]
        b.add(Material.LEGS, legs, "flat")
        outlines += legs
        lower = (polygon((-0.27, -1.47), (0.27, -1.47), (0.28, hem), (0.02, hem), (0.0, -1.15), (-0.02, hem),
                         (-0.28, hem)) if key.lower == "shorts"
                 else polygon((-0.27, -1.47), (0.27, -1.47), (0.44, hem), (-0.44, hem)))
    b.add(Material.LOWER, [lower], "flat")
    half = 0.3 if side else 0.4
    torso = polygon((-half + 0.1, -2.9), (half - 0.1, -2.9), (half, -2.72), (half - 0.04, -1.46),
                    (-half + 0.04, -1.46), (-half, -2.72))
    _shirt(b, key, [torso])
    arms, hands = _arms_and_hands(key)
    if key.arms == "stick":
        tip_x = 0.22 if side else 0.64
        b.add(Material.STICK, [polygon((tip_x - 0.12, -2.05), (tip_x, 0.0))], "line", 0.06)
    _shirt(b, key, arms)
    b.add(Material.SKIN, hands, "flat")
    b.add(Material.INK, outlines + [lower, torso] + arms + hands, "ring", INK_WIDTH)
    return b.build()


def _closed(shape: np.ndarray) -> np.ndarray:
    """A shape's outline as an open path that returns to its start, to share a stroke with open paths."""
    return np.concatenate([shape, shape[:1]])


def _hair_back(style: str, turn: float) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The hair seen behind and around the face: its shapes, and the parts of its outline the face leaves visible."""
    shift = -0.03 * turn
    if style == "bald":
        return [], []
    if style == "long":
        top = ellipse(shift, -0.45, 0.31, 0.33, 12, 180, 360)
        left, right = polygon((-0.31 + shift, -0.02)), polygon((0.31 + shift, -0.02))
        return [np.concatenate([top, right, left])], [np.concatenate([left, top, right])]
    if style == "curly":
        return [ellipse(shift, -0.5, 0.36, 0.38, 18)], [ellipse(shift, -0.5, 0.36, 0.38, 14, 140, 400)]
    shapes = [ellipse(shift, -0.45, 0.28, 0.32, 16)]
    paths = [ellipse(shift, -0.45, 0.28, 0.32, 14, 150, 390)]
    if style == "bun":
        bun = ellipse(shift - 0.05 * turn, -0.82, 0.11, 0.1, 10)
        shapes.append(bun)
        paths.append(_closed(bun))
    return shapes, paths


def _hat(b: _PartListBuilder, key: FigureKey, turn: float) -> None:
    """Hats sit over the hair; the bobble hat is the one that, in red and white, marks Waldo."""
    lean = -0.06 * turn
    if key.hat in ("bobble", "beanie"):
        dome = polygon((-0.30, -0.54), (-0.29 + lean * 0.3, -0.66), (-0.24 + lean * 0.6, -0.77), (-0.14 + lean, -0.85),
                       (lean, -0.88), (0.14 + lean, -0.85), (0.24 + lean * 0.6, -0.77), (0.29 + lean * 0.3, -0.66),
                       (0.30, -0.54))
        brim = polygon((-0.31, -0.6), (0.31, -0.6), (0.32, -0.51), (0.0, -0.49), (-0.32, -0.51))
        b.add(Material.HAT_A, [dome], "flat")
        if key.hat_striped:
            b.add(Material.HAT_B, stripe_bands(dome, -0.8, 0.1, axis=1), "stripes", size="large")
            b.add(Material.HAT_B, stripe_bands(dome, -0.77, 0.15, axis=1), "stripes", size="small")
        b.add(Material.HAT_B, [brim], "flat")
        outlines = [dome, _closed(brim)]
        if key.hat == "bobble":
            pompom = ellipse(lean * 1.4, -0.905, 0.095, 0.095, 12)
            b.add(Material.HAT_B, [pompom], "flat")
            outlines.append(_closed(pompom))
        b.add(Material.INK, outlines, "line", INK_WIDTH)
    elif key.hat == "cap":
        b.add(Material.HAT_A, [ellipse(0.0, -0.55, 0.28, 0.25, 12, 180, 360)])
        visor = (polygon((0.18, -0.6), (0.5, -0.57), (0.5, -0.52), (0.18, -0.52)) if key.facing == "side"
                 else ellipse(0.02 * turn, -0.55, 0.3, 0.07, 12, 0, 180))
        b.add(Material.HAT_A, [visor])
    elif key.hat == "tophat":
        b.add(Material.HAT_A, [rect(-0.2, -1.02, 0.2, -0.6)])
        b.add(Material.HAT_B, [rect(-0.2, -0.7, 0.2, -0.6)], "flat")
        b.add(Material.HAT_A, [ellipse(0.0, -0.58, 0.34, 0.06, 14)])
    elif key.hat == "sunhat":
        b.add(Material.HAT_A, [ellipse(0.0, -0.57, 0.47, 0.09, 16)])
        b.add(Material.HAT_A, [ellipse(0.0, -0.6, 0.24, 0.22, 12, 180, 360)])
        b.add(Material.HAT_B, [rect(-0.24, -0.66, 0.24, -0.6)], "flat")


def _eyes_x(turn: float, face_cx: float) -> list[float]:
    """Where the eyes sit: both for front and three-quarter views, only the near one in profile."""
    if turn > 0.8:
        return [face_cx + 0.13]
    spacing = 0.095 * (1.0 - 0.4 * turn)
    centre = face_cx + 0.09 * turn
    return [centre - spacing, centre + spacing]


def _face_details(b: _PartListBuilder, key: FigureKey, turn: float, face_cx: float, face_rx: float) -> None:
    """Eyes, glasses, nose and mouth; small details are skipped for tiny heads."""
    eyes = _eyes_x(turn, face_cx)
    eye_y = -0.37
    if key.glasses == "round":
        rims = [ellipse(x, eye_y, 0.085, 0.085, 14) for x in eyes]
        b.add(Material.LENS, rims, "flat")
    b.add(Material.INK, [ellipse(x, eye_y + 0.005, 0.03, 0.037, 8) for x in eyes], "flat")
    if key.glasses == "round":
        b.add(Material.INK, rims, "ring", INK_WIDTH)
        joins = ([polygon((eyes[0] + 0.085, eye_y - 0.01), (eyes[1] - 0.085, eye_y - 0.01))] if len(eyes) == 2
                 else [polygon((eyes[0] - 0.085, eye_y), (face_cx - face_rx * 0.7, eye_y - 0.02))])
        b.add(Material.INK, joins, "line", INK_WIDTH)
    elif key.glasses == "dark":
        b.add(Material.INK, [ellipse(x, eye_y, 0.09, 0.065, 10) for x in eyes], "flat")
        if len(eyes) == 2:
            b.add(Material.INK, [polygon((eyes[0], eye_y - 0.02), (eyes[1], eye_y - 0.02))], "line", INK_WIDTH)
    if key.facing == "side":
        tip = face_cx + face_rx
        b.add(Material.SKIN, [polygon((tip - 0.03, -0.33), (tip + 0.07, -0.24), (tip - 0.02, -0.21))], size="large")
    else:
        nose_x = face_cx + 0.12 * turn
        b.add(Material.INK, [ellipse(nose_x, -0.27, 0.035, 0.03, 6, 200, 340)], "line", INK_WIDTH, size="large")
    mouth_x = face_cx + 0.11 * turn
    b.add(Material.INK, [ellipse(mouth_x, -0.16, 0.085 * (1 - 0.35 * turn), 0.045, 7, 20, 160)], "line", INK_WIDTH,
          size="large")


def head_parts(key: FigureKey) -> PartList:
    """Hair, face, features and hat of a head facing right, chin at the origin."""
    return _head_parts(FigureKey(facing=key.facing, hair=key.hair, hat=key.hat, hat_striped=key.hat_striped,
                                 glasses=key.glasses))


@lru_cache(maxsize=None)
def _head_parts(key: FigureKey) -> PartList:
    b = _PartListBuilder()
    turn = FACE_TURN[key.facing]
    face_cx = 0.06 * turn
    face_rx = 0.25 - 0.03 * turn
    hair_shapes, outlines = _hair_back(key.hair, turn)
    b.add(Material.HAIR, hair_shapes, "flat")
    if key.facing == "front":
        ears = [ellipse(-0.25, -0.38, 0.05, 0.08, 8), ellipse(0.25, -0.38, 0.05, 0.08, 8)]
        ear_outlines = [ellipse(-0.25, -0.38, 0.05, 0.08, 6, 90, 270), ellipse(0.25, -0.38, 0.05, 0.08, 6, -90, 90)]
    elif key.facing != "back":
        ears = [ellipse(face_cx - 0.26 * turn, -0.38, 0.05, 0.08, 8)]
        ear_outlines = [ellipse(face_cx - 0.26 * turn, -0.38, 0.05, 0.08, 6, 90, 270)]
    else:
        ears, ear_outlines = [], []
    b.add(Material.SKIN, ears, "flat", size="large")
    b.add(Material.INK, ear_outlines, "line", INK_WIDTH, size="large")
    face = ellipse(face_cx, -0.35, face_rx, 0.35, 20)
    b.add(Material.SKIN, [face], "flat")
    if key.facing == "back":
        cover = [ellipse(0.0, -0.45, 0.27, 0.3, 16)] if key.hair != "bald" else []
        b.add(Material.HAIR, cover, "flat")
        outlines += [_closed(c) for c in cover] + [ellipse(face_cx, -0.35, face_rx, 0.35, 8, 35, 145)]
        b.add(Material.INK, outlines, "line", INK_WIDTH)
    else:
        if key.hair == "bald":
            above = []
        elif key.hat == "none":
            above = [ellipse(face_cx - 0.04 * turn, -0.5, 0.3 if key.hair == "curly" else 0.265, 0.22, 12, 180, 360)]
        else:
            above = [ellipse(face_cx - face_rx + 0.02, -0.52, 0.07, 0.09, 8)]
            if turn < 0.8:
                above.append(ellipse(face_cx + face_rx - 0.02, -0.52, 0.07, 0.09, 8))
        b.add(Material.HAIR, above, "flat")
        bare_top = key.hair == "bald" and key.hat == "none"
        outlines.append(_closed(face) if bare_top else ellipse(face_cx, -0.35, face_rx, 0.35, 16, -25, 205))
        b.add(Material.INK, outlines + [_closed(a) for a in above], "line", INK_WIDTH)
        _face_details(b, key, turn, face_cx, face_rx)
    _hat(b, key, turn)
    return b.build()
