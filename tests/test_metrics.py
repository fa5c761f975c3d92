"""Hand-computed cases for point matching and the detection metrics."""

import numpy as np
import pytest
import torch
from scipy.optimize import linear_sum_assignment

from waldo.eval.metrics import WaldoPointMetrics, evaluate_points, match_points, precision_recall_curve


def pred(points: list, scores: list) -> dict:
    return {"points": torch.tensor(points, dtype=torch.float32).reshape(-1, 2), "scores": torch.tensor(scores)}


def target(points: list, heights: list) -> dict:
    return {"points": torch.tensor(points, dtype=torch.float32).reshape(-1, 2), "heights": torch.tensor(heights)}


def test_perfect_prediction_scores_one_everywhere() -> None:
    preds = [pred([[10, 10]], [0.9]), pred([[50, 60], [200, 20]], [0.8, 0.7])]
    targets = [target([[10, 10]], [20]), target([[200, 20], [50, 60]], [20, 30])]
    result = evaluate_points(preds, targets)
    for key in ("precision", "recall", "f1", "ap", "top1", "f1_best"):
        assert result[key] == pytest.approx(1.0), key
    assert result["count_error"] == 0.0
    assert result["threshold_best"] == pytest.approx(0.7)


@pytest.mark.parametrize(("offset", "is_tp"), [(19.9, True), (20.0, True), (20.1, False)])
def test_head_height_is_the_reach(offset: float, is_tp: bool) -> None:
    match = match_points([[100 + offset, 100]], [0.9], [[100, 100]], [20])
    assert match.is_tp.tolist() == [is_tp]
    assert match.num_gt == 1


def test_max_distance_factor_scales_the_reach() -> None:
    assert match_points([[115, 100]], [0.9], [[100, 100]], [20], max_distance_factor=0.5).is_tp.tolist() == [False]
    assert match_points([[109, 100]], [0.9], [[100, 100]], [20], max_distance_factor=0.5).is_tp.tolist() == [True]


def test_max_distance_px_overrides_head_height() -> None:
    assert match_points([[106, 100]], [0.9], [[100, 100]], [100]).is_tp.tolist() == [True]
    assert match_points([[106, 100]], [0.9], [[100, 100]], [100], max_distance_px=5).is_tp.tolist() == [False]
    assert match_points([[105, 100]], [0.9], [[100, 100]], [100], max_distance_px=5).is_tp.tolist() == [True]
    result = evaluate_points([pred([[106, 100]], [0.9])], [target([[100, 100]], [100])], max_distance_px=5)
    assert result["recall"] == 0.0 and result["precision"] == 0.0


def test_two_predictions_on_one_waldo_give_one_tp_one_fp() -> None:
    # The farther but higher-scoring detection keeps the Waldo: a weaker one must not steal it.
    preds = [pred([[105, 100], [100.5, 100]], [0.9, 0.6])]
    targets = [target([[100, 100]], [20])]
    match = match_points(preds[0]["points"], preds[0]["scores"], targets[0]["points"], targets[0]["heights"])
    assert match.is_tp.tolist() == [True, False]
    assert match.gt_index.tolist() == [0, -1]
    result = evaluate_points(preds, targets)
    assert result["precision"] == pytest.approx(0.5)
    assert result["recall"] == pytest.approx(1.0)
    assert result["f1"] == pytest.approx(2 / 3)
    assert evaluate_points(preds, targets, score_threshold=0.7)["precision"] == pytest.approx(1.0)


def test_optimal_assignment_beats_nearest_first_greedy() -> None:
    # p0 is nearest to g0 (4 px); greedy would give it g0 and leave p1 (which only reaches g0) empty.
    # The optimal pairing p0-g1 (6 px) and p1-g0 (5 px) finds both Waldos.
    match = match_points([[4, 0], [-5, 0]], [0.9, 0.8], [[0, 0], [10, 0]], [10, 10])
    assert match.is_tp.tolist() == [True, True]
    assert match.gt_index.tolist() == [1, 0]


def test_distance_breaks_ties_when_scores_do_not_matter() -> None:
    match = match_points([[1, 0], [9, 0]], [0.9, 0.8], [[10, 0], [0, 0]], [20, 20])
    assert match.gt_index.tolist() == [1, 0]


def test_picture_without_waldo_counts_fps_but_not_top1() -> None:
    preds = [pred([[10, 10]], [0.9]), pred([[30, 30]], [0.8])]
    targets = [target([[10, 10]], [20]), target([], [])]
    result = evaluate_points(preds, targets)
    assert result["precision"] == pytest.approx(0.5)
    assert result["recall"] == pytest.approx(1.0)
    assert result["top1"] == pytest.approx(1.0)
    assert result["count_error"] == pytest.approx(0.5)
    assert result["ap"] == pytest.approx(1.0)


def test_dataset_without_any_waldo() -> None:
    empty = evaluate_points([pred([], []), pred([], [])], [target([], []), target([], [])])
    assert {k: empty[k] for k in ("precision", "recall", "f1", "ap", "top1", "f1_best")} == dict.fromkeys(
        ("precision", "recall", "f1", "ap", "top1", "f1_best"), 1.0
    )
    assert empty["count_error"] == 0.0 and empty["threshold_best"] == 0.5
    false_alarm = evaluate_points([pred([[5, 5]], [0.9])], [target([], [])])
    assert (false_alarm["precision"], false_alarm["recall"], false_alarm["f1"]) == (0.0, 1.0, 0.0)
    assert false_alarm["ap"] == 0.0 and false_alarm["top1"] == 1.0
    # Keeping nothing is best here, so the best threshold sits just above the only score.
    assert false_alarm["f1_best"] == 1.0 and false_alarm["threshold_best"] > float(torch.tensor(0.9))
    assert evaluate_points([], [])["count_error"] == 0.0


def test_pictures_without_detections_have_zero_recall() -> None:
    targets = [target([[10, 10], [50, 50]], [20, 20]), target([[1, 1]], [5])]
    result = evaluate_points([pred([], []), pred([], [])], targets)
    assert (result["precision"], result["recall"], result["f1"], result["ap"], result["top1"]) == (0.0,) * 5
    assert result["count_error"] == pytest.approx(1.5)
    assert result["f1_best"] == 0.0
    assert not any(np.isnan(v) for v in result.values())


def three_waldos_ranked() -> tuple[list[dict], list[dict]]:
    """Scores [0.9 TP, 0.8 FP, 0.7 TP] against 3 Waldos."""
    return [pred([[0, 0], [50, 0], [100, 0]], [0.9, 0.8, 0.7])], [target([[0, 0], [100, 0], [200, 0]], [10, 10, 10])]


def test_ap_on_hand_computed_ranking() -> None:
    # P/R steps: (1, 1/3), (1/2, 1/3), (2/3, 2/3); interpolated: 1/3 * 1 + 1/3 * 2/3 = 5/9.
    preds, targets = three_waldos_ranked()
    assert evaluate_points(preds, targets)["ap"] == pytest.approx(5 / 9)
    precision, recall, thresholds = precision_recall_curve(preds, targets)
    np.testing.assert_allclose(precision, [1, 1 / 2, 2 / 3])
    np.testing.assert_allclose(recall, [1 / 3, 1 / 3, 2 / 3])
    np.testing.assert_allclose(thresholds, [0.9, 0.8, 0.7], rtol=1e-6)


def test_ap_interpolates_precision_from_the_right() -> None:
    # [TP, FP, TP, TP] with 3 Waldos: precision at the recall steps 1, 2/3, 3/4; the 2/3 is lifted to 3/4
    # by the later point, so AP = (1 + 3/4 + 3/4) / 3 = 5/6 (without interpolation it would be 0.8056).
    preds = [pred([[0, 0], [50, 0], [100, 0], [200, 0]], [0.9, 0.8, 0.7, 0.6])]
    targets = [target([[0, 0], [100, 0], [200, 0]], [10, 10, 10])]
    assert evaluate_points(preds, targets)["ap"] == pytest.approx(5 / 6)


def test_ap_penalises_a_confident_false_positive() -> None:
    # [0.9 FP, 0.8 TP] with 1 Waldo: recall 1 is first reached at precision 1/2.
    result = evaluate_points([pred([[50, 0], [0, 0]], [0.9, 0.8])], [target([[0, 0]], [10])])
    assert result["ap"] == pytest.approx(0.5)
    assert result["top1"] == 0.0


@pytest.mark.parametrize("order", [[0, 1], [1, 0]])
def test_tied_scores_form_one_step(order: list[int]) -> None:
    points, scores = [[0, 0], [50, 0]], [0.5, 0.5]
    result = evaluate_points([pred([points[i] for i in order], [scores[i] for i in order])], [target([[0, 0]], [10])])
    assert result["ap"] == pytest.approx(0.5)


def test_f1_best_and_threshold_best() -> None:
    # F1 at 0.9: 1/2; at 0.8: 2/5; at 0.7: 2/3.
    preds, targets = three_waldos_ranked()
    result = evaluate_points(preds, targets, score_threshold=0.75)
    assert result["f1"] == pytest.approx(0.4)
    assert result["f1_best"] == pytest.approx(2 / 3)
    assert result["threshold_best"] == pytest.approx(0.7)


def test_top1_counts_only_the_best_guess() -> None:
    preds = [pred([[50, 0], [0, 0]], [0.9, 0.8]), pred([[0, 0]], [0.3]), pred([], [])]
    targets = [target([[0, 0]], [10]), target([[0, 0]], [10]), target([[0, 0]], [10])]
    assert evaluate_points(preds, targets)["top1"] == pytest.approx(1 / 3)


def test_count_error() -> None:
    preds = [pred([[0, 0], [10, 0], [20, 0]], [0.9, 0.8, 0.6]), pred([], []), pred([[0, 0]], [0.3])]
    targets = [target([[0, 0]], [10]), target([[0, 0], [50, 50]], [10, 10]), target([[0, 0]], [10])]
    assert evaluate_points(preds, targets)["count_error"] == pytest.approx((2 + 2 + 1) / 3)


def test_torchmetrics_metric_matches_evaluate_points_across_updates() -> None:
    first_preds, first_targets = three_waldos_ranked()
    first_preds.append(pred([[30, 30]], [0.95]))
    first_targets.append(target([], []))
    second_preds = [pred([], []), pred([[4, 0], [-5, 0], [80, 80]], [0.4, 0.85, 0.55])]
    second_targets = [target([[7, 7]], [12]), target([[0, 0], [10, 0]], [10, 10])]
    metric = WaldoPointMetrics(score_threshold=0.6)
    metric.update(first_preds, first_targets)
    metric.update(second_preds, second_targets)
    got = metric.compute()
    expected = evaluate_points(first_preds + second_preds, first_targets + second_targets, score_threshold=0.6)
    assert set(got) == {"precision", "recall", "f1", "ap", "top1", "count_error", "f1_best", "threshold_best"}
    for key, value in expected.items():
        assert float(got[key]) == pytest.approx(value), key
    metric.reset()
    with pytest.warns(UserWarning, match="before the ``update``"):
        assert metric.compute()["ap"] == 1.0


def test_metric_forwards_max_distance_px() -> None:
    metric = WaldoPointMetrics(max_distance_px=5)
    metric.update([pred([[106, 100]], [0.9])], [target([[100, 100]], [100])])
    assert metric.compute()["recall"] == 0.0


def test_every_threshold_sees_a_maximum_matching() -> None:
    """The single matching's TPs at any threshold equal a fresh optimal assignment at that threshold."""
    rng = np.random.default_rng(0)
    for _ in range(200):
        n_pred, n_gt = rng.integers(0, 7, size=2)
        pred_xy, gt_xy = rng.uniform(0, 30, (n_pred, 2)), rng.uniform(0, 30, (n_gt, 2))
        scores, heights = rng.uniform(0, 1, n_pred), rng.uniform(3, 12, n_gt)
        match = match_points(pred_xy, scores, gt_xy, heights)
        for t in np.r_[scores, 2.0]:
            kept = scores >= t
            distance = np.linalg.norm(pred_xy[kept][:, None] - gt_xy[None], axis=-1)
            allowed = distance <= heights[None]
            rows, cols = linear_sum_assignment(~allowed)
            assert match.is_tp[kept].sum() == allowed[rows, cols].sum()


def test_mismatched_inputs_raise() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        match_points([[0, 0]], [0.9, 0.8], [[0, 0]], [10])
    with pytest.raises(ValueError, match="one of each per picture"):
        evaluate_points([pred([], [])], [])
    with pytest.raises(ValueError, match="max_distance_px"):
        match_points([[0, 0]], [0.9], [[0, 0]], [10], max_distance_px=0)
