"""The detection defaults, read from the packaged ``configs/detector/default.yaml``.

The Hydra apps compose the same file, so ``Detector.load()`` in Python and ``waldo-detect``
on the command line search the same scales at the same threshold unless told otherwise.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from omegaconf import OmegaConf

SETTING_NAMES = ("threshold", "scales", "top_k", "tile_size")


@functools.cache
def _defaults() -> dict[str, Any]:
    text = (resources.files("waldo.configs") / "detector" / "default.yaml").read_text()
    values = OmegaConf.to_container(OmegaConf.create(text))
    return {name: values[name] for name in SETTING_NAMES}


def detector_defaults() -> dict[str, Any]:
    """``threshold`` (float), ``scales`` (tuple of floats), ``top_k`` and ``tile_size`` (ints)."""
    values = _defaults()
    return {
        "threshold": float(values["threshold"]),
        "scales": tuple(float(s) for s in values["scales"]),
        "top_k": int(values["top_k"]),
        "tile_size": int(values["tile_size"]),
    }
