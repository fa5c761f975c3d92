"""waldo-train: train the waldoness network on synthetic scenes (Hydra app).

Returns the optimised metric (``optimized_metric``) so Hydra sweepers can maximise it.
"""

from __future__ import annotations

import hashlib
import sys
import warnings
from pathlib import Path
from typing import Any

import hydra
import pytorch_lightning as pl
from hydra.core.hydra_config import HydraConfig
from hydra.utils import instantiate
from omegaconf import DictConfig, OmegaConf

from waldo.cli.app import start
from waldo.cli.errors import USER_ERRORS, exit_on_user_error, user_message
from waldo.cli.run_folder import choose_run_folder, discard_unused_run_folder, free_bundle_path
from waldo.cli.sweeps import in_sweep, refuse_relaunch_in_sweep, run_trial
from waldo.data.datamodule import WaldoDataModule
from waldo.infer.detector import bundled_model_path
from waldo.model.bundle import check_resumable, load_net, load_weights_into, save_bundle
from waldo.train.module import WaldoModule
from waldo.train.quiet import quiet_library_noise


def check_config(cfg: DictConfig, module: WaldoModule) -> None:
    """Refuse, before any training, a network that cannot see the heads the data will show it."""
    field = module.net.geometry.receptive_field
    largest_head = max(cfg.data.scene.head_height) * max(cfg.data.scale_range)
    if field < largest_head:
        raise ValueError(
            f"the network's receptive field ({field} px) is smaller than the largest head it will be shown "
            f"({largest_head:.0f} px = data.scene.head_height max x data.scale_range max); add stages or dilation "
            "(waldo-explain shows the field)"
        )
    if field < 2 * largest_head:
        warnings.warn(f"receptive field {field} px is under twice the largest head ({largest_head:.0f} px): little context", stacklevel=1)


def init_weights_path(init_from: str) -> Path:
    """The file ``init_from`` names: "bundled" is the model shipped inside waldo."""
    return bundled_model_path() if init_from == "bundled" else Path(init_from)


def weights_to_start_from(cfg: DictConfig) -> str | None:
    """``init_from``, unless ``ckpt_path`` resumes a run, which restores its own weights."""
    return None if cfg.get("ckpt_path") else cfg.get("init_from")


def start_from(init_from: str, module: WaldoModule, model_cfg: dict) -> None:
    """Load the weights ``init_from`` names into the fresh network, or say why they do not fit."""
    try:
        load_weights_into(module.net, model_cfg, init_weights_path(init_from))
    except ValueError as error:
        hint = "; the bundled model is model=deep" if init_from == "bundled" else ""
        raise ValueError(f"init_from={init_from}: {error}{hint}") from None


def init_record(init_from: str) -> dict[str, Any]:
    """What a bundle records about the weights its run started from: the setting, the file and its hash."""
    path = init_weights_path(init_from).resolve()
    return {"value": str(init_from), "path": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def build(cfg: DictConfig) -> tuple[WaldoModule, WaldoDataModule, pl.Trainer]:
    quiet_library_noise(resuming=bool(cfg.get("ckpt_path")))
    model_cfg = OmegaConf.to_container(cfg.model, resolve=True)
    module = WaldoModule(
        model_cfg=model_cfg,
        optimizer=instantiate(cfg.optimizer),
        scheduler=instantiate(cfg.scheduler) if cfg.get("scheduler") else None,
        **cfg.objective,
    )
    check_config(cfg, module)
    if weights_to_start_from(cfg):
        start_from(cfg.init_from, module, model_cfg)
    datamodule = WaldoDataModule(cfg.data, module.net.layer_geometry, seed=int(cfg.seed))
    callbacks = [instantiate(c) for c in (cfg.get("callbacks") or {}).values() if c is not None]  # `callbacks.x=null` drops one
    loggers = [instantiate(c) for c in (cfg.get("logger") or {}).values() if c is not None]
    trainer = instantiate(cfg.trainer, callbacks=callbacks, logger=loggers or False)
    refuse_relaunch_in_sweep(cfg.trainer.get("strategy"), trainer)
    return module, datamodule, trainer


def export_best(trainer: pl.Trainer, module: WaldoModule, cfg: DictConfig, metrics: dict[str, float],
                started: dict[str, Any] | None = None) -> Path | None:
    """Write the compact bundle (weights + model config + command + metrics) beside the run."""
    checkpoint = trainer.checkpoint_callback
    best = getattr(checkpoint, "best_model_path", "") if checkpoint else ""
    net = load_net(best)[0] if best else module.net
    info = {
        "command": " ".join(["waldo-train", *sys.argv[1:]]),
        "checkpoint": best or "last weights",
        "validation_at_last_step": {k: float(v) for k, v in metrics.items()},
        "seed": int(cfg.seed),
    }
    if started:
        info["init_from"] = started  # the starting weights and their own validation scores
    score = getattr(checkpoint, "best_model_score", None) if best else None
    if score is not None:
        info[f"best_{checkpoint.monitor}"] = float(score)  # the exported weights' own score
    return save_bundle(net, module.hparams.model_cfg, free_bundle_path(Path(cfg.paths.output_dir)), info)


def train(cfg: DictConfig) -> dict[str, float]:
    """Seed, build, fit (or resume from ``ckpt_path``), export; returns the logged metrics."""
    if cfg.get("ckpt_path"):
        try:
            check_resumable(cfg.ckpt_path, OmegaConf.to_container(cfg.model, resolve=True))
        except (ValueError, OSError) as error:
            raise ValueError(f"ckpt_path: {user_message(error)}") from None
    pl.seed_everything(int(cfg.seed), workers=True)
    module, datamodule, trainer = build(cfg)
    started = None
    if cfg.get("init_from"):
        started = init_record(cfg.init_from)
        if weights_to_start_from(cfg) and not trainer.fast_dev_run:  # score the start, so a worse end shows
            scores = trainer.validate(module, datamodule=datamodule, verbose=False)[0]
            started["validation"] = {k: float(v) for k, v in scores.items()}
            print("starting weights: " + ", ".join(f"{k} {v:.3f}" for k, v in started["validation"].items()))
    trainer.fit(module, datamodule=datamodule, ckpt_path=cfg.get("ckpt_path"))
    metrics = {k: float(v) for k, v in trainer.callback_metrics.items()}
    if not trainer.fast_dev_run and trainer.is_global_zero:
        bundle = export_best(trainer, module, cfg, metrics, started)
        print(f"model bundle: {bundle}")
    return metrics


@hydra.main(version_base="1.3", config_path="pkg://waldo.configs", config_name="train")
@exit_on_user_error
def run(cfg: DictConfig) -> Any:
    if in_sweep():  # a failing trial is logged and scored the worst value (-inf), and the sweep goes on
        return run_trial(train, cfg, cfg.optimized_metric)
    try:
        return train(cfg).get(cfg.optimized_metric)
    except USER_ERRORS:
        discard_unused_run_folder(Path(HydraConfig.get().runtime.output_dir))  # a refused run leaves nothing behind
        raise


def main() -> None:
    """The console script: waldo's checks of the command line, then the Hydra app."""
    start(run, "train", adjust=choose_run_folder)


if __name__ == "__main__":
    main()
