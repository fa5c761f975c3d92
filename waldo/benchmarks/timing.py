"""Throughput measurements that say where the time goes on this machine.

Absolute numbers differ between machines, so each is paired with a reference measured
in the same run: the network's achieved GFLOP/s beside this CPU's (or GPU's) plain
matrix-multiply GFLOP/s, the network's picture rate beside template matching's, and
training from the real loader beside the same training fed random batches from memory (replayed_batches.py).
Scene drawing is measured by ``waldo.benchmarks.render_speed``.
"""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable

import numpy as np
import pytorch_lightning as pl
import torch
from torch import nn

from waldo.model.loss import detection_loss
from waldo.model.network import WaldoNet


def median_seconds(call: Callable[[], object], repeats: int, warm_up: int = 1) -> float:
    """Median wall time of ``call`` after untimed warm-up calls: robust to one slow outlier."""
    for _ in range(warm_up):
        call()
    times = []
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def conv_flops(net: WaldoNet, height: int, width: int) -> float:
    """Floating-point operations of one forward pass on a height x width picture, counting the convolutions
    only (2 k^2 Cin Cout per output cell: a multiply and an add per weight); norms and activations are noise."""
    return sum(
        2.0 * geometry.kernel**2 * conv.in_channels * conv.out_channels * h * w
        for conv, geometry, h, w in net.conv_outputs(height, width)
    )


def matmul_gflops(size: int = 2048, repeats: int = 5, device: str = "cpu") -> float:
    """This machine's fp32 matrix-multiply rate: the ceiling a conv net could approach."""
    a = torch.randn(size, size, device=device)
    b = torch.randn(size, size, device=device)

    def multiply() -> None:
        torch.mm(a, b)
        if a.is_cuda:
            torch.cuda.synchronize()

    return 2.0 * size**3 / median_seconds(multiply, repeats) / 1e9


def forward_seconds(net: nn.Module, height: int, width: int, repeats: int = 3, device: str = "cpu") -> float:
    """Median time of one whole-picture forward pass (no tiling, no decoding): the network's own speed."""
    images = torch.rand(1, 3, height, width, device=device).contiguous(memory_format=torch.channels_last)

    def forward() -> None:
        with torch.inference_mode():
            net(images)
        if images.is_cuda:
            torch.cuda.synchronize()

    return median_seconds(forward, repeats)


def model_step_samples_per_s(net: WaldoNet, batch_size: int, patch_size: int, steps: int, device: str = "cpu") -> float:
    """Bare optimisation steps (forward, focal loss, backward, AdamW at its default settings) on random float tensors,
    timed by their median: no Trainer, no gradient clipping, no scheduler, no uint8 pictures to convert.

    Targets are random too; the loss's cost does not depend on their values.
    """
    net.train().to(device=device, memory_format=torch.channels_last)  # as WaldoModule trains it
    optimizer = torch.optim.AdamW(net.parameters(), lr=1e-3)
    images = torch.rand(batch_size, 3, patch_size, patch_size, device=device).contiguous(memory_format=torch.channels_last)
    grid = net.heatmap_size(patch_size, patch_size)
    heat = torch.rand(batch_size, *grid, device=device) ** 8
    offset, log_size = torch.rand(batch_size, 2, *grid, device=device), torch.rand(batch_size, *grid, device=device)
    mask = (torch.rand(batch_size, *grid, device=device) < 0.01).float()

    def step() -> None:
        optimizer.zero_grad(set_to_none=True)
        detection_loss(net(images), heat, offset, log_size, mask)["loss"].backward()
        optimizer.step()
        if images.is_cuda:
            torch.cuda.synchronize()

    return batch_size / median_seconds(step, steps)


class StepTimer(pl.Callback):
    """Times training steps after ``warm_up`` steps (worker start-up, first scenes), batch fetch included, and splits
    each timed step into computing (batch start to end) and waiting for its batch (the previous end to its start)."""

    def __init__(self, warm_up: int):
        self.warm_up, self.samples, self.start, self.end = warm_up, 0, 0.0, 0.0
        self.computing: list[float] = []
        self.waiting: list[float] = []
        self._step_start = 0.0

    def on_train_batch_start(self, trainer: pl.Trainer, module: pl.LightningModule, batch, batch_idx: int) -> None:
        now = time.perf_counter()
        if batch_idx == self.warm_up:
            self.start = now
        elif batch_idx > self.warm_up:
            self.waiting.append(now - self.end)
        self._step_start = now

    def on_train_batch_end(self, trainer: pl.Trainer, module: pl.LightningModule, outputs, batch, batch_idx: int) -> None:
        if batch_idx >= self.warm_up:
            self.samples += int(batch["image"].shape[0])
            self.end = time.perf_counter()
            self.computing.append(self.end - self._step_start)

    def samples_per_s(self) -> float:
        """Samples per second over the timed steps. The first timed step's wait for its batch is
        not timed, so with one timed step this is the step alone."""
        if self.samples == 0 or self.end <= self.start:
            raise ValueError(f"no step was timed: training ran at most {self.warm_up} warm-up steps")
        return self.samples / (self.end - self.start)

    def mean_ms(self) -> dict[str, float]:
        """Milliseconds a timed step spent computing and waiting for its batch, on average (waiting: 0 with one step)."""
        if not self.computing:
            raise ValueError(f"no step was timed: training ran at most {self.warm_up} warm-up steps")
        return {"computing": 1000.0 * statistics.mean(self.computing),
                "waiting": 1000.0 * statistics.mean(self.waiting) if self.waiting else 0.0}


def picture_rate(detect: Callable[[np.ndarray], object], picture: np.ndarray, repeats: int, warm_up: int = 1) -> dict[str, float]:
    """Milliseconds per picture and megapixels per second of a finder on one picture."""
    seconds = median_seconds(lambda: detect(picture), repeats, warm_up)
    megapixels = picture.shape[0] * picture.shape[1] / 1e6
    return {"ms_per_picture": 1000.0 * seconds, "mp_per_s": megapixels / seconds}


def peak_memory_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its finished children (DataLoader workers), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    return {"peak_rss_mb": own, "peak_rss_children_mb": children}
