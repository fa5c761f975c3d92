"""Training-time photometric augmentation (albumentations) and target encoding.

JPEG artefacts are laid on a whole scene as it enters the pool (scene_pool.py); the patch is
then cut, zoomed and flipped (patch_cut.py), and colour, blur and noise act on the patch alone,
so none of them moves a head. Colour jitter leaves hue alone: Waldo's red must stay red.
Images travel to the training process as uint8 rather than float32; the LightningModule
scales them to [0, 1].
"""

from __future__ import annotations

from typing import Any

import albumentations as A
import numpy as np
import torch

from waldo.conv import StackGeometry
from waldo.data.colour_jitter import ColourJitter
from waldo.data.field_noise import FieldNoise
from waldo.model.heatmap import encode


def _check_strength(strength: float) -> float:
    if strength < 0:
        raise ValueError(f"data.augment_strength={strength} must not be negative")
    return float(strength)


def photometric_transform(strength: float) -> A.Compose:
    """Colour jitter (colour_jitter.py), blur and noise (field_noise.py) of each patch; ``strength`` (0..1+) scales every effect at once,
    so a sweep can tune one number."""
    s = _check_strength(strength)
    return A.Compose(
        [
            ColourJitter(brightness=0.25 * s, contrast=0.25 * s, saturation=0.25 * s, p=min(1.0, 0.8 * s)),
            A.OneOf([A.GaussianBlur(blur_limit=(3, 3)), A.MotionBlur(blur_limit=(3, 5))], p=min(1.0, 0.2 * s)),
            FieldNoise(std_range=(0.01, 0.01 + 0.04 * s), p=min(1.0, 0.2 * s)),
        ]
    )


def scene_transform(strength: float) -> A.Compose:
    """JPEG artefacts of a whole drawn scene, as it enters the pool: a page is compressed whole, then zoomed like any
    picture the detector reads, and once per scene costs a fraction of once per patch."""
    s = _check_strength(strength)
    return A.Compose([A.ImageCompression(quality_range=(max(10, int(90 - 50 * s)), 95), p=min(1.0, 0.3 * s))])


def to_training_example(
    image: np.ndarray, points: np.ndarray, heights: np.ndarray, geometry: StackGeometry, grid: tuple[int, int], sigma_per_head: float, min_sigma: float
) -> dict[str, Any]:
    """Tensors the LightningModule eats: the image (3, H, W) uint8 and every target ``heatmap.encode`` makes."""
    targets = encode(points, heights, grid, geometry, sigma_per_head, min_sigma)
    return {
        "image": torch.from_numpy(np.ascontiguousarray(image)).permute(2, 0, 1),  # a (3, H, W) view of H x W x 3 memory
        "heat": torch.from_numpy(targets.heat),
        "offset": torch.from_numpy(targets.offset),
        "log_size": torch.from_numpy(targets.log_size),
        "mask": torch.from_numpy(targets.mask),
        # numpy, not tensors: a worker sends each tensor of a batch through its own shared-memory file, which costs the
        # training process more time than these few numbers are worth; numpy arrays travel inside the message
        "points": np.asarray(points, np.float32).reshape(-1, 2),
        "heights": np.asarray(heights, np.float32).reshape(-1),
    }
