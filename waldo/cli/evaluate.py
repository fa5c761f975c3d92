"""waldo-eval: how well does a model find Waldo, and how much better than template matching?

Runs the detector exactly as ``waldo-detect`` does (tiling and all) over a fixed,
held-out generated set or the user's own annotated folder, prints a table with one
row per method, and writes ``metrics.json`` and ``pr_curve.png`` to a fresh folder.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import hydra
from omegaconf import DictConfig, OmegaConf

from waldo.cli.app import start
from waldo.cli.detect import detector_from, make_output_dir
from waldo.cli.errors import exit_on_user_error
from waldo.data.sources import FolderDataset, SyntheticScenes
from waldo.eval.breakdown import breakdown, format_breakdown
from waldo.eval.pr_curve import draw_pr_curves
from waldo.eval.runner import MatchRule, MethodScore, collect, detections_predictor, metrics_report, score, write_metrics
from waldo.eval.template_matching import TemplateMatcher

RUNS_FOLDER = Path("runs") / "eval"
BASELINES = (None, "template")
COLUMNS = ("method", "pictures", "Waldos", "P", "R", "F1", "AP", "top-1", "F1 best", "ms/picture")


def dataset(cfg: DictConfig) -> tuple[Any, str]:
    """The pictures to score and a short description of them."""
    if cfg.folder is not None:
        folder = Path(cfg.folder)
        if not folder.is_dir():
            raise FileNotFoundError(f"folder={folder} is not a folder; give a folder with pictures and annotations.json (COCO) or annotations.csv")
        return FolderDataset(folder), f"folder {folder}"
    if int(cfg.num_scenes) < 1:
        raise ValueError(f"num_scenes={cfg.num_scenes} must be at least 1")
    scene = OmegaConf.merge(cfg.data.scene, {"width": int(cfg.width), "height": int(cfg.height)})
    return SyntheticScenes(scene, length=int(cfg.num_scenes), seed=int(cfg.seed)), f"generated {cfg.width}x{cfg.height} scenes, set seed {cfg.seed}"


def format_table(scores: Sequence[MethodScore], pictures: int, waldos: int) -> str:
    """Detector-style table: one row per method, metrics at the score threshold."""
    rows = [
        (s.name, str(pictures), str(waldos), *(f"{s.metrics[k]:.3f}" for k in ("precision", "recall", "f1", "ap", "top1", "f1_best")), f"{s.metrics['ms_per_picture']:.0f}")
        for s in scores
    ]
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(COLUMNS)]
    line = lambda cells: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))  # noqa: E731
    return "\n".join([line(COLUMNS), *(line(r) for r in rows)])


def settings_of(cfg: DictConfig, source: str) -> dict[str, Any]:
    """What produced the numbers, for metrics.json."""
    keys = ("ckpt", "folder", "num_scenes", "seed", "width", "height", "match_distance", "match_unit", "threshold",
            "collect_threshold", "top_k", "tile_size", "scales", "baseline", "template")
    settings = {k: OmegaConf.to_container(cfg[k]) if OmegaConf.is_config(cfg[k]) else cfg[k] for k in keys}
    settings["source"] = source
    settings["command"] = " ".join(["waldo-eval", *sys.argv[1:]])
    if cfg.folder is None:
        settings["scene"] = OmegaConf.to_container(cfg.data.scene, resolve=True)
    return settings


def show_progress(total: int) -> Any:
    """A line on stderr every tenth of the way: a long evaluation should not look stuck."""
    step = max(1, total // 10)
    return lambda done: print(f"  {done}/{total} pictures", file=sys.stderr, flush=True) if done % step == 0 or done == total else None


def evaluate(cfg: DictConfig) -> dict[str, Any]:
    """Check everything the user gave, run the methods, print the table and write the files."""
    if cfg.baseline not in BASELINES:
        raise ValueError(f"baseline={cfg.baseline!r} must be one of {list(BASELINES)[1:]} or null")
    rule = MatchRule(float(cfg.match_distance), str(cfg.match_unit))
    samples, source = dataset(cfg)
    detector = detector_from(cfg, threshold=float(cfg.collect_threshold))
    predictors = {"network": detections_predictor(detector.detect)}
    if cfg.baseline == "template":
        t = cfg.template
        matcher = TemplateMatcher(list(t.head_range), int(t.steps), list(t.poses), float(cfg.collect_threshold), int(cfg.top_k), float(t.blur_sigma))
        predictors["template"] = detections_predictor(matcher.detect)
    folder = make_output_dir(cfg.output_dir, RUNS_FOLDER)
    print(f"evaluating {', '.join(predictors)} on {len(samples)} pictures ({source}); results go to {folder}", file=sys.stderr)
    run = collect(predictors, (samples[i] for i in range(len(samples))), progress=show_progress(len(samples)))
    scores = score(run, float(cfg.threshold), rule)
    report = metrics_report(run, scores, settings_of(cfg, source))
    report["breakdown"] = {s.name: breakdown(run, s.name, float(cfg.threshold), rule) for s in scores}
    print(format_table(scores, report["pictures"], report["waldos"]))
    print(summary_line(report, rule, float(cfg.threshold)))
    print("the network's Waldos by head size and by visible share:\n" + format_breakdown(report["breakdown"]["network"]))
    write_metrics(report, folder / "metrics.json")
    curves = [(f"{s.name}  AP {s.metrics['ap']:.3f}  F1 {s.metrics['f1']:.3f}", s.precision, s.recall) for s in scores]
    draw_pr_curves(curves, folder / "pr_curve.png", f"{report['pictures']} pictures, {report['waldos']} Waldos; {source}")
    print(f"wrote {folder / 'metrics.json'} and {folder / 'pr_curve.png'}")
    return report


def summary_line(report: Mapping[str, Any], rule: MatchRule, score_threshold: float) -> str:
    """How the numbers were made, and the network's lead when there is a baseline."""
    text = f"P/R/F1 at score >= {score_threshold:g}; a hit is within {rule.distance:g} {rule.unit_name()}"
    gains = report.get("comparison")
    if gains:
        text += f"\nnetwork vs template: F1 {gains['f1_gain']:+.3f}, AP {gains['ap_gain']:+.3f}, {gains['speedup']:.1f}x faster per picture"
    return text


@hydra.main(version_base="1.3", config_path="pkg://waldo.configs", config_name="evaluate")
@exit_on_user_error
def run(cfg: DictConfig) -> None:
    evaluate(cfg)


def main() -> None:
    """The console script: waldo's checks of the command line, then the Hydra app."""
    start(run, "evaluate")


if __name__ == "__main__":
    main()
