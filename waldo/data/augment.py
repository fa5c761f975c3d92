"""Training-time augmentation (albumentations, keypoint-aware) and target encoding.

Head points travel as ``xys`` keypoints, so a random scale moves them *and* scales the
head size that sets each target's Gaussian width. Colour jitter keeps hue shifts tiny:
Waldo's red must stay red.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import albumentations as A
import cv2
import numpy as np
import torch

from waldo.conv import StackGeometry
from waldo.model.heatmap import encode


def training_transform(patch_size: int, strength: float, scale_range: tuple[float, float], waldo_crop_rate: float) -> A.Compose:
    """Random scale, a patch crop that holds a Waldo ``waldo_crop_rate`` of the time, flips and photo noise.

    ``strength`` (0..1+) scales every photometric effect at once, so a sweep can tune one number.
    """
    if not 0.0 <= waldo_crop_rate <= 1.0:
        raise ValueError(f"data.waldo_crop_rate={waldo_crop_rate} must lie in [0, 1]")
    if strength < 0:
        raise ValueError(f"data.augment_strength={strength} must not be negative")
    low, high = scale_range
    if not 0 < low <= high:
        raise ValueError(f"data.scale_range={list(scale_range)} must be 0 < low <= high")
    s = float(strength)
    crops = [A.AtLeastOneBBoxRandomCrop(patch_size, patch_size, p=waldo_crop_rate), A.RandomCrop(patch_size, patch_size, p=1.0 - waldo_crop_rate)]
    return A.Compose(
        [
            A.RandomScale(scale_limit=(low - 1.0, high - 1.0), p=1.0),
            A.PadIfNeeded(patch_size, patch_size, border_mode=cv2.BORDER_CONSTANT, fill=128),  # reflecting would mirror unlabelled Waldos in
            A.OneOf(crops, p=1.0) if 0 < waldo_crop_rate < 1 else crops[0] if waldo_crop_rate == 1 else crops[1],
            A.HorizontalFlip(p=0.5),
            A.ColorJitter(brightness=0.25 * s, contrast=0.25 * s, saturation=0.25 * s, hue=0.02 * s, p=min(1.0, 0.8 * s)),
            A.OneOf([A.GaussianBlur(blur_limit=(3, 3)), A.MotionBlur(blur_limit=(3, 5))], p=min(1.0, 0.2 * s)),
            A.GaussNoise(std_range=(0.01, 0.01 + 0.04 * s), p=min(1.0, 0.2 * s)),
            A.ImageCompression(quality_range=(max(10, int(90 - 50 * s)), 95), p=min(1.0, 0.3 * s)),
        ],
        keypoint_params=A.KeypointParams(format="xys", remove_invisible=True),
        bbox_params=A.BboxParams(format="pascal_voc", min_visibility=0.0, clip=True),
    )


def head_heights(boxes: np.ndarray) -> np.ndarray:
    """Head height in px (hat top to chin) of each xyxy head box."""
    boxes = np.asarray(boxes, np.float32).reshape(-1, 4)
    return boxes[:, 3] - boxes[:, 1]


def augment(transform: A.Compose, sample: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One augmented patch: (image, head points (N, 2), head heights (N,)) for the heads that remain in view."""
    heights = head_heights(sample["boxes"])
    points = np.asarray(sample["points"], np.float32).reshape(-1, 2)
    keypoints = np.concatenate([points, heights[:, None]], axis=1) if len(points) else np.zeros((0, 3), np.float32)
    boxes = np.asarray(sample["boxes"], np.float32).reshape(-1, 4)
    out = transform(image=sample["image"], keypoints=keypoints, bboxes=boxes)
    kept = np.asarray(out["keypoints"], np.float32).reshape(-1, 3)
    return out["image"], kept[:, :2], kept[:, 2]


def to_training_example(
    image: np.ndarray, points: np.ndarray, heights: np.ndarray, geometry: StackGeometry, grid: tuple[int, int], sigma_per_head: float, min_sigma: float
) -> dict[str, Any]:
    """Tensors the LightningModule eats: the image in [0, 1] and every target ``heatmap.encode`` makes."""
    targets = encode(points, heights, grid, geometry, sigma_per_head, min_sigma)
    return {
        "image": torch.from_numpy(np.ascontiguousarray(image)).permute(2, 0, 1).float().div_(255.0),
        "heat": torch.from_numpy(targets.heat),
        "offset": torch.from_numpy(targets.offset),
        "log_size": torch.from_numpy(targets.log_size),
        "mask": torch.from_numpy(targets.mask),
        "points": torch.from_numpy(np.asarray(points, np.float32).reshape(-1, 2)),
        "heights": torch.from_numpy(np.asarray(heights, np.float32).reshape(-1)),
    }
