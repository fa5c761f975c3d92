"""How a cartoon person is described: materials, style keys, and parts as polygons in head units.

One unit is the height of Waldo's head (pompom top to chin). Bodies stand with their
feet at y = 0 (y grows downward, so the body lies at negative y) and face right; the
head is defined around its chin at (0, 0). A `FigureKey` names one combination of
styles; body_template.py and head_template.py turn it into parts, built once and cached.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import IntEnum
from operator import itemgetter

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
