"""``experiment=adapt``: a few annotated pages of a style the model never saw must teach it that style.

The test-scale proxy of the real loop (a book unlike waldo's drawings): style A is waldo's own
colour drawings, which the bundled model learned from; style B is the same kind of scene
printed with the red and blue inks swapped, so Waldo wears blue and white stripes and the
bundled model, which knows him by his red ones, rarely puts him first. Ten B pages are saved the way the web page saves them (``AnnotationStore``), the
bundled model is adapted on them with ``experiment=adapt`` shrunk to seconds, and top-1 on
twenty held-out B pages, scored as ``waldo-eval folder=`` scores them, must rise.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from conftest import REPO, composed_train_config
from waldo.cli.train import train
from waldo.data.sources import FolderDataset
from waldo.eval.runner import collect, detections_predictor, score
from waldo.infer.detector import Detector
from waldo.serve.annotation_store import AnnotationStore
from waldo.synth import render_scene, scene_preset

PAGE_SIZE = (384, 288)  # px (width, height) of each proxy page: small enough to adapt in seconds
TRAIN_SEEDS = range(7000, 7010)  # ten annotated pages
HELD_OUT_SEEDS = range(9000, 9020)  # twenty pages never trained on
COLLECT_THRESHOLD = 0.05  # as waldo-eval collects


def swapped_inks(picture: np.ndarray) -> np.ndarray:
    """Style B: the page printed with red and blue exchanged."""
    return np.ascontiguousarray(picture[..., ::-1])


def save_pages(folder: Path, seeds: range) -> Path:
    """Style-B pages with Waldo's head boxes, saved as waldo-serve saves a user's corrections."""
    recipe = scene_preset("default")
    recipe.width, recipe.height = PAGE_SIZE
    recipe.no_waldo_rate = 0.0  # top-1 is read on pages with a Waldo
    store = AnnotationStore(folder)
    for seed in seeds:
        picture, heads = render_scene(recipe, seed)
        store.save(f"page-{seed}.png", swapped_inks(picture), heads)
    return folder


def top1(ckpt: Path | None, folder: Path) -> float:
    """Share of the folder's pages whose best detection is a Waldo, as waldo-eval counts it."""
    detector = Detector.load(ckpt, threshold=COLLECT_THRESHOLD)
    pages = FolderDataset(folder)
    run = collect({"network": detections_predictor(detector.detect)}, (pages[i] for i in range(len(pages))), warm_up=False)
    return score(run)[0].metrics["top1"]


def test_adapt_starts_from_the_shipped_model_on_the_folder_waldo_serve_saves_into(tmp_path):
    cfg = composed_train_config(tmp_path, "experiment=adapt")
    serve_defaults = yaml.safe_load((REPO / "configs" / "serve.yaml").read_text())
    assert cfg.init_from == "bundled" and len(cfg.model.stages) == 8  # model=deep: the shipped net
    assert cfg.data.train_folder == serve_defaults["annotations_dir"]
    assert 0 < cfg.data.folder_fraction < 1  # the user's pages mixed with synthetic scenes, not instead of them
    assert cfg.trainer.val_check_interval == cfg.trainer.max_steps  # validated once: the bundle is the adapted model


@pytest.mark.slow
def test_ten_annotated_pages_of_a_new_style_raise_top1_on_held_out_pages_of_it(tmp_path):
    pages = save_pages(tmp_path / "my_pages", TRAIN_SEEDS)
    held_out = save_pages(tmp_path / "held_out", HELD_OUT_SEEDS)
    run = tmp_path / "run"
    steps = 200
    cfg = composed_train_config(
        run, "experiment=adapt", f"data.train_folder={pages}",
        # experiment=adapt at test scale: default scenes, small patches, one process, no extra callbacks
        f"trainer.max_steps={steps}", f"trainer.val_check_interval={steps}", "data/scene=default", "data.scene.head_height=[12,50]",
        "data.train_scene_size=[256,256]", "data.patch_size=128", "data.batch_size=8", "data.crops_per_scene=4", "data.scene_pool=4",
        "data.num_workers=0", "data.val_scenes=2", "data.val_scene_size=[256,192]",
        "callbacks.progress_bar=null", "callbacks.lr_monitor=null", "callbacks.early_stopping=null",
    )
    train(cfg)
    before, after = top1(None, held_out), top1(run / "waldo_model.pt", held_out)
    assert after >= before + 0.4, f"top-1 on held-out pages with swapped inks: {before:.2f} before adapting, {after:.2f} after"
