"""waldo-train's run folders: a refused run leaves none, a resumed run carries on in its own."""

from pathlib import Path

import torch

from waldo.cli.train import main as train_main

TINY = ["debug=tiny", "callbacks.early_stopping=null"]


def run_folders() -> list[Path]:
    return sorted(Path("outputs/train").glob("*")) if Path("outputs/train").exists() else []


def test_a_run_refused_before_training_leaves_no_folder(run_cli):
    done = run_cli(train_main, "waldo-train", *TINY, "model.stages.2.stride=0")
    assert done.returncode == 2 and "stride" in done.stderr
    assert not Path("outputs").exists()


def test_a_run_writes_no_empty_log_and_prints_no_library_adverts(run_cli):
    done = run_cli(train_main, "waldo-train", *TINY)
    assert done.returncode == 0, done.stderr
    (folder,) = run_folders()
    assert not list(folder.glob("*.log"))
    assert "Tip:" not in done.stdout + done.stderr and "LeafSpec" not in done.stderr


def test_a_resumed_run_continues_in_its_own_folder_counting_steps_from_where_it_stood(run_cli):
    first = run_cli(train_main, "waldo-train", *TINY, "trainer.max_steps=2")
    assert first.returncode == 0, first.stderr
    (folder,) = run_folders()
    config_before = (folder / ".hydra" / "config.yaml").read_text()
    bundle_before = (folder / "waldo_model.pt").read_bytes()
    resumed = run_cli(train_main, "waldo-train", *TINY, "trainer.max_steps=4", f"ckpt_path={folder}/checkpoints/last.ckpt")
    assert resumed.returncode == 0, resumed.stderr
    assert run_folders() == [folder], "no second run folder"
    assert torch.load(folder / "checkpoints" / "last.ckpt", weights_only=True)["global_step"] == 4
    assert "4/4" in resumed.stdout and "Epoch" not in resumed.stdout  # the bar counts steps from the checkpoint's
    assert "dirpath has changed" not in resumed.stderr and "exists and is not empty" not in resumed.stderr
    assert (folder / ".hydra" / "config.yaml").read_text() == config_before, "the first run's record is kept"
    assert len(list((folder / ".hydra").glob("resumed_*/config.yaml"))) == 1
    assert (folder / "waldo_model.pt").read_bytes() == bundle_before and (folder / "waldo_model_2.pt").is_file()


def test_a_refused_run_never_removes_a_folder_that_was_there_before(run_cli, tmp_path):
    mine = tmp_path / "my_runs" / "today"
    mine.mkdir(parents=True)
    for chosen in (".", str(mine)):
        done = run_cli(train_main, "waldo-train", *TINY, "model.stages.2.stride=0", f"hydra.run.dir={chosen}")
        assert done.returncode == 2 and "stride" in done.stderr, done.stderr
    assert tmp_path.is_dir() and mine.is_dir()


def test_the_step_bar_starts_where_a_resumed_run_stands():
    from types import SimpleNamespace

    from waldo.train.progress import StepProgress

    bar = StepProgress()
    trainer = SimpleNamespace(is_global_zero=True, max_steps=10, global_step=6, callback_metrics={})
    bar.on_train_start(trainer, None)
    try:
        task = bar.progress.tasks[0]
        assert (task.completed, task.total) == (6, 10)
    finally:
        bar.stop()
