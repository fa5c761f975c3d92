"""Hydra multiruns: a failing job does not stop the sweep, and the sweep ends with a table.

Jobs may run in other processes or on other machines (joblib, submitit), so a job and the
summary meet only through files: each job leaves ``result.json`` in its own folder, and the
summary gathers them from the sweep folder into ``summary.csv`` and ``summary.md``.
A trainer that cannot run inside a multirun (``ddp`` re-running the command) is refused.
"""

from __future__ import annotations

import csv
import json
import logging
import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from hydra.core.hydra_config import HydraConfig
from hydra.core.utils import JobReturn
from hydra.experimental.callback import Callback
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf
from pytorch_lightning import Trainer

from waldo.cli.errors import USER_ERRORS

log = logging.getLogger(__name__)

RESULT_FILE = "result.json"
BEST_F1 = "val/f1_best"


class TrialResult(float):
    """The optimised metric as a plain float any sweeper takes, carrying the run's metrics or its error.

    A failed trial is worth the worst value there is, -inf when maximising (+inf when the
    sweeper minimises): Optuna 2.10 takes it as a finished trial that TPE ranks last, so it
    steers away from what failed and the sweep goes on (NaN it rejects, and the sweeper then
    stops the whole sweep).
    """

    metrics: dict[str, float]
    error: str | None

    def __new__(cls, value: float, metrics: Mapping[str, float] | None = None, error: str | None = None) -> TrialResult:
        result = super().__new__(cls, value)
        result.metrics, result.error = dict(metrics or {}), error
        return result


def in_sweep() -> bool:
    """True inside a job of a Hydra multirun (``-m``, or a config that sets ``hydra.mode``)."""
    return HydraConfig.initialized() and HydraConfig.get().mode == RunMode.MULTIRUN


def minimizing(hydra_cfg: DictConfig) -> bool:
    """Whether the sweeper (Optuna's ``direction``) minimises; grid sweeps and waldo's default maximise."""
    direction = OmegaConf.select(hydra_cfg, "sweeper.direction", default="maximize")
    return getattr(direction, "name", direction) == "minimize"


# Lightning strategies that start their extra processes by running the command line again
RELAUNCHING_STRATEGIES = ("ddp", "ddp_find_unused_parameters_true", "ddp_find_unused_parameters_false")


def refuse_relaunch_in_sweep(strategy: str | None, trainer: Trainer) -> None:
    """Strategy ``ddp`` starts its extra processes by re-running the whole command line: in a
    multirun that would start the sweep again in every process. ``ddp_spawn`` starts them from Python,
    and a cluster (SLURM) that starts the processes itself re-runs nothing."""
    environment = getattr(trainer.strategy, "cluster_environment", None)
    started_outside = bool(environment is not None and environment.creates_processes_externally)
    if in_sweep() and str(strategy) in RELAUNCHING_STRATEGIES and not started_outside:
        raise ValueError(
            "trainer.strategy=ddp re-runs the whole command once per extra process, which in a multirun "
            "would start the sweep again; in sweeps use trainer.strategy=ddp_spawn (or a SLURM launcher, "
            "whose tasks are the processes)"
        )


def run_trial(task: Callable[[DictConfig], Mapping[str, float]], cfg: DictConfig, metric: str) -> TrialResult:
    """Run one sweep job; any failure, a bad config included, is logged and scored the worst instead of raised."""
    worst = math.inf if minimizing(HydraConfig.get()) else -math.inf
    try:
        metrics = dict(task(cfg))
    except Exception as error:  # one broken trial must not end a sweep of many
        log.error("job failed: %s", error, exc_info=not isinstance(error, USER_ERRORS))
        return TrialResult(worst, error=f"{type(error).__name__}: {error}")
    if metric not in metrics:
        error = f"optimized_metric={metric} was never logged (logged: {', '.join(sorted(metrics)) or 'nothing'})"
        log.error("job failed: %s", error)
        return TrialResult(worst, metrics, error)
    return TrialResult(metrics[metric], metrics)


def job_record(config: DictConfig, job_return: JobReturn) -> dict[str, Any]:
    """What the summary needs of one job, in JSON."""
    try:
        value = job_return.return_value
        error = getattr(value, "error", None)
    except Exception as raised:  # a task that lets its error escape: Hydra re-raises it here
        value, error = None, f"{type(raised).__name__}: {raised}"
    failed = error is not None or not isinstance(value, (int, float)) or not math.isfinite(value)
    if failed and error is None:
        error = f"returned {value!r}, not a finite number"
    return {
        "job": int(config.hydra.job.num),
        "folder": str(config.hydra.runtime.output_dir),
        "overrides": list(job_return.overrides or []),
        "status": "failed" if failed else "completed",
        "value": None if failed else float(value),
        "metrics": dict(getattr(value, "metrics", {})),
        "error": error,
    }


def varying_overrides(records: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """(overrides every job shares, each job's own): the table shows what the sweep changed."""
    if len(records) < 2:
        return [], [r["overrides"] for r in records]
    common = [o for o in records[0]["overrides"] if all(o in r["overrides"] for r in records[1:])]
    return common, [[o for o in r["overrides"] if o not in common] for r in records]


def summary_rows(records: list[dict[str, Any]], own: list[list[str]], metric: str) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of the summary table, one row per job in job order; ``own`` are each job's overrides."""
    columns = [metric] if metric == BEST_F1 else [metric, BEST_F1]
    header = ["job", "status", *columns, "overrides", "error"]
    rows = []
    for record, overrides in zip(records, own):
        numbers = [record["value"], *(record["metrics"].get(c) for c in columns[1:])]
        cells = ["" if v is None else f"{v:.4f}" for v in numbers]
        rows.append([str(record["job"]), record["status"], *cells, " ".join(overrides), record["error"] or ""])
    return header, rows


def best_line(records: list[dict[str, Any]], own: list[list[str]], metric: str, lowest: bool) -> str:
    """The job to look at first, with what it changed."""
    completed = [(r["value"], r["job"], overrides) for r, overrides in zip(records, own) if r["status"] == "completed"]
    if not completed:
        return "best: none, every job failed"
    value, job, overrides = (min if lowest else max)(completed, key=lambda c: c[0])
    return f"best: job {job}, {metric}={value:.4f}: `{' '.join(overrides)}`"


def markdown_table(common: list[str], header: list[str], rows: list[list[str]], best: str) -> str:
    """The table for people (and for pasting into issues); shared overrides are said once above it."""
    lines = [f"shared overrides: `{' '.join(common)}`", ""] if common else []
    lines += ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join([*lines, "", best]) + "\n"


class SweepSummary(Callback):
    """Registered in ``configs/hydra/default.yaml``; acts only in multiruns."""

    def on_job_end(self, config: DictConfig, job_return: JobReturn, **kwargs: Any) -> None:
        """Runs in the job's own process, wherever the launcher put it."""
        if config.hydra.mode != RunMode.MULTIRUN:
            return
        folder = Path(config.hydra.runtime.output_dir)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / RESULT_FILE).write_text(json.dumps(job_record(config, job_return), indent=2))

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        """Runs once, where the sweep was started, after every job has returned."""
        sweep_dir = Path(config.hydra.sweep.dir)
        records = sorted((json.loads(p.read_text()) for p in sweep_dir.rglob(RESULT_FILE)), key=lambda r: r["job"])
        if not records:
            return
        metric = str(config.get("optimized_metric", BEST_F1))
        common, own = varying_overrides(records)
        header, rows = summary_rows(records, own, metric)
        with open(sweep_dir / "summary.csv", "w", newline="") as table:
            csv.writer(table).writerows([header, *rows])
        markdown = markdown_table(common, header, rows, best_line(records, own, metric, minimizing(config.hydra)))
        (sweep_dir / "summary.md").write_text(markdown)
        failed = sum(r["status"] == "failed" for r in records)
        log.info("sweep summary (%d jobs, %d failed): %s\n%s", len(records), failed, sweep_dir / "summary.md", markdown)
