"""A drawing as a short program of OpenCV calls over one point array, built once and replayed.

Building a figure (skeleton, costume, face) costs Python time; replaying it costs one
`cv2.transform` of its points and a few microseconds per call. So a drawing is built once
per pose, view and costume cut (head units, cached by its builder) and replayed for every
figure that uses it, placed by one affine map and coloured by the figure's palette.
Consecutive calls that draw the same way share one OpenCV call (fills only when their
shapes' boxes are apart, so no overlap changes what is painted over what).

Ink widths are odd whole pixels (`ink_px`: 1, 3, 5, ...), since OpenCV draws a line of
thickness t as 2 * (t // 2) + 1 pixels: an outline of a filled shape and the ring round a limb
then come out equally wide.
"""

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import cv2
import numpy as np

from waldo.synth.book.materials import Slot
from waldo.synth.drawing import FIXED_SCALE, FIXED_SHIFT, ellipse
from waldo.synth.palette import Colour

FILL, FILL_INK, STROKE, LIMB_INK, LIMB_FILL = range(5)
MERGEABLE = (FILL, FILL_INK, STROKE, LIMB_INK, LIMB_FILL)
OVERLAP_SAFE = (STROKE, LIMB_INK, LIMB_FILL)  # strokes may overlap in one call; fills may not (even-odd)

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Op:
    """One drawing call: `code` says which, points[a:b] for each (a, b) of `spans` are its shapes,
    `width` is in head units (strokes and limbs; 0 = the page's ink width); it is drawn for printed
    heads (px) from `detail` up to, not including, `below`."""

    code: int
    slot: int
    spans: Spans
    width: float = 0.0
    closed: bool = False
    detail: float = 0.0
    below: float = math.inf


@dataclass(frozen=True)
class Program:
    """A finished drawing: vertices in head units and the calls that use them, in painting order.
    `steps` holds the same calls as plain tuples, which the painter unpacks fastest."""

    points: np.ndarray
    ops: tuple[Op, ...]
    steps: tuple[tuple, ...] = ()
    column: np.ndarray | None = None

    def __post_init__(self) -> None:
        steps = tuple((op.code, op.slot, tuple(slice(a, b) for a, b in op.spans), op.width, op.closed, op.detail, op.below)
                      for op in self.ops)
        object.__setattr__(self, "steps", steps)
        object.__setattr__(self, "column", self.points.reshape(-1, 1, 2))  # the shape cv2.transform takes


def _runs(fills: list[tuple[int, int, Slot, float]]) -> list[tuple[int, int, Slot, float]]:
    """Consecutive fill segments of one slot and width joined into one."""
    runs: list[tuple[int, int, Slot, float]] = []
    for i, j, slot, width in fills:
        if runs and runs[-1][2] == slot and runs[-1][3] == width and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], j, slot, width)
        else:
            runs.append((i, j, slot, width))
    return runs


def _apart(points: np.ndarray, first: Spans, second: Spans) -> bool:
    """Whether the boxes of two groups of shapes do not overlap."""
    a = np.concatenate([points[s:e] for s, e in first])
    b = np.concatenate([points[s:e] for s, e in second])
    return bool(a[:, 0].max() < b[:, 0].min() or b[:, 0].max() < a[:, 0].min() or
                 a[:, 1].max() < b[:, 1].min() or b[:, 1].max() < a[:, 1].min())


def _merged(ops: list[Op], points: np.ndarray) -> tuple[Op, ...]:
    out: list[Op] = []
    for op in ops:
        last = out[-1] if out else None
        if (last is not None and op.code in MERGEABLE and (last.code, last.slot, last.width, last.closed, last.detail, last.below)
                == (op.code, op.slot, op.width, op.closed, op.detail, op.below)
                and (op.code in OVERLAP_SAFE or _apart(points, last.spans, op.spans))):
            out[-1] = Op(op.code, op.slot, last.spans + op.spans, op.width, op.closed, op.detail, op.below)
        else:
            out.append(op)
    return tuple(out)


class ProgramBuilder:
    """Collects shapes in painting order and freezes them into a Program."""

    def __init__(self) -> None:
        self._chunks: list[np.ndarray] = []
        self._ops: list[Op] = []
        self._count = 0
        self._sizes = (0.0, math.inf)

    @contextmanager
    def sizes(self, lowest: float = 0.0, below: float = math.inf) -> Iterator[None]:
        """Shapes added inside are drawn only for printed heads from `lowest` px up to `below`: one
        program can hold a plain version of a part for small figures and a finer one for big ones."""
        previous, self._sizes = self._sizes, (lowest, below)
        try:
            yield
        finally:
            self._sizes = previous

    def _add(self, code: int, slot: int, points: np.ndarray, width: float = 0.0, closed: bool = False,
             detail: float = 0.0) -> None:
        points = np.asarray(points, np.float64).reshape(-1, 2)
        self._chunks.append(points)
        lowest, below = self._sizes
        self._ops.append(Op(code, int(slot), ((self._count, self._count + len(points)),), width, closed, max(detail, lowest), below))
        self._count += len(points)

    def shape(self, points: np.ndarray, slot: Slot, outlined: bool = True, detail: float = 0.0) -> None:
        """A filled polygon, outlined in ink unless told otherwise."""
        self._add(FILL_INK if outlined else FILL, slot, points, detail=detail)

    def line(self, points: np.ndarray, slot: Slot, width: float, closed: bool = False, detail: float = 0.0) -> None:
        """An open (or closed) stroke of `width` head units in a palette colour; width 0 strokes as wide
        as the page's outlines (folds, hair strokes, mouths)."""
        self._add(STROKE, slot, points, width, closed, detail)

    def limb(self, points: np.ndarray, width: float, fills: list[tuple[int, int, Slot, float]]) -> None:
        """A round-jointed limb along a polyline: one ink silhouette `width` wide plus its outline, then
        fills of segments [i, j] of the polyline, each with its own slot and width (sleeve, then skin)."""
        self.limbs([points], width, [fills])

    def limbs(self, polylines: list[np.ndarray], width: float, fills: list[list[tuple[int, int, Slot, float]]]) -> None:
        """Several limbs as one silhouette: their ink in one call, then the fills segment by segment
        (where limbs cross, no outline parts them: fine for small figures). Consecutive segments of
        one slot and width are filled as one polyline."""
        polylines = [np.asarray(p, np.float64).reshape(-1, 2) for p in polylines]
        self._add_many(LIMB_INK, Slot.INK, polylines, width)
        runs = [_runs(limb_fills) for limb_fills in fills]
        for k in range(max(len(r) for r in runs)):
            for points, limb_runs in zip(polylines, runs):
                if k < len(limb_runs):
                    i, j, slot, fill_width = limb_runs[k]
                    self._add(LIMB_FILL, slot, points[i:j + 1], fill_width)

    def stick(self, start: np.ndarray, end: np.ndarray, width: float, slot: Slot = Slot.WOOD) -> None:
        """A straight outlined stick (a pole, a shaft, a post) `width` head units thick."""
        self.limb(np.stack([np.asarray(start, np.float64), np.asarray(end, np.float64)]), width, [(0, 1, slot, width)])

    def _add_many(self, code: int, slot: int, shapes: list[np.ndarray], width: float) -> None:
        spans = []
        for points in shapes:
            self._chunks.append(points)
            spans.append((self._count, self._count + len(points)))
            self._count += len(points)
        self._ops.append(Op(code, int(slot), tuple(spans), width, False, *self._sizes))

    def dot(self, centre: tuple[float, float], radius: float, slot: Slot, outlined: bool = True, detail: float = 0.0,
            squash: float = 1.0) -> None:
        """A small disc (eyes, buttons, hands), a polygon so that it moves with the figure's map."""
        steps = 10 if radius > 0.08 else 6
        self.shape(ellipse(centre[0], centre[1], radius, radius * squash, steps), slot, outlined, detail)

    def build(self) -> Program:
        points = np.concatenate(self._chunks) if self._chunks else np.zeros((0, 2))
        points.flags.writeable = False
        return Program(points, _merged(self._ops, points))


def figure_map(scale: float, x: float, y: float, mirrored: bool = False, rotate_deg: float = 0.0,
               width_scale: float = 1.0, height_scale: float = 1.0) -> np.ndarray:
    """The 2x3 affine map from head units to pixels: scale, optional mirror, a change of width and of
    height (a figure's build: bodies are drawn for one reference build), a turn about the origin (a
    falling figure tips about its feet), then a move to (x, y)."""
    t = np.radians(rotate_deg)
    c, s = float(np.cos(t)), float(np.sin(t))
    sx = (-width_scale if mirrored else width_scale) * scale
    sy = height_scale * scale
    return np.array([[c * sx, -s * sy, x], [s * sx, c * sy, y]])


def odd_ink_px(width_px: float) -> int:
    """The odd pixel width (1, 3, 5, ...) nearest to `width_px`: the widths OpenCV lines come in."""
    return max(1, 2 * int(width_px / 2.0) + 1)


def _stroke_thickness(ink_px: int) -> int:
    """The thickness argument that makes OpenCV draw an `ink_px` wide line (odd ink_px)."""
    return max(1, ink_px - 1)


def placement(affine: np.ndarray) -> np.ndarray:
    """An affine map (head units to pixels) in OpenCV's fixed point, rounding included: what `paint` takes,
    computed once for all the programs one figure paints with it."""
    fixed = affine * FIXED_SCALE
    fixed[:, 2] += 0.5
    return fixed


def paint(image: np.ndarray, program: Program, placed: np.ndarray, palette: tuple[Colour, ...], unit_px: float,
          ink_px: int, printed_head_px: float, line_type: int = cv2.LINE_AA) -> None:
    """Replay a program placed by `placed` (placement(affine)): `unit_px` is one head unit in pixels of
    `image`, `ink_px` the outline width (odd), `printed_head_px` the head size on the finished page (it
    decides which details are drawn). `line_type` LINE_8 is twice as fast as LINE_AA and as good on a
    page that is drawn large and shrunk."""
    if not program.ops:
        return
    points = cv2.transform(program.column, placed).astype(np.int32)
    ink = palette[Slot.INK]
    outline = _stroke_thickness(ink_px)
    for code, slot, spans, width, closed, detail, below in program.steps:
        if detail > printed_head_px or printed_head_px >= below:
            continue
        shapes = [points[span] for span in spans]
        if code == FILL_INK:
            cv2.fillPoly(image, shapes, palette[slot], cv2.LINE_8, FIXED_SHIFT)
            cv2.polylines(image, shapes, True, ink, outline, line_type, FIXED_SHIFT)
        elif code == LIMB_FILL:
            cv2.polylines(image, shapes, False, palette[slot], max(1, int(width * unit_px + 0.5)), line_type, FIXED_SHIFT)
        elif code == LIMB_INK:
            cv2.polylines(image, shapes, False, ink, max(1, int(width * unit_px + 0.5)) + 2 * ink_px, line_type, FIXED_SHIFT)
        elif code == STROKE:
            cv2.polylines(image, shapes, closed, palette[slot], outline if width <= 0 else max(1, int(width * unit_px + 0.5)),
                          line_type, FIXED_SHIFT)
        else:
            cv2.fillPoly(image, shapes, palette[slot], cv2.LINE_8, FIXED_SHIFT)
