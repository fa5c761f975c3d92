"""Run finders over annotated pictures and score them with ``waldo.eval.metrics``.

A finder is any callable picture -> (points, scores): the network through ``Detector``
(tiling and all, exactly what users run), the template-matching baseline, or the ground
truth itself in a test. Every method sees the very same pictures, each is timed on its
own, and all are scored by one matching per picture, so their rows can be compared.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from waldo.eval.metrics import curve_from_matches, match_pictures, summarize

Prediction = tuple[np.ndarray, np.ndarray]  # points (P, 2) x, y in pixels; scores (P,) in [0, 1]
Predictor = Callable[[np.ndarray], Prediction]
MATCH_UNITS = ("head", "px")


def detections_predictor(detect: Callable[[np.ndarray], Sequence[Any]]) -> Predictor:
    """Adapt ``Detector.detect`` or ``TemplateMatcher.detect`` (lists of records with x, y, score)."""

    def predict(picture: np.ndarray) -> Prediction:
        found = detect(picture)
        points = np.array([[d.x, d.y] for d in found], np.float64).reshape(-1, 2)
        return points, np.array([d.score for d in found], np.float64)

    return predict


def ground_truth(sample: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """The Waldos of one dataset sample as ``waldo.eval.metrics`` wants them: head points and head heights."""
    points = np.asarray(sample["points"], np.float64).reshape(-1, 2)
    visible = sample.get("visible", np.ones(len(points)))
    return {"points": points, "heights": np.asarray(sample["heights"], np.float64).reshape(-1),
            "visible": np.asarray(visible, np.float64).reshape(-1)}


@dataclass(frozen=True)
class MatchRule:
    """How close a detection must be to a Waldo to find him: in head heights or in pixels."""

    distance: float = 1.0
    unit: str = "head"

    def __post_init__(self) -> None:
        if self.unit not in MATCH_UNITS:
            raise ValueError(f"match_unit={self.unit!r} must be one of {MATCH_UNITS}")
        if not self.distance > 0:
            raise ValueError(f"match_distance={self.distance} must be positive")

    def unit_name(self) -> str:
        """For messages: 'px', 'head height' or 'head heights'."""
        return "px" if self.unit == "px" else ("head height" if self.distance == 1 else "head heights")

    def keywords(self) -> dict[str, float | None]:
        """The distance arguments of ``waldo.eval.metrics.match_points``."""
        if self.unit == "px":
            return {"max_distance_factor": 1.0, "max_distance_px": float(self.distance)}
        return {"max_distance_factor": float(self.distance), "max_distance_px": None}


@dataclass
class Collected:
    """Per picture: the ground truth, and per method its predictions and seconds."""

    targets: list[dict[str, np.ndarray]] = field(default_factory=list)
    preds: dict[str, list[dict[str, np.ndarray]]] = field(default_factory=dict)
    seconds: dict[str, list[float]] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)


def collect(
    predictors: Mapping[str, Predictor],
    samples: Iterable[Mapping[str, Any]],
    warm_up: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Collected:
    """Run every predictor on every picture; each picture is read or drawn once and shared.

    ``warm_up`` runs each predictor once on the first picture untimed, so one-off costs
    (lazy initialisation, caches) do not land on the per-picture time.
    """
    run = Collected(preds={name: [] for name in predictors}, seconds={name: [] for name in predictors})
    for index, sample in enumerate(samples):
        picture = sample["image"]
        for name, predict in predictors.items():
            if warm_up and index == 0:
                predict(picture)
            start = time.perf_counter()
            points, scores = predict(picture)
            run.seconds[name].append(time.perf_counter() - start)
            run.preds[name].append({"points": np.asarray(points, np.float64).reshape(-1, 2), "scores": np.asarray(scores, np.float64).reshape(-1)})
        run.targets.append(ground_truth(sample))
        run.names.append(str(sample.get("name", index)))
        if progress is not None:
            progress(index + 1)
    return run


@dataclass(frozen=True)
class MethodScore:
    """One method's metrics (keys of ``waldo.eval.metrics.summarize`` plus timing) and its precision-recall curve."""

    name: str
    metrics: dict[str, float]
    precision: np.ndarray
    recall: np.ndarray
    thresholds: np.ndarray


def score(run: Collected, score_threshold: float = 0.5, rule: MatchRule = MatchRule()) -> list[MethodScore]:
    """P/R/F1 at ``score_threshold``, AP over all collected predictions, top-1, and ms per picture."""
    results = []
    for name, preds in run.preds.items():
        matches = match_pictures(preds, run.targets, **rule.keywords())
        metrics = summarize(matches, score_threshold)
        precision, recall, thresholds = curve_from_matches(matches)
        seconds = run.seconds[name]
        metrics["ms_per_picture"] = 1000.0 * float(np.mean(seconds)) if seconds else 0.0
        metrics["detections"] = float(sum(int(np.sum(p["scores"] >= score_threshold)) for p in preds))
        results.append(MethodScore(name, metrics, precision, recall, thresholds))
    return results


def comparison(network: MethodScore, baseline: MethodScore) -> dict[str, float]:
    """How far the network is ahead: metric differences and the per-picture speed ratio."""
    gains = {f"{key}_gain": network.metrics[key] - baseline.metrics[key] for key in ("f1", "ap", "top1", "f1_best")}
    network_ms = network.metrics["ms_per_picture"]
    gains["speedup"] = baseline.metrics["ms_per_picture"] / network_ms if network_ms > 0 else float("inf")
    return gains


def metrics_report(run: Collected, scores: Sequence[MethodScore], settings: Mapping[str, Any]) -> dict[str, Any]:
    """Everything ``metrics.json`` holds: settings, dataset counts, per-method metrics and curves."""
    heights = np.concatenate([t["heights"] for t in run.targets]) if run.targets else np.zeros(0)
    report: dict[str, Any] = {
        "settings": dict(settings),
        "pictures": len(run.targets),
        "waldos": int(len(heights)),
        "head_height_range": [float(heights.min()), float(heights.max())] if len(heights) else None,
        "methods": {
            s.name: {
                **{k: round(float(v), 6) for k, v in s.metrics.items()},
                "curve": {
                    "precision": np.round(s.precision, 5).tolist(),
                    "recall": np.round(s.recall, 5).tolist(),
                    "thresholds": np.round(s.thresholds, 5).tolist(),
                },
            }
            for s in scores
        },
    }
    if len(scores) >= 2:
        report["comparison"] = {k: round(v, 6) for k, v in comparison(scores[0], scores[1]).items()}
    return report


def write_metrics(report: Mapping[str, Any], path: str | Path) -> Path:
    """Write ``metrics.json``; refuses to replace an existing file."""
    path = Path(path)
    with path.open("x") as handle:
        json.dump(report, handle, indent=2)
    return path
