"""The page's marks, as head annotations: one checked place where browser input becomes training data.

The page sends a JSON list of ``{"box": [x0, y0, x1, y1], "point": [x, y]}`` in the picture's
pixels (``point``, the centre of the face, defaults to the box centre); an empty list means
"no Waldo here". Boxes are clipped to the picture; anything else odd is refused with one line.
"""

from __future__ import annotations

import json
import math
from typing import Any

from waldo.synth.annotation import HeadAnnotation

MAX_HEADS = 100  # more Waldos than this on one page is a page script gone wrong, not a book
MIN_HEAD_SIDE = 2.0  # px; a clipped box thinner than this holds no head


def _numbers(value: Any, count: int, what: str) -> list[float]:
    if not isinstance(value, list) or len(value) != count or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value
    ):
        raise ValueError(f"{what} must be a list of {count} finite numbers, got {value!r}")
    return [float(v) for v in value]


def _head(entry: Any, index: int, width: int, height: int) -> HeadAnnotation:
    if not isinstance(entry, dict) or "box" not in entry:
        raise ValueError(f"head {index} must be an object with a 'box', got {entry!r}")
    x0, y0, x1, y1 = _numbers(entry["box"], 4, f"head {index} box")
    x0, x1 = max(0.0, min(x0, x1)), min(float(width), max(x0, x1))
    y0, y1 = max(0.0, min(y0, y1)), min(float(height), max(y0, y1))
    if x1 - x0 < MIN_HEAD_SIDE or y1 - y0 < MIN_HEAD_SIDE:
        raise ValueError(f"head {index} box {entry['box']} lies outside the {width}x{height} picture or is under {MIN_HEAD_SIDE:g} px")
    point = entry.get("point")
    px, py = ((x0 + x1) / 2, (y0 + y1) / 2) if point is None else _numbers(point, 2, f"head {index} point")
    if not (x0 <= px <= x1 and y0 <= py <= y1):
        raise ValueError(f"head {index} point {point} is not inside its box {[x0, y0, x1, y1]}")
    return HeadAnnotation((px, py), (x0, y0, x1, y1))


def heads_from_page(text: str, width: int, height: int) -> list[HeadAnnotation]:
    """Parse and check the page's head list for a ``width`` x ``height`` picture."""
    try:
        entries = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"heads is not valid JSON ({error})") from None
    if not isinstance(entries, list):
        raise ValueError(f"heads must be a JSON list of head boxes ([] for no Waldo), got {type(entries).__name__}")
    if len(entries) > MAX_HEADS:
        raise ValueError(f"{len(entries)} heads on one picture; at most {MAX_HEADS} are taken")
    return [_head(entry, index, width, height) for index, entry in enumerate(entries)]
