"""Learning-rate schedule: a short linear warm-up, then a cosine down to a small floor.

Written as a pure function of the step so that resuming with a longer ``max_steps``
simply stretches the curve instead of failing like a stateful one-cycle scheduler.
"""

from __future__ import annotations

import math

import torch
from torch.optim.lr_scheduler import LambdaLR


def warmup_cosine_factor(step: int, total_steps: int, warmup_fraction: float, floor: float) -> float:
    """Multiplier of the base learning rate at ``step``."""
    warmup = max(1, int(warmup_fraction * total_steps))
    if step < warmup:
        return (step + 1) / warmup
    progress = min(1.0, (step - warmup) / max(1, total_steps - warmup))
    return floor + (1.0 - floor) * 0.5 * (1.0 + math.cos(math.pi * progress))


def warmup_cosine(optimizer: torch.optim.Optimizer, total_steps: int, warmup_fraction: float = 0.05, floor: float = 0.02) -> LambdaLR:
    if total_steps < 1:
        raise ValueError(f"the schedule needs trainer.max_steps >= 1, got {total_steps}")
    if not 0.0 <= warmup_fraction < 1.0:
        raise ValueError(f"scheduler.warmup_fraction={warmup_fraction} must lie in [0, 1)")
    return LambdaLR(optimizer, lambda step: warmup_cosine_factor(step, total_steps, warmup_fraction, floor))
