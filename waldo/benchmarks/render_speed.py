"""How fast the scene generator draws: it bounds how many fresh scenes training can see per second."""

import statistics
import time
from typing import Any

import cv2
from omegaconf import OmegaConf

from waldo.synth import render_scene, validate_scene_config
from waldo.synth.template_warmup import build_all_templates

WARMUP_SCENES = 20


def measure_render_speed(scene_cfg: Any, n: int, width: int = 1024, height: int = 768,
                         passes: int = 1) -> dict[str, float]:
    """Render the same n scenes `passes` times on one thread and report the fastest pass and the median one.

    Single-threaded because DataLoader workers each draw on one core. The warm-up builds
    every figure template first, as a long training stream soon has, then draws a few
    scenes. Every pass draws the very same scenes, so passes differ only by what else the
    machine was doing: the fastest is the generator's own cost (as timeit reports), the
    median what a busy machine gave.
    """
    if n <= 0:
        raise ValueError(f"n must be a positive number of scenes, got {n}")
    if passes <= 0:
        raise ValueError(f"passes must be a positive number, got {passes}")
    # checked once, as the training stream does, so the rate is a worker's drawing rate
    cfg = validate_scene_config(OmegaConf.merge(OmegaConf.create(scene_cfg), {"width": width, "height": height}))
    previous_threads = cv2.getNumThreads()
    cv2.setNumThreads(1)
    try:
        build_all_templates()
        for seed in range(WARMUP_SCENES):
            render_scene(cfg, 1_000_000 + seed)
        seconds = []
        for _ in range(passes):
            start = time.perf_counter()
            for seed in range(n):
                render_scene(cfg, seed)
            seconds.append(time.perf_counter() - start)
    finally:
        cv2.setNumThreads(previous_threads)
    fastest, median = min(seconds), statistics.median(seconds)
    return {"scenes": float(n), "passes": float(passes), "seconds": fastest, "scenes_per_s": n / fastest,
            "ms_per_scene": 1000.0 * fastest / n, "median_ms_per_scene": 1000.0 * median / n,
            "width": float(width), "height": float(height)}
