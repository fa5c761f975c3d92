"""waldo-generate as a user runs it: writes scenes plus COCO, refuses to overwrite, reports bad values."""

import json
import subprocess
import sys


def run_generate(tmp_path, *overrides: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "waldo.cli.generate", f"output_root={tmp_path}/data",
               "data.scene.width=192", "data.scene.height=160", "data.scene.head_height=[16,20]", *overrides]
    return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)


def test_generate_writes_scenes_and_annotations_then_refuses_to_overwrite(tmp_path):
    done = run_generate(tmp_path, "name=set", "num_scenes=3", "seed=4")
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "data" / "set"
    assert sorted(p.name for p in folder.iterdir()) == ["annotations.json", "scene_00000.png",
                                                         "scene_00001.png", "scene_00002.png"]
    document = json.loads((folder / "annotations.json").read_text())
    assert [image["file_name"] for image in document["images"]] == ["scene_00000.png", "scene_00001.png",
                                                                     "scene_00002.png"]
    assert all(image["width"] == 192 and image["height"] == 160 for image in document["images"])
    assert not (tmp_path / "outputs").exists() and not (tmp_path / ".hydra").exists()
    before = (folder / "scene_00000.png").read_bytes()

    again = run_generate(tmp_path, "name=set", "num_scenes=1", "seed=5")
    assert again.returncode != 0
    assert "not empty" in again.stderr and str(folder) in again.stderr
    assert "Traceback" not in again.stderr
    assert (folder / "scene_00000.png").read_bytes() == before


def test_generate_reports_a_bad_scene_value_in_one_line(tmp_path):
    done = run_generate(tmp_path, "name=bad", "num_scenes=1", "data.scene.no_waldo_rate=1.5")
    assert done.returncode == 2
    assert "no_waldo_rate" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "data" / "bad").exists()
