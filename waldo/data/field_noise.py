"""Gaussian pixel noise read from one pre-drawn field: the noise of albumentations' GaussNoise at a fraction of its cost.

Drawing a fresh normal number for every pixel of every patch cost more than cutting the patch;
a worker instead draws one field of standard normal noise (twice the patch's size, from the
transform's seeded generator) and adds a window of it at a random offset, scaled to a random
strength. Windows overlap, but noise that never meets a label teaches nothing by repeating.
"""

from typing import Any

import albumentations as A
import numpy as np


class FieldNoise(A.ImageOnlyTransform):
    """Adds N(0, std) noise per pixel and channel, std drawn uniformly from ``std_range`` (a share of 255)."""

    def __init__(self, std_range: tuple[float, float] = (0.01, 0.05), p: float = 0.5):
        super().__init__(p=p)
        low, high = std_range
        if not 0 <= low <= high:
            raise ValueError(f"noise std_range {list(std_range)} must be 0 <= low <= high")
        self.std_range = (float(low), float(high))
        self._field: np.ndarray | None = None

    def set_random_seed(self, seed: int | None) -> None:
        super().set_random_seed(seed)
        self._field = None  # the next field comes from the new seed

    def _field_for(self, shape: tuple[int, ...]) -> np.ndarray:
        height, width = shape[:2]
        field = self._field
        if field is None or field.shape[0] < 2 * height or field.shape[1] < 2 * width or field.shape[2:] != shape[2:]:
            field = self.random_generator.standard_normal((2 * height, 2 * width, *shape[2:]), dtype=np.float32)
            self._field = field
        return field

    def get_params_dependent_on_data(self, params: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
        image = data["image"]
        field = self._field_for(image.shape)
        height, width = image.shape[:2]
        top = self.py_random.randint(0, field.shape[0] - height)
        left = self.py_random.randint(0, field.shape[1] - width)
        return {"std": self.py_random.uniform(*self.std_range), "top": top, "left": left}

    def apply(self, img: np.ndarray, std: float, top: int, left: int, **params: Any) -> np.ndarray:
        height, width = img.shape[:2]
        noise = self._field[top : top + height, left : left + width]
        noisy = img.astype(np.float32) + noise * np.float32(std * 255.0) + np.float32(0.5)  # + 0.5: round, not floor
        return np.clip(noisy, 0.0, 255.0, out=noisy).astype(np.uint8)
