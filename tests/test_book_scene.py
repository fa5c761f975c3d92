"""The `book` scene preset: determinism, pages covered edge to edge, depth order, exact annotations, knob checks."""

import cv2
import numpy as np
import pytest
from omegaconf import OmegaConf

from waldo.benchmarks.realism import at_head_scale, page_numbers
from waldo.synth import render_scene, scene_preset, validate_scene_config
from waldo.synth.book import BookConfig, render_book_page
from waldo.synth.book.depth_order import Item, in_depth_order
from waldo.synth.book.figure import Figure, paint_figure
from waldo.synth.book.heads import HeadKey
from waldo.synth.book.materials import SLOT_COUNT
from waldo.synth.book.perspective import GroundPlane, ground_plane
from waldo.synth.book.program import odd_ink_px


def book(**overrides) -> dict:
    """The book preset at a quick size, with overrides ("crowd.coverage" reaches into a group)."""
    cfg = OmegaConf.to_container(scene_preset("book"))
    cfg.update(width=320, height=240)
    for key, value in overrides.items():
        group, _, name = key.rpartition(".")
        (cfg[group] if group else cfg)[name] = value
    return cfg


def test_the_preset_is_a_book_page_drawn_by_render_scene():
    config = validate_scene_config(scene_preset("book"))
    assert isinstance(config, BookConfig)
    image, heads = render_scene(book(), 2)
    assert image.dtype == np.uint8 and image.shape == (240, 320, 3)
    again, heads_again = render_book_page(validate_scene_config(book()), 2)
    assert image.tobytes() == again.tobytes() and heads == heads_again


def test_same_seed_same_bytes_and_other_seeds_differ():
    cfg = book()
    first, heads_first = render_scene(cfg, 11)
    again, heads_again = render_scene(OmegaConf.create(cfg), 11)
    checked, heads_checked = render_scene(validate_scene_config(cfg), 11)  # the datasets' checked-once path
    other, _ = render_scene(cfg, 12)
    assert first.tobytes() == again.tobytes() == checked.tobytes()
    assert heads_first == heads_again == heads_checked
    assert first.tobytes() != other.tobytes()


def _flat(image: np.ndarray, heads) -> float:
    return page_numbers(at_head_scale(image, [h.head_height for h in heads]))["flat"]


@pytest.mark.parametrize("width, height", [(16, 16), (40, 17), (17, 40), (64, 48)])
def test_the_smallest_pages_the_preset_allows_are_drawn_on_every_seed(width, height):
    # Waldo's head range reaches 65 px, wider than such a page: he stands at its left edge instead of failing
    for seed in range(40):
        image, heads = render_scene(book(width=width, height=height), seed)
        assert image.shape == (height, width, 3)
        assert all(0 <= h.point[0] <= width and 0 <= h.point[1] <= height for h in heads)


def test_book_pages_leave_little_open_ground():
    cfg = book(width=480, height=360, no_waldo_rate=0.0)
    pages = [render_scene(cfg, seed) for seed in range(8)]
    flats = [_flat(image, heads) for image, heads in pages if heads][:6]  # a page whose Waldo is hidden has no scale
    assert len(flats) == 6
    assert np.median(flats) < 0.15, flats
    assert max(flats) < 0.25, flats


def _solid_figure(colour: tuple[int, int, int], y: float) -> Figure:
    palette = tuple([colour] * SLOT_COUNT)
    head = HeadKey("front")
    return Figure("stand", 0, 0.0, "shirt", head, "none", palette, 60.0, y, 20.0, 20.0)


def test_a_figure_lower_on_the_page_is_painted_over_the_one_above_it():
    above, below = _solid_figure((250, 0, 0), 100.0), _solid_figure((0, 0, 250), 110.0)
    items = [Item(below.y, 0, "figure", below), Item(above.y, 1, "figure", above)]  # planned nearest first
    assert [item.payload for item in in_depth_order(items)] == [above, below]
    canvas = np.full((140, 120, 3), 255, np.uint8)
    for item in in_depth_order(items):
        paint_figure(canvas, item.payload, 1, 1.0, cv2.LINE_8)  # opaque lines: a pixel is one figure's or the other's
    lower_alone = np.full_like(canvas, 255)
    paint_figure(lower_alone, below, 1, 1.0, cv2.LINE_8)
    covered = (lower_alone != 255).any(axis=2)
    assert covered.sum() > 200
    assert np.array_equal(canvas[covered], lower_alone[covered])  # nothing of the figure above shows through it
    red = (canvas[..., 0] > 200) & (canvas[..., 2] < 50)
    assert red.sum() > 30  # yet the one above shows where the lower one does not reach


def test_items_sort_by_feet_then_by_plan():
    items = [Item(5.0, 0, "figure", "a"), Item(3.0, 1, "scenery", "b"), Item(5.0, 2, "waldo", "c")]
    assert [item.payload for item in in_depth_order(items)] == ["b", "a", "c"]


def _is_red(pixels: np.ndarray) -> np.ndarray:
    r, g, b = (pixels[..., i].astype(int) for i in range(3))
    return (r > 140) & (r > g + 60) & (r > b + 60)


def _is_light(pixels: np.ndarray) -> np.ndarray:
    return (pixels >= 190).all(axis=-1)


UNPRINTED = {"print.off_register_px": [0, 0], "print.paper_grain": [0, 0], "print.ink_spread": [0, 0], "print.halftone": [0, 0],
             "print.blur": [0, 0], "print.scan_scale": [1, 1], "print.jpeg_rate": 0.0, "style.saturation": [1, 1]}


def test_annotated_heads_are_visible_waldos_inside_their_boxes():
    cfg = book(width=480, height=360, no_waldo_rate=0.0, waldo_count=[2, 2], head_height=[24, 40], **UNPRINTED)  # his own colours
    checked = 0
    for seed in range(8):
        image, heads = render_scene(cfg, seed)
        for head in heads:
            x0, y0, x1, y1 = head.box
            assert 0.25 <= head.visible <= 1.0
            assert x0 <= head.point[0] <= x1 and y0 <= head.point[1] <= y1
            assert 24 * 0.9 <= head.head_height <= 40 * 1.1
            if head.visible < 0.98:
                continue
            top = image[max(0, int(y0)):int(y0 + 0.45 * (y1 - y0)), max(0, int(x0)):int(x1)]
            assert _is_red(top).sum() >= 3 and _is_light(top).sum() >= 3, f"seed {seed}: {head} shows no red-white hat"
            checked += 1
    assert checked >= 5


def test_hidden_waldos_are_not_annotated_and_partly_hidden_ones_say_how_much():
    crowded = book(no_waldo_rate=0.0, waldo_count=[2, 2], waldo_hiders=[5, 5], min_visible=0.0)
    strict = dict(crowded, min_visible=1.0)
    visible = [h.visible for seed in range(8) for h in render_scene(crowded, seed)[1]]
    assert visible and all(0.0 < v <= 1.0 for v in visible) and min(visible) < 0.9
    for seed in range(8):
        assert all(h.visible == 1.0 for h in render_scene(strict, seed)[1])


def test_pages_without_waldo_come_at_the_configured_rate():
    cfg = book(width=160, height=120, no_waldo_rate=0.5)
    empty = sum(not render_scene(cfg, seed)[1] for seed in range(40))
    assert 10 <= empty <= 30


def test_figures_shrink_toward_the_top_of_the_ground():
    plane, y = ground_plane(np.random.default_rng(0), 50.0, 800.0, 30.0, 2.5, 1000.0)
    assert isinstance(plane, GroundPlane) and 50.0 <= y <= 800.0
    assert plane.head_at(y) == pytest.approx(30.0)
    assert plane.head_at(800.0) == pytest.approx(2.5 * plane.head_at(50.0))
    capped, _ = ground_plane(np.random.default_rng(0), 0.0, 800.0, 60.0, 3.0, 80.0)
    assert capped.head_at(800.0) <= 80.0 + 1e-6


def test_outlines_come_in_widths_opencv_can_draw():
    assert [odd_ink_px(w) for w in (0.2, 1.0, 1.9, 2.0, 3.2, 4.1)] == [1, 1, 1, 3, 3, 5]


def test_the_crowd_wears_few_red_white_stripes():
    cfg = validate_scene_config(book(width=480, height=360, no_waldo_rate=1.0))
    image, _ = render_book_page(cfg, 5)
    numbers = page_numbers(image[..., ::-1].copy())
    assert numbers["stripes"] < 0.005


BAD_KNOBS = [
    ("width", 0, "'width'"),
    ("height", -3, "'height'"),
    ("head_height", [40, 20], "'head_height' is inverted"),
    ("waldo_count", [1.5, 2], "'waldo_count' must hold whole numbers"),
    ("no_waldo_rate", 1.5, "'no_waldo_rate'"),
    ("min_visible", -0.1, "'min_visible'"),
    ("waldo_hiders", [-1, 2], "'waldo_hiders.min'"),
    ("themes", {"volcano": 1.0}, "'themes' has unknown names"),
    ("themes", {"battle": 0.0}, "'themes' needs at least one positive weight"),
    ("waldo_views", {"back": 1.0}, "'waldo_views' has unknown names"),
    ("waldo_views", {"front": 0.0, "three_quarter": 0.0, "profile": 0.0}, "'waldo_views' needs at least one positive weight"),
    ("text_box_rate", 2, "'text_box_rate'"),
    ("crowd", 3, "'crowd' must be a mapping"),
    ("crowd.coverage", [0.0, 2.0], "'crowd.coverage.min'"),
    ("crowd.max_figures", 0, "'crowd.max_figures'"),
    ("crowd.groups", [3, 1], "'crowd.groups' is inverted"),
    ("crowd.own_clothes", 1.2, "'crowd.own_clothes'"),
    ("crowd.giant_rate", -1, "'crowd.giant_rate'"),
    ("crowd.giant_scale", [0.5, 2.0], "'crowd.giant_scale.min'"),
    ("crowd.prop_rate", "often", "'crowd.prop_rate' must be a number"),
    ("crowd.scenery", [-5, 10], "'crowd.scenery.min'"),
    ("crowd.red_white_rate", 3, "'crowd.red_white_rate'"),
    ("crowd.glasses_rate", -0.5, "'crowd.glasses_rate'"),
    ("perspective.depth_ratio", [0.5, 2.0], "'perspective.depth_ratio.min'"),
    ("perspective.sky_rate", 1.1, "'perspective.sky_rate'"),
    ("perspective.sky_height", [0.1, 0.9], "'perspective.sky_height.max'"),
    ("style.ink_width", [0.0, 0.05], "'style.ink_width.min'"),
    ("style.ink_grey", [0, 300], "'style.ink_grey.max'"),
    ("style.saturation", [0.5, 2.5], "'style.saturation.max'"),
    ("style.brightness", [0.0, 1.0], "'style.brightness.min'"),
    ("style.colour_jitter", 2, "'style.colour_jitter'"),
    ("style.shading_rate", [0.5, 0.2], "'style.shading_rate' is inverted"),
    ("style.hatching_rate", [0.0, 1.5], "'style.hatching_rate.max'"),
    ("style.detail", [0, 1], "'style.detail.min'"),
    ("style.heads_tall", [2.0, 5.0], "'style.heads_tall.min'"),
    ("style.supersample", [1.5, 2], "'style.supersample' must hold whole numbers"),
    ("style.supersample", [2, 9], "'style.supersample.max'"),
    ("print.off_register_px", [0, 9], "'print.off_register_px.max'"),
    ("print.paper_grain", [-1, 2], "'print.paper_grain.min'"),
    ("print.ink_spread", [0, 2], "'print.ink_spread.max'"),
    ("print.halftone", [0.2, 0.1], "'print.halftone' is inverted"),
    ("print.blur", [0, 9], "'print.blur.max'"),
    ("print.scan_scale", [0.5, 1.0], "'print.scan_scale.min'"),
    ("print.jpeg_rate", -0.2, "'print.jpeg_rate'"),
    ("print.jpeg_quality", [0, 90], "'print.jpeg_quality.min'"),
    ("kind", "comic", "'kind' must be one of"),
]


@pytest.mark.parametrize(("key", "value", "message"), BAD_KNOBS, ids=[f"{k}={v}" for k, v, _ in BAD_KNOBS])
def test_every_knob_refuses_a_bad_value_naming_its_key(key, value, message):
    cfg = book(**{key: value})
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        validate_scene_config(cfg)
    with pytest.raises(ValueError, match="scene config"):
        render_scene(cfg, 0)


WEIGHT_TABLES = ("themes", "waldo_views")  # knobs that are one table of names and weights


def test_every_knob_of_the_preset_is_checked():
    checked = {key.split(".")[0] for key, _, _ in BAD_KNOBS} | {key for key, _, _ in BAD_KNOBS}
    preset = OmegaConf.to_container(scene_preset("book"))
    knobs = {k for k, v in preset.items() if not isinstance(v, dict) or k in WEIGHT_TABLES}
    knobs |= {f"{k}.{name}" for k, v in preset.items() if isinstance(v, dict) and k not in WEIGHT_TABLES for name in v}
    assert knobs - checked == set()


def test_a_missing_knob_is_named():
    cfg = book()
    del cfg["style"]["ink_width"]
    with pytest.raises(ValueError, match="missing key 'style.ink_width'"):
        validate_scene_config(cfg)
