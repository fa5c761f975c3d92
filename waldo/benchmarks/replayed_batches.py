"""Training batches of random pictures, made once and handed out again and again from memory: data that costs
nothing, in exactly the form the training loader delivers (``datamodule.collate``), so that a training run fed by
them times the same Lightning step, clipping, logging and all, that the real loader feeds."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import numpy as np
from torch.utils.data import DataLoader, IterableDataset

from waldo.conv import stack_out_shape
from waldo.data.augment import to_training_example
from waldo.data.datamodule import WaldoDataModule, collate

DISTINCT_BATCHES = 4  # a few, so that no step reuses the batch its predecessor just held


def random_batch(datamodule: WaldoDataModule, rng: np.random.Generator) -> dict[str, Any]:
    """One batch of ``data.batch_size`` random uint8 patches, each with one head at a random place (clear of the edges,
    so that at the usual patch sizes it lands on the heatmap) and size."""
    cfg = datamodule.cfg
    patch = int(cfg.patch_size)
    grid = stack_out_shape(patch, patch, datamodule.layers)
    examples = []
    for _ in range(int(cfg.batch_size)):
        image = rng.integers(0, 256, (patch, patch, 3), dtype=np.uint8)
        points = rng.uniform(0.1 * patch, 0.9 * patch, (1, 2)).astype(np.float32)
        heights = rng.uniform(0.05 * patch, 0.25 * patch, 1).astype(np.float32)
        examples.append(to_training_example(image, points, heights, datamodule.geometry, grid, float(cfg.sigma_per_head), float(cfg.min_sigma)))
    return collate(examples)


class ReplayedBatches(IterableDataset):
    """An endless stream cycling through a few batches made up front."""

    def __init__(self, batches: list[dict[str, Any]]):
        super().__init__()
        self.batches = batches

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return itertools.cycle(self.batches)


def _as_made(batch: dict[str, Any]) -> dict[str, Any]:
    return batch  # the default per-item step would turn the numpy head lists into tensors the real loader never sends


def replayed_loader(datamodule: WaldoDataModule, seed: int = 0) -> DataLoader:
    """A loader in the training process (no workers) that hands out ready random batches."""
    rng = np.random.default_rng(seed)
    batches = [random_batch(datamodule, rng) for _ in range(DISTINCT_BATCHES)]
    return DataLoader(ReplayedBatches(batches), batch_size=None, num_workers=0, collate_fn=_as_made)
