"""Points <-> heatmaps, both directions through ``waldo.conv``'s cell<->pixel map.

``encode`` makes training targets (a Gaussian splat per Waldo head, its sub-cell offset
and its size); ``decode`` turns the network's output back into scored points. Training's
validation and the detector both call this ``decode``, so they cannot disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from waldo.conv import StackGeometry

# Output channels of the network's head, in order.
LOGIT, OFFSET_X, OFFSET_Y, LOG_SIZE = 0, 1, 2, 3
HEAD_CHANNELS = 4


@dataclass
class HeatmapTargets:
    """Training targets for one picture on an (h, w) grid."""

    heat: np.ndarray  # (h, w) float32, 1.0 exactly at each head's cell, Gaussian falloff
    offset: np.ndarray  # (2, h, w) float32, sub-cell (dx, dy) of the head centre, in cells
    log_size: np.ndarray  # (h, w) float32, log(head height / heatmap stride)
    mask: np.ndarray  # (h, w) float32, 1.0 where offset and size are supervised


def gaussian_sigma(head_height: float, jump: int, sigma_per_head: float, min_sigma: float) -> float:
    """Splat width in cells: a fixed fraction of the head, never narrower than ``min_sigma``."""
    return max(min_sigma, sigma_per_head * head_height / jump)


def encode(
    points: np.ndarray,
    head_heights: np.ndarray,
    grid: tuple[int, int],
    geometry: StackGeometry,
    sigma_per_head: float = 0.15,
    min_sigma: float = 0.6,
) -> HeatmapTargets:
    """Splat each head point (pixels) onto the heatmap grid (cells); heads whose cell is off the grid are skipped."""
    h, w = grid
    heat = np.zeros((h, w), np.float32)
    offset = np.zeros((2, h, w), np.float32)
    log_size = np.zeros((h, w), np.float32)
    mask = np.zeros((h, w), np.float32)
    rows, cols = np.arange(h, dtype=np.float32), np.arange(w, dtype=np.float32)
    for (x, y), size in zip(np.asarray(points, np.float32).reshape(-1, 2), np.asarray(head_heights).reshape(-1)):
        cx, cy = geometry.pixel_to_cell(float(x)), geometry.pixel_to_cell(float(y))
        ix, iy = int(round(cx)), int(round(cy))
        if not (0 <= ix < w and 0 <= iy < h):
            continue
        sigma = gaussian_sigma(float(size), geometry.jump, sigma_per_head, min_sigma)
        reach = int(math.ceil(3 * sigma))
        y0, y1, x0, x1 = max(0, iy - reach), min(h, iy + reach + 1), max(0, ix - reach), min(w, ix + reach + 1)
        gy = np.exp(-((rows[y0:y1] - iy) ** 2) / (2 * sigma**2))
        gx = np.exp(-((cols[x0:x1] - ix) ** 2) / (2 * sigma**2))
        np.maximum(heat[y0:y1, x0:x1], np.outer(gy, gx), out=heat[y0:y1, x0:x1])
        offset[:, iy, ix] = (cx - ix, cy - iy)
        log_size[iy, ix] = math.log(float(size) / geometry.jump)
        mask[iy, ix] = 1.0
    return HeatmapTargets(heat, offset, log_size, mask)


@dataclass
class Peaks:
    """Decoded detections of one picture, best first, in input pixels."""

    points: torch.Tensor  # (K, 2) x, y
    scores: torch.Tensor  # (K,)
    head_heights: torch.Tensor  # (K,) px


def find_peaks(
    output: torch.Tensor,
    geometry: StackGeometry,
    threshold: float = 0.3,
    top_k: int = 20,
) -> list[Peaks]:
    """Network output (B, 4, h, w) -> peaks per picture: 3x3 max-pool NMS, threshold, top-K, offset, cell->pixel."""
    heat = torch.sigmoid(output[:, LOGIT])
    is_peak = heat == F.max_pool2d(heat[:, None], kernel_size=3, stride=1, padding=1)[:, 0]
    heat = torch.where(is_peak, heat, torch.zeros_like(heat))
    width = heat.shape[-1]
    results = []
    for b in range(heat.shape[0]):
        scores, flat = heat[b].flatten().topk(min(top_k, heat[b].numel()))
        keep = scores >= threshold
        scores, flat = scores[keep], flat[keep]
        iy, ix = flat // width, flat % width
        cx = ix.to(output.dtype) + output[b, OFFSET_X, iy, ix]
        cy = iy.to(output.dtype) + output[b, OFFSET_Y, iy, ix]
        points = torch.stack([geometry.cell_to_pixel(cx), geometry.cell_to_pixel(cy)], dim=1)
        heights = output[b, LOG_SIZE, iy, ix].exp() * geometry.jump
        results.append(Peaks(points.float(), scores.float(), heights.float()))
    return results
