"""waldo-detect: find and mark Waldo in pictures, Ultralytics-style.

One line per picture saying what was found and how long it took; marked pictures,
heatmaps and ``detections.json`` in a fresh run folder. A bad picture in a folder is
reported and skipped, and the exit status says something failed.
"""

from __future__ import annotations

import importlib.resources
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import cv2
import hydra
import numpy as np
from omegaconf import DictConfig, ListConfig

from waldo.cli.app import start
from waldo.cli.errors import USER_ERRORS, exit_on_user_error
from waldo.conv import StackGeometry
from waldo.infer.detector import Detection, DetectionResult, Detector
from waldo.infer.records import picture_record
from waldo.pictures.files import collect_pictures, read_image, write_image
from waldo.pictures.overlay import heatmap_overlay, mark_detections

RUNS_FOLDER = Path("runs") / "detect"


def bundled_sample() -> Path:
    """The scene ``waldo-detect`` runs on when given no input, so a fresh install shows what it does."""
    return Path(str(importlib.resources.files("waldo") / "assets" / "sample_scene.jpg"))


def make_output_dir(requested: str | None, runs_folder: Path = RUNS_FOLDER) -> Path:
    """The user's folder if new or empty, else refuse; without one, the next numbered ``runs_folder/<n>``."""
    if requested is not None:
        folder = Path(requested)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise FileExistsError(f"output_dir {folder} already exists and is not empty; choose a new folder (nothing was overwritten)")
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    runs_folder.mkdir(parents=True, exist_ok=True)
    taken = [int(p.name) for p in runs_folder.iterdir() if p.name.isdigit()]
    number = max(taken, default=0) + 1
    while True:  # another run may claim a number at the same moment
        try:
            (runs_folder / str(number)).mkdir()
            return runs_folder / str(number)
        except FileExistsError:
            number += 1


def unique_stems(paths: list[Path]) -> list[str]:
    """Output names per picture; a.png and a.jpg (or two folders' a.png) must not write the same file."""
    seen: dict[str, int] = {}
    stems = []
    for path in paths:
        count = seen.get(path.stem, 0) + 1
        seen[path.stem] = count
        stems.append(path.stem if count == 1 else f"{path.stem}_{count}")
    return stems


def describe(detections: list[Detection]) -> str:
    """'no Waldo', '1 Waldo (0.93) at (512, 300)' or '3 Waldos, best (0.93) at (512, 300)'."""
    if not detections:
        return "no Waldo"
    best = detections[0]
    where = f"({best.score:.2f}) at ({best.x:.0f}, {best.y:.0f})"
    return f"1 Waldo {where}" if len(detections) == 1 else f"{len(detections)} Waldos, best {where}"


def heatmap_preview(picture: np.ndarray, geometry: StackGeometry, max_side: int) -> tuple[np.ndarray, StackGeometry]:
    """A copy no longer than ``max_side`` to draw the heatmap on, and the grid's geometry on that copy.

    The heatmap is coarse (one cell per jump pixels), so a full-size overlay of an 80 MP photo
    shows nothing more and costs gigabytes of blending.
    """
    height, width = picture.shape[:2]
    factor = max_side / max(height, width)
    if factor >= 1:
        return picture, geometry
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    factor = size[0] / width
    small = cv2.resize(picture, size, interpolation=cv2.INTER_AREA)
    # resizing moves pixel p to (p + 0.5) * factor - 0.5; the jump becomes fractional, which the maps allow
    return small, replace(geometry, jump=geometry.jump * factor, offset=(geometry.offset + 0.5) * factor - 0.5)


def save_pictures(picture: np.ndarray, result: DetectionResult, folder: Path, stem: str, cfg: DictConfig) -> dict[str, str | None]:
    """``<stem>_heatmap.png`` if asked, then ``<stem>_marked.png`` (``.jpg`` for a huge page); returns their names.

    The marks are drawn on ``picture`` itself, which the caller is done with: a huge page is
    hundreds of MB a copy.
    """
    names: dict[str, str | None] = {"marked": None, "heatmap": None}
    if cfg.save_heatmap:
        preview, geometry = heatmap_preview(picture, result.geometry, int(cfg.heatmap_max_side))
        names["heatmap"] = write_image(folder / f"{stem}_heatmap.png", heatmap_overlay(preview, result.heat, geometry)).name
        del preview
    points = np.array([(d.x, d.y) for d in result.detections], np.float32).reshape(-1, 2)
    scores = np.array([d.score for d in result.detections], np.float32)
    heights = np.array([d.head_height for d in result.detections], np.float32)
    huge = picture.shape[0] * picture.shape[1] > float(cfg.marked_jpeg_above) * 1e6
    marked = mark_detections(picture, points, scores, heights, in_place=True)
    names["marked"] = write_image(folder / f"{stem}_marked.{'jpg' if huge else 'png'}", marked, consume=True).name
    return names


def as_scales(value) -> tuple[float, ...]:
    """``scales=1.5`` and ``scales=[0.75,1,1.5]`` both work on the command line."""
    return tuple(float(v) for v in value) if isinstance(value, (list, tuple, ListConfig)) else (float(value),)


def detector_from(cfg: DictConfig, threshold: float | None = None) -> Detector:
    """The detector a command's composed config describes (``ckpt``, ``device`` and the detector group);
    ``threshold`` replaces the group's when the command decodes lower (waldo-eval's curve, the page's candidates)."""
    return Detector.load(cfg.ckpt, device=str(cfg.device), threshold=float(cfg.threshold if threshold is None else threshold),
                         top_k=cfg.top_k, tile_size=int(cfg.tile_size), scales=as_scales(cfg.scales))


def detect_all(cfg: DictConfig) -> int:
    """Run the detector over every picture the input names; returns the exit status (1 if any failed)."""
    if not float(cfg.marked_jpeg_above) > 0:
        raise ValueError(f"marked_jpeg_above={cfg.marked_jpeg_above} must be a positive number of megapixels")
    paths = collect_pictures(bundled_sample() if cfg.input is None else cfg.input)
    detector = detector_from(cfg)
    folder = make_output_dir(cfg.output_dir)
    report = {"model": "bundled" if cfg.ckpt is None else str(cfg.ckpt), "images": [], "errors": []}
    started, found = time.perf_counter(), 0
    for index, (path, stem) in enumerate(zip(paths, unique_stems(paths)), start=1):
        prefix = f"image {index}/{len(paths)} {path}"
        try:
            picture = read_image(path)
            tick = time.perf_counter()
            result = detector.run(picture)
            seconds = time.perf_counter() - tick
            height, width = picture.shape[:2]
            outputs = save_pictures(picture, result, folder, stem, cfg)
        except USER_ERRORS as error:
            report["errors"].append({"path": str(path), "error": str(error)})
            print(f"{prefix}: error: {error}", file=sys.stderr)
            continue
        finally:
            picture = None  # the next page is read before this one would be freed
        found += len(result.detections)
        report["images"].append(picture_record(str(path), width, height, seconds, result.detections) | outputs)
        print(f"{prefix} {width}x{height}: {describe(result.detections)}, {seconds * 1000:.0f} ms")
    (folder / "detections.json").write_text(json.dumps(report, indent=2) + "\n")
    failed = len(report["errors"])
    summary = f"{len(report['images'])} picture(s), {found} Waldo(s) in {time.perf_counter() - started:.1f} s; results saved to {folder}"
    print(summary + (f" ({failed} picture(s) failed, listed under 'errors' in detections.json)" if failed else ""))
    return 1 if failed else 0


@hydra.main(version_base="1.3", config_path="pkg://waldo.configs", config_name="detect")
@exit_on_user_error
def run(cfg: DictConfig) -> None:
    status = detect_all(cfg)
    if status:
        sys.exit(status)


def main() -> None:
    """The console script: waldo's checks of the command line, then the Hydra app."""
    start(run, "detect", positional="input")


if __name__ == "__main__":
    main()
