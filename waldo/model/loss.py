"""The training objective: CenterNet's penalty-reduced focal loss plus L1 on offset and size."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from waldo.model.heatmap import LOG_SIZE, LOGIT, OFFSET_X, OFFSET_Y


def focal_loss(logits: torch.Tensor, target: torch.Tensor, alpha: float = 2.0, beta: float = 4.0) -> torch.Tensor:
    """Penalty-reduced focal loss, summed over cells and divided by the number of Waldos.

    Cells near a head (target close to 1) are punished less for firing, so the net is
    not blamed for a peak one cell off. A batch with no Waldo divides by 1, not 0.
    """
    positive = target.eq(1.0).float()
    log_p = F.logsigmoid(logits)
    log_not_p = F.logsigmoid(-logits)
    p = log_p.exp()
    pos_term = positive * (1 - p).pow(alpha) * log_p
    neg_term = (1 - positive) * (1 - target).pow(beta) * p.pow(alpha) * log_not_p
    return -(pos_term.sum() + neg_term.sum()) / positive.sum().clamp(min=1.0)


def masked_l1(prediction: torch.Tensor, target: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean L1 over the supervised cells only (zero when there are none)."""
    while mask.dim() < prediction.dim():
        mask = mask.unsqueeze(1)
    return (F.l1_loss(prediction, target, reduction="none") * mask).sum() / mask.sum().clamp(min=1.0)


def detection_loss(
    output: torch.Tensor,
    heat: torch.Tensor,
    offset: torch.Tensor,
    log_size: torch.Tensor,
    mask: torch.Tensor,
    offset_weight: float = 1.0,
    size_weight: float = 0.1,
) -> dict[str, torch.Tensor]:
    """All terms for a batch: network output (B, 4, h, w) against targets from ``heatmap.encode``."""
    heat_loss = focal_loss(output[:, LOGIT], heat)
    offset_loss = masked_l1(output[:, [OFFSET_X, OFFSET_Y]], offset, mask)
    size_loss = masked_l1(output[:, LOG_SIZE], log_size, mask)
    total = heat_loss + offset_weight * offset_loss + size_weight * size_loss
    return {"loss": total, "heat": heat_loss, "offset": offset_loss, "size": size_loss}
