"""waldo-explain: what the configured network does to shapes, fields and parameter counts.

The lecture's point in numbers: a fully-connected layer from the picture to the heatmap
would need billions of weights; translation invariance and locality leave a few hundred
thousand, and padding, stride and dilation decide what each heatmap cell sees.
"""

from __future__ import annotations

import hydra
from omegaconf import DictConfig

from waldo.cli.app import start
from waldo.cli.errors import exit_on_user_error
from waldo.conv import stack_geometry
from waldo.model.network import build_net


def layer_table(net, height: int, width: int) -> list[dict]:
    """One row per layer with the arithmetic that leads from the picture to the heatmap."""
    rows, so_far = [], []
    for conv, geometry, h, w in net.conv_outputs(height, width):
        so_far.append(geometry)
        stack = stack_geometry(so_far)
        rows.append(
            {
                "layer": "head 1x1" if conv is net.head else f"conv {len(rows) + 1}",
                "kernel": geometry.kernel,
                "stride": geometry.stride,
                "padding": geometry.padding,
                "dilation": geometry.dilation,
                "out": f"{conv.out_channels}x{h}x{w}",
                "field": stack.receptive_field,
                "jump": stack.jump,
                "params": sum(p.numel() for p in conv.parameters()),
            }
        )
    return rows


def format_table(rows: list[dict]) -> str:
    headers = list(rows[0])
    widths = [max(len(h), *(len(str(r[h])) for r in rows)) for h in headers]
    line = lambda values: "  ".join(str(v).rjust(n) for v, n in zip(values, widths))  # noqa: E731
    return "\n".join([line(headers), line("-" * n for n in widths), *(line(r.values()) for r in rows)])


def explain(cfg: DictConfig) -> str:
    net = build_net(cfg.model)
    height, width = int(cfg.input_height), int(cfg.input_width)
    out_h, out_w = net.heatmap_size(height, width)
    total = sum(p.numel() for p in net.parameters())
    dense = (3 * height * width) * (out_h * out_w) + out_h * out_w
    geometry = net.geometry
    lines = [
        f"waldoness network for a {width}x{height} RGB picture -> {out_w}x{out_h} heatmap",
        format_table(layer_table(net, height, width)),
        "",
        f"receptive field {geometry.receptive_field} px, heatmap stride {geometry.jump} px, "
        f"cell (0,0) centred on pixel ({geometry.offset:g}, {geometry.offset:g})",
        f"parameters: {total:,} (batch-norm included)",
        f"one fully-connected layer from the same picture to the same heatmap: {dense:,} parameters "
        f"({dense / total:,.0f}x more)",
    ]
    largest_head = max(cfg.data.scene.head_height)
    if geometry.receptive_field < 2 * largest_head:
        lines.append(
            f"WARNING: the receptive field ({geometry.receptive_field} px) is smaller than twice the largest "
            f"Waldo head the data config draws (2 x {largest_head} px): the network cannot see a whole head with context"
        )
    return "\n".join(lines)


@hydra.main(version_base="1.3", config_path="pkg://waldo.configs", config_name="explain")
@exit_on_user_error
def run(cfg: DictConfig) -> None:
    print(explain(cfg))


def main() -> None:
    """The console script: waldo's checks of the command line, then the Hydra app."""
    start(run, "explain")


if __name__ == "__main__":
    main()
