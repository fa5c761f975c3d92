"""Targets and decoding: both directions through conv.py's cell<->pixel map, and the loss."""

import math

import numpy as np
import pytest
import torch

from waldo.conv import ConvGeometry, stack_geometry
from waldo.model.heatmap import encode, find_peaks
from waldo.model.loss import detection_loss, focal_loss

GEOMETRY = stack_geometry([ConvGeometry(4, 4, 0), ConvGeometry(3, 2, 1)])  # jump 8, offset 1.5


def output_from_targets(targets):
    """A network output that says exactly what the targets say."""
    heat = np.clip(targets.heat, 1e-6, 1 - 1e-6)
    logits = np.log(heat / (1 - heat))
    return torch.from_numpy(np.concatenate([logits[None], targets.offset, targets.log_size[None]]))[None]


def test_encode_then_decode_returns_the_points():
    points = np.array([[100.3, 60.9], [30.0, 200.5], [250.0, 250.0]], np.float32)
    heights = np.array([20.0, 40.0, 13.0], np.float32)
    targets = encode(points, heights, (40, 40), GEOMETRY)
    assert targets.heat.max() == 1.0 and targets.mask.sum() == 3
    peaks = find_peaks(output_from_targets(targets), GEOMETRY, threshold=0.5, top_k=10)[0]
    assert len(peaks.scores) == 3
    found = sorted(map(tuple, peaks.points.numpy().round(2)))
    assert np.allclose(found, sorted(map(tuple, points)), atol=0.01)
    assert np.allclose(sorted(peaks.head_heights.numpy()), sorted(heights), rtol=1e-4)


def test_peak_sits_on_the_cell_conv_py_names():
    targets = encode(np.array([[GEOMETRY.cell_to_pixel(5), GEOMETRY.cell_to_pixel(7)]]), np.array([16.0]), (20, 20), GEOMETRY)
    assert np.unravel_index(targets.heat.argmax(), targets.heat.shape) == (7, 5)
    assert np.all(targets.offset[:, 7, 5] == 0)


def test_heads_off_the_grid_are_skipped_and_gaussian_widens_with_the_head():
    targets = encode(np.array([[-50.0, 10.0], [80.0, 80.0]]), np.array([20.0, 48.0]), (20, 20), GEOMETRY)
    assert targets.mask.sum() == 1
    small = encode(np.array([[80.0, 80.0]]), np.array([12.0]), (20, 20), GEOMETRY).heat
    assert (targets.heat > 0.5).sum() > (small > 0.5).sum()


def test_threshold_and_top_k_limit_the_peaks():
    points = np.array([[x, 40.0] for x in range(20, 300, 40)], np.float32)
    targets = encode(points, np.full(len(points), 16.0), (40, 40), GEOMETRY)
    output = output_from_targets(targets)
    assert len(find_peaks(output, GEOMETRY, threshold=0.5, top_k=3)[0].scores) == 3
    assert len(find_peaks(output, GEOMETRY, threshold=1.01, top_k=10)[0].scores) == 0


def test_focal_loss_is_finite_without_waldos_and_rewards_the_right_answer():
    empty = torch.zeros(2, 8, 8)
    assert torch.isfinite(focal_loss(torch.full((2, 8, 8), -3.0), empty))
    target = torch.zeros(1, 8, 8)
    target[0, 4, 4] = 1.0
    good = torch.full((1, 8, 8), -6.0)
    good[0, 4, 4] = 6.0
    bad = torch.full((1, 8, 8), -6.0)
    bad[0, 1, 1] = 6.0
    assert focal_loss(good, target) < 0.01 < focal_loss(bad, target)


def test_detection_loss_normalises_by_waldo_count():
    targets = encode(np.array([[100.0, 100.0], [200.0, 60.0]]), np.array([20.0, 20.0]), (40, 40), GEOMETRY)
    batch = {k: torch.from_numpy(getattr(targets, k))[None] for k in ("heat", "offset", "log_size", "mask")}
    output = torch.zeros(1, 4, 40, 40)
    losses = detection_loss(output, **batch)
    assert math.isfinite(losses["loss"].item())
    perfect = output_from_targets(targets).float()
    assert detection_loss(perfect, **batch)["loss"] < 0.1 * losses["loss"]
    # offset L1 is summed over (dx, dy) and averaged over the two Waldos
    assert losses["offset"].item() == pytest.approx(np.abs(targets.offset).sum() / 2, rel=1e-5)

