"""The LightningModule: loss, validation decoding and metrics around a plain ``WaldoNet``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pytorch_lightning as pl
import torch
from torchmetrics import MaxMetric

from waldo.eval.metrics import WaldoPointMetrics
from waldo.model.heatmap import find_peaks
from waldo.model.loss import detection_loss
from waldo.model.network import WaldoNet, build_net
from waldo.pictures.overlay import heatmap_overlay


def unit_float(images: torch.Tensor) -> torch.Tensor:
    """A batch of pictures as float32 in [0, 1] (the loaders send uint8), channels-last."""
    if images.dtype == torch.uint8:
        images = images.float().div_(255.0)  # keeps the memory layout, so a channels-last batch stays so
    return images.contiguous(memory_format=torch.channels_last)


class WaldoModule(pl.LightningModule):
    """Trains a ``WaldoNet``; the optimizer and scheduler come from config as partials.

    ``model_cfg`` is the plain-dict model config that built ``net``; it is saved in every
    checkpoint so a checkpoint alone is enough to rebuild the network.
    """

    def __init__(
        self,
        model_cfg: Mapping,
        optimizer: Callable[..., torch.optim.Optimizer],
        scheduler: Callable[..., Any] | None = None,
        offset_weight: float = 1.0,
        size_weight: float = 0.1,
        score_threshold: float = 0.5,
        decode_threshold: float = 0.05,
        top_k: int = 20,
        match_distance: float = 1.0,
        logged_scenes: int = 4,
    ):
        super().__init__()
        self.save_hyperparameters(ignore=["optimizer", "scheduler"])
        self.net: WaldoNet = build_net(model_cfg)
        self.optimizer_factory = optimizer
        self.scheduler_factory = scheduler
        self.val_metrics = WaldoPointMetrics(score_threshold=score_threshold, max_distance_factor=match_distance)
        self.val_f1_best = MaxMetric()

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.net(unit_float(images))

    def on_fit_start(self) -> None:
        self.net.to(memory_format=torch.channels_last)

    def _loss(self, batch: Mapping[str, Any]) -> tuple[dict[str, torch.Tensor], torch.Tensor]:
        # channels-last (NHWC) tensors take oneDNN's fast convolution paths (docs/benchmark.md)
        # under mixed precision the convolutions run in bf16/fp16; the focal loss's logs and the peak scores stay in float32
        output = self.net(unit_float(batch["image"])).float()
        losses = detection_loss(
            output,
            batch["heat"],
            batch["offset"],
            batch["log_size"],
            batch["mask"],
            offset_weight=self.hparams.offset_weight,
            size_weight=self.hparams.size_weight,
        )
        return losses, output

    def training_step(self, batch: Mapping[str, Any], batch_idx: int) -> torch.Tensor:
        losses, _ = self._loss(batch)
        batch_size = batch["image"].shape[0]
        self.log("train/loss", losses["loss"], prog_bar=True, batch_size=batch_size)
        for name in ("heat", "offset", "size"):
            self.log(f"train/{name}_loss", losses[name], batch_size=batch_size)
        return losses["loss"]

    def validation_step(self, batch: Mapping[str, Any], batch_idx: int) -> None:
        losses, output = self._loss(batch)
        self.log("val/loss", losses["loss"], prog_bar=True, batch_size=batch["image"].shape[0], sync_dist=True)
        peaks = find_peaks(output, self.net.geometry, self.hparams.decode_threshold, self.hparams.top_k)
        preds = [{"points": p.points, "scores": p.scores} for p in peaks]
        targets = [{"points": pts, "heights": hts} for pts, hts in zip(batch["points"], batch["heights"])]
        self.val_metrics.update(preds, targets)
        if batch_idx == 0:
            self._log_scenes(batch["image"], output, peaks)

    def on_validation_epoch_end(self) -> None:
        results = self.val_metrics.compute()
        self.val_metrics.reset()
        for name in ("precision", "recall", "f1", "ap", "top1", "count_error", "threshold_best"):
            self.log(f"val/{name}", float(results[name]))
        self.val_f1_best.update(torch.tensor(float(results["f1"])))
        self.log("val/f1_best", self.val_f1_best.compute(), prog_bar=True)

    def _log_scenes(self, images: torch.Tensor, output: torch.Tensor, peaks) -> None:
        """A few validation scenes with the heatmap and peaks drawn on, for TensorBoard."""
        experiment = getattr(self.logger, "experiment", None)
        if experiment is None or not hasattr(experiment, "add_image"):
            return
        heat = torch.sigmoid(output[:, 0]).float().cpu().numpy()
        for index in range(min(self.hparams.logged_scenes, images.shape[0])):
            picture = images[index].permute(1, 2, 0).cpu().numpy()
            if picture.dtype != np.uint8:  # the loaders send uint8; a float batch is in [0, 1]
                picture = (picture * 255).astype(np.uint8)
            overlay = heatmap_overlay(picture, heat[index], self.net.geometry, peaks[index])
            experiment.add_image(f"val/scene_{index}", overlay, self.global_step, dataformats="HWC")

    def configure_optimizers(self):
        optimizer = self.optimizer_factory(params=self.parameters())
        if self.scheduler_factory is None:
            return optimizer
        scheduler = self.scheduler_factory(optimizer=optimizer, total_steps=int(self.trainer.estimated_stepping_batches))
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step"}}
