"""Outgrowing one run: grid and Optuna sweeps with their summary, failed trials, DDP on two CPU processes.

The CLI runs in a subprocess with tiny scenes and two steps: these check the plumbing, not learning.
"""

import csv
import json
import math
import pickle
import subprocess
import sys
from itertools import islice
from pathlib import Path

import optuna
import pytest
import torch
import torch.distributed as dist
from hydra import compose, initialize_config_module
from torch.utils.data import DataLoader, IterableDataset

from waldo.cli import sweeps
from waldo.cli.sweeps import TrialResult
from waldo.cli.train import build
from waldo.data.sources import SyntheticStream
from waldo.synth import scene_preset

TINY = ["debug=tiny", "model.width=4", "callbacks.progress_bar=null"]


def waldo_train(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "waldo.cli.train", *args], cwd=cwd, capture_output=True, text=True, timeout=400
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def only_sweep_folder(cwd: Path) -> Path:
    (sweep,) = (cwd / "multirun" / "train").iterdir()
    return sweep


def summary(sweep: Path) -> list[dict[str, str]]:
    assert (sweep / "summary.md").is_file()
    with open(sweep / "summary.csv", newline="") as table:
        return list(csv.DictReader(table))


class FirstSceneIndices(IterableDataset):
    """The first scene indices a reader of the synthetic stream would draw (without drawing them)."""

    def __init__(self, count: int):
        self.stream, self.count = SyntheticStream(scene_preset("easy"), seed=0), count

    def __iter__(self):
        return islice(self.stream.scene_indices(), self.count)


def record_rank_indices(rank: int, folder: str) -> None:
    dist.init_process_group("gloo", init_method=f"file://{folder}/rendezvous", rank=rank, world_size=2)
    alone = list(FirstSceneIndices(4))
    in_workers = [int(i) for i in DataLoader(FirstSceneIndices(3), batch_size=None, num_workers=2)]
    Path(folder, f"rank{rank}.json").write_text(json.dumps({"alone": alone, "workers": in_workers}))
    dist.destroy_process_group()


def test_two_distributed_ranks_draw_disjoint_scenes(tmp_path):
    torch.multiprocessing.start_processes(record_rank_indices, args=(str(tmp_path),), nprocs=2, start_method="fork")
    ranks = [json.loads((tmp_path / f"rank{r}.json").read_text()) for r in range(2)]
    assert [r["alone"] for r in ranks] == [[0, 2, 4, 6], [1, 3, 5, 7]]
    in_workers = [set(r["workers"]) for r in ranks]
    assert in_workers[0].isdisjoint(in_workers[1]) and len(in_workers[0] | in_workers[1]) == 12


def test_a_failed_trial_is_a_value_optuna_takes_and_survives_pickling():
    failed = pickle.loads(pickle.dumps(TrialResult(-math.inf, error="ValueError: model.width=0 must be at least 1")))
    assert failed == -math.inf and failed.error.startswith("ValueError")
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
    trial = study.ask()
    trial.suggest_float("lr", 1e-4, 1e-2)
    study.tell(trial, float(failed))
    assert study.trials[0].state == optuna.trial.TrialState.COMPLETE


def test_ddp_that_relaunches_the_command_is_refused_in_sweeps_but_ddp_spawn_is_not(tmp_path, monkeypatch):
    monkeypatch.setattr(sweeps, "in_sweep", lambda: True)
    with initialize_config_module("waldo.configs", version_base="1.3"):
        overrides = [f"paths.root_dir={tmp_path}", f"paths.output_dir={tmp_path}", "trainer=ddp_cpu", *TINY]
        relaunching, spawning = (compose("train", overrides=[*overrides, f"trainer.strategy={s}"]) for s in ("ddp", "ddp_spawn"))
    with pytest.raises(ValueError, match="trainer.strategy=ddp_spawn"):
        build(relaunching)
    build(spawning)


@pytest.mark.slow
def test_grid_sweep_runs_each_job_in_its_folder_and_reports_the_failed_one(tmp_path):
    waldo_train(tmp_path, "-m", *TINY, "model.width=4,0")
    sweep = only_sweep_folder(tmp_path)
    assert (sweep / "0" / "waldo_model.pt").is_file()
    assert not (sweep / "1" / "waldo_model.pt").exists()
    good, bad = summary(sweep)
    assert (good["job"], good["status"], good["overrides"]) == ("0", "completed", "model.width=4")
    assert 0.0 <= float(good["val/f1_best"]) <= 1.0
    assert (bad["job"], bad["status"], bad["overrides"]) == ("1", "failed", "model.width=0")
    assert "model.width=0 must be at least 1" in bad["error"]


@pytest.mark.slow
def test_optuna_sweep_writes_a_summary_of_its_trials(tmp_path):
    waldo_train(tmp_path, "hparams_search=optuna", "hydra.sweeper.n_trials=2", *TINY)
    sweep = only_sweep_folder(tmp_path)
    rows = summary(sweep)
    assert [r["job"] for r in rows] == ["0", "1"]
    for row in rows:
        assert row["status"] == "completed" and 0.0 <= float(row["val/f1_best"]) <= 1.0
        assert "optimizer.lr=" in row["overrides"] and "model=" in row["overrides"]
    assert rows[0]["overrides"] != rows[1]["overrides"]
    assert "best_value" in (sweep / "optimization_results.yaml").read_text()


@pytest.mark.slow
def test_ddp_on_two_cpu_processes_writes_one_run_folder(tmp_path):
    result = waldo_train(tmp_path, "trainer=ddp_cpu", *TINY)
    assert "distributed_backend=gloo" in result.stdout + result.stderr
    (run,) = (tmp_path / "outputs" / "train").iterdir()
    assert [p.relative_to(tmp_path) for p in tmp_path.rglob("waldo_model.pt")] == [run.relative_to(tmp_path) / "waldo_model.pt"]
    assert sorted(p.name for p in (run / "checkpoints").iterdir())[0] == "last.ckpt"
    assert len(list((run / "checkpoints").glob("step*.ckpt"))) == 1
