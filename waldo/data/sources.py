"""Torch datasets of Waldo scenes: fixed synthetic sets, an endless synthetic stream, and folders on disk.

Every item is a dict: "image" (H x W x 3 uint8 RGB), "points" (N, 2) float32 head points,
"boxes" (N, 4) float32 xyxy head boxes, "heights" (N,) float32 head heights in px, "visible" (N,) float32
share of each head left visible, "name" (str).
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import torch.distributed as dist
from torch.utils.data import Dataset, IterableDataset, get_worker_info

from waldo.data.annotation_files import ImageRecord, read_coco, read_csv
from waldo.pictures.files import PICTURE_SUFFIXES, read_image
from waldo.synth import HeadAnnotation, render_scene, scene_seed, validate_scene_config


def make_item(image: np.ndarray, heads: list[HeadAnnotation], name: str) -> dict[str, Any]:
    """The item dict every dataset here returns."""
    points = np.array([h.point for h in heads], np.float32).reshape(-1, 2)
    boxes = np.array([h.box for h in heads], np.float32).reshape(-1, 4)
    heights = np.array([h.head_height for h in heads], np.float32)
    visible = np.array([h.visible for h in heads], np.float32)
    return {"image": image, "points": points, "boxes": boxes, "heights": heights, "visible": visible, "name": name}


class SyntheticScenes(Dataset):
    """A fixed set of `length` scenes: item i is always the same picture (for validation)."""

    def __init__(self, scene_cfg: Any, length: int, seed: int) -> None:
        if length <= 0:
            raise ValueError(f"SyntheticScenes length must be positive, got {length}")
        self.scene_cfg, self.length, self.seed = validate_scene_config(scene_cfg), length, seed

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int) -> dict[str, Any]:
        if not 0 <= index < self.length:
            raise IndexError(f"scene index {index} out of range 0..{self.length - 1}")
        render_seed = scene_seed(self.seed, index)
        image, heads = render_scene(self.scene_cfg, render_seed)
        return make_item(image, heads, f"synthetic-{render_seed}")


def distributed_rank_and_size() -> tuple[int, int]:
    """(this process's rank, number of ranks) under torch.distributed; (0, 1) when it is not running."""
    return (dist.get_rank(), dist.get_world_size()) if dist.is_available() and dist.is_initialized() else (0, 1)


def stream_shard() -> tuple[int, int]:
    """(this reader's shard, number of shards) over DataLoader workers times distributed ranks."""
    worker = get_worker_info()
    worker_id, workers = (worker.id, worker.num_workers) if worker is not None else (0, 1)
    rank, world = distributed_rank_and_size()
    return rank * workers + worker_id, world * workers


class SyntheticStream(IterableDataset):
    """Endless fresh scenes; each worker of each rank draws its own disjoint sequence of seeds."""

    def __init__(self, scene_cfg: Any, seed: int) -> None:
        self.scene_cfg, self.seed = validate_scene_config(scene_cfg), seed  # checked once, not per scene

    def scene_indices(self) -> Iterator[int]:
        """Scene indices this reader draws: shard, shard + shards, shard + 2 * shards, ..."""
        shard, shards = stream_shard()
        index = shard
        while True:
            yield index
            index += shards

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for index in self.scene_indices():
            render_seed = scene_seed(self.seed, index)
            image, heads = render_scene(self.scene_cfg, render_seed)
            yield make_item(image, heads, f"synthetic-{render_seed}")


def _folder_records(root: Path) -> list[ImageRecord]:
    coco, table = root / "annotations.json", root / "annotations.csv"
    if coco.is_file():
        return read_coco(coco)
    if table.is_file():
        listed = {r.file_name: r for r in read_csv(table)}
        unlisted = [ImageRecord(p.name, 0, 0) for p in sorted(root.iterdir())
                    if p.suffix.lower() in PICTURE_SUFFIXES and p.name not in listed]
        return list(listed.values()) + unlisted
    raise ValueError(f"{root}: no annotations.json (COCO) or annotations.csv in this folder")


class FolderDataset(Dataset):
    """Annotated pictures in a folder with `annotations.json` (COCO) or `annotations.csv`."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        if not self.root.is_dir():
            raise ValueError(f"{self.root}: not a folder")
        self.records = _folder_records(self.root)

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, index: int) -> dict[str, Any]:
        record = self.records[index]
        image = read_image(self.root / record.file_name)
        return make_item(image, record.heads, record.file_name)
