"""waldo-detect end to end: what it writes, what it says, and how it fails."""

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
import torch

from conftest import DEFAULT_MODEL as DEFAULT
from conftest import SCRIPTS
from waldo.cli.detect import heatmap_preview, main
from waldo.model.bundle import save_bundle
from waldo.model.network import build_net

SCRIPT = SCRIPTS / "detect.py"


@pytest.fixture
def bundle(bundle_path: Path) -> Path:
    return bundle_path


def detect(cwd: Path, *overrides: str) -> subprocess.CompletedProcess:
    """The real thing, in its own process: console script runner, exit status, streams."""
    return subprocess.run([sys.executable, str(SCRIPT), *overrides], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def detect_here(run_cli):
    """The same main in this process (torch is already imported, so each run takes a fraction of a second)."""
    return lambda *overrides: run_cli(main, "waldo-detect", *overrides)


def pictures(folder: Path) -> Path:
    """Two good pictures, one text file dressed as a PNG, one JPEG cut in half."""
    folder.mkdir()
    rng = np.random.default_rng(0)
    cv2.imwrite(str(folder / "a.png"), rng.integers(0, 256, (200, 300, 3), dtype=np.uint8))
    cv2.imwrite(str(folder / "b.jpg"), rng.integers(0, 256, (150, 100, 3), dtype=np.uint8))
    (folder / "c.png").write_text("not a picture")
    data = cv2.imencode(".jpg", rng.integers(0, 256, (90, 90, 3), dtype=np.uint8))[1].tobytes()
    (folder / "d.jpg").write_bytes(data[: len(data) // 2])
    return folder


def test_a_folder_with_bad_pictures_reports_them_and_exits_1(tmp_path, bundle):
    run = detect(tmp_path, f"ckpt={bundle}", f"input={pictures(tmp_path / 'in')}", "output_dir=out", "top_k=5")
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert "c.png could not be decoded" in run.stderr and "d.jpg is truncated" in run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("image 1/4 ") and "a.png 300x200: " in lines[0] and lines[0].endswith(" ms")
    assert "results saved to out" in lines[-1]
    report = json.loads((tmp_path / "out" / "detections.json").read_text())
    assert report["model"] == str(bundle)
    assert [Path(i["path"]).name for i in report["images"]] == ["a.png", "b.jpg"]
    assert [Path(e["path"]).name for e in report["errors"]] == ["c.png", "d.jpg"]
    first = report["images"][0]
    assert (first["width"], first["height"]) == (300, 200) and first["seconds"] > 0
    assert 0 < len(first["detections"]) <= 5
    for detection in first["detections"]:
        assert {"x", "y", "score", "box"} <= set(detection) and len(detection["box"]) == 4
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["a_heatmap.png", "a_marked.png", "b_heatmap.png", "b_marked.png", "detections.json"]
    assert cv2.imread(str(tmp_path / "out" / "a_marked.png")).shape == (200, 300, 3)


def test_run_folders_are_numbered_and_existing_output_is_never_overwritten(tmp_path, bundle, detect_here):
    image = tmp_path / "x.png"
    cv2.imwrite(str(image), np.full((64, 64, 3), 200, np.uint8))
    for _ in range(2):
        assert detect_here(f"ckpt={bundle}", f"input={image}", "save_heatmap=false").returncode == 0
    assert sorted(p.name for p in (tmp_path / "runs" / "detect").iterdir()) == ["1", "2"]
    assert sorted(p.name for p in (tmp_path / "runs" / "detect" / "2").iterdir()) == ["detections.json", "x_marked.png"]
    before = (tmp_path / "runs" / "detect" / "1" / "detections.json").read_bytes()
    run = detect_here(f"ckpt={bundle}", f"input={image}", "output_dir=runs/detect/1")
    assert run.returncode == 2 and "already exists and is not empty" in run.stderr
    assert (tmp_path / "runs" / "detect" / "1" / "detections.json").read_bytes() == before


@pytest.mark.parametrize(
    "make, overrides, message",
    [
        (None, ["input=missing.png"], "input missing.png does not exist"),
        ("empty_folder", ["input=empty"], "folder empty holds no pictures"),
        ("corrupt_ckpt", ["ckpt=broken.pt"], "checkpoint broken.pt is not a readable PyTorch file"),
        ("other_arch", ["ckpt=other.pt"], "checkpoint other.pt does not fit the architecture"),
        (None, ["tile_size=32"], "tile_size=32 is too small"),
    ],
)
def test_user_mistakes_give_one_line_and_exit_2(tmp_path, bundle, detect_here, make, overrides, message):
    cv2.imwrite(str(tmp_path / "x.png"), np.full((64, 64, 3), 200, np.uint8))
    if make == "empty_folder":
        (tmp_path / "empty").mkdir()
    elif make == "corrupt_ckpt":
        (tmp_path / "broken.pt").write_bytes(b"PK\x03\x04 half a zip")
    elif make == "other_arch":
        wide = {**DEFAULT, "width": 8}
        save_bundle(build_net(DEFAULT), wide, tmp_path / "other.pt")
    defaults = {"ckpt": f"ckpt={bundle}", "input": "input=x.png"}
    for override in overrides:
        defaults[override.split("=")[0]] = override
    run = detect_here(*defaults.values())
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1].startswith("error: ") and message in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "runs").exists()


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has a GPU")
def test_asking_for_a_missing_gpu_says_so(tmp_path, bundle, detect_here):
    cv2.imwrite(str(tmp_path / "x.png"), np.full((64, 64, 3), 200, np.uint8))
    run = detect_here(f"ckpt={bundle}", "input=x.png", "device=cuda")
    assert run.returncode == 2 and "device=cuda" in run.stderr and "no CUDA GPU" in run.stderr


def test_no_input_runs_on_the_bundled_sample_scene(tmp_path, bundle, detect_here):
    run = detect_here(f"ckpt={bundle}", "output_dir=out", "scales=[0.75,1]")
    assert run.returncode == 0, run.stderr
    assert "sample_scene.jpg 1024x768" in run.stdout
    assert (tmp_path / "out" / "sample_scene_marked.png").exists()


def test_pictures_sharing_a_name_get_their_own_outputs(tmp_path, bundle, detect_here):
    cv2.imwrite(str(tmp_path / "a.png"), np.full((64, 64, 3), 200, np.uint8))
    cv2.imwrite(str(tmp_path / "a.jpg"), np.full((64, 64, 3), 100, np.uint8))
    assert detect_here(f"ckpt={bundle}", "input=*.*", "output_dir=out", "save_heatmap=false").returncode == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a_2_marked.png", "a_marked.png", "detections.json"]


def test_huge_pictures_get_their_heatmap_drawn_on_a_smaller_copy(tmp_path, bundle, detect_here):
    geometry = build_net(DEFAULT).geometry
    preview, moved = heatmap_preview(np.zeros((300, 500, 3), np.uint8), geometry, 100)
    assert preview.shape == (60, 100, 3)
    for cell in (0, 7, 30):
        assert moved.cell_to_pixel(cell) == pytest.approx((geometry.cell_to_pixel(cell) + 0.5) * 0.2 - 0.5)
    cv2.imwrite(str(tmp_path / "x.png"), np.full((150, 250, 3), 200, np.uint8))
    assert detect_here(f"ckpt={bundle}", "input=x.png", "output_dir=out", "heatmap_max_side=100").returncode == 0
    assert cv2.imread(str(tmp_path / "out" / "x_heatmap.png")).shape == (60, 100, 3)
    assert cv2.imread(str(tmp_path / "out" / "x_marked.png")).shape == (150, 250, 3)
