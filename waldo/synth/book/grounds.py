"""The ground: one colour over the whole page, with the marks the books draw on it (grass tufts,
sand ripples, pebbles, cracks, planks, tiles, snow drifts), shrinking with the perspective.

Marks are drawn in one OpenCV call per kind: hundreds of small polylines built with numpy.
"""

import cv2
import numpy as np

from waldo.synth.book.perspective import GroundPlane
from waldo.synth.drawing import FIXED_SCALE, FIXED_SHIFT, fill_rows
from waldo.synth.palette import Colour

GROUNDS = ("grass", "sand", "earth", "rock", "snow", "planks", "floor")
MARKS_PER_HEAD_AREA = 0.55  # ground marks per (head height)^2 of ground
MOST_MARKS = 2500  # of one kind per page: the crowd covers nearly all of them anyway
PATCH_HEADS, MOST_PATCHES = 4.0, 80  # broad ground patches: up to this many heads across, at most this many per page
ANGLES = np.linspace(0, 2 * np.pi, 9, endpoint=False)

_TUFT = np.array([[-0.22, -0.22], [-0.1, 0.0], [0.0, -0.3], [0.1, 0.0], [0.22, -0.22]])
_RIPPLE = np.array([[-0.3, 0.0], [-0.1, -0.06], [0.1, -0.06], [0.3, 0.0]])
_CRACK = np.array([[-0.4, 0.0], [-0.1, -0.08], [0.05, 0.04], [0.35, -0.05]])
_PEBBLE = np.stack([0.09 * np.cos(np.linspace(0, 2 * np.pi, 7)), 0.06 * np.sin(np.linspace(0, 2 * np.pi, 7))], axis=1)


def _shade(colour: Colour, factor: float) -> Colour:
    r, g, b = colour
    return int(min(255, r * factor)), int(min(255, g * factor)), int(min(255, b * factor))


def _scatter(image: np.ndarray, rng: np.random.Generator, plane: GroundPlane, shape: np.ndarray, colour: Colour,
             density: float, width_share: float, line_type: int, closed: bool = False, jitter: float = 0.4) -> None:
    """Copies of `shape` (head units) all over the ground, each scaled to the head size where it lies."""
    height, width = image.shape[:2]
    mean_head = plane.head_at((plane.top + height) / 2)
    count = min(MOST_MARKS, int(density * MARKS_PER_HEAD_AREA * width * (height - plane.top) / max(mean_head, 1.0) ** 2))
    if count <= 0:
        return
    ys = rng.uniform(plane.top, height, count)
    xs = rng.uniform(0, width, count)
    heads = plane.heads_at(ys)
    sizes = heads * rng.uniform(1.0 - jitter, 1.0 + jitter, count)
    flips = np.where(rng.random(count) < 0.5, -1.0, 1.0)
    points = shape[None] * np.stack([sizes * flips, sizes], axis=1)[:, None] + np.stack([xs, ys], axis=1)[:, None]
    fixed = np.rint(points * FIXED_SCALE).astype(np.int32)
    thickness = max(1, int(round(float(np.median(heads)) * width_share)))
    cv2.polylines(image, list(fixed), closed, colour, thickness, line_type, FIXED_SHIFT)


def _patches(image: np.ndarray, rng: np.random.Generator, plane: GroundPlane, colour: Colour) -> None:
    """Broad patches a shade lighter or darker (worn grass, damp sand), a few heads across, shrinking with depth."""
    height, width = image.shape[:2]
    mean_head = plane.head_at((plane.top + height) / 2)
    count = min(MOST_PATCHES, int(width * (height - plane.top) / (PATCH_HEADS * max(mean_head, 1.0)) ** 2))
    for _ in range(count):
        y = rng.uniform(plane.top, height)
        size = plane.head_at(y) * rng.uniform(1.0, PATCH_HEADS)
        outline = np.stack([np.cos(ANGLES) * size * rng.uniform(0.8, 1.2, len(ANGLES)),
                            np.sin(ANGLES) * size * 0.45 * rng.uniform(0.8, 1.2, len(ANGLES))], axis=1)
        shade = _shade(colour, float(rng.choice([0.92, 1.06])))
        cv2.fillPoly(image, [np.rint((outline + (rng.uniform(0, width), y)) * FIXED_SCALE).astype(np.int32)], shade, cv2.LINE_8,
                     FIXED_SHIFT)


def _boards(image: np.ndarray, rng: np.random.Generator, plane: GroundPlane, colour: Colour, tiles: bool, line_type: int) -> None:
    """Planks or tiles: lines across the page, closer together toward the top, with joints or a grid."""
    height, width = image.shape[:2]
    y, segments = float(plane.top), []
    while y < height:
        step = plane.head_at(y) * (0.9 if tiles else 0.6)
        xs = np.arange(rng.uniform(0, 3 * step), width, (1.6 if tiles else 3.2) * step)
        ends = xs + (xs - width / 2) * 0.05 if tiles else xs
        joints = np.stack([np.stack([xs, np.full_like(xs, y)], axis=1), np.stack([ends, np.full_like(xs, y + step)], axis=1)], axis=1)
        segments.append(np.concatenate([np.array([[[0.0, y], [width, y]]]), joints]))
        y += step
    fixed = np.rint(np.concatenate(segments) * FIXED_SCALE).astype(np.int32)
    cv2.polylines(image, list(fixed), False, colour, max(1, int(round(plane.head_top * 0.05))), line_type, FIXED_SHIFT)


def draw_ground(image: np.ndarray, rng: np.random.Generator, plane: GroundPlane, kind: str, colour: Colour, ink: Colour,
                line_type: int) -> None:
    """Fill the ground (from plane.top down) with `colour` and draw its marks (OpenCV `line_type`)."""
    fill_rows(image, int(plane.top), image.shape[0], colour)
    if kind in ("grass", "sand", "earth", "rock", "snow"):
        _patches(image, rng, plane, colour)
    dark, light, lt = _shade(colour, 0.72), _shade(colour, 1.12), line_type
    if kind == "grass":
        _scatter(image, rng, plane, _TUFT, dark, 1.0, 0.05, lt)
        _scatter(image, rng, plane, _TUFT, ink, 0.25, 0.045, lt)
    elif kind == "sand":
        _scatter(image, rng, plane, _RIPPLE, dark, 0.8, 0.045, lt)
        _scatter(image, rng, plane, _PEBBLE * 0.6, _shade(colour, 0.6), 0.6, 0.05, lt, closed=True)
    elif kind == "earth":
        _scatter(image, rng, plane, _PEBBLE, dark, 0.7, 0.05, lt, closed=True)
        _scatter(image, rng, plane, _CRACK, _shade(colour, 0.65), 0.4, 0.045, lt)
    elif kind == "rock":
        _scatter(image, rng, plane, _CRACK, ink, 0.6, 0.045, lt)
        _scatter(image, rng, plane, _PEBBLE * 1.5, dark, 0.5, 0.05, lt, closed=True)
    elif kind == "snow":
        _scatter(image, rng, plane, _RIPPLE * 1.5, (170, 190, 215), 0.7, 0.045, lt)
    elif kind in ("planks", "floor"):
        _boards(image, rng, plane, dark if kind == "planks" else _shade(colour, 0.8), kind == "floor", lt)
        _scatter(image, rng, plane, _PEBBLE * 0.4, light, 0.3, 0.05, lt, closed=True)
    else:
        raise ValueError(f"unknown ground {kind!r}; known: {GROUNDS}")
