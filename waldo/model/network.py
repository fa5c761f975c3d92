"""The waldoness network: padded, strided convolutions down to a coarse heatmap.

A plain ``nn.Module`` built from the model config. Its geometry (heatmap stride,
receptive field, where a cell sits on the picture) is not hard-coded anywhere: it is
derived from the same layer list by ``waldo.conv``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import torch
from torch import nn

from waldo.conv import ConvGeometry, StackGeometry, same_padding, stack_geometry, stack_out_shape
from waldo.model.heatmap import HEAD_CHANNELS, LOG_SIZE, LOGIT

ACTIVATIONS = {"relu": nn.ReLU, "leaky_relu": nn.LeakyReLU, "silu": nn.SiLU}
NORMS = ("batch", "none")


@dataclass(frozen=True)
class StageSpec:
    """One conv stage as the config describes it (channels already multiplied out)."""

    channels: int
    geometry: ConvGeometry


def parse_stages(stages: Sequence[Mapping], width: int) -> list[StageSpec]:
    """Turn the config's stage list into checked specs; bad values name the stage."""
    if width < 1:
        raise ValueError(f"model.width={width} must be at least 1")
    if not stages:
        raise ValueError("model.stages is empty: the network needs at least one conv stage")
    specs = []
    for index, stage in enumerate(stages):
        where = f"model.stages[{index}]"
        kernel = int(stage.get("kernel", 3))
        stride = int(stage.get("stride", 1))
        dilation = int(stage.get("dilation", 1))
        multiple = stage.get("channels", 1)
        if kernel < 1:
            raise ValueError(f"{where}.kernel={kernel} must be at least 1")
        if stride < 1:
            raise ValueError(f"{where}.stride={stride} must be at least 1 (a zero stride never moves the kernel)")
        if dilation < 1:
            raise ValueError(f"{where}.dilation={dilation} must be at least 1")
        if not multiple or float(multiple) <= 0:
            raise ValueError(f"{where}.channels={multiple} must be a positive multiple of model.width")
        padding = stage.get("padding", "same")
        if padding == "same":
            try:
                padding = same_padding(kernel, dilation)
            except ValueError as error:
                raise ValueError(f"{where}: {error}") from None
        elif int(padding) < 0:
            raise ValueError(f"{where}.padding={padding} must be 'same' or a non-negative number of pixels")
        channels = max(1, round(float(multiple) * width))
        specs.append(StageSpec(channels, ConvGeometry(kernel, stride, int(padding), dilation)))
    return specs


class WaldoNet(nn.Module):
    """Conv stages, then a 1x1 head: the waldoness logit, the (dx, dy) offset and the log head size.

    The offset says where inside its cell the head centre lies, in cells, so that a
    coarse heatmap still gives pixel-accurate points; the size gives each detection a box.
    """

    def __init__(
        self,
        stages: Sequence[Mapping],
        width: int = 16,
        in_channels: int = 3,
        norm: str = "batch",
        activation: str = "relu",
    ):
        super().__init__()
        if norm not in NORMS:
            raise ValueError(f"model.norm={norm!r} is not one of {NORMS}")
        if activation not in ACTIVATIONS:
            raise ValueError(f"model.activation={activation!r} is not one of {sorted(ACTIVATIONS)}")
        self.specs = parse_stages(stages, width)
        layers: list[nn.Module] = []
        channels = in_channels
        for spec in self.specs:
            g = spec.geometry
            layers.append(nn.Conv2d(channels, spec.channels, g.kernel, g.stride, g.padding, g.dilation, bias=norm == "none"))
            if norm == "batch":
                layers.append(nn.BatchNorm2d(spec.channels))
            layers.append(ACTIVATIONS[activation]())
            channels = spec.channels
        self.features = nn.Sequential(*layers)
        self.head = nn.Conv2d(channels, HEAD_CHANNELS, kernel_size=1)
        self._init_head()

    def _init_head(self) -> None:
        """Start the waldoness near 1% everywhere, as CenterNet does, so early focal loss is calm."""
        nn.init.normal_(self.head.weight, std=0.01)
        nn.init.zeros_(self.head.bias)
        with torch.no_grad():
            self.head.bias[LOGIT] = -4.6
            self.head.bias[LOG_SIZE] = 1.0

    @property
    def layer_geometry(self) -> list[ConvGeometry]:
        """Every layer that changes coordinates, in order; the 1x1 head changes none."""
        return [spec.geometry for spec in self.specs] + [ConvGeometry(1)]

    @property
    def geometry(self) -> StackGeometry:
        return stack_geometry(self.layer_geometry)

    def heatmap_size(self, height: int, width: int) -> tuple[int, int]:
        """The heatmap's (rows, cols) for a picture of this size, from the arithmetic alone."""
        return stack_out_shape(height, width, self.layer_geometry)

    def conv_outputs(self, height: int, width: int) -> list[tuple[nn.Conv2d, ConvGeometry, int, int]]:
        """Each conv (head included) with its geometry and the (rows, cols) it outputs for this picture."""
        convs = [m for m in self.modules() if isinstance(m, nn.Conv2d)]
        rows, h, w = [], height, width
        for conv, geometry in zip(convs, self.layer_geometry, strict=True):
            h, w = stack_out_shape(h, w, [geometry])
            rows.append((conv, geometry, h, w))
        return rows

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        """Images (B, C, H, W) in [0, 1] -> raw head output (B, 4, h, w), channels as in waldo.heatmap."""
        return self.head(self.features(images))


def build_net(model_cfg: Mapping) -> WaldoNet:
    """Build the network from a model config (a DictConfig or a plain dict)."""
    return WaldoNet(
        stages=list(model_cfg["stages"]),
        width=int(model_cfg.get("width", 16)),
        in_channels=int(model_cfg.get("in_channels", 3)),
        norm=str(model_cfg.get("norm", "batch")),
        activation=str(model_cfg.get("activation", "relu")),
    )
