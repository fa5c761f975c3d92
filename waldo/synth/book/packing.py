"""Where the crowd stands: figures packed on the ground plane until the page is covered.

A coarse grid of cells remembers what the figures placed so far cover; cells are visited in
a random order and each one still open gets a figure whose body stands over it, so the page
fills from edge to edge with no rows and no open ground left but small gaps. Once every cell
is covered, figures keep coming at random places until the configured coverage is drawn,
which makes the crowd overlap as the books' crowds do. Each figure belongs to the group
whose area (the nearest group centre) it stands in, unless it wears clothes of its own.
"""

from dataclasses import dataclass

import numpy as np

from waldo.synth.book.perspective import GroundPlane

CELL_IN_HEADS = 0.9  # side of a packing cell, in head heights at the top of the ground
BODY_SHARE = (0.12, 0.85)  # the part of a figure's height (from the head down) that closes its cells
BODY_HALF_WIDTH = 0.42  # half the width of a figure's body that closes cells, head heights
BATCH = 64  # open cells picked at a time (some close before their turn and are skipped)


@dataclass(frozen=True)
class Spot:
    """Where one figure stands: feet at (x, y) px of the canvas, its head height and its group (-1 = own clothes)."""

    x: float
    y: float
    head_px: float
    group: int


def group_centres(rng: np.random.Generator, count: int, width: float, top: float, bottom: float) -> np.ndarray:
    """Centres of the groups' areas, (count, 2) px, spread over the ground."""
    return np.stack([rng.uniform(0.0, width, count), rng.uniform(top, bottom, count)], axis=1)


def pack_crowd(rng: np.random.Generator, plane: GroundPlane, width: int, height: int, heads_tall: float, coverage: float,
               max_figures: int, centres: np.ndarray, own_share: float) -> list[Spot]:
    """Spots for a crowd covering the ground below plane.top, `coverage` times its area in figure boxes."""
    cell = max(3.0, CELL_IN_HEADS * plane.head_top)
    columns, rows = int(np.ceil(width / cell)), int(np.ceil((height - plane.top) / cell))
    if columns <= 0 or rows <= 0:
        return []
    open_cells = np.ones((rows, columns), bool)
    target = coverage * width * (height - plane.top)
    drawn, feet = 0.0, []
    while drawn < target and len(feet) < max_figures:
        free = np.flatnonzero(open_cells)
        if len(free) == 0:
            break
        picks = free[rng.integers(0, len(free), min(BATCH, len(free)))]
        for index, (dx, dy) in zip(picks.tolist(), rng.random((len(picks), 2)).tolist()):
            row, column = divmod(index, columns)
            if drawn >= target or len(feet) >= max_figures or not open_cells[row, column]:
                continue
            x, y = _feet_below(plane, (column + dx) * cell, plane.top + (row + dy) * cell, heads_tall)
            feet.append((x, y))
            drawn += _close(open_cells, x, y, plane.head_at(y), heads_tall, cell, plane.top)
    while drawn < target and len(feet) < max_figures:
        x, y = _feet_below(plane, rng.uniform(0, width), rng.uniform(plane.top, height), heads_tall)
        feet.append((x, y))
        drawn += _close(open_cells, x, y, plane.head_at(y), heads_tall, cell, plane.top)
    return _grouped(rng, feet, plane, centres, own_share)


def _feet_below(plane: GroundPlane, x: float, body_y: float, heads_tall: float) -> tuple[float, float]:
    """Where the feet of a figure stand whose body is at (x, body_y)."""
    return x, body_y + 0.45 * heads_tall * plane.head_at(body_y)


def _grouped(rng: np.random.Generator, feet: list[tuple[float, float]], plane: GroundPlane, centres: np.ndarray,
             own_share: float) -> list[Spot]:
    """Spots at `feet`, each in the group of the nearest centre or, `own_share` of them, in clothes of their own."""
    if not feet:
        return []
    points = np.array(feet)
    heads = plane.heads_at(points[:, 1])
    if len(centres):
        distances = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        groups = np.argmin(distances, axis=1)
    else:
        groups = np.full(len(points), -1)
    groups = np.where(rng.random(len(points)) < own_share, -1, groups)
    return [Spot(x, y, h, g) for (x, y), h, g in zip(points.tolist(), heads.tolist(), groups.tolist())]


def _close(open_cells: np.ndarray, x: float, y: float, head: float, heads_tall: float, cell: float, top: float) -> float:
    """Mark the cells a figure's body covers; returns the area of its figure box."""
    tall = heads_tall * head
    half = BODY_HALF_WIDTH * head
    rows, columns = open_cells.shape
    r0 = max(0, int((y - tall * BODY_SHARE[1] - top) / cell))
    r1 = min(rows, int(np.ceil((y - tall * BODY_SHARE[0] - top) / cell)))
    c0, c1 = max(0, int((x - half) / cell)), min(columns, int(np.ceil((x + half) / cell)))
    if r1 > r0 and c1 > c0:
        open_cells[r0:r1, c0:c1] = False
    return tall * 2.2 * head
