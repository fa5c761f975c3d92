"""What the page draws over the picture besides the circles: the heat layer and each candidate's window.

Both come from the network's geometry (``waldo.conv``): heatmap cell ``u`` is centred on picture
pixel ``offset + jump * u`` and sees ``receptive_field`` pixels around it. The browser places the
heat layer (one pixel per cell) and the windows in the picture's own pixel coordinates, so they
zoom and pan with it and stay exactly where the network's cells are.
"""

from __future__ import annotations

import base64

import cv2
import numpy as np

from waldo.conv import StackGeometry
from waldo.infer.detector import Detection
from waldo.pictures.overlay import heat_colours


def candidate_window(detection: Detection, geometry: StackGeometry, grid: tuple[int, int]) -> dict[str, list]:
    """The heatmap cell under a detection and the picture window that cell sees, as pixel edges x0, y0, x1, y1.

    The cell is on the grid of the picture at scale 1; a Waldo found on a resized copy (``scales``)
    was seen through a window 1 / scale times as wide.
    """
    rows, cols = grid
    u = min(max(round(geometry.pixel_to_cell(detection.x)), 0), cols - 1)
    v = min(max(round(geometry.pixel_to_cell(detection.y)), 0), rows - 1)
    (x0, x1), (y0, y1) = geometry.receptive_box(u), geometry.receptive_box(v)
    cx, cy, half = geometry.cell_to_pixel(u), geometry.cell_to_pixel(v), geometry.jump / 2
    return {
        "cell": [int(u), int(v)],
        "cell_box": [cx - half, cy - half, cx + half, cy + half],
        "window": [x0 - 0.5, y0 - 0.5, x1 + 0.5, y1 + 0.5],  # first and last pixel seen, to their outer edges
    }


def heat_layer(heat: np.ndarray, geometry: StackGeometry) -> dict[str, object]:
    """The waldoness map as a PNG with one pixel per cell (colour and opacity), and where it lies on the picture."""
    colours, alpha = heat_colours(heat)  # the look of waldo-detect's heatmap pictures
    ok, png = cv2.imencode(".png", np.dstack([colours[..., ::-1], (alpha * 255 + 0.5).astype(np.uint8)]))
    if not ok:
        raise ValueError("could not encode the heatmap as PNG")
    rows, cols = heat.shape
    half = geometry.jump / 2
    return {
        "png": "data:image/png;base64," + base64.b64encode(png.tobytes()).decode("ascii"),
        "box": [geometry.offset - half, geometry.offset - half, geometry.offset - half + cols * geometry.jump, geometry.offset - half + rows * geometry.jump],
    }
