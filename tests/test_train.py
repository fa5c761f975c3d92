"""Training through Hydra's compose API: a 1-batch run, overfitting, resuming, refusing bad configs."""

import importlib.resources
import subprocess
import sys

import numpy as np
import pytest
import pytorch_lightning as pl
import torch

from conftest import composed_train_config
from conftest import tiny_train_config as train_config
from waldo.cli.train import build, train
from waldo.data.datamodule import collate
from waldo.infer.detector import bundled_model_path
from waldo.model.bundle import load_net, save_bundle


def has_the_shipped_weights(net: torch.nn.Module) -> bool:
    shipped, _ = load_net(bundled_model_path())
    return all(torch.equal(net.state_dict()[k], v) for k, v in shipped.state_dict().items())


def test_fast_dev_run_trains_one_batch(tmp_path):
    module, datamodule, trainer = build(train_config(tmp_path, "debug=fast_dev_run"))
    before = [p.detach().clone() for p in module.net.parameters()]
    trainer.fit(module, datamodule=datamodule)
    assert trainer.global_step == 1
    assert any(not torch.equal(a, b) for a, b in zip(before, module.net.parameters()))


def test_mixed_precision_keeps_the_loss_and_the_scores_in_float32(tmp_path):
    module, datamodule, _ = build(train_config(tmp_path))
    datamodule.setup("fit")
    batch = next(iter(datamodule.train_dataloader()))
    with torch.autocast("cpu", dtype=torch.bfloat16):
        losses, output = module._loss(batch)
    assert output.dtype == torch.float32 and losses["loss"].dtype == torch.float32
    assert torch.isfinite(losses["loss"])


def test_training_patches_mix_the_scenes_of_the_pool_and_travel_as_uint8(tmp_path):
    _, datamodule, _ = build(train_config(tmp_path, "data.scene_pool=4", "data.crops_per_scene=3", "data.augment_strength=0",
                                          "data.waldo_crop_rate=0", "data.scale_range=[1,1]"))
    datamodule.setup("fit")
    scenes = [{"image": np.full((160, 160, 3), 20 * k, np.uint8), "points": np.zeros((0, 2)), "boxes": np.zeros((0, 4))} for k in range(6)]
    datamodule.train_set.stream = scenes  # one flat colour per scene: a patch's colour names its scene
    patches = list(datamodule.train_set)
    assert all(p["image"].dtype == torch.uint8 for p in patches)
    order = [int(p["image"][0, 0, 0]) // 20 for p in patches]
    assert sorted(order) == [0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]  # the first four with staggered budgets (1, 2, 2, 3)
    assert order != sorted(order)  # mixed, not cut in turn
    stream = iter(datamodule.train_set)
    batch = collate([next(stream), next(stream)])
    assert batch["image"].is_contiguous(memory_format=torch.channels_last)


def test_each_scene_passes_the_scene_effects_once_before_its_patches_are_cut(tmp_path):
    _, datamodule, _ = build(train_config(tmp_path, "data.scene_pool=2", "data.crops_per_scene=3", "data.augment_strength=0"))
    datamodule.setup("fit")
    calls = []

    class Darken:
        def set_random_seed(self, seed):
            pass

        def __call__(self, image):
            calls.append(1)
            return {"image": image // 2}

    datamodule.train_set.scene_effects = Darken()
    datamodule.train_set.stream = [{"image": np.full((160, 160, 3), 200, np.uint8), "points": np.zeros((0, 2)),
                                    "boxes": np.zeros((0, 4))} for _ in range(4)]
    patches = list(datamodule.train_set)
    assert len(calls) == 4 and all(int(p["image"][0, 0, 0]) == 100 for p in patches)


class LossRecorder(pl.Callback):
    def __init__(self):
        self.losses = []

    def on_train_batch_end(self, trainer, module, outputs, batch, batch_idx):
        self.losses.append(float(outputs["loss"]))


@pytest.mark.slow
def test_overfitting_one_batch_drives_the_loss_down_tenfold(tmp_path):
    cfg = train_config(tmp_path, "debug=overfit", "trainer.max_steps=150", "optimizer.lr=0.01", "data.augment_strength=0")
    module, datamodule, trainer = build(cfg)
    recorder = LossRecorder()
    trainer.callbacks.append(recorder)
    trainer.fit(module, datamodule=datamodule)
    first, last = recorder.losses[0], min(recorder.losses[-5:])
    assert last < first / 10, f"loss went from {first:.3f} to {last:.3f}"


@pytest.mark.slow
def test_training_writes_a_bundle_and_resuming_continues_the_step(tmp_path):
    first_run = tmp_path / "first"
    metrics = train(train_config(first_run, "trainer.max_steps=4", "trainer.val_check_interval=2"))
    assert 0.0 <= metrics["val/f1"] <= 1.0 and "val/f1_best" in metrics
    net, meta = load_net(first_run / "waldo_model.pt")
    assert meta["info"]["command"].startswith("waldo-train")
    best = torch.load(meta["info"]["checkpoint"], map_location="cpu", weights_only=False)
    best_f1 = next(v["best_model_score"] for k, v in best["callbacks"].items() if "ModelCheckpoint" in k and "val/f1" in k)
    assert meta["info"]["best_val/f1"] == pytest.approx(float(best_f1))  # the exported weights' own score
    last = first_run / "checkpoints" / "last.ckpt"
    assert torch.load(last, weights_only=False)["global_step"] == 4  # the latest validation, improved or not

    resumed = tmp_path / "resumed"
    module, datamodule, trainer = build(train_config(resumed, "trainer.max_steps=6", "trainer.val_check_interval=2"))
    trainer.fit(module, datamodule=datamodule, ckpt_path=str(last))
    assert trainer.global_step == 6

    tuned = tmp_path / "tuned"  # a fresh run from the checkpoint's weights: step 0 again, its start scored
    train(train_config(tuned, "trainer.max_steps=2", "trainer.val_check_interval=2", f"init_from={last}"))
    started = load_net(tuned / "waldo_model.pt")[1]["info"]["init_from"]
    assert started["path"] == str(last.resolve()) and len(started["sha256"]) == 64
    assert 0.0 <= started["validation"]["val/f1"] <= 1.0
    assert torch.load(tuned / "checkpoints" / "last.ckpt", weights_only=False)["global_step"] == 2


def test_init_from_starts_from_a_bundles_weights_and_refuses_another_network(tmp_path):
    source, _, _ = build(train_config(tmp_path / "source"))
    with torch.no_grad():
        for parameter in source.net.parameters():
            parameter.add_(torch.randn_like(parameter))
    bundle = save_bundle(source.net, source.hparams.model_cfg, tmp_path / "start.pt")

    module, _, _ = build(train_config(tmp_path / "run", f"init_from={bundle}"))
    started = module.net.state_dict()
    assert all(torch.equal(started[k], v) for k, v in source.net.state_dict().items())

    with pytest.raises(ValueError, match=r"init_from=.*width is 8 there, 4 here"):
        build(train_config(tmp_path / "other", f"init_from={bundle}", "model.width=4"))
    with pytest.raises(FileNotFoundError, match="missing.pt"):
        build(train_config(tmp_path / "missing", f"init_from={tmp_path / 'missing.pt'}"))


def test_init_from_bundled_is_the_shipped_model(tmp_path):
    # model.width=16 undoes the small test width: the shipped net is the full-width deep one
    module, _, _ = build(train_config(tmp_path, "init_from=bundled", "model=deep", "model.width=16"))
    assert has_the_shipped_weights(module.net)


@pytest.mark.parametrize(
    "override, message",
    [
        ("model.stages.2.stride=0", r"model.stages\[2\].stride=0"),
        ("model.stages.1.kernel=4", "even"),
        ("data.scene.head_height=[12,200]", "receptive field"),
        ("data.waldo_crop_rate=1.5", "waldo_crop_rate"),
        ("data.scene_pool=0", "scene_pool"),
    ],
)
def test_bad_config_is_refused_before_training(tmp_path, override, message):
    with pytest.raises(ValueError, match=message):
        train(train_config(tmp_path, override, "trainer.max_steps=1"))
    assert not (tmp_path / "checkpoints").exists()


@pytest.mark.slow
def test_cli_prints_one_line_and_exits_nonzero_on_a_bad_config(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "waldo.cli.train", "model.stages.2.stride=0", "trainer.max_steps=1"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "model.stages[2].stride=0" in result.stderr
    assert "Traceback" not in result.stderr


EXPERIMENTS = sorted(p.name.removesuffix(".yaml") for p in (importlib.resources.files("waldo.configs") / "experiment").iterdir() if p.name.endswith(".yaml"))
STARTS_FROM_THE_SHIPPED_MODEL = {"finetune", "finetune_gpu", "adapt", "release"}
STARTS_FROM_A_FILE_OF_YOURS = {"holdout_profile"}


def test_the_documented_experiments_are_there():
    assert {"quick", "release", "release_gpu"} | STARTS_FROM_THE_SHIPPED_MODEL <= set(EXPERIMENTS)


@pytest.mark.parametrize("experiment", EXPERIMENTS)
def test_every_experiment_builds_its_network_and_starting_weights(tmp_path, experiment):
    # on the CPU: the GPU experiments' accelerator is the only thing swapped out (their precision stays)
    cfg = composed_train_config(tmp_path, f"experiment={experiment}", "trainer.accelerator=cpu")
    assert (cfg.init_from == "bundled") == (experiment in STARTS_FROM_THE_SHIPPED_MODEL)
    if cfg.init_from not in (None, "bundled"):  # a file the user makes first (holdout_profile: the pre-book bundle)
        assert experiment in STARTS_FROM_A_FILE_OF_YOURS
        shipped, bundle = load_net(bundled_model_path())  # the same network: a stand-in for that file
        starting = save_bundle(shipped, bundle["model_config"], tmp_path / "start.pt")
        cfg = composed_train_config(tmp_path, f"experiment={experiment}", "trainer.accelerator=cpu", f"init_from={starting}")
    module, _, trainer = build(cfg)
    assert trainer.max_steps == cfg.trainer.max_steps
    if cfg.init_from is not None:
        assert has_the_shipped_weights(module.net)
