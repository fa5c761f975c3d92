"""The template-matching baseline finds a clean Waldo head where it is, and nothing where there is none."""

import numpy as np
import pytest

from waldo.eval.template_matching import TemplateMatcher, head_template, size_pyramid
from waldo.synth import render_waldo_head


def paste_head(background: np.ndarray, head_height: int, pose: str, x0: int, y0: int) -> tuple[float, float, float]:
    """Paste Waldo's head with its top-left mask corner near (x0, y0); returns the true head point and box height."""
    rgb, mask = render_waldo_head(head_height, pose, seed=7)
    h, w = mask.shape
    inside = (mask > 0)[..., None]
    background[y0 : y0 + h, x0 : x0 + w] = np.where(inside, rgb, background[y0 : y0 + h, x0 : x0 + w])
    ys, xs = np.nonzero(mask)
    box_w, box_h = xs.max() + 1 - xs.min(), ys.max() + 1 - ys.min()
    return x0 + xs.min() + 0.5 * box_w, y0 + ys.min() + 0.6 * box_h, float(box_h)


@pytest.mark.parametrize("background", ["plain", "noisy"])
def test_finds_a_pasted_head_at_its_position(background: str) -> None:
    rng = np.random.default_rng(0)
    picture = np.full((240, 320, 3), 150, np.uint8) if background == "plain" else rng.integers(60, 200, (240, 320, 3)).astype(np.uint8)
    x, y, height = paste_head(picture, 26, "three_quarter", 180, 90)
    found = TemplateMatcher(head_range=(16, 42), steps=8, threshold=0.5).detect(picture)
    assert found, "the head was not found"
    best = found[0]
    assert np.hypot(best.x - x, best.y - y) < 0.25 * height
    assert best.score > 0.8
    assert abs(best.head_height - height) < 0.3 * height
    assert all(d.score < best.score for d in found[1:])


@pytest.mark.parametrize("picture", [np.full((200, 260, 3), 200, np.uint8), np.zeros((200, 260, 3), np.uint8)])
def test_blank_picture_gives_nothing(picture: np.ndarray) -> None:
    assert TemplateMatcher(head_range=(12, 40), steps=4, threshold=0.3).detect(picture) == []


def test_scores_are_in_unit_range_and_peaks_are_apart() -> None:
    rng = np.random.default_rng(1)
    picture = rng.integers(0, 256, (160, 200, 3)).astype(np.uint8)
    found = TemplateMatcher(head_range=(12, 24), steps=3, threshold=0.0, top_k=50).detect(picture)
    assert found and all(0.0 <= d.score <= 1.0 for d in found)
    for i, a in enumerate(found):
        for b in found[:i]:
            assert np.hypot(a.x - b.x, a.y - b.y) >= 0.5 * b.head_height


def test_template_background_adds_nothing_to_the_match() -> None:
    """Outside the head, the template holds the head's mean colour: zero after mean subtraction."""
    template = head_template(30, "front", blur_sigma=0.0)
    _, mask = render_waldo_head(30, "front")
    ys, xs = np.nonzero(mask)
    box = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1] > 0
    assert template.head_height == box.shape[0]
    left, top = int(0.2 * box.shape[1]), int(0.1 * box.shape[0])
    inside = box[top : top + template.image.shape[0], left : left + template.image.shape[1]]
    outside_colours = np.unique(template.image[~inside].reshape(-1, 3), axis=0)
    assert len(outside_colours) == 1


def test_size_pyramid_spans_the_range_and_refuses_nonsense() -> None:
    sizes = size_pyramid((12, 48), 5)
    assert sizes[0] == 12 and sizes[-1] == 48 and sizes == sorted(sizes)
    with pytest.raises(ValueError):
        size_pyramid((40, 12), 4)
    with pytest.raises(ValueError):
        size_pyramid((12, 40), 0)
