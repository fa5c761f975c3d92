"""Cutting one training patch out of a scene: a random zoom, a window that often holds a Waldo, a flip.

A patch is a square window of the scene resized to the patch size, so it costs one small resize
however big the scene is (zooming the whole scene first, then cropping, cost as much as drawing a
small scene). The window is whole pixels wide, so the zoom is patch / window, within half a pixel
of the one drawn. Coordinates are continuous: a pixel spans [i, i + 1), so the zoom maps x to
(x - left) * zoom and a flip maps x to patch - x. Outside the scene the patch is mid-grey
(mirroring would copy unlabelled Waldos in).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

BORDER_GREY = 128


@dataclass(frozen=True)
class PatchCut:
    """Where one patch comes from: the window of ``size`` scene px at (``left``, ``top``), mirrored or not."""

    left: int
    top: int
    size: int
    flip: bool

    def zoom(self, patch: int) -> float:
        return patch / self.size

    def points(self, points: np.ndarray, patch: int) -> tuple[np.ndarray, np.ndarray]:
        """Continuous scene coordinates (N, 2) in patch coordinates, and which of them fall inside the window."""
        zoom = self.zoom(patch)
        x = (points[:, 0] - self.left) * zoom
        y = (points[:, 1] - self.top) * zoom
        inside = (x >= 0) & (x < patch) & (y >= 0) & (y < patch)  # before the flip: a window holds [left, left + size)
        return np.stack([patch - x if self.flip else x, y], axis=1).astype(np.float32), inside

    def image(self, scene: np.ndarray, patch: int) -> np.ndarray:
        """The patch's pixels: the window (grey where it leaves the scene), resized and mirrored."""
        height, width = scene.shape[:2]
        x0, y0, x1, y1 = self.left, self.top, self.left + self.size, self.top + self.size
        if x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height:
            window = scene[y0:y1, x0:x1]
        else:
            window = np.full((self.size, self.size, scene.shape[2]), BORDER_GREY, np.uint8)
            sx0, sy0, sx1, sy1 = max(x0, 0), max(y0, 0), min(x1, width), min(y1, height)
            if sx1 > sx0 and sy1 > sy0:
                window[sy0 - y0 : sy1 - y0, sx0 - x0 : sx1 - x0] = scene[sy0:sy1, sx0:sx1]
        if self.size != patch:
            window = cv2.resize(window, (patch, patch), interpolation=cv2.INTER_LINEAR)
        elif not self.flip:
            return window.copy()  # never a view of the pooled scene, which later patches reuse
        return cv2.flip(window, 1) if self.flip else window


@dataclass(frozen=True)
class PatchCutter:
    """Random patches of ``patch`` px: zoom uniform in ``scale_range``; ``waldo_rate`` of them hold a Waldo's whole head
    (when the scene has one and it fits), the rest lie anywhere the scene reaches."""

    patch: int
    scale_range: tuple[float, float]
    waldo_rate: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.waldo_rate <= 1.0:
            raise ValueError(f"data.waldo_crop_rate={self.waldo_rate} must lie in [0, 1]")
        low, high = self.scale_range
        if not 0 < low <= high:
            raise ValueError(f"data.scale_range={list(self.scale_range)} must be 0 < low <= high")

    def choose(self, rng: np.random.Generator, shape: tuple[int, int], boxes: np.ndarray) -> PatchCut:
        """A random cut of a scene of ``shape`` (height, width) px whose heads have xyxy ``boxes``."""
        size = max(1, round(self.patch / float(rng.uniform(*self.scale_range))))
        height, width = shape
        left, top = self._start(rng, width, size), self._start(rng, height, size)
        if len(boxes) and rng.random() < self.waldo_rate:
            x0, y0, x1, y1 = np.asarray(boxes[int(rng.integers(len(boxes)))], np.float64)
            left, top = self._around(rng, x0, x1, width, size), self._around(rng, y0, y1, height, size)
        return PatchCut(left, top, size, bool(rng.random() < 0.5))

    @staticmethod
    def _start(rng: np.random.Generator, extent: int, size: int) -> int:
        """A window start along one axis: inside the scene, or centring a scene smaller than the window."""
        room = extent - size
        return int(rng.integers(room + 1)) if room >= 0 else room // 2

    @staticmethod
    def _around(rng: np.random.Generator, low: float, high: float, extent: int, size: int) -> int:
        """A window start along one axis that holds [low, high] (a head), kept inside the scene where it can be."""
        first, last = int(np.ceil(high)) - size, int(np.floor(low))  # a window starting in [first, last] holds the head
        if first > last:  # a head wider than the window: hold its middle
            first = last = int(round((low + high - size) / 2.0))
        if extent >= size:
            first, last = max(first, 0), min(last, extent - size)
        start = int(rng.integers(first, last + 1)) if last > first else first
        return min(max(start, 0), extent - size) if extent >= size else start

    def cut(self, rng: np.random.Generator, item: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """One patch of a scene item: (image, head points (N, 2), head heights (N,)) for the heads whose point is in view."""
        image = item["image"]
        boxes = np.asarray(item["boxes"], np.float32).reshape(-1, 4)
        cut = self.choose(rng, image.shape[:2], boxes)
        points, inside = cut.points(np.asarray(item["points"], np.float32).reshape(-1, 2), self.patch)
        heights = (boxes[:, 3] - boxes[:, 1]) * cut.zoom(self.patch)
        return cut.image(image, self.patch), points[inside], heights[inside].astype(np.float32)
