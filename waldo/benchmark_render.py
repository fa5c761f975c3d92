"""How fast the scene generator draws: it bounds how many fresh scenes training can see per second."""

import time
from typing import Any

import cv2
from omegaconf import OmegaConf

from waldo.synth import render_scene, validate_scene_config

WARMUP_SCENES = 20


def measure_render_speed(scene_cfg: Any, n: int, width: int = 1024, height: int = 768) -> dict[str, float]:
    """Render n scenes of the given size on one thread (after a short warm-up) and report the rate.

    Single-threaded because DataLoader workers each draw on one core; the warm-up builds
    the cached figure templates, which every long run pays only once.
    """
    if n <= 0:
        raise ValueError(f"n must be a positive number of scenes, got {n}")
    # checked once, as the training stream does, so the rate is a worker's drawing rate
    cfg = validate_scene_config(OmegaConf.merge(OmegaConf.create(scene_cfg), {"width": width, "height": height}))
    previous_threads = cv2.getNumThreads()
    cv2.setNumThreads(1)
    try:
        for seed in range(WARMUP_SCENES):
            render_scene(cfg, 1_000_000 + seed)
        start = time.perf_counter()
        for seed in range(n):
            render_scene(cfg, seed)
        elapsed = time.perf_counter() - start
    finally:
        cv2.setNumThreads(previous_threads)
    return {"scenes": float(n), "seconds": elapsed, "scenes_per_s": n / elapsed, "ms_per_scene": 1000.0 * elapsed / n,
            "width": float(width), "height": float(height)}
