"""Point-matching detection metrics: a detection is a point, a Waldo is a head point with a height.

A detection counts as a hit when it lies within a distance of a Waldo's head point; the distance
scales with the head height (``max_distance_factor * height``) so that big and small Waldos are
judged alike, or is a fixed ``max_distance_px``. Every number below comes from one matching per
picture (``match_points``), so P/R/F1 at a threshold, the precision-recall curve, AP, F1-best and
top-1 can never disagree with each other.

Conventions for empty cases (no NaN anywhere):

- recall with no Waldos is 1.0 (nothing was missed);
- precision with no kept detections is 1.0 if there are no Waldos either, else 0.0 (saying
  nothing about a picture full of Waldos is not "perfectly precise");
- F1 is 0.0 when precision + recall is 0;
- AP with no Waldos in the whole dataset is 1.0 without detections, else 0.0;
- top-1 only counts pictures with at least one Waldo; with no such picture it is 1.0;
- count error over zero pictures is 0.0.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from scipy.optimize import linear_sum_assignment
from torchmetrics import Metric
from torchmetrics.utilities import dim_zero_cat

ArrayLike = np.ndarray | torch.Tensor | Sequence


@dataclass(frozen=True)
class MatchResult:
    """One picture's matching: per prediction its score, whether it is a TP and which gt it took."""

    scores: np.ndarray  # (P,) float
    is_tp: np.ndarray  # (P,) bool
    gt_index: np.ndarray  # (P,) int, -1 for a false positive
    num_gt: int


def _to_numpy(values: ArrayLike, shape_tail: tuple[int, ...] = ()) -> np.ndarray:
    array = values.detach().cpu().numpy() if isinstance(values, torch.Tensor) else np.asarray(values)
    return array.astype(np.float64).reshape((-1, *shape_tail))


def match_points(
    pred_xy: ArrayLike,
    pred_scores: ArrayLike,
    gt_xy: ArrayLike,
    gt_heights: ArrayLike,
    max_distance_factor: float = 1.0,
    max_distance_px: float | None = None,
) -> MatchResult:
    """Match predictions to Waldos one-to-one, each gt reachable within its distance threshold.

    The matching is done once on *all* predictions (those kept at the lowest threshold) and its TP
    flags are then read at every score threshold. To make that honest, the assignment maximises the
    score-rank weight of the matched predictions (higher score first), with distance only breaking
    ties. The sets of matchable predictions form a matroid, so this picks the same predictions as
    adding them greedily by descending score while allowing re-assignment: for *every* threshold t
    the TPs among predictions scoring >= t are a maximum one-to-one matching of those predictions.
    Thus P/R/F1 at any threshold equal a fresh optimal assignment at that threshold, and a
    low-scoring detection can never steal a Waldo from a high-scoring one (which would dent the
    precision-recall curve). Unlike COCO's nearest-first greedy matching, re-assignment means two
    detections share two Waldos whenever a one-to-one pairing within range exists.
    Pairs beyond the threshold get a large cost and are dropped after the assignment.
    A distance exactly equal to the threshold is a hit.
    """
    if max_distance_px is not None and max_distance_px <= 0:
        raise ValueError(f"max_distance_px must be positive, got {max_distance_px}")
    if max_distance_px is None and max_distance_factor <= 0:
        raise ValueError(f"max_distance_factor must be positive, got {max_distance_factor}")
    pred = _to_numpy(pred_xy, (2,))
    scores = _to_numpy(pred_scores)
    gt = _to_numpy(gt_xy, (2,))
    heights = _to_numpy(gt_heights)
    if len(pred) != len(scores) or len(gt) != len(heights):
        raise ValueError(
            f"points and scores/heights differ in length: {len(pred)} preds vs {len(scores)} scores, "
            f"{len(gt)} gts vs {len(heights)} heights"
        )
    gt_index = np.full(len(pred), -1, dtype=np.int64)
    if len(pred) and len(gt):
        fixed = max_distance_px is not None
        limit = np.full(len(gt), float(max_distance_px)) if fixed else max_distance_factor * heights
        distance = np.linalg.norm(pred[:, None, :] - gt[None, :, :], axis=-1)
        allowed = distance <= limit[None, :]
        rank = np.empty(len(pred), dtype=np.float64)
        rank[np.argsort(-scores, kind="stable")] = np.arange(len(pred), 0, -1)
        pairs = min(len(pred), len(gt))
        # Rank weights differ by >= 1 and the distance terms sum to < 1, so distance only breaks ties.
        cost = -rank[:, None] + np.clip(distance / np.maximum(limit[None, :], 1e-12), 0, 1) / (pairs + 1)
        cost = np.where(allowed, cost, pairs * len(pred) + 2.0)
        rows, cols = linear_sum_assignment(cost)
        keep = allowed[rows, cols]
        gt_index[rows[keep]] = cols[keep]
    return MatchResult(scores=scores, is_tp=gt_index >= 0, gt_index=gt_index, num_gt=len(gt))


def precision_recall_f1(tp: int, num_pred: int, num_gt: int) -> tuple[float, float, float]:
    """P/R/F1 from counts, with the module's empty-case conventions instead of NaN."""
    recall = tp / num_gt if num_gt else 1.0
    precision = tp / num_pred if num_pred else (0.0 if num_gt else 1.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return precision, recall, f1


def _pooled(matches: Sequence[MatchResult]) -> tuple[np.ndarray, np.ndarray, int]:
    """All pictures' predictions sorted by descending score (stable), with the total gt count."""
    scores = np.concatenate([m.scores for m in matches]) if matches else np.zeros(0)
    is_tp = np.concatenate([m.is_tp for m in matches]) if matches else np.zeros(0, dtype=bool)
    order = np.argsort(-scores, kind="stable")
    return scores[order], is_tp[order], sum(m.num_gt for m in matches)


def curve_from_matches(matches: Sequence[MatchResult]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision and recall when keeping predictions scoring >= each distinct score (descending).

    Tied scores form one step, so the curve does not depend on the order of equal scores.
    """
    scores, is_tp, num_gt = _pooled(matches)
    last_of_tie = np.r_[np.flatnonzero(np.diff(scores) != 0), len(scores) - 1] if len(scores) else np.zeros(0, int)
    tp = np.cumsum(is_tp)[last_of_tie]
    kept = last_of_tie + 1
    precision = tp / kept
    recall = tp / num_gt if num_gt else np.ones(len(tp))
    return precision, recall.astype(np.float64), scores[last_of_tie]


def average_precision_from_matches(matches: Sequence[MatchResult]) -> float:
    """All-point interpolated AP (VOC2010+/COCO style): precision made non-increasing from the right,
    integrated over the recall steps. Recall never reached counts as precision 0."""
    precision, recall, _ = curve_from_matches(matches)
    if sum(m.num_gt for m in matches) == 0:
        return 0.0 if len(precision) else 1.0
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    steps = np.diff(np.r_[0.0, recall])
    return float(np.sum(steps * envelope))


def summarize(matches: Sequence[MatchResult], score_threshold: float = 0.5) -> dict[str, float]:
    """Dataset-level metrics from per-picture matches; counts are pooled over pictures (micro average).

    ``top1`` ignores the score threshold: it asks whether the single best guess in a picture with
    a Waldo is a hit, and a picture without detections is a miss. ``count_error`` is the mean over
    all pictures of |#detections scoring >= threshold - #Waldos|. ``f1_best`` ranges over keeping
    every detection scoring >= each distinct score, and over keeping none (threshold just above the
    top score); ties go to the highest threshold. Without any detection ``threshold_best`` is
    ``score_threshold``, since there is no evidence to move it.
    """
    kept = [m.scores >= score_threshold for m in matches]
    tp = sum(int(np.sum(m.is_tp & k)) for m, k in zip(matches, kept))
    num_pred = sum(int(np.sum(k)) for k in kept)
    num_gt = sum(m.num_gt for m in matches)
    precision, recall, f1 = precision_recall_f1(tp, num_pred, num_gt)

    with_waldo = [m for m in matches if m.num_gt > 0]
    hits = [len(m.scores) > 0 and bool(m.is_tp[np.argmax(m.scores)]) for m in with_waldo]
    top1 = float(np.mean(hits)) if hits else 1.0
    count_error = float(np.mean([abs(int(np.sum(k)) - m.num_gt) for m, k in zip(matches, kept)])) if matches else 0.0

    curve_p, curve_r, thresholds = curve_from_matches(matches)
    f1_best, threshold_best = precision_recall_f1(0, 0, num_gt)[2], float(score_threshold)
    if len(thresholds):
        threshold_best = float(np.nextafter(thresholds[0], np.inf))
        for p, r, t in zip(curve_p, curve_r, thresholds):
            f1_at_t = 2 * p * r / (p + r) if p + r > 0 else 0.0
            if f1_at_t > f1_best:
                f1_best, threshold_best = float(f1_at_t), float(t)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "ap": average_precision_from_matches(matches),
        "top1": top1,
        "count_error": count_error,
        "f1_best": float(f1_best),
        "threshold_best": threshold_best,
    }


def match_pictures(
    preds: Sequence[dict],
    targets: Sequence[dict],
    max_distance_factor: float = 1.0,
    max_distance_px: float | None = None,
) -> list[MatchResult]:
    """Match every picture; preds hold ``points`` (P,2), ``scores`` (P,); targets ``points`` (G,2), ``heights`` (G,)."""
    if len(preds) != len(targets):
        raise ValueError(f"got {len(preds)} predictions but {len(targets)} targets; give one of each per picture")
    return [
        match_points(p["points"], p["scores"], t["points"], t["heights"], max_distance_factor, max_distance_px)
        for p, t in zip(preds, targets)
    ]


def evaluate_points(
    preds: Sequence[dict],
    targets: Sequence[dict],
    score_threshold: float = 0.5,
    max_distance_factor: float = 1.0,
    max_distance_px: float | None = None,
) -> dict[str, float]:
    """All dataset-level metrics without torchmetrics: keys as in ``summarize``."""
    return summarize(match_pictures(preds, targets, max_distance_factor, max_distance_px), score_threshold)


def precision_recall_curve(
    preds: Sequence[dict],
    targets: Sequence[dict],
    max_distance_factor: float = 1.0,
    max_distance_px: float | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(precision, recall, thresholds), one entry per distinct score in descending order, for plotting."""
    return curve_from_matches(match_pictures(preds, targets, max_distance_factor, max_distance_px))


class WaldoPointMetrics(Metric):
    """torchmetrics wrapper: matches each picture in ``update`` and keeps only the match flags, so
    ``compute`` runs the very same ``summarize`` as ``evaluate_points``. States are concatenated in
    the same rank order under DDP, which keeps per-prediction and per-picture states aligned."""

    full_state_update = False

    _STATES = ("scores", "is_tp", "gt_index", "num_pred", "num_gt")

    def __init__(
        self,
        score_threshold: float = 0.5,
        max_distance_factor: float = 1.0,
        max_distance_px: float | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.score_threshold = score_threshold
        self.max_distance_factor = max_distance_factor
        self.max_distance_px = max_distance_px
        for name in self._STATES:
            self.add_state(name, default=[], dist_reduce_fx="cat")

    def update(self, preds: list[dict], targets: list[dict]) -> None:
        score_dtype = torch.float32 if self.device.type == "mps" else torch.float64  # MPS has no float64
        for m in match_pictures(preds, targets, self.max_distance_factor, self.max_distance_px):
            self.scores.append(torch.as_tensor(m.scores, dtype=score_dtype, device=self.device))
            self.is_tp.append(torch.as_tensor(m.is_tp, dtype=torch.bool, device=self.device))
            self.gt_index.append(torch.as_tensor(m.gt_index, dtype=torch.int64, device=self.device))
            self.num_pred.append(torch.tensor([len(m.scores)], dtype=torch.int64, device=self.device))
            self.num_gt.append(torch.tensor([m.num_gt], dtype=torch.int64, device=self.device))

    def _matches(self) -> list[MatchResult]:
        """Rebuild per-picture matches from the (possibly gathered) flat states."""
        if isinstance(self.num_gt, list) and not self.num_gt:
            return []
        flat = {name: dim_zero_cat(getattr(self, name)).cpu().numpy() for name in self._STATES}
        bounds = np.cumsum(flat["num_pred"])[:-1]
        per_picture = [np.split(flat[name], bounds) for name in ("scores", "is_tp", "gt_index")]
        return [
            MatchResult(scores=s.astype(np.float64), is_tp=t, gt_index=g, num_gt=int(n))
            for s, t, g, n in zip(*per_picture, flat["num_gt"])
        ]

    def compute(self) -> dict[str, float]:
        return summarize(self._matches(), self.score_threshold)
