"""Where's Waldo finder: a fully-convolutional waldoness network trained on synthetic scenes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from waldo.infer.detector import Detection, Detector

__all__ = ["Detection", "Detector"]


def __getattr__(name: str):
    """``from waldo import Detector`` without making ``import waldo`` pay for torch up front."""
    if name in __all__:
        from waldo.infer import detector

        return getattr(detector, name)
    raise AttributeError(f"module 'waldo' has no attribute {name!r}")
