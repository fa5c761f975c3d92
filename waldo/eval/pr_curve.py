"""Precision-recall curves drawn with OpenCV, so the evaluation needs no plotting library."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np

# BGR line colours, one per method in order: blue, orange, green, red.
COLOURS = ((180, 119, 31), (14, 127, 255), (44, 160, 44), (40, 39, 214))
SIZE = (720, 600)  # px, width and height of the picture
MARGIN = (80, 90, 30, 70)  # px, left, top, right, bottom: room for title, legend, tick labels and axis names
FONT = cv2.FONT_HERSHEY_SIMPLEX
GRID_GREY, INK = (225, 225, 225), (40, 40, 40)


def _to_canvas(recall: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """Curve coordinates (0..1 each) to integer pixel positions inside the plot area."""
    left, top, right, bottom = MARGIN
    width, height = SIZE[0] - left - right, SIZE[1] - top - bottom
    x = left + np.asarray(recall, np.float64) * width
    y = top + (1.0 - np.asarray(precision, np.float64)) * height
    return np.round(np.stack([x, y], axis=1)).astype(np.int32)


def _axes(canvas: np.ndarray, title: str) -> None:
    """Frame, grid every 0.2, tick labels, axis names and title."""
    (x0, y1), (x1, y0) = _to_canvas([0.0, 1.0], [0.0, 1.0])  # bottom-left and top-right corners
    for tick in np.linspace(0.0, 1.0, 6):
        x, y = int(round(x0 + tick * (x1 - x0))), int(round(y1 - tick * (y1 - y0)))
        cv2.line(canvas, (x, y0), (x, y1), GRID_GREY, 1)
        cv2.line(canvas, (x0, y), (x1, y), GRID_GREY, 1)
        cv2.putText(canvas, f"{tick:.1f}", (x - 12, y1 + 20), FONT, 0.45, INK, 1, cv2.LINE_AA)
        cv2.putText(canvas, f"{tick:.1f}", (x0 - 36, y + 5), FONT, 0.45, INK, 1, cv2.LINE_AA)
    cv2.rectangle(canvas, (x0, y0), (x1, y1), INK, 1)
    cv2.putText(canvas, "recall", ((x0 + x1) // 2 - 25, SIZE[1] - 20), FONT, 0.6, INK, 1, cv2.LINE_AA)
    label = np.full((30, 120, 3), 255, np.uint8)
    cv2.putText(label, "precision", (5, 20), FONT, 0.6, INK, 1, cv2.LINE_AA)
    rotated = cv2.rotate(label, cv2.ROTATE_90_COUNTERCLOCKWISE)
    top = (y0 + y1) // 2 - rotated.shape[0] // 2
    canvas[top : top + rotated.shape[0], 8 : 8 + rotated.shape[1]] = rotated
    cv2.putText(canvas, title, (x0, 25), FONT, 0.55, INK, 1, cv2.LINE_AA)


def _staircase(precision: np.ndarray, recall: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The curve as a step line starting at recall 0, so each new hit is a visible step."""
    recall = np.r_[0.0, np.repeat(np.asarray(recall, np.float64), 2)[:-1]] if len(recall) else np.zeros(1)
    precision = np.repeat(np.asarray(precision, np.float64), 2) if len(precision) else np.ones(1)
    return recall[: len(precision)], precision


def draw_pr_curves(curves: Sequence[tuple[str, np.ndarray, np.ndarray]], path: str | Path, title: str = "") -> Path:
    """One line per (label, precision, recall), a legend, and axes from 0 to 1; writes a PNG (never over a file)."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} already exists; not overwriting it")
    canvas = np.full((SIZE[1], SIZE[0], 3), 255, np.uint8)
    _axes(canvas, title)
    for index, (label, precision, recall) in enumerate(curves):
        colour = COLOURS[index % len(COLOURS)]
        steps_r, steps_p = _staircase(precision, recall)
        cv2.polylines(canvas, [_to_canvas(steps_r, steps_p)], False, colour, 2, cv2.LINE_AA)
        legend_x, legend_y = MARGIN[0] + 300 * (index % 2), 52 + 22 * (index // 2)  # above the plot, two per row
        cv2.line(canvas, (legend_x, legend_y - 5), (legend_x + 30, legend_y - 5), colour, 3)
        cv2.putText(canvas, label, (legend_x + 38, legend_y), FONT, 0.5, INK, 1, cv2.LINE_AA)
    if not cv2.imwrite(str(path), canvas):
        raise OSError(f"could not write {path}")
    return path
