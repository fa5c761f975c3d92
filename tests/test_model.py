"""The network's shapes come from waldo.conv, and bad model configs are refused up front."""

import pytest
import torch

from conftest import DEFAULT_MODEL as DEFAULT
from waldo.model.network import build_net


@pytest.mark.parametrize("height, width", [(256, 256), (37, 53), (129, 300), (768, 1024), (17, 17)])
def test_heatmap_shape_matches_the_arithmetic(height, width):
    net = build_net(DEFAULT).eval()
    with torch.no_grad():
        out = net(torch.zeros(1, 3, height, width))
    assert out.shape[1] == 4
    assert tuple(out.shape[-2:]) == net.heatmap_size(height, width)


def test_heatmap_stride_and_field_of_the_default_model():
    net = build_net(DEFAULT)
    assert net.geometry.jump == 8
    assert net.geometry.receptive_field >= 2 * 50  # sees a whole 50 px head with context


def stages_with(index, **change):
    stages = [dict(s) for s in DEFAULT["stages"]]
    stages[index].update(change)
    return {**DEFAULT, "stages": stages}


@pytest.mark.parametrize(
    "cfg, message",
    [
        (stages_with(2, stride=0), r"model.stages\[2\].stride=0"),
        (stages_with(1, kernel=4), r"model.stages\[1\].*even"),
        (stages_with(0, channels=0), r"model.stages\[0\].channels"),
        ({**DEFAULT, "width": 0}, "model.width"),
        ({**DEFAULT, "stages": []}, "empty"),
        ({**DEFAULT, "norm": "group"}, "model.norm"),
    ],
)
def test_bad_model_configs_fail_clearly(cfg, message):
    with pytest.raises(ValueError, match=message):
        build_net(cfg)


def test_picture_smaller_than_the_stem_is_refused_by_name():
    net = build_net(DEFAULT)
    with pytest.raises(ValueError, match="layer 0"):
        net.heatmap_size(3, 100)
