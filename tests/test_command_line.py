"""What a new user types: plain and foreign file names, typos, bad values, --help, outputs per picture."""

import json
import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest

from conftest import SAMPLES
from waldo.cli.detect import main as detect_main
from waldo.cli.evaluate import main as eval_main
from waldo.cli.generate import main as generate_main
from waldo.cli.train import main as train_main

FOREIGN = "Où est Charlie p12 写真.jpg"


def one_error_line(done) -> str:
    lines = done.stderr.strip().splitlines()
    assert done.returncode != 0
    assert len(lines) == 1 and lines[0].startswith("error:"), done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


@pytest.fixture
def foreign_picture(tmp_path: Path) -> Path:
    folder = tmp_path / "scans"
    folder.mkdir()
    return Path(shutil.copy(SAMPLES / "scene_00001.jpg", folder / FOREIGN))


@pytest.mark.parametrize("how", ["positional", "input="])
def test_a_picture_named_with_spaces_and_foreign_letters_is_detected(run_cli, bundle_path, foreign_picture, how):
    where = str(foreign_picture) if how == "positional" else f"input={foreign_picture}"
    done = run_cli(detect_main, "waldo-detect", where, f"ckpt={bundle_path}", "output_dir=out", "save_heatmap=false")
    assert done.returncode == 0, done.stderr
    record = json.loads(Path("out/detections.json").read_text())["images"][0]
    assert record["path"] == str(foreign_picture) and record["width"] == 1024
    assert (Path("out") / record["marked"]).is_file()


def test_a_folder_given_as_a_plain_argument_is_searched(run_cli, bundle_path, foreign_picture):
    done = run_cli(detect_main, "waldo-detect", str(foreign_picture.parent), f"ckpt={bundle_path}", "output_dir=out")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(Path("out/detections.json").read_text())["images"]) == 1


def test_two_plain_paths_are_refused_in_one_line(run_cli, tmp_path):
    assert "give one picture, folder or glob" in one_error_line(run_cli(detect_main, "waldo-detect", "a.jpg", "b.jpg"))


@pytest.mark.parametrize("typo", ["treshold=0.5", "+treshold=0.5"])
def test_a_misspelt_setting_is_refused_with_the_closest_one(run_cli, typo):
    line = one_error_line(run_cli(detect_main, "waldo-detect", typo))
    assert "unknown setting 'treshold'; did you mean 'threshold'?" in line
    assert not Path("runs").exists()


def test_a_misspelt_nested_training_setting_is_refused_before_anything_is_written(run_cli):
    line = one_error_line(run_cli(train_main, "waldo-train", "optimizer.lrr=0.1"))
    assert "did you mean 'optimizer.lr'?" in line
    assert not Path("outputs").exists()


def test_a_choice_that_does_not_exist_names_the_choices(run_cli):
    line = one_error_line(run_cli(train_main, "waldo-train", "experiment=quik"))
    assert "experiment=quik is not one of" in line and "did you mean 'quick'?" in line


@pytest.mark.parametrize(("main", "command", "args", "message"), [
    (train_main, "waldo-train", ["optimizer.lr=abc"], "optimizer.lr='abc' must be a number"),
    (detect_main, "waldo-detect", ["threshold=abc"], "threshold='abc' must be a number"),
    (eval_main, "waldo-eval", ["top_k=many"], "top_k='many' must be a number"),
    (detect_main, "waldo-detect", ["top_k=2.5"], "top_k=2.5 must be a whole number"),
    (detect_main, "waldo-detect", ["save_heatmap=maybe"], "save_heatmap='maybe' must be true or false"),
])
def test_a_value_of_the_wrong_kind_names_its_setting(run_cli, main, command, args, message):
    assert message in one_error_line(run_cli(main, command, *args))


def test_an_argument_hydra_cannot_read_says_how_to_quote_it(run_cli):
    line = one_error_line(run_cli(detect_main, "waldo-detect", "scales=[0.5,1"))
    assert "scales" in line


def test_generate_into_a_folder_it_cannot_write_says_so_in_one_line(run_cli, tmp_path, monkeypatch):
    real_mkdir = Path.mkdir

    def read_only(self, *args, **kwargs):
        if "data" not in self.parts:
            return real_mkdir(self, *args, **kwargs)
        raise OSError(30, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    line = one_error_line(run_cli(generate_main, "waldo-generate", "num_scenes=1", f"output_root={tmp_path}/data"))
    assert f"{tmp_path}/data/synthetic: read-only file system" in line


@pytest.mark.parametrize("content", [b"\x00\x01garbage\xff" * 40, b"hello"], ids=["binary", "text"])
def test_a_corrupt_ckpt_path_names_the_file_in_one_line(run_cli, tmp_path, content):
    broken = tmp_path / "broken.ckpt"
    broken.write_bytes(content)
    line = one_error_line(run_cli(train_main, "waldo-train", f"ckpt_path={broken}", "debug=tiny"))
    assert line.startswith("error: ckpt_path:") and str(broken) in line
    assert not Path("outputs").exists()


def test_a_bundle_given_as_ckpt_path_points_to_init_from(run_cli, bundle_path):
    assert "use init_from=" in one_error_line(run_cli(train_main, "waldo-train", f"ckpt_path={bundle_path}", "debug=tiny"))


def test_detect_help_lists_detection_settings_and_no_training_group(run_cli):
    done = run_cli(detect_main, "waldo-detect", "--help")
    assert done.returncode == 0
    assert "threshold: 0.6 " in done.stdout and "# waldoness probability" in done.stdout
    for training_group in ("experiment", "trainer", "debug", "callbacks", "hparams_search", "optimizer"):
        assert training_group not in done.stdout


def test_train_help_lists_its_groups_and_their_choices(run_cli):
    out = run_cli(train_main, "waldo-train", "--help").stdout
    assert "experiment: " in out and "quick" in out and "model: deep, default" in out and "lr: 0.003" in out


def test_each_picture_record_names_its_own_output_files(run_cli, bundle_path, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    rng = np.random.default_rng(1)
    cv2.imwrite(str(folder / "a.jpg"), rng.integers(0, 256, (120, 160, 3), dtype=np.uint8))
    cv2.imwrite(str(folder / "a.png"), rng.integers(0, 256, (90, 200, 3), dtype=np.uint8))
    done = run_cli(detect_main, "waldo-detect", str(folder), f"ckpt={bundle_path}", "output_dir=out")
    assert done.returncode == 0, done.stderr
    records = {Path(r["path"]).name: r for r in json.loads(Path("out/detections.json").read_text())["images"]}
    assert {name: (r["marked"], r["heatmap"]) for name, r in records.items()} == {
        "a.jpg": ("a_marked.png", "a_heatmap.png"), "a.png": ("a_2_marked.png", "a_2_heatmap.png")}
    for record in records.values():
        assert cv2.imread(str(Path("out") / record["marked"])).shape[:2] == (record["height"], record["width"])


def test_a_truncated_png_gives_waldos_line_and_nothing_from_the_decoder(run_cli, bundle_path, tmp_path):
    data = cv2.imencode(".png", np.random.default_rng(2).integers(0, 256, (100, 100, 3), dtype=np.uint8))[1].tobytes()
    (tmp_path / "cut.png").write_bytes(data[: len(data) // 2])
    done = run_cli(detect_main, "waldo-detect", str(tmp_path / "cut.png"), f"ckpt={bundle_path}", "output_dir=out")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"image 1/1 {tmp_path / 'cut.png'}: error: picture {tmp_path / 'cut.png'} is "
                                                "truncated: the PNG stops before its end chunk; copy or export it again"]


def test_a_huge_pictures_marked_copy_is_a_jpeg(run_cli, bundle_path):
    done = run_cli(detect_main, "waldo-detect", str(SAMPLES / "scene_00001.jpg"), f"ckpt={bundle_path}", "output_dir=out",
                   "marked_jpeg_above=0.5")
    assert done.returncode == 0, done.stderr
    record = json.loads(Path("out/detections.json").read_text())["images"][0]
    assert record["marked"] == "scene_00001_marked.jpg" and (Path("out") / "scene_00001_marked.jpg").is_file()


@pytest.mark.parametrize(("args", "message"), [
    (["+model=deep"], "model"),
    (["+trainer.max_tme=1"], "did you mean 'trainer.max_time'?"),
    (["data.scene=hard"], "choose a preset with data/scene=<name>"),
])
def test_what_hydra_or_a_constructor_would_refuse_later_is_one_line_now(run_cli, args, message):
    assert message in one_error_line(run_cli(train_main, "waldo-train", *args))
    assert not Path("outputs").exists()


def test_settings_a_constructor_takes_in_other_kinds_pass_the_check():
    from waldo.cli.arguments import read_command_line
    from waldo.cli.setting_check import check_settings

    line = read_command_line(["trainer.devices=auto", "+trainer.max_time=00:00:10:00", "data.scene.lookalike_mix.wenda=0.5",
                              "+callbacks.swa._target_=pytorch_lightning.callbacks.StochasticWeightAveraging"])
    check_settings("train", line.overrides, "waldo-train")
