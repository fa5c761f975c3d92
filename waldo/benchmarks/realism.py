"""The realism gauge: ten numbers of how pictures look at a 32 px Waldo head, beside the real book pages'.

The measurement is the one of the shared realism gauge (page_stats.py) that produced
real_pages.json from 50 real pages kept outside the project: each picture is resized so
that its median annotated head is 32 px tall and median-filtered (3x3), so print and JPEG
noise do not count as drawing, then measured over the whole picture:

  ink        share of pixels darker than 25% (max of R, G, B < 64): outlines, hatching, hair
  edges      share of pixels on a Canny edge (grey, thresholds 80/160): how busy the drawing is
  flat       share of pixels whose 9x9 neighbourhood is flat (grey std < 3): open background
  sat, val   mean HSV saturation and value (0-1)
  red        share of "Waldo red" pixels (hue within 10 deg of red, S > 0.45, V > 0.35)
  white      share of near-white pixels (S < 0.15, V > 0.8)
  stripes    share of pixels where red and white alternate vertically within 6 px
  colours    distinct colours in a 4-bit-per-channel quantisation, per 32x32-px window (median)
  detail     mean gradient magnitude (Sobel, grey 0-255) inside non-flat areas

The gauge is a compass, not the goal: noise moves `edges` and `colours` without drawing
anything like a book.

    python scripts/realism.py                     # 30 book scenes beside the real pages
    python scripts/realism.py --scenes 10 --preset hard
    python scripts/realism.py --quick             # 3 small scenes: checks that it runs
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any

import cv2
import numpy as np
from omegaconf import OmegaConf

from waldo.synth import render_scene, scene_preset, scene_seed, validate_scene_config

HEAD_PX = 32.0
NUMBERS = ("edges", "flat", "white", "colours", "detail", "ink", "stripes", "red", "sat", "val")
CLOSE_TO_MEDIAN = ("edges", "flat", "white", "colours")  # the numbers that should sit within 25% of the real median
CLOSE_SHARE = 0.25
QUICK_SIZE = (320, 240)


def page_numbers(bgr: np.ndarray) -> dict[str, float]:
    """The ten numbers of one BGR uint8 picture already scaled to a 32 px head."""
    bgr = cv2.medianBlur(bgr, 3)  # print and JPEG noise would otherwise count as detail
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV).astype(np.float32)
    h, s, v = hsv[..., 0] * 2, hsv[..., 1] / 255, hsv[..., 2] / 255
    g = grey.astype(np.float32)
    mean, square = cv2.blur(g, (9, 9)), cv2.blur(g * g, (9, 9))
    flat = np.sqrt(np.maximum(square - mean * mean, 0)) < 3
    red = ((h < 10) | (h > 350)) & (s > 0.45) & (v > 0.35)
    white = (s < 0.15) & (v > 0.8)
    reach = np.ones((7, 1), np.uint8)  # vertical reach of 3 px either side
    stripes = (red & (cv2.dilate(white.astype(np.uint8), reach) > 0)) | (white & (cv2.dilate(red.astype(np.uint8), reach) > 0))
    gx, gy = cv2.Sobel(g, cv2.CV_32F, 1, 0), cv2.Sobel(g, cv2.CV_32F, 0, 1)
    magnitude = np.sqrt(gx * gx + gy * gy)
    quantised = (bgr >> 4).astype(np.int32)
    code = (quantised[..., 0] << 8) | (quantised[..., 1] << 4) | quantised[..., 2]
    counts = [len(np.unique(code[y:y + 32, x:x + 32]))
              for y in range(0, code.shape[0] - 31, 64) for x in range(0, code.shape[1] - 31, 64)]
    return {
        "ink": float((bgr.max(2) < 64).mean()),
        "edges": float((cv2.Canny(grey, 80, 160) > 0).mean()),
        "flat": float(flat.mean()),
        "sat": float(s.mean()), "val": float(v.mean()),
        "red": float(red.mean()), "white": float(white.mean()), "stripes": float(stripes.mean()),
        "colours": float(np.median(counts)) if counts else 0.0,
        "detail": float(magnitude[~flat].mean()) if (~flat).any() else 0.0,
    }


def at_head_scale(rgb: np.ndarray, head_heights: Sequence[float]) -> np.ndarray:
    """The picture as BGR, resized so that its median head is HEAD_PX tall (the gauge's common scale)."""
    if len(head_heights) == 0:
        raise ValueError("a picture needs at least one annotated head to be put at the gauge's scale")
    factor = HEAD_PX / float(np.median(head_heights))
    bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    return cv2.resize(bgr, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC)


def picture_numbers(pictures: Iterable[tuple[np.ndarray, Sequence[float]]]) -> list[dict[str, float]]:
    """The numbers of each (RGB picture, its annotated head heights) that has at least one head."""
    return [page_numbers(at_head_scale(rgb, heads)) for rgb, heads in pictures if len(heads)]


def medians(rows: list[dict[str, float]]) -> dict[str, float]:
    """The median of each number over pictures."""
    if not rows:
        raise ValueError("no annotated pictures to measure: every scene drawn had no visible Waldo")
    return {name: float(np.median([row[name] for row in rows])) for name in NUMBERS}


def real_pages() -> dict[str, Any]:
    """The numbers of the 50 real pages: for each, its 10th percentile, median and 90th percentile."""
    return json.loads((resources.files("waldo.benchmarks") / "real_pages.json").read_text())


def drawn_scenes(preset: str, count: int, seed: int, size: tuple[int, int] | None = None) -> list[tuple[np.ndarray, list[float]]]:
    """`count` scenes of a preset that show a Waldo (scenes without one are skipped, as the gauge skips
    unannotated pictures), with their head heights."""
    cfg = scene_preset(preset)
    if size is not None:
        cfg = OmegaConf.merge(cfg, {"width": size[0], "height": size[1]})
    config = validate_scene_config(cfg)
    scenes, index = [], 0
    while len(scenes) < count and index < 20 * count:
        image, heads = render_scene(config, scene_seed(seed, index))
        index += 1
        if heads:
            scenes.append((image, [h.head_height for h in heads]))
    return scenes


def compare(measured: dict[str, float], real: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per number: the real percentiles, ours, whether ours lies in the real 10th-90th range, and
    for the numbers that should be close, whether ours is within 25% of the real median."""
    rows = []
    for name in NUMBERS:
        p10, median, p90 = real[name]["p10"], real[name]["median"], real[name]["p90"]
        ours = measured[name]
        close = abs(ours - median) <= CLOSE_SHARE * median if name in CLOSE_TO_MEDIAN else None
        rows.append({"number": name, "real_p10": p10, "real_median": median, "real_p90": p90, "ours": ours,
                     "in_range": p10 <= ours <= p90, "within_25pct": close})
    return rows


def format_rows(rows: list[dict[str, Any]], label: str) -> str:
    """The comparison as a table: real 10th / median / 90th, ours, and the two checks."""
    lines = [f"{'number':8s} {'real p10':>9s} {'median':>9s} {'p90':>9s} {label:>9s}  in 10-90  within 25%"]
    for row in rows:
        close = "" if row["within_25pct"] is None else ("yes" if row["within_25pct"] else "NO")
        lines.append(f"{row['number']:8s} {row['real_p10']:9.4g} {row['real_median']:9.4g} {row['real_p90']:9.4g} "
                     f"{row['ours']:9.4g}  {'yes' if row['in_range'] else 'NO':8s}  {close}")
    return "\n".join(lines)


def gauge(preset: str = "book", count: int = 30, seed: int = 4242, size: tuple[int, int] | None = None) -> list[dict[str, Any]]:
    """Draw `count` scenes of `preset` (at `size`, or the preset's own) and compare their medians with the real pages."""
    rows = picture_numbers(drawn_scenes(preset, count, seed, size))
    return compare(medians(rows), real_pages())


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Ten numbers of drawn scenes beside those of 50 real book pages.")
    parser.add_argument("--preset", default="book", help="scene preset to draw (configs/data/scene/<preset>.yaml)")
    parser.add_argument("--scenes", type=int, default=30, help="scenes with a Waldo to measure")
    parser.add_argument("--seed", type=int, default=4242, help="seed of the scene set")
    parser.add_argument("--quick", action="store_true", help=f"3 scenes at {QUICK_SIZE[0]}x{QUICK_SIZE[1]}: checks that it runs")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    if args.scenes < 1:
        parser.error(f"--scenes must be at least 1, got {args.scenes}")
    count, size = (3, QUICK_SIZE) if args.quick else (args.scenes, None)
    rows = gauge(args.preset, count, args.seed, size)
    print(json.dumps(rows, indent=1) if args.json else format_rows(rows, args.preset))


if __name__ == "__main__":
    main()
