"""The lecture's convolution arithmetic, written once.

Everything in waldo that needs to know how big a feature map is, which pixels a
heatmap cell sees, or where a cell lands on the picture asks this module, so the
training targets, the network and the detector can never disagree.

Coordinates: a pixel index ``i`` names the centre of pixel ``i`` (OpenCV's and the
annotations' convention); cell ``u`` of a feature map likewise names its centre.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import torch
from torch import nn


def corr2d(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """2-D valid cross-correlation: ``Y[i, j] = sum(X[i:i+h, j:j+w] * K)``.

    The lecture loops over output cells; here every window is a strided view of X
    (``unfold``), so one multiply-and-sum computes all of them at once.
    """
    if X.dim() != 2 or K.dim() != 2:
        raise ValueError(f"corr2d takes 2-D tensors, got X {tuple(X.shape)} and K {tuple(K.shape)}")
    h, w = K.shape
    if h > X.shape[0] or w > X.shape[1]:
        raise ValueError(f"kernel {h}x{w} does not fit inside the input {X.shape[0]}x{X.shape[1]}")
    windows = X.unfold(0, h, 1).unfold(1, w, 1)
    return (windows * K).sum(dim=(-2, -1))


def conv2d_true(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """True convolution: cross-correlation with the kernel flipped on both axes."""
    return corr2d(X, torch.flip(K, dims=(0, 1)))


class Conv2D(nn.Module):
    """The lecture's from-scratch convolutional layer: a learnable kernel and bias.

    ``bias=False`` leaves the bias out, as the lecture does when it learns a kernel.
    """

    def __init__(self, kernel_size: tuple[int, int], bias: bool = True):
        super().__init__()
        self.weight = nn.Parameter(torch.rand(kernel_size))
        self.bias = nn.Parameter(torch.zeros(1)) if bias else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = corr2d(x, self.weight)
        return out + self.bias if self.bias is not None else out


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def out_size(n: int, k: int, p: int, s: int) -> int:
    """Lecture form: ``floor((n - k + p + s) / s)`` with ``p`` the total padding on the axis."""
    _require(n >= 1, f"input size n={n} must be at least 1")
    _require(k >= 1, f"kernel size k={k} must be at least 1")
    _require(s >= 1, f"stride s={s} must be at least 1")
    _require(p >= 0, f"padding p={p} must not be negative")
    _require(k <= n + p, f"kernel k={k} is larger than the padded input n+p={n + p}")
    return (n - k + p + s) // s


def conv_out_size(n: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    """PyTorch form: ``padding`` on each side, dilated kernel spans ``dilation*(kernel-1)+1``."""
    _require(dilation >= 1, f"dilation={dilation} must be at least 1")
    _require(padding >= 0, f"padding={padding} must not be negative")
    return out_size(n, dilation * (kernel - 1) + 1, 2 * padding, stride)


@dataclass(frozen=True)
class ConvGeometry:
    """The shape-relevant part of one convolution (square kernels, symmetric padding)."""

    kernel: int
    stride: int = 1
    padding: int = 0
    dilation: int = 1

    @property
    def span(self) -> int:
        """Input pixels one output cell touches end to end: the dilated kernel size."""
        return self.dilation * (self.kernel - 1) + 1


def same_padding(kernel: int, dilation: int = 1) -> int:
    """Per-side padding that keeps a stride-1 map the same size; only odd kernels have one."""
    _require(kernel >= 1, f"kernel={kernel} must be at least 1")
    _require(kernel % 2 == 1, f"kernel={kernel} is even: 'same' padding needs an odd kernel")
    return dilation * (kernel - 1) // 2


def stack_out_size(n: int, layers: Iterable[ConvGeometry]) -> int:
    """Feature-map size after a stack of layers, checked layer by layer."""
    for index, layer in enumerate(layers):
        try:
            n = conv_out_size(n, layer.kernel, layer.stride, layer.padding, layer.dilation)
        except ValueError as error:
            raise ValueError(f"layer {index} ({layer}): {error}") from None
    return n


def stack_out_shape(height: int, width: int, layers: Sequence[ConvGeometry]) -> tuple[int, int]:
    """(rows, cols) of the feature map a stack makes from a height x width picture."""
    return stack_out_size(height, layers), stack_out_size(width, layers)


@dataclass(frozen=True)
class StackGeometry:
    """What a whole stack of layers does to coordinates.

    ``receptive_field``: input pixels (per axis) that can influence one output cell.
    ``jump``: input pixels between neighbouring output cells (the effective stride).
    ``offset``: input pixel coordinate of the centre of output cell 0 (may be negative
    when padding lets the first cell look past the border).
    """

    receptive_field: int
    jump: int
    offset: float

    def cell_to_pixel(self, cell: float) -> float:
        return self.offset + self.jump * cell

    def pixel_to_cell(self, pixel: float) -> float:
        return (pixel - self.offset) / self.jump

    def receptive_box(self, cell: int) -> tuple[float, float]:
        """First and last input pixel (inclusive, unclipped) seen by ``cell``."""
        centre = self.cell_to_pixel(cell)
        half = (self.receptive_field - 1) / 2
        return centre - half, centre + half


def stack_geometry(layers: Sequence[ConvGeometry]) -> StackGeometry:
    """Receptive field, jump and offset of a stack, by the usual recurrences.

    Each layer widens the field by ``span - 1`` of its input cells (``jump`` pixels
    each), multiplies the jump by its stride, and moves cell 0's centre by
    ``(span - 1) / 2 - padding`` input cells.
    """
    field, jump, offset = 1, 1, 0.0
    for layer in layers:
        _require(layer.stride >= 1, f"stride={layer.stride} must be at least 1 ({layer})")
        field += (layer.span - 1) * jump
        offset += ((layer.span - 1) / 2 - layer.padding) * jump
        jump *= layer.stride
    return StackGeometry(receptive_field=field, jump=jump, offset=offset)

