"""Fold each BatchNorm into the convolution before it, for inference.

At inference a BatchNorm is a fixed per-channel scale and shift, so it can live inside
the preceding conv's weights and bias: one pass over memory fewer per layer, the same
numbers (to float rounding). Training keeps the unfolded net; only detection folds.
"""

from __future__ import annotations

import copy

from torch import nn
from torch.nn.utils.fusion import fuse_conv_bn_eval

from waldo.model.network import WaldoNet


def fold_batch_norm(layers: nn.Sequential) -> nn.Sequential:
    """A copy of ``layers`` with every Conv2d -> BatchNorm2d pair replaced by one Conv2d."""
    folded: list[nn.Module] = []
    for layer in copy.deepcopy(layers).eval():
        previous = folded[-1] if folded else None
        if isinstance(layer, nn.BatchNorm2d) and isinstance(previous, nn.Conv2d):
            folded[-1] = fuse_conv_bn_eval(previous, layer)
        else:
            folded.append(layer)
    return nn.Sequential(*folded)


def inference_net(net: WaldoNet) -> nn.Sequential:
    """An eval-only module computing ``net(x)`` with batch norms folded and no gradients.

    The original ``net`` is left untouched, in whatever mode it was.
    """
    fused = nn.Sequential(*fold_batch_norm(net.features), copy.deepcopy(net.head))
    for parameter in fused.parameters():
        parameter.requires_grad_(False)
    return fused.eval()
