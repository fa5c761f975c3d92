"""The benchmark's free data: random batches in exactly the training loader's form, handed out again and again."""

import itertools

import numpy as np
import torch

from conftest import tiny_train_config
from waldo.benchmarks.replayed_batches import DISTINCT_BATCHES, replayed_loader
from waldo.cli.train import build


def _layout(batch):
    """Per key: the type and, for tensors, dtype, shape and whether the memory is channels-last."""
    return {key: (type(value).__name__, str(value.dtype), tuple(value.shape), value.is_contiguous(memory_format=torch.channels_last))
            if torch.is_tensor(value) else (type(value).__name__, [(type(v).__name__, v.dtype, v.shape[1:]) for v in value])
            for key, value in batch.items()}


def test_replayed_batches_look_like_the_training_loaders_and_cycle(tmp_path):
    cfg = tiny_train_config(tmp_path, "data.num_workers=0", "data.val_scenes=1")
    _, datamodule, _ = build(cfg)
    datamodule.setup("fit")
    real = next(iter(datamodule.train_dataloader()))
    replayed = list(itertools.islice(replayed_loader(datamodule), DISTINCT_BATCHES + 1))
    assert _layout(replayed[0]) == _layout(real)
    assert replayed[DISTINCT_BATCHES] is replayed[0]
    assert not torch.equal(replayed[0]["image"], replayed[1]["image"])
    for batch in replayed[:DISTINCT_BATCHES]:
        assert batch["mask"].sum(dim=(1, 2)).tolist() == [1.0] * len(batch["points"])  # each patch's one head is on its heatmap
        assert batch["heat"].amax(dim=(1, 2)).min() == 1.0
        assert all(isinstance(points, np.ndarray) and points.shape == (1, 2) for points in batch["points"])
