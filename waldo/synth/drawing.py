"""Low-level comic drawing: polygon geometry in float units, drawn with OpenCV in fixed point.

Everything a figure or prop is made of becomes a polygon here, so that one affine
transform places a whole figure and stripes are cut once, when a shape is defined.
Fills use plain 8-connected rasterisation and outlines use anti-aliased lines: in
comic style the visible edge of every shape is its outline, so AA there is enough.
"""

from functools import lru_cache

import cv2
import numpy as np

from waldo.synth.palette import Colour

INK_WIDTH = 0.025
FIXED_SHIFT = 3
FIXED_SCALE = float(1 << FIXED_SHIFT)

def ellipse(cx: float, cy: float, rx: float, ry: float, steps: int = 16,
            start_deg: float = 0.0, end_deg: float = 360.0) -> np.ndarray:
    """Polygon (steps, 2) approximating an ellipse or an elliptic arc (image axes, y down)."""
    closed = end_deg - start_deg >= 360.0
    unit = _unit_arc(steps, start_deg, end_deg, closed)
    return unit * np.array([rx, ry]) + np.array([cx, cy])


@lru_cache(maxsize=256)
def _unit_arc(steps: int, start_deg: float, end_deg: float, closed: bool) -> np.ndarray:
    angles = np.radians(np.linspace(start_deg, end_deg, steps, endpoint=not closed))
    arc = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    arc.flags.writeable = False
    return arc


def rect(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    """Axis-aligned rectangle as a 4-point polygon."""
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=float)


def polygon(*points: tuple[float, float]) -> np.ndarray:
    """Polygon from literal points, for hand-drawn template shapes."""
    return np.array(points, dtype=float)


def mirror_x(shape: np.ndarray) -> np.ndarray:
    """The same shape reflected about x = 0 (left and right limbs share one definition)."""
    return shape * np.array([-1.0, 1.0])


def _clip_half_plane(points: list[tuple[float, float]], axis: int, limit: float,
                     keep_below: bool) -> list[tuple[float, float]]:
    """Sutherland-Hodgman step: keep the part of a polygon on one side of an axis line.

    Works on plain float pairs: props cut stripes for every scene, and this loop on numpy
    scalars cost more than the drawing (the same float64 arithmetic, so the same vertices)."""
    kept: list[tuple[float, float]] = []
    if not points:
        return kept
    previous = points[-1]
    was_inside = previous[axis] <= limit if keep_below else previous[axis] >= limit
    for current in points:
        is_inside = current[axis] <= limit if keep_below else current[axis] >= limit
        if is_inside != was_inside:
            t = (limit - previous[axis]) / (current[axis] - previous[axis])
            kept.append((previous[0] + t * (current[0] - previous[0]), previous[1] + t * (current[1] - previous[1])))
        if is_inside:
            kept.append(current)
        previous, was_inside = current, is_inside
    return kept


def clip_to_band(shape: np.ndarray, lo: float, hi: float, axis: int = 1) -> np.ndarray | None:
    """The part of a convex polygon between two lines of constant x (axis 0) or y (axis 1), in float64."""
    points = _clip_half_plane([tuple(p) for p in shape.astype(np.float64).tolist()], axis, float(lo), keep_below=False)
    points = _clip_half_plane(points, axis, float(hi), keep_below=True) if points else []
    return np.array(points) if len(points) >= 3 else None


def stripe_bands(shape: np.ndarray, start: float, period: float, axis: int = 1, duty: float = 0.5) -> list[np.ndarray]:
    """The second colour of a stripe pattern across a convex shape: a band of width duty * period
    every period, starting at `start`."""
    if _is_axis_rect(shape):
        return _rect_bands(shape, start, period, axis, duty)
    lo, hi = shape[:, axis].min(), shape[:, axis].max()
    bands = []
    position = start
    while position < hi:
        band = clip_to_band(shape, position, position + period * duty, axis)
        if band is not None:
            bands.append(band)
        position += period
    return [b for b in bands if b[:, axis].max() > lo]


def _is_axis_rect(shape: np.ndarray) -> bool:
    """Whether a polygon is an axis-aligned rectangle as `rect` builds it."""
    return len(shape) == 4 and bool(np.array_equal(shape, rect(*shape[0], *shape[2])))


def _rect_bands(shape: np.ndarray, start: float, period: float, axis: int, duty: float) -> list[np.ndarray]:
    """`stripe_bands` of a rectangle: the bands are rectangles too, so no clipping is needed."""
    lo, hi = float(shape[:, axis].min()), float(shape[:, axis].max())
    starts = np.arange(start, hi, period)
    band_lo, band_hi = np.maximum(starts, lo), np.minimum(starts + period * duty, hi)
    keep = band_hi > band_lo
    other = shape[:, 1 - axis]
    bounds = [(a, b) for a, b in zip(band_lo[keep].tolist(), band_hi[keep].tolist())]
    if axis == 1:
        return [rect(other.min(), a, other.max(), b) for a, b in bounds]
    return [rect(a, other.min(), b, other.max()) for a, b in bounds]


def to_fixed(points: np.ndarray) -> np.ndarray:
    """Float pixel coordinates to OpenCV's fixed-point int32 (sub-pixel positions survive)."""
    return np.rint(points * FIXED_SCALE).astype(np.int32)


def fill(image: np.ndarray, polygons: list[np.ndarray], colour: Colour) -> None:
    """Fill fixed-point polygons; several non-overlapping polygons share one call."""
    cv2.fillPoly(image, polygons, colour, cv2.LINE_8, FIXED_SHIFT)


def fill_rows(image: np.ndarray, top: int, bottom: int, colour: Colour) -> None:
    """Paint the whole rows top..bottom-1 one colour. OpenCV writes a three-channel colour over a big canvas
    many times faster than numpy broadcasting it."""
    top, bottom = max(0, int(top)), min(image.shape[0], int(bottom))
    if bottom > top:
        cv2.rectangle(image, (0, top), (image.shape[1] - 1, bottom - 1), colour, cv2.FILLED)


def stroke(image: np.ndarray, polygons: list[np.ndarray], colour: Colour, thickness: int, closed: bool) -> None:
    """Anti-aliased outline or line through fixed-point points."""
    cv2.polylines(image, polygons, closed, colour, thickness, cv2.LINE_AA, FIXED_SHIFT)
