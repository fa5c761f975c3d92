"""Datasets: item layout, fixed sets are fixed, the stream never repeats a seed across workers or ranks,
folders read both annotation formats and name unreadable pictures."""

import itertools

import cv2
import numpy as np
import pytest
from torch.utils.data import DataLoader

import waldo.data.sources as datasets
from waldo.data.annotation_files import ImageRecord, write_coco, write_csv
from waldo.data.sources import FolderDataset, SyntheticScenes, SyntheticStream
from waldo.synth import HeadAnnotation, scene_preset


def tiny_scene_cfg():
    cfg = scene_preset("default")
    cfg.width, cfg.height, cfg.head_height = 128, 96, [12, 16]
    cfg.no_waldo_rate, cfg.waldo_count = 0.0, [1, 1]
    return cfg


def test_synthetic_scenes_items_have_the_documented_layout_and_repeat_exactly():
    scenes = SyntheticScenes(tiny_scene_cfg(), length=3, seed=5)
    item = scenes[1]
    assert len(scenes) == 3
    assert item["image"].shape == (96, 128, 3) and item["image"].dtype == np.uint8
    assert item["points"].dtype == np.float32 and item["points"].shape[1] == 2
    assert item["boxes"].dtype == np.float32 and item["boxes"].shape == (len(item["points"]), 4)
    assert np.array_equal(scenes[1]["image"], item["image"])
    assert scenes[0]["name"] != item["name"]
    with pytest.raises(IndexError):
        scenes[3]


@pytest.mark.parametrize("dataset", [lambda cfg: SyntheticScenes(cfg, length=2, seed=0), lambda cfg: SyntheticStream(cfg, seed=0)])
def test_synthetic_datasets_refuse_a_bad_scene_config_when_built(dataset):
    cfg = tiny_scene_cfg()
    cfg.head_height = [30, 10]
    with pytest.raises(ValueError, match="head_height' is inverted"):
        dataset(cfg)


class FakeWorker:
    def __init__(self, worker_id: int, num_workers: int) -> None:
        self.id, self.num_workers = worker_id, num_workers


def stream_names(monkeypatch, worker: FakeWorker | None, rank: int = 0, world: int = 1) -> list[int]:
    monkeypatch.setattr(datasets, "get_worker_info", lambda: worker)
    monkeypatch.setattr(datasets.dist, "is_initialized", lambda: world > 1)
    monkeypatch.setattr(datasets.dist, "get_rank", lambda: rank)
    monkeypatch.setattr(datasets.dist, "get_world_size", lambda: world)
    return list(itertools.islice(SyntheticStream(tiny_scene_cfg(), seed=3).scene_indices(), 50))


def test_stream_shards_are_disjoint_across_workers_and_ranks(monkeypatch):
    shards = [stream_names(monkeypatch, FakeWorker(w, 2), rank=r, world=2) for r in range(2) for w in range(2)]
    flat = [i for shard in shards for i in shard]
    assert len(set(flat)) == len(flat)
    assert sorted(flat)[:8] == list(range(8))


def test_stream_without_workers_counts_up(monkeypatch):
    assert stream_names(monkeypatch, None)[:4] == [0, 1, 2, 3]


def test_two_dataloader_workers_draw_different_scenes():
    loader = DataLoader(SyntheticStream(tiny_scene_cfg(), seed=9), batch_size=None, num_workers=2)
    names = [item["name"] for item in itertools.islice(iter(loader), 8)]
    assert len(set(names)) == 8


def write_folder(tmp_path, kind: str):
    image = np.zeros((40, 60, 3), np.uint8)
    image[5:15, 10:20] = (255, 0, 0)
    cv2.imwrite(str(tmp_path / "one.png"), image[..., ::-1])
    cv2.imwrite(str(tmp_path / "two.png"), image[..., ::-1])
    records = [ImageRecord("one.png", 60, 40, [HeadAnnotation((15.0, 10.0), (10.0, 5.0, 20.0, 15.0), 1.0)]),
               ImageRecord("two.png", 60, 40, [])]
    (write_coco if kind == "coco" else write_csv)(tmp_path / f"annotations.{'json' if kind == 'coco' else 'csv'}",
                                                  records)


@pytest.mark.parametrize("kind", ["coco", "csv"])
def test_folder_dataset_reads_pictures_and_heads(tmp_path, kind):
    write_folder(tmp_path, kind)
    folder = FolderDataset(tmp_path)
    items = {folder[i]["name"]: folder[i] for i in range(len(folder))}
    assert set(items) == {"one.png", "two.png"}
    assert items["one.png"]["image"][10, 15].tolist() == [255, 0, 0]
    assert items["one.png"]["boxes"].tolist() == [[10.0, 5.0, 20.0, 15.0]]
    assert items["one.png"]["points"].tolist() == [[15.0, 10.0]]
    assert items["two.png"]["points"].shape == (0, 2)


def test_folder_dataset_names_an_unreadable_picture(tmp_path):
    write_folder(tmp_path, "coco")
    (tmp_path / "one.png").write_bytes(b"this is not a png")
    with pytest.raises(ValueError, match="one.png"):
        FolderDataset(tmp_path)[0]


def test_folder_without_annotations_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no annotations.json"):
        FolderDataset(tmp_path)
