"""Evaluation: the numbers it writes are waldo.eval.metrics' numbers, and a perfect finder scores 1 everywhere."""

import json
from pathlib import Path

import numpy as np
import pytest

from waldo.data.sources import SyntheticScenes
from waldo.eval.metrics import evaluate_points, precision_recall_curve
from waldo.eval.runner import MatchRule, collect, detections_predictor, ground_truth, metrics_report, score, write_metrics
from waldo.infer.detector import Detector
from waldo.model.bundle import save_bundle
from waldo.model.network import build_net
from waldo.synth import scene_preset

MODEL_CFG = {
    "width": 4,
    "stages": [
        {"channels": 2, "kernel": 4, "stride": 4, "padding": 0},
        {"channels": 2, "kernel": 3, "stride": 2},
        {"channels": 2, "kernel": 3, "dilation": 2},
    ],
}
METRIC_KEYS = {"precision", "recall", "f1", "ap", "top1", "count_error", "f1_best", "threshold_best", "ms_per_picture", "detections"}


@pytest.fixture(scope="module")
def scenes() -> list[dict]:
    """Four small easy scenes, drawn once for the whole module."""
    scene = scene_preset("easy")
    scene.width, scene.height = 320, 240
    data = SyntheticScenes(scene, length=4, seed=77)
    return [data[i] for i in range(len(data))]


def perfect(samples: list[dict]):
    """A predictor that returns each picture's ground truth (looked up by identity) with score 1."""
    lookup = {id(s["image"]): s for s in samples}

    def predict(picture: np.ndarray):
        points = lookup[id(picture)]["points"]
        return points, np.ones(len(points))

    return predict


def test_ground_truth_predictor_scores_one(scenes: list[dict]) -> None:
    assert sum(len(s["points"]) for s in scenes) > 0
    run = collect({"truth": perfect(scenes)}, scenes)
    (result,) = score(run, 0.5, MatchRule(1.0, "head"))
    for key in ("precision", "recall", "f1", "ap", "top1", "f1_best"):
        assert result.metrics[key] == 1.0, key
    assert result.metrics["count_error"] == 0.0


def test_random_bundle_metrics_match_waldo_metrics(scenes: list[dict], tmp_path: Path) -> None:
    bundle = save_bundle(build_net(MODEL_CFG), MODEL_CFG, tmp_path / "random.pt")
    detector = Detector.load(bundle, threshold=0.0, top_k=10)
    run = collect({"network": detections_predictor(detector.detect)}, scenes)
    rule = MatchRule(15.0, "px")
    (result,) = score(run, 0.5, rule)
    report = metrics_report(run, [result], {"ckpt": str(bundle)})
    path = write_metrics(report, tmp_path / "metrics.json")
    written = json.loads(path.read_text())
    assert METRIC_KEYS <= set(written["methods"]["network"])
    assert written["pictures"] == len(scenes) and written["waldos"] == sum(len(s["points"]) for s in scenes)

    # The same numbers by hand: the detector's own output, matched by waldo.eval.metrics directly.
    preds = []
    for sample in scenes:
        found = detector.detect(sample["image"])
        preds.append({"points": np.array([[d.x, d.y] for d in found]).reshape(-1, 2), "scores": np.array([d.score for d in found])})
    targets = [ground_truth(s) for s in scenes]
    expected = evaluate_points(preds, targets, 0.5, max_distance_px=15.0)
    for key, value in expected.items():
        assert written["methods"]["network"][key] == pytest.approx(value, abs=1e-6), key
    precision, recall, _ = precision_recall_curve(preds, targets, max_distance_px=15.0)
    assert np.allclose(written["methods"]["network"]["curve"]["precision"], precision, atol=1e-5)
    assert np.allclose(written["methods"]["network"]["curve"]["recall"], recall, atol=1e-5)
    with pytest.raises(FileExistsError):
        write_metrics(report, path)


def test_two_methods_get_a_comparison(scenes: list[dict]) -> None:
    nothing = lambda picture: (np.zeros((0, 2)), np.zeros(0))  # noqa: E731
    run = collect({"truth": perfect(scenes), "nothing": nothing}, scenes)
    report = metrics_report(run, score(run), {})
    assert report["comparison"]["f1_gain"] == 1.0 and report["comparison"]["ap_gain"] == 1.0
    assert report["methods"]["nothing"]["recall"] == 0.0


def test_match_rule_refuses_bad_values() -> None:
    with pytest.raises(ValueError, match="match_unit"):
        MatchRule(1.0, "inches")
    with pytest.raises(ValueError, match="match_distance"):
        MatchRule(0.0, "px")
    assert MatchRule(2.0, "head").keywords() == {"max_distance_factor": 2.0, "max_distance_px": None}
