"""The lecture's worked examples, and the arithmetic checked against real PyTorch layers."""

import itertools

import pytest
import torch
from torch import nn

from waldo.conv import (
    Conv2D,
    ConvGeometry,
    conv2d_true,
    conv_out_size,
    corr2d,
    out_size,
    same_padding,
    stack_geometry,
    stack_out_size,
)


def loop_corr2d(X, K):
    """The lecture's reference definition, one output cell at a time."""
    h, w = K.shape
    Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i : i + h, j : j + w] * K).sum()
    return Y


def diagonal_zero_ones():
    X = torch.ones((4, 4))
    X.fill_diagonal_(0.0)
    return X


def test_lecture_cross_correlation_example():
    Y = corr2d(diagonal_zero_ones(), torch.tensor([[1.0, 1.0], [-1.0, -1.0]]))
    assert torch.equal(Y, torch.tensor([[0.0, 1.0, 0.0], [-1.0, 0.0, 1.0], [0.0, -1.0, 0.0]]))


def test_flipped_kernel_negates_and_convolution_flips():
    X = diagonal_zero_ones()
    K = torch.tensor([[1.0, 1.0], [-1.0, -1.0]])
    flipped = torch.tensor([[-1.0, -1.0], [1.0, 1.0]])
    assert torch.equal(corr2d(X, flipped), -corr2d(X, K))
    assert torch.equal(conv2d_true(X, K), corr2d(X, torch.flip(K, (0, 1))))
    assert torch.equal(conv2d_true(X, K), corr2d(X, flipped))


def test_vectorised_corr2d_equals_loop_definition():
    generator = torch.Generator().manual_seed(0)
    for h, w in [(1, 1), (2, 3), (3, 3), (5, 2)]:
        X = torch.randn(9, 11, generator=generator)
        K = torch.randn(h, w, generator=generator)
        assert torch.allclose(corr2d(X, K), loop_corr2d(X, K), atol=1e-5)


def test_corr2d_matches_torch_conv2d():
    X = torch.randn(7, 8)
    K = torch.randn(3, 2)
    expected = nn.functional.conv2d(X[None, None], K[None, None])[0, 0]
    assert torch.allclose(corr2d(X, K), expected, atol=1e-5)


def band_picture_and_target():
    X = torch.ones((6, 8))
    X[:, 2:6] = 0.0
    K = torch.tensor([[1.0, -1.0]])
    return X, K, corr2d(X, K)


def test_band_target_is_the_lecture_edge_map():
    _, _, Y = band_picture_and_target()
    assert torch.equal(Y[0], torch.tensor([0.0, 1.0, 0.0, 0.0, 0.0, -1.0, 0.0]))


@pytest.mark.parametrize("implementation", ["ours", "torch"])
def test_learning_the_kernel_recovers_it(implementation):
    """The lecture ignores the bias while learning the kernel; so do both layers here."""
    torch.manual_seed(0)
    X, K, Y = band_picture_and_target()
    if implementation == "ours":
        layer = Conv2D(kernel_size=(1, 2), bias=False)
        predict = lambda: layer(X)  # noqa: E731
        weight = layer.weight
    else:
        layer = nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False)
        predict = lambda: layer(X[None, None])[0, 0]  # noqa: E731
        weight = layer.weight
    learning_rate = 3e-2
    for _ in range(20):
        loss = ((predict() - Y) ** 2).sum()
        layer.zero_grad()
        loss.backward()
        with torch.no_grad():
            for parameter in layer.parameters():
                parameter -= learning_rate * parameter.grad
    assert torch.allclose(weight.detach().reshape(1, 2), K, atol=0.05)


def torch_output_size(n, k, p, s, d):
    """What nn.Conv2d really produces, or None when it refuses the combination."""
    conv = nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d)
    try:
        return conv(torch.zeros(1, 1, n, n)).shape[-1]
    except RuntimeError:
        return None


@pytest.mark.slow
def test_out_size_agrees_with_torch_and_rejects_the_rest():
    refused = 0
    for n, k, p, s, d in itertools.product(range(1, 41), range(1, 8), range(0, 4), range(1, 5), range(1, 3)):
        expected = torch_output_size(n, k, p, s, d)
        if expected is None:
            refused += 1
            with pytest.raises(ValueError, match="larger than the padded input"):
                conv_out_size(n, k, s, p, d)
            continue
        assert conv_out_size(n, k, s, p, d) == expected
        if d == 1:
            assert out_size(n, k, 2 * p, s) == expected
    assert refused > 0


def test_out_size_spot_checks_against_conv2d():
    for n, k, p, s, d in [(1, 1, 0, 1, 1), (5, 3, 1, 2, 1), (40, 7, 3, 4, 2), (2, 7, 3, 3, 1), (13, 3, 0, 4, 2)]:
        got = nn.Conv2d(1, 1, k, stride=s, padding=p, dilation=d)(torch.zeros(1, 1, n, n)).shape[-1]
        assert conv_out_size(n, k, s, p, d) == got


@pytest.mark.parametrize(
    "args, message",
    [
        ((5, 7, 0, 1), "larger than the padded input"),
        ((5, 3, 0, 0), "stride"),
        ((5, 3, -1, 1), "padding"),
        ((0, 1, 0, 1), "input size"),
        ((5, 0, 0, 1), "kernel"),
    ],
)
def test_out_size_rejects_impossible_values(args, message):
    with pytest.raises(ValueError, match=message):
        out_size(*args)


def test_same_padding_needs_an_odd_kernel():
    assert same_padding(3) == 1
    assert same_padding(5, dilation=2) == 4
    with pytest.raises(ValueError, match="even"):
        same_padding(4)


def random_stack(generator):
    layers = []
    for _ in range(int(torch.randint(1, 5, (1,), generator=generator))):
        kernel = int(torch.randint(1, 4, (1,), generator=generator)) * 2 - 1
        stride = int(torch.randint(1, 3, (1,), generator=generator))
        dilation = int(torch.randint(1, 3, (1,), generator=generator))
        padding = int(torch.randint(0, dilation * (kernel - 1) // 2 + 1, (1,), generator=generator))  # up to 'same'
        layers.append(ConvGeometry(kernel, stride, padding, dilation))
    return layers


def build_positive_linear_stack(layers):
    """Linear layers with positive weights, so gradients cannot cancel to zero by chance."""
    modules = []
    for layer in layers:
        conv = nn.Conv2d(1, 1, layer.kernel, layer.stride, layer.padding, layer.dilation, bias=False)
        nn.init.uniform_(conv.weight, 0.5, 1.5)
        modules.append(conv)
    return nn.Sequential(*modules)


def test_receptive_field_and_cell_centres_match_input_gradients():
    generator = torch.Generator().manual_seed(7)
    size = 64
    checked = 0
    for _ in range(40):
        layers = random_stack(generator)
        out = stack_out_size(size, layers)
        geometry = stack_geometry(layers)
        net = build_positive_linear_stack(layers)
        for cell in {0, out // 2, out - 1}:
            image = torch.zeros(1, 1, size, size, requires_grad=True)
            net(image)[0, 0, cell, cell].backward()
            touched = image.grad[0, 0].abs().sum(dim=1).nonzero().flatten()
            assert torch.equal(touched, image.grad[0, 0].abs().sum(dim=0).nonzero().flatten())
            lo, hi = geometry.receptive_box(cell)
            assert lo <= touched.min().item() and touched.max().item() <= hi
            if lo >= 0 and hi <= size - 1:
                # dilation leaves gaps inside the field, but its two extreme taps are always used
                assert (touched.min().item(), touched.max().item()) == (lo, hi)
                centre = (touched.min().item() + touched.max().item()) / 2
                assert centre == pytest.approx(geometry.cell_to_pixel(cell))
                assert touched.max().item() - touched.min().item() + 1 == geometry.receptive_field
                checked += 1
    assert checked > 20


def test_pixel_to_cell_inverts_cell_to_pixel():
    geometry = stack_geometry([ConvGeometry(3, 2, 1), ConvGeometry(3, 2, 1), ConvGeometry(5, 1, 4, 2)])
    assert geometry.jump == 4
    for cell in [0.0, 1.5, 17.25]:
        assert geometry.pixel_to_cell(geometry.cell_to_pixel(cell)) == pytest.approx(cell)


def test_known_stack_geometry():
    # two stride-2 3x3 'same' convs: field 3 + 2*2 = 7, jump 4, cell 0 centred on pixel 0
    geometry = stack_geometry([ConvGeometry(3, 2, 1), ConvGeometry(3, 2, 1)])
    assert geometry.receptive_field == 7
    assert geometry.jump == 4
    assert geometry.offset == 0.0
