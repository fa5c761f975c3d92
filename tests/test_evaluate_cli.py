"""waldo-eval end to end: files in a fresh folder, a table on stdout, one line and a non-zero exit for bad input."""

import json
from pathlib import Path

import cv2
import pytest

from waldo.cli.evaluate import main


@pytest.fixture
def waldo_eval(run_cli):
    """The real console script in this process (a fresh interpreter per call would cost seconds of imports)."""
    return lambda *overrides, cwd: run_cli(main, "waldo-eval", *overrides)


@pytest.fixture
def bundle(bundle_path: Path) -> Path:
    return bundle_path


def test_writes_metrics_and_curve_with_baseline(waldo_eval, bundle: Path, tmp_path: Path) -> None:
    small = ["num_scenes=2", "width=256", "height=192", "data/scene=easy", "template.steps=2", "template.poses=[front]"]
    done = waldo_eval(f"ckpt={bundle}", "baseline=template", *small, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    header, network, template = done.stdout.splitlines()[:3]
    assert header.split()[:3] == ["method", "pictures", "Waldos"]
    assert network.startswith("network") and template.startswith("template")
    folder = tmp_path / "runs" / "eval" / "1"
    report = json.loads((folder / "metrics.json").read_text())
    assert set(report["methods"]) == {"network", "template"} and "speedup" in report["comparison"]
    assert cv2.imread(str(folder / "pr_curve.png")) is not None

    again = waldo_eval(f"ckpt={bundle}", *small, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "runs" / "eval" / "2" / "metrics.json").is_file(), "a second run must not reuse the first folder"
    refused = waldo_eval(f"ckpt={bundle}", *small, f"output_dir={folder}", cwd=tmp_path)
    assert refused.returncode != 0 and "not empty" in refused.stderr


@pytest.mark.parametrize(
    "overrides, message",
    [
        (["folder=no/such/folder"], "no/such/folder"),
        (["ckpt=missing_model.pt"], "missing_model.pt"),
        (["match_unit=inches"], "match_unit"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(waldo_eval, overrides: list[str], message: str, bundle: Path, tmp_path: Path) -> None:
    if not any(o.startswith("ckpt=") for o in overrides):
        overrides = [f"ckpt={bundle}", *overrides]
    done = waldo_eval(*overrides, cwd=tmp_path)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and message in lines[0], done.stderr
    assert not (tmp_path / "runs").exists(), "nothing is written when the input is bad"
