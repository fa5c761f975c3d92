"""Where a method finds Waldo and where it does not: recall and top-1 split by head size and by visibility.

Precision and AP belong to the whole set (a false alarm has no Waldo, so no size or visibility
to be filed under); what splits cleanly is which Waldos were found. A Waldo counts as found
when a detection scoring at least the threshold is matched to him, as in the set's recall; a
picture counts for top-1 in a bin when it holds a Waldo of that bin, and scores when its best
detection is one of those.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from waldo.eval.metrics import match_pictures
from waldo.eval.runner import Collected, MatchRule

HEAD_SIZE_BINS = ((12.0, 20.0), (20.0, 35.0), (35.0, 65.0))  # px, hat top to chin; [low, high)
VISIBLE_BINS = ((0.0, 0.5), (0.5, 0.8), (0.8, 1.01))  # share of the head left visible; [low, high)


def bin_name(low: float, high: float, unit: str) -> str:
    return f"{low:g}-{min(high, 1.0) if unit == '' else high:g}{unit}"


def split(run: Collected, method: str, threshold: float, rule: MatchRule, attribute: str,
          bins: Sequence[tuple[float, float]], unit: str) -> dict[str, dict[str, float]]:
    """Per bin of ``attribute`` (``heights`` or ``visible``): Waldos, recall at ``threshold``, pictures, top-1."""
    matches = match_pictures(run.preds[method], run.targets, **rule.keywords())
    table = {}
    for low, high in bins:
        waldos = found = pictures = first = 0
        for match, target in zip(matches, run.targets):
            values = np.asarray(target.get(attribute, np.ones(len(target["points"]))), np.float64).reshape(-1)
            inside = (values >= low) & (values < high)
            if not inside.any():
                continue
            taken = match.gt_index[match.is_tp & (match.scores >= threshold)]
            waldos += int(inside.sum())
            found += int(inside[taken].sum())
            pictures += 1
            if len(match.scores):
                best = int(np.argmax(match.scores))
                first += int(match.is_tp[best] and inside[match.gt_index[best]])
        table[bin_name(low, high, unit)] = {
            "waldos": waldos,
            "recall": found / waldos if waldos else float("nan"),
            "pictures": pictures,
            "top1": first / pictures if pictures else float("nan"),
        }
    return table


def breakdown(run: Collected, method: str, threshold: float, rule: MatchRule) -> dict[str, dict[str, dict[str, float]]]:
    """Both splits of one method, for metrics.json and the printed table."""
    return {
        "head_height_px": split(run, method, threshold, rule, "heights", HEAD_SIZE_BINS, " px"),
        "visible": split(run, method, threshold, rule, "visible", VISIBLE_BINS, ""),
    }


def format_breakdown(table: dict[str, dict[str, dict[str, float]]]) -> str:
    """``head 12-20 px: 41 Waldos, recall 0.61, top-1 0.70 (37 pictures)`` lines."""
    lines = []
    for split_name, rows in table.items():
        label = "head" if split_name == "head_height_px" else "visible"
        for name, row in rows.items():
            if row["waldos"]:
                lines.append(f"  {label} {name}: {row['waldos']} Waldos, recall {row['recall']:.3f}, "
                             f"top-1 {row['top1']:.3f} ({row['pictures']} pictures)")
    return "\n".join(lines)
