"""The LightningDataModule: an endless augmented synthetic stream for training, fixed scenes for validation.

Users' own annotated pictures (COCO or CSV folders) can be mixed into training and
can replace the synthetic validation set.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pytorch_lightning as pl
import torch
from lightning_fabric.utilities.seed import pl_worker_init_function
from omegaconf import DictConfig, OmegaConf
from torch.utils.data import DataLoader, Dataset, IterableDataset, get_worker_info

from waldo.conv import StackGeometry, stack_geometry, stack_out_shape
from waldo.data.augment import photometric_transform, scene_transform, to_training_example
from waldo.data.patch_cut import PatchCutter
from waldo.data.scene_pool import pooled
from waldo.data.sources import FolderDataset, SyntheticScenes, SyntheticStream, distributed_rank_and_size


def scene_config_of_size(scene_cfg: Mapping, width: int, height: int) -> DictConfig:
    """The same scene recipe drawn at another picture size."""
    sized = OmegaConf.create(OmegaConf.to_container(scene_cfg, resolve=True) if isinstance(scene_cfg, DictConfig) else dict(scene_cfg))
    sized.width, sized.height = int(width), int(height)
    return sized


class AugmentedPatches(IterableDataset):
    """Endless training patches cut from a pool of drawn scenes (scene_pool.py): each scene, JPEG-compressed or not as it
    enters, gives ``crops_per_scene`` patches over its time in the pool; each patch is cut (patch_cut.py), then its
    colours and sharpness vary.

    ``folder`` (optional) holds the user's pictures; each patch comes from it with
    probability ``folder_fraction``.
    """

    def __init__(self, stream: SyntheticStream, scene_effects, cutter: PatchCutter, photometric, data_cfg: Mapping,
                 geometry: StackGeometry, layers, folder: Dataset | None, seed: int):
        super().__init__()
        self.stream, self.scene_effects, self.cutter, self.photometric = stream, scene_effects, cutter, photometric
        self.cfg = data_cfg
        self.geometry, self.folder, self.seed = geometry, folder, seed
        patch = int(data_cfg.patch_size)
        self.grid = stack_out_shape(patch, patch, layers)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        info = get_worker_info()
        worker = info.id if info is not None else 0
        rank, _ = distributed_rank_and_size()
        cfg, photometric, scene_effects = self.cfg, self.photometric, self.scene_effects
        effects_seed = self.seed + 7919 * worker + 104729 * rank
        photometric.set_random_seed(effects_seed)
        scene_effects.set_random_seed(effects_seed + 1)
        cutting = np.random.default_rng([self.seed, worker, rank])
        picking = np.random.default_rng([self.seed, worker, rank, 1])  # its own stream: the pool's size leaves the cuts alone
        sigma, min_sigma, folder_fraction = float(cfg.sigma_per_head), float(cfg.min_sigma), float(cfg.folder_fraction)
        printed = ({**scene, "image": scene_effects(image=scene["image"])["image"]} for scene in self.stream)
        for scene in pooled(printed, int(cfg.scene_pool), int(cfg.crops_per_scene), picking):
            source = scene
            if self.folder is not None and cutting.random() < folder_fraction:
                source = self.folder[int(cutting.integers(len(self.folder)))]
            patch, points, heights = self.cutter.cut(cutting, source)
            yield to_training_example(photometric(image=patch)["image"], points, heights, self.geometry, self.grid, sigma, min_sigma)


class EncodedScenes(Dataset):
    """Validation pictures as they are (no augmentation), with targets for the validation loss."""

    def __init__(self, scenes: Dataset, geometry: StackGeometry, layers, data_cfg: Mapping):
        self.items = [scenes[i] for i in range(len(scenes))]  # rendered once: validation must not pay for drawing every epoch
        self.geometry, self.layers, self.cfg = geometry, layers, data_cfg

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> dict[str, Any]:
        item = self.items[index]
        h, w = item["image"].shape[:2]
        grid = stack_out_shape(h, w, self.layers)
        return to_training_example(item["image"], item["points"], item["heights"], self.geometry, grid, float(self.cfg.sigma_per_head), float(self.cfg.min_sigma))


def collate(examples: list[dict[str, Any]]) -> dict[str, Any]:
    """Stack same-shaped tensors (pictures channels-last, as the network runs); keep per-picture point lists as lists."""
    batch = {key: torch.stack([e[key] for e in examples]) for key in ("heat", "offset", "log_size", "mask")}
    batch["image"] = torch.stack([e["image"].permute(1, 2, 0) for e in examples]).permute(0, 3, 1, 2)
    batch["points"] = [e["points"] for e in examples]
    batch["heights"] = [e["heights"] for e in examples]
    return batch


def lower_priority(worker_id: int) -> None:
    """Run a data worker at the lowest priority, so that it draws in the cycles training leaves idle instead of pausing
    one of training's threads (every thread of a parallel step then waits for the paused one). Seeds the worker as
    Lightning would have (``seed_everything(workers=True)``), which a loader's own worker_init_fn replaces."""
    os.nice(19)
    if int(os.environ.get("PL_SEED_WORKERS", 0)):
        rank, _ = distributed_rank_and_size()
        pl_worker_init_function(worker_id, rank)


class WaldoDataModule(pl.LightningDataModule):
    """Builds loaders from ``cfg.data``; needs the network's layer geometry to place targets."""

    def __init__(self, data_cfg: DictConfig, layers, seed: int = 0):
        super().__init__()
        self.cfg, self.layers, self.seed = data_cfg, list(layers), int(seed)
        self.geometry = stack_geometry(self.layers)
        for key in ("patch_size", "batch_size", "crops_per_scene", "scene_pool", "val_scenes", "val_batch_size"):
            if int(data_cfg[key]) < 1:
                raise ValueError(f"data.{key}={data_cfg[key]} must be at least 1")
        self.cutter = PatchCutter(int(data_cfg.patch_size), tuple(data_cfg.scale_range), float(data_cfg.waldo_crop_rate))
        self.scene_effects = scene_transform(float(data_cfg.augment_strength))
        self.photometric = photometric_transform(float(data_cfg.augment_strength))

    def setup(self, stage: str | None = None) -> None:
        cfg = self.cfg
        train_w, train_h = cfg.train_scene_size
        self.train_set = AugmentedPatches(
            SyntheticStream(scene_config_of_size(cfg.scene, train_w, train_h), seed=self.seed),
            self.scene_effects,
            self.cutter,
            self.photometric,
            cfg,
            self.geometry,
            self.layers,
            FolderDataset(cfg.train_folder) if cfg.get("train_folder") else None,
            self.seed,
        )
        if cfg.get("val_folder"):
            val_scenes = FolderDataset(cfg.val_folder)
        else:
            val_w, val_h = cfg.val_scene_size
            val_scenes = SyntheticScenes(scene_config_of_size(cfg.scene, val_w, val_h), length=int(cfg.val_scenes), seed=int(cfg.val_seed))
        self.val_set = EncodedScenes(val_scenes, self.geometry, self.layers, cfg)

    def train_dataloader(self) -> DataLoader:
        workers = int(self.cfg.num_workers)
        return DataLoader(
            self.train_set,
            batch_size=int(self.cfg.batch_size),
            num_workers=workers,
            collate_fn=collate,
            persistent_workers=workers > 0,
            prefetch_factor=4 if workers > 0 else None,
            worker_init_fn=lower_priority if workers > 0 else None,
        )

    def val_dataloader(self) -> DataLoader:
        same_size = self.cfg.get("val_folder") is None
        return DataLoader(self.val_set, batch_size=int(self.cfg.val_batch_size) if same_size else 1, collate_fn=collate)
