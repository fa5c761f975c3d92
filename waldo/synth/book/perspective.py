"""The page's ground plane: how big a figure is drawn from where its feet stand.

The books look down on a ground that recedes toward the top of the page, so heads shrink
linearly with height on the page (a ground plane seen in perspective), from `head_top` at
the top of the ground to `depth_ratio` times that at the bottom edge. The plane is fixed by
Waldo: his head, drawn from the configured range, is the size of the heads around him.
"""

from dataclasses import dataclass

import numpy as np

MIN_HEAD_PX = 4.0
WALDO_DEPTH = (0.08, 1.0)  # where Waldo's feet may stand, share of the ground from its top to the bottom edge


@dataclass(frozen=True)
class GroundPlane:
    """Head height (px of the canvas) as a function of the feet's y: `head_top` at y = `top`,
    `head_top * depth_ratio` at y = `bottom`, straight in between and beyond."""

    top: float
    bottom: float
    head_top: float
    depth_ratio: float

    def head_at(self, y: float) -> float:
        share = (y - self.top) / max(self.bottom - self.top, 1.0)
        return max(MIN_HEAD_PX, self.head_top * (1.0 + (self.depth_ratio - 1.0) * share))

    def heads_at(self, ys: np.ndarray) -> np.ndarray:
        share = (ys - self.top) / max(self.bottom - self.top, 1.0)
        return np.maximum(MIN_HEAD_PX, self.head_top * (1.0 + (self.depth_ratio - 1.0) * share))


def ground_plane(rng: np.random.Generator, top: float, bottom: float, skull_px: float, depth_ratio: float,
                 largest_skull_px: float) -> tuple[GroundPlane, float]:
    """A plane on which a head of `skull_px` stands somewhere on the ground; returns it and that y.

    Heads at the bottom edge stay under `largest_skull_px`: a big head is moved down the page
    (nearer) until they do, and the ratio is lowered only when that is not enough.
    """
    share = float(rng.uniform(*WALDO_DEPTH))
    ratio = depth_ratio
    if ratio > 1.0 and skull_px * ratio > largest_skull_px:
        share = min(1.0, max(share, (skull_px * ratio / largest_skull_px - 1.0) / (ratio - 1.0)))
    head_top = skull_px / (1.0 + (ratio - 1.0) * share)
    if head_top * ratio > largest_skull_px and ratio > 1.0:
        ratio = max(1.0, largest_skull_px / max(head_top, 1e-6))
        head_top = skull_px / (1.0 + (ratio - 1.0) * share)
    return GroundPlane(top, bottom, head_top, ratio), top + share * (bottom - top)
