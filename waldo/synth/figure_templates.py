"""How a cartoon person is described: materials, style keys, and parts as polygons in head units.

One unit is the height of Waldo's head (pompom top to chin). Bodies stand with their
feet at y = 0 (y grows downward, so the body lies at negative y) and face right; the
head is defined around its chin at (0, 0). A `FigureKey` names one combination of
styles; body_template.py and head_template.py turn it into parts, built once and cached.
"""

from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np


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


FILL, FILL_AND_INK, LINE, RING = range(4)
STYLE_CODES = {"flat": FILL, "stripes": FILL, "filled": FILL_AND_INK, "line": LINE, "ring": RING}
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

    def program(self, large: bool) -> tuple[tuple[int, int, tuple[slice, ...], float], ...]:
        """The parts to paint at one size class, as plain tuples (style code, material, polygon row
        slices, width): painting thousands of figures a second runs this loop, so it is built once."""
        return self._programs[large]

    def __post_init__(self) -> None:
        programs = {}
        for large in (False, True):
            skipped = "small" if large else "large"
            steps = [(STYLE_CODES[part.style], int(part.material), part.slices, part.width)
                     for part in self.parts if part.size != skipped]
            programs[large] = _merge_steps(steps, self.points)
        object.__setattr__(self, "_programs", programs)
        # stripe vertices as flat indices into points.ravel() and their offsets from their band's centre line,
        # so thinning the bands for each figure is a few whole-array operations
        object.__setattr__(self, "stripe_cells", self.stripe_rows * 2 + self.stripe_axes)
        object.__setattr__(self, "stripe_spread", self.points[self.stripe_rows, self.stripe_axes] - self.stripe_centres)


FILL_GAP = 0.05  # head units between fills that may share one call: over 1/8 px at any drawn size


def _merge_steps(steps: list[tuple[int, int, tuple[slice, ...], float]], points: np.ndarray) -> tuple:
    """Join back-to-back steps of one colour into one OpenCV call, so a figure costs fewer calls and
    the pixels stay the same: strokes of one width always (a call draws its lines one after another),
    fills only when their polygons lie apart (one fillPoly call leaves the overlap of its polygons empty)."""
    merged: list[tuple[int, int, tuple[slice, ...], float]] = []
    for step in steps:
        code, material, slices, width = step
        if merged and merged[-1][:2] == (code, material) and merged[-1][3] == width and (
                code in (LINE, RING) or (code == FILL and _apart(merged[-1][2], slices, points))):
            merged[-1] = (code, material, merged[-1][2] + slices, width)
        else:
            merged.append(step)
    return tuple(merged)


def _apart(first: tuple[slice, ...], second: tuple[slice, ...], points: np.ndarray) -> bool:
    """Whether every polygon of `second` has a bounding box at least FILL_GAP away from each of `first`."""
    def box(rows: slice) -> tuple[np.ndarray, np.ndarray]:
        return points[rows].min(axis=0), points[rows].max(axis=0)

    for a in first:
        a_lo, a_hi = box(a)
        for b in second:
            b_lo, b_hi = box(b)
            if np.all((b_lo - a_hi < FILL_GAP) & (a_lo - b_hi < FILL_GAP)):
                return False
    return True


class PartListBuilder:
    """Collects a figure half's parts in drawing order, then freezes them into a PartList."""

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


def closed_path(shape: np.ndarray) -> np.ndarray:
    """A shape's outline as an open path that returns to its start, to share a stroke with open paths."""
    return np.concatenate([shape, shape[:1]])


@dataclass(frozen=True)
class OwnHead:
    """A head drawn from parts of its own instead of its key's shared template: a book-style head,
    built anew for each figure so that no two look alike.

    parts: hair, face, features and hat in head units, chin at the origin, facing right (as head_parts).
    face: the middle of the face in the same units: the point a detector should find.
    collar: optional parts around the chin painted with the body (in the body's frame, chin at the
    origin), so that a collar lies over the shirt and under the chin without joining the head's mask.
    """

    parts: PartList
    face: tuple[float, float]
    collar: PartList | None = None
