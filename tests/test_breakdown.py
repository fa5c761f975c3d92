"""Recall and top-1 split by head size and by visible share: each Waldo lands in his own bin."""

import numpy as np

from waldo.eval.breakdown import breakdown
from waldo.eval.runner import Collected, MatchRule


def two_pictures(scores_small: float, scores_big: float) -> Collected:
    """Picture 1: a small, half-hidden Waldo (15 px, 40% visible); picture 2: a big, plain one (40 px)."""
    targets = [
        {"points": np.array([[100.0, 100.0]]), "heights": np.array([15.0]), "visible": np.array([0.4])},
        {"points": np.array([[300.0, 200.0]]), "heights": np.array([40.0]), "visible": np.array([1.0])},
    ]
    preds = [
        {"points": np.array([[101.0, 100.0], [400.0, 400.0]]), "scores": np.array([scores_small, 0.9])},  # a false alarm first
        {"points": np.array([[300.0, 201.0]]), "scores": np.array([scores_big])},
    ]
    return Collected(targets=targets, preds={"network": preds}, seconds={"network": [0.1, 0.1]})


def test_each_waldo_counts_in_his_size_and_visibility_bins():
    table = breakdown(two_pictures(0.7, 0.8), "network", 0.5, MatchRule())
    sizes, visible = table["head_height_px"], table["visible"]
    assert sizes["12-20 px"] == {"waldos": 1, "recall": 1.0, "pictures": 1, "top1": 0.0}  # found, but not the best guess
    assert sizes["35-65 px"] == {"waldos": 1, "recall": 1.0, "pictures": 1, "top1": 1.0}
    assert sizes["20-35 px"]["waldos"] == 0
    assert visible["0-0.5"]["waldos"] == 1 and visible["0.8-1"]["top1"] == 1.0


def test_a_waldo_found_only_below_the_threshold_is_not_recalled():
    sizes = breakdown(two_pictures(0.3, 0.8), "network", 0.5, MatchRule())["head_height_px"]
    assert sizes["12-20 px"]["recall"] == 0.0 and sizes["35-65 px"]["recall"] == 1.0
