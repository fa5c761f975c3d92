"""Exact tiled inference of a fully-convolutional net: bounded memory, no seams.

A heatmap cell depends only on the pixels in its receptive field (``waldo.conv``). So a
tile whose origin is a multiple of the net's jump computes picture cell ``u`` as its own
cell ``u - origin / jump``, and gets it exactly right whenever that cell's receptive field
lies inside the tile, or reaches past the tile only where the tile meets the picture's
border (whole-picture inference pads there with the same zeros). Each tile supplies just
those cells; the next tile starts early enough to supply the following ones.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from waldo.conv import ConvGeometry, stack_geometry, stack_out_size
from waldo.model.heatmap import HEAD_CHANNELS

LARGEST_SMALLEST_INPUT = 4096  # px; a net needing a bigger picture than this for one cell is a config error


@dataclass(frozen=True)
class AxisTile:
    """One tile along one axis: its pixels [start, stop) and the picture cells [first_cell, end_cell) it supplies."""

    start: int
    stop: int
    first_cell: int
    end_cell: int


def smallest_input(layers: Sequence[ConvGeometry]) -> int:
    """Fewest pixels per side for which the net gives a heatmap at all."""
    for size in range(1, LARGEST_SMALLEST_INPUT + 1):
        try:
            if stack_out_size(size, layers) >= 1:
                return size
        except ValueError:
            continue
    raise ValueError(f"the model needs pictures over {LARGEST_SMALLEST_INPUT} px on a side; check its stages")


def smallest_tile(layers: Sequence[ConvGeometry]) -> int:
    """The smallest tile that still supplies a cell past its overlap: receptive field plus one jump, in whole jumps."""
    geometry = stack_geometry(layers)
    return geometry.jump * math.ceil((geometry.receptive_field + geometry.jump) / geometry.jump)


def check_tile_size(tile: int, layers: Sequence[ConvGeometry]) -> None:
    """Refuse a tile too small to make progress, naming the smallest that works."""
    least = smallest_tile(layers)
    if tile < least:
        raise ValueError(
            f"tile_size={tile} is too small for this model: a tile must hold its receptive field "
            f"({stack_geometry(layers).receptive_field} px) plus one heatmap step; use tile_size>={least}"
        )


def plan_axis(size: int, tile: int, layers: Sequence[ConvGeometry]) -> list[AxisTile]:
    """Tiles along one axis of ``size`` pixels, each at most ``tile`` wide, together supplying every cell once."""
    check_tile_size(tile, layers)
    geometry = stack_geometry(layers)
    jump, half = geometry.jump, (geometry.receptive_field - 1) / 2
    cells = stack_out_size(size, layers)
    tile -= tile % jump
    tiles, start, first = [], 0, 0
    while True:
        stop = min(size, start + tile)
        if stop == size:
            end = cells
        else:  # cells whose receptive field ends inside the tile: offset + jump*u + half <= stop - 1
            end = min(cells, math.floor((stop - 1 - half - geometry.offset) / jump) + 1)
        tiles.append(AxisTile(start, stop, first, end))
        if end >= cells:
            return tiles
        first = end
        start = max(0, math.floor((geometry.cell_to_pixel(first) - half) / jump) * jump)


def _run_tile(net: nn.Module, crop: np.ndarray, device: torch.device) -> torch.Tensor:
    """One RGB uint8 crop -> raw output (C, h, w); only this crop is ever converted to float."""
    pixels = torch.from_numpy(crop).to(device).permute(2, 0, 1)[None]
    images = pixels.to(dtype=torch.float32, memory_format=torch.channels_last).div_(255.0)
    return net(images)[0]


def stitched_output(
    net: nn.Module, picture: np.ndarray, layers: Sequence[ConvGeometry], tile: int, device: torch.device
) -> torch.Tensor:
    """The net's raw output (C, h, w) for a whole RGB uint8 picture, computed tile by tile on ``device``."""
    jump = stack_geometry(layers).jump
    rows = plan_axis(picture.shape[0], tile, layers)
    cols = plan_axis(picture.shape[1], tile, layers)
    stitched = torch.empty((HEAD_CHANNELS, rows[-1].end_cell, cols[-1].end_cell), dtype=torch.float32)
    for row in rows:
        for col in cols:
            output = _run_tile(net, picture[row.start : row.stop, col.start : col.stop], device)
            r0, c0 = row.start // jump, col.start // jump
            stitched[:, row.first_cell : row.end_cell, col.first_cell : col.end_cell] = output[
                :, row.first_cell - r0 : row.end_cell - r0, col.first_cell - c0 : col.end_cell - c0
            ].float().cpu()
    return stitched
