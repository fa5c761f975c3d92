"""A progress bar over optimisation steps, where Lightning's counts epochs of a stream that never ends.

Lightning's bars show ``Epoch 0/-2`` for an endless synthetic stream and restart their batch
count when a run resumes (``60/19``). Training here is measured in steps, so the bar is one
line from the run's current step to ``trainer.max_steps``, with the loss and the latest
validation F1 beside it.
"""

from __future__ import annotations

from typing import Any

import pytorch_lightning as pl
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

SHOWN = {"train/loss": "loss", "val/f1": "val/f1", "val/f1_best": "best"}


class StepProgress(pl.Callback):
    """``step ━━━━━━━━━━━━━━━━━━━━ 1200/3000 0:06:15 loss 0.81 val/f1 0.74 best 0.76``."""

    def __init__(self, refresh_rate: float = 4.0):
        if not refresh_rate > 0:
            raise ValueError(f"callbacks.progress_bar.refresh_rate={refresh_rate} must be a positive number of redraws per second")
        self.refresh_rate = float(refresh_rate)
        self.progress: Progress | None = None
        self.task: Any = None

    def metrics_text(self, trainer: pl.Trainer) -> str:
        metrics = trainer.callback_metrics
        return " ".join(f"{label} {float(metrics[key]):.2f}" for key, label in SHOWN.items() if key in metrics)

    def on_train_start(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        if not trainer.is_global_zero:
            return
        self.progress = Progress(
            TextColumn("step"), BarColumn(bar_width=20), MofNCompleteColumn(), TimeRemainingColumn(),
            TextColumn("{task.fields[metrics]}"), refresh_per_second=self.refresh_rate,
        )
        total = trainer.max_steps if trainer.max_steps and trainer.max_steps > 0 else None
        self.task = self.progress.add_task("train", total=total, completed=trainer.global_step, metrics="")
        self.progress.start()

    def on_train_batch_end(self, trainer: pl.Trainer, *args: Any) -> None:
        if self.progress is not None:
            self.progress.update(self.task, completed=trainer.global_step, metrics=self.metrics_text(trainer))

    def on_validation_start(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        if self.progress is not None and trainer.state.fn == "fit":
            self.progress.update(self.task, metrics="validating...")

    def on_validation_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        if self.progress is not None:
            self.progress.update(self.task, metrics=self.metrics_text(trainer))

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None

    def on_train_end(self, trainer: pl.Trainer, pl_module: pl.LightningModule) -> None:
        self.stop()

    def on_exception(self, trainer: pl.Trainer, pl_module: pl.LightningModule, exception: BaseException) -> None:
        self.stop()
