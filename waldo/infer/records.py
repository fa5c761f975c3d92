"""The per-picture record of what was found, as ``detections.json`` lists it and ``POST /api/detect`` answers.

One builder, so the file the command line writes and the web API's answer never drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from waldo.infer.detector import Detection


def picture_record(path: str, width: int, height: int, seconds: float, detections: Sequence[Detection]) -> dict[str, Any]:
    """``path`` names the picture (a file, or an upload's own name); ``seconds`` is the network's time on it."""
    return {
        "path": str(path),
        "width": int(width),
        "height": int(height),
        "seconds": round(float(seconds), 4),
        "detections": [d.to_json() for d in detections],
    }
