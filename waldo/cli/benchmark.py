"""waldo-benchmark: scene drawing, training, detection and raw compute, measured in one run on one machine.

Prints a table and writes ``benchmark.json``. Ratios (network vs template matching,
achieved vs matrix-multiply GFLOP/s, real loader vs random batches from memory) travel between machines
better than the times themselves.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import cv2
import hydra
import torch
from omegaconf import DictConfig, OmegaConf

from waldo.benchmarks.render_speed import measure_render_speed
from waldo.benchmarks.replayed_batches import replayed_loader
from waldo.benchmarks.timing import (
    StepTimer,
    conv_flops,
    forward_seconds,
    matmul_gflops,
    model_step_samples_per_s,
    peak_memory_mb,
    picture_rate,
)
from waldo.cli.app import start
from waldo.cli.detect import make_output_dir
from waldo.cli.errors import exit_on_user_error
from waldo.cli.setting_check import composed
from waldo.cli.train import build
from waldo.eval.template_matching import POSES, TemplateMatcher
from waldo.infer.detector import Detector, bundled_model_path
from waldo.model.bundle import load_net
from waldo.model.network import WaldoNet, build_net
from waldo.synth import render_scene

RUNS_FOLDER = Path("runs") / "benchmark"
WARM_UP_STEPS = 8  # covers the workers filling their scene pools, so the timed steps see the steady state
QUICK_TRAIN = ["debug=tiny"]


def training(cfg: DictConfig, quick: bool) -> dict[str, Any]:
    """Samples/s of training fed by WaldoDataModule's loader, and of the same training (the same Trainer, WaldoModule
    step, clipping, scheduler and logging calls) fed by random batches from memory, which cost nothing to deliver.

    The pair is timed ``train_repeats`` times, random batches just before and just after each loader run, because this
    machine's speed drifts from minute to minute; the median of the ratios is reported beside each of them. The bare
    optimisation step (``model_step_samples_per_s``) is timed once a repeat too, after the pair.
    """
    steps, repeats = (2, 1) if quick else (int(cfg.train_steps), int(cfg.train_repeats))  # two steps: one wait between them
    runs = [_loader_and_random_batches(cfg, quick, steps) for _ in range(repeats)]
    ratios = [run["loader"] / run["random"] for run in runs]
    middle = runs[sorted(range(repeats), key=ratios.__getitem__)[(repeats - 1) // 2]]  # the median run (the lower middle of an even count)
    return {"loader_samples_per_s": statistics.median(run["loader"] for run in runs),
            "random_batch_samples_per_s": statistics.median(run["random"] for run in runs),
            "bare_step_samples_per_s": statistics.median(run["bare"] for run in runs),
            "loader_vs_random_batches": statistics.median(ratios), "loader_vs_random_batches_each": ratios,
            "loader_step_computing_ms": middle["loader_ms"]["computing"], "loader_step_waiting_ms": middle["loader_ms"]["waiting"],
            "random_batch_step_computing_ms": middle["random_ms"]["computing"], "random_batch_step_waiting_ms": middle["random_ms"]["waiting"],
            "batch_size": middle["batch"], "patch_size": middle["patch"], "timed_steps": steps, "data_workers": middle["workers"]}


def _loader_and_random_batches(cfg: DictConfig, quick: bool, steps: int) -> dict[str, Any]:
    """One loader run between two random-batch runs, then the bare step: samples/s of each (the mean of the two
    random-batch runs), the mean ms a step computed and waited, and the batch, patch and worker counts."""
    with tempfile.TemporaryDirectory() as scratch:
        overrides = [
            f"trainer.max_steps={WARM_UP_STEPS + steps}", "data.val_scenes=1", f"paths.output_dir={scratch}", "~callbacks", "~logger",
            "++trainer.limit_val_batches=0", "++trainer.enable_checkpointing=false",
            *(["trainer=gpu"] if str(cfg.device).startswith("cuda") else []), *(QUICK_TRAIN if quick else []), *cfg.train_overrides,
        ]
        train_cfg = composed("train", overrides)
        batch, patch = int(train_cfg.data.batch_size), int(train_cfg.data.patch_size)
        before = _timed_training(train_cfg, from_loader=False)
        loader = _timed_training(train_cfg, from_loader=True)
        after = _timed_training(train_cfg, from_loader=False)
        bare = model_step_samples_per_s(build_net(OmegaConf.to_container(train_cfg.model)), batch, patch, steps, str(cfg.device))
    randoms = (before.mean_ms(), after.mean_ms())
    return {"loader": loader.samples_per_s(), "random": (before.samples_per_s() + after.samples_per_s()) / 2.0, "bare": bare,
            "loader_ms": loader.mean_ms(), "random_ms": {key: (randoms[0][key] + randoms[1][key]) / 2.0 for key in randoms[0]},
            "batch": batch, "patch": patch, "workers": int(train_cfg.data.num_workers)}


def _timed_training(train_cfg: DictConfig, from_loader: bool) -> StepTimer:
    """A short training run (waldo-train's Trainer and module, without callbacks, logger, validation or checkpoints),
    fed by the real training loader or by random batches from memory, with its steps timed."""
    module, datamodule, trainer = build(train_cfg)
    timer = StepTimer(WARM_UP_STEPS)
    trainer.callbacks.append(timer)
    if from_loader:
        trainer.fit(module, datamodule=datamodule)
    else:
        trainer.fit(module, train_dataloaders=replayed_loader(datamodule, seed=int(train_cfg.seed)))
    return timer


def network(cfg: DictConfig) -> tuple[WaldoNet, str]:
    """The network to time and where its weights came from."""
    if cfg.ckpt is not None:
        return load_net(cfg.ckpt)[0], str(cfg.ckpt)
    if bundled_model_path().exists():
        return load_net(bundled_model_path())[0], "bundled model"
    return build_net(OmegaConf.to_container(composed("train", []).model)).eval(), "model/default, fresh weights (no bundled model installed)"


def detection(cfg: DictConfig, net: WaldoNet, quick: bool) -> dict[str, Any]:
    """The network (through Detector, tiles and all) and template matching on the same drawn scene."""
    width, height = (256, 192) if quick else (int(cfg.picture[0]), int(cfg.picture[1]))
    picture, _ = render_scene(OmegaConf.merge(cfg.data.scene, {"width": width, "height": height}), 0)
    detector = Detector(net, device=str(cfg.device), scales=(1.0,))
    repeats = 1 if quick else int(cfg.detect_repeats)
    network_rate = picture_rate(detector.detect, picture, repeats)
    defaults = Detector(net, device=str(cfg.device))  # waldo-detect's settings (configs/detector/default.yaml)
    default_rate = picture_rate(defaults.detect, picture, repeats)
    head_range = tuple(cfg.data.scene.head_height)
    matcher = TemplateMatcher(head_range, 2 if quick else 8, POSES[:1] if quick else POSES)
    template_rate = picture_rate(matcher.detect, picture, 1, warm_up=0)
    flops = conv_flops(net, height, width)
    seconds = forward_seconds(detector.net, height, width, 1 if quick else 3, str(cfg.device))
    return {
        "picture": [width, height],
        "network": network_rate,
        "network_default_settings": {**default_rate, "scales": list(defaults.scales), "threshold": defaults.threshold},
        "template": {**template_rate, "templates": len(matcher.templates)},
        "network_speedup_vs_template": template_rate["ms_per_picture"] / network_rate["ms_per_picture"],
        "net_gflop_per_picture": flops / 1e9,
        "net_forward_ms": 1000.0 * seconds,
        "net_gflops": flops / seconds / 1e9,
    }


def run_benchmark(cfg: DictConfig) -> dict[str, Any]:
    """Every measurement, in the order that keeps earlier ones from warming or crowding later ones."""
    quick = bool(cfg.quick)
    started = time.perf_counter()
    report: dict[str, Any] = {
        "machine": {"platform": platform.platform(), "processor": platform.processor() or platform.machine(), "cpu_count": os.cpu_count(),
                    "torch_threads": torch.get_num_threads(), "opencv_threads": cv2.getNumThreads(), "torch": torch.__version__,
                    "opencv": cv2.__version__, "device": str(cfg.device), "quick": quick},
    }
    size = (256, 192) if quick else (1024, 768)
    report["render"] = measure_render_speed(cfg.data.scene, 1 if quick else int(cfg.render_scenes), *size,
                                            passes=1 if quick else int(cfg.render_passes))
    net, weights = network(cfg)
    report["weights"] = weights
    report["detection"] = detection(cfg, net, quick)
    report["matmul_gflops"] = matmul_gflops(256 if quick else int(cfg.matmul_size), 1 if quick else 5, str(cfg.device))
    report["net_gflops_vs_matmul"] = report["detection"]["net_gflops"] / report["matmul_gflops"]
    report["training"] = training(cfg, quick)
    report["memory"] = peak_memory_mb()
    report["seconds"] = time.perf_counter() - started
    return report


def format_report(report: dict[str, Any]) -> str:
    """The table: one measurement per line, value and unit, ratios last."""
    r, d, t = report["render"], report["detection"], report["training"]
    width, height = d["picture"]
    rows = [
        (f"scene drawing {int(r['width'])}x{int(r['height'])}", r["scenes_per_s"],
         f"scenes/s ({r['ms_per_scene']:.1f} ms; median pass {r['median_ms_per_scene']:.1f} ms)"),
        (f"training, real loader (batch {t['batch_size']}x{t['patch_size']}px)", t["loader_samples_per_s"], "samples/s"),
        ("training, random batches from memory (same steps)", t["random_batch_samples_per_s"], "samples/s"),
        ("bare optimisation step (no Trainer, random tensors)", t["bare_step_samples_per_s"], "samples/s"),
        ("training step with the real loader, computing", t["loader_step_computing_ms"],
         f"ms (+ {t['loader_step_waiting_ms']:.1f} ms waiting for its batch; on random batches "
         f"{t['random_batch_step_computing_ms']:.1f} + {t['random_batch_step_waiting_ms']:.1f} ms)"),
        (f"network detection {width}x{height}, one scale", d["network"]["mp_per_s"], f"MP/s ({d['network']['ms_per_picture']:.0f} ms)"),
        (f"network detection {width}x{height}, waldo-detect's settings", d["network_default_settings"]["mp_per_s"],
         f"MP/s ({d['network_default_settings']['ms_per_picture']:.0f} ms; scales {d['network_default_settings']['scales']})"),
        (f"template matching {width}x{height} ({d['template']['templates']} templates)", d["template"]["mp_per_s"], f"MP/s ({d['template']['ms_per_picture']:.0f} ms)"),
        (f"network forward ({d['net_gflop_per_picture']:.1f} GFLOP)", d["net_gflops"], "GFLOP/s"),
        ("fp32 matrix multiply", report["matmul_gflops"], "GFLOP/s"),
        ("peak memory (this process)", report["memory"]["peak_rss_mb"], "MB"),
        ("network vs template matching", d["network_speedup_vs_template"], "x faster"),
        ("network GFLOP/s vs matrix multiply", report["net_gflops_vs_matmul"], "fraction"),
        ("real loader vs random batches", t["loader_vs_random_batches"],
         "fraction (median of " + ", ".join(f"{x:.3f}" for x in t["loader_vs_random_batches_each"]) + ")"),
    ]
    name_width = max(len(n) for n, _, _ in rows)
    lines = [f"{n.ljust(name_width)}  {v:>10.{0 if v >= 100 else 1 if v >= 10 else 3}f}  {u}" for n, v, u in rows]
    lines.append(f"weights: {report['weights']}; {report['machine']['cpu_count']} CPUs, torch {report['machine']['torch']} "
                 f"({report['machine']['torch_threads']} threads), {report['seconds']:.0f} s in all")
    return "\n".join(lines)


def quiet_lightning() -> None:
    """Lightning's banner lines and advice about workers would bury the table."""
    for name in ("pytorch_lightning", "lightning.pytorch", "lightning_fabric", "lightning.fabric"):
        logging.getLogger(name).setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", module="pytorch_lightning")
    warnings.filterwarnings("ignore", module="lightning_fabric")
    warnings.filterwarnings("ignore", message=".*receptive field.*")


@hydra.main(version_base="1.3", config_path="pkg://waldo.configs", config_name="benchmark")
@exit_on_user_error
def run(cfg: DictConfig) -> None:
    quiet_lightning()
    folder = make_output_dir(cfg.output_dir, RUNS_FOLDER)
    print(f"benchmarking{' (quick)' if cfg.quick else ''}; results go to {folder}", file=sys.stderr)
    report = run_benchmark(cfg)
    print(format_report(report))
    with (folder / "benchmark.json").open("x") as handle:
        json.dump(report, handle, indent=2)
    print(f"wrote {folder / 'benchmark.json'}")


def main() -> None:
    """The console script: waldo's checks of the command line, then the Hydra app."""
    start(run, "benchmark")


if __name__ == "__main__":
    main()
