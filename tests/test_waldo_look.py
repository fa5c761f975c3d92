"""Waldo as the books draw him (`waldo_look: book`): his marks at every size, his variety, his look-alikes."""

import cv2
import numpy as np
import pytest
from omegaconf import OmegaConf

from waldo.synth import render_scene, scene_preset, validate_scene_config
from waldo.synth.book_head_style import random_waldo_head_style
from waldo.synth.book_lookalikes import BOOK_LOOKALIKE_BUILDERS
from waldo.synth.book_waldo import book_waldo_at, draw_book_waldo
from waldo.synth.crowd import Stance
from waldo.synth.figure_templates import Material
from waldo.synth.figures import draw_person
from waldo.synth.painted_head import paint_waldo
from waldo.synth.waldo_look_sheet import waldo_look_sheet

GROUND = (120, 160, 110)  # neither red, white nor dark, so every such pixel in a head box is the head's
HEAD_SIZES = (12, 14, 16, 20, 24, 32, 48, 65)
SEEDS = range(40)


def book_scene(**overrides) -> dict:
    """The default preset with Waldo drawn the book way, shrunk to a quick size."""
    cfg = OmegaConf.to_container(scene_preset("default"))
    cfg.update(width=320, height=240, head_height=[20, 30], waldo_look="book")
    cfg.update(overrides)
    return cfg


def painted_waldo(size: int, seed: int):
    """One book Waldo on plain ground, colours unjittered: the crop of his head box and the person."""
    cell = size * 3
    image = np.full((cell, cell, 3), GROUND, np.uint8)
    person = book_waldo_at(np.random.default_rng(seed), (cell / 2, cell * 0.45), size, colour_jitter=0.0)
    head = paint_waldo(image, person).annotation(image)
    x0, y0, x1, y1 = (int(round(v)) for v in head.box)
    return image[y0:y1, x0:x1], person, (head.point[0] - x0, head.point[1] - y0)


def red_and_white_shares(crop: np.ndarray) -> tuple[float, float]:
    r, g, b = (crop[..., i].astype(int) for i in range(3))
    return float(((r > 150) & (g < 100) & (b < 100)).mean()), float((crop >= 200).all(axis=2).mean())


def lenses_seen(crop: np.ndarray, skin: tuple[int, int, int], point: tuple[float, float], size: int) -> int:
    """How many glasses lenses the drawn pixels show near the face point: clear middles ringed by ink
    (skin-coloured pockets no ink-free path leads out of) plus solid dark discs (small heads' lenses),
    a disc that rings a counted pocket being the same lens."""
    dark = crop.max(axis=2) < 50
    near_point = np.zeros_like(dark)
    px, py = int(round(point[0])), int(round(point[1]))
    reach_x, reach_y = int(0.4 * size) + 1, int(0.25 * size) + 1
    near_point[max(0, py - reach_y):py + reach_y + 1, max(0, px - reach_x):px + reach_x + 1] = True
    count, pockets = 0, np.zeros_like(dark)
    n, labels, stats, _ = cv2.connectedComponentsWithStats((~dark).astype(np.uint8), connectivity=4)
    height, width = dark.shape
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        region = labels == i
        enclosed = x > 0 and y > 0 and x + w < width and y + h < height and area <= (0.3 * size) ** 2
        skin_like = (np.abs(crop[region].astype(int) - np.array(skin)).max(axis=1) <= 40).any()
        if enclosed and skin_like and (region & near_point).any():
            pockets |= region
            count += 1
    ringing = cv2.dilate(pockets.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    discs = cv2.morphologyEx(dark.astype(np.uint8), cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(discs, connectivity=8)
    for i in range(1, n):
        region = labels == i
        if 3 <= stats[i, 4] <= (0.35 * size) ** 2 and (region & near_point).any() and not (region & ringing).any():
            count += 1
    return count


@pytest.mark.parametrize("size", HEAD_SIZES)
def test_book_waldo_head_box_holds_his_red_white_hat_and_two_glasses_lenses(size):
    two_lenses, turned_away = 0, 0
    for seed in SEEDS:
        crop, person, point = painted_waldo(size, seed)
        red, white = red_and_white_shares(crop)
        assert red >= 0.01 and white >= 0.008, f"seed {seed}: hat shows {red:.3f} red and {white:.3f} white"
        lenses = lenses_seen(crop, person.palette[Material.SKIN], point, size)
        assert lenses >= 1, f"seed {seed}: no glasses lens to be seen in the {size} px head box"
        if person.key.facing == "side":
            turned_away += 1
        else:
            two_lenses += lenses >= 2
    facing = len(SEEDS) - turned_away
    assert two_lenses >= 0.9 * facing, f"only {two_lenses} of {facing} front and three-quarter heads show two lenses"


def test_book_waldo_is_drawn_anew_each_time():
    styles = [random_waldo_head_style(np.random.default_rng(seed)) for seed in range(60)]
    assert {s.hat_bands for s in styles} == {3, 4, 5}
    assert min(s.hat_flop for s in styles) < 0.35 and max(s.hat_flop for s in styles) > 1.5
    assert max(s.turn for s in styles) > 0.7 and min(s.turn for s in styles) < 0.15
    assert max(s.lens_radius / s.face_rx for s in styles) - min(s.lens_radius / s.face_rx for s in styles) > 0.08
    people = [book_waldo_at(np.random.default_rng(seed), (50.0, 50.0), 30.0) for seed in range(60)]
    assert {p.key.facing for p in people} == {"front", "three_quarter", "side"}
    tilts = [p.head_tilt_deg for p in people]
    assert max(tilts) - min(tilts) > 30.0 and {p.mirrored for p in people} == {False, True}
    crops = {painted_waldo(32, seed)[0].tobytes() for seed in range(20)}
    assert len(crops) == 20


def test_book_waldo_is_the_same_for_the_same_seed():
    first, again, other = (np.full((90, 90, 3), GROUND, np.uint8) for _ in range(3))
    head = draw_book_waldo(first, np.random.default_rng(5), (45.0, 40.0), 30.0)
    assert head == draw_book_waldo(again, np.random.default_rng(5), (45.0, 40.0), 30.0)
    draw_book_waldo(other, np.random.default_rng(6), (45.0, 40.0), 30.0)
    assert first.tobytes() == again.tobytes() and first.tobytes() != other.tobytes()
    cfg = book_scene()
    image, heads = render_scene(cfg, 3)
    image_again, heads_again = render_scene(cfg, 3)
    assert image.tobytes() == image_again.tobytes() and heads == heads_again
    assert render_scene(cfg, 4)[0].tobytes() != image.tobytes()


@pytest.mark.parametrize("seed", range(6))
def test_draw_book_waldo_puts_his_face_at_the_point_and_boxes_hat_to_chin(seed):
    image = np.full((120, 120, 3), GROUND, np.uint8)
    head = draw_book_waldo(image, np.random.default_rng(seed), (60.0, 50.0), 40.0)
    assert head.point == pytest.approx((60.0, 50.0), abs=1e-6)
    x0, y0, x1, y1 = head.box
    assert x0 < 60.0 < x1 and y0 < 50.0 < y1
    assert 0.85 * 40.0 <= head.head_height <= 1.35 * 40.0  # a tilted head's box is a little taller or shorter
    assert head.visible == 1.0
    assert draw_book_waldo(image, np.random.default_rng(seed), (-500.0, 50.0), 40.0) is None
    with pytest.raises(ValueError, match="head_height"):
        draw_book_waldo(image, np.random.default_rng(seed), (60.0, 50.0), 0.0)


def test_a_hidden_book_waldo_is_annotated_with_what_still_shows():
    image = np.full((120, 120, 3), GROUND, np.uint8)
    painted = paint_waldo(image, book_waldo_at(np.random.default_rng(2), (60.0, 50.0), 40.0))
    x0, y0, x1, y1 = (int(v) for v in painted.box)
    image[y0:(y0 + y1) // 2, x0:x1] = (0, 0, 255)
    half = painted.annotation(image)
    assert 0.2 < half.visible < 0.8
    image[y0:y1, x0:x1] = (0, 0, 255)
    assert painted.annotation(image) is None


@pytest.mark.parametrize("kind", sorted(BOOK_LOOKALIKE_BUILDERS))
def test_book_lookalikes_are_drawn_with_book_heads_and_never_as_waldo(kind):
    rng = np.random.default_rng(1)
    people = [BOOK_LOOKALIKE_BUILDERS[kind](rng, Stance(40.0, 120.0, size), 0.06) for size in (12.0, 20.0, 40.0, 65.0)]
    assert all(not p.is_waldo and p.head is not None for p in people)
    image = np.full((140, 80, 3), GROUND, np.uint8)
    draw_person(image, people[-1])
    assert (image != GROUND).any(axis=2).sum() > 500


def test_book_lookalikes_are_never_annotated():
    crowd_of_lookalikes = book_scene(lookalike_rate=1.0, crowd_density=1.5, no_waldo_rate=1.0)
    for seed in range(4):
        assert render_scene(crowd_of_lookalikes, seed)[1] == []
    with_waldos = book_scene(lookalike_rate=1.0, crowd_density=1.5, no_waldo_rate=0.0, waldo_count=[2, 2], min_visible=0.0)
    for seed in range(4):
        assert 1 <= len(render_scene(with_waldos, seed)[1]) <= 2


@pytest.mark.parametrize(("overrides", "message"), [
    ({"waldo_look": "fancy"}, "'waldo_look' must be one of \\['classic', 'book'\\], got 'fancy'"),
    ({"waldo_look": None}, "'waldo_look' must be one of"),
    ({"waldo_look": "classic", "lookalike_mix": {"wizard": 1.0}}, "'lookalike_mix' needs a positive weight"),
    ({"lookalike_mix": {"dragon": 1.0}}, "'lookalike_mix' has unknown names"),
])
def test_bad_waldo_look_values_are_refused_naming_the_key(overrides, message):
    with pytest.raises(ValueError, match=message):
        validate_scene_config(book_scene(**overrides))


def test_waldo_look_must_be_given_and_presets_keep_the_classic_look():
    cfg = book_scene()
    del cfg["waldo_look"]
    with pytest.raises(ValueError, match="missing key 'waldo_look'"):
        validate_scene_config(cfg)
    for preset in ("easy", "default", "hard"):
        assert validate_scene_config(scene_preset(preset)).waldo_look == "classic"
    assert validate_scene_config(book_scene(lookalike_mix={"wizard": 1.0})).lookalike_mix == {"wizard": 1.0}


def test_classic_scenes_ignore_the_book_only_lookalikes():
    base = dict(book_scene(), waldo_look="classic", lookalike_rate=0.5)
    without = dict(base, lookalike_mix={k: v for k, v in base["lookalike_mix"].items() if k != "wizard"})
    with_wizards = dict(base, lookalike_mix=dict(base["lookalike_mix"], wizard=5.0))
    for seed in range(3):
        assert render_scene(without, seed)[0].tobytes() == render_scene(with_wizards, seed)[0].tobytes()


def test_waldo_look_sheet_shows_heads_and_scenes():
    sheet = waldo_look_sheet(heads=2, columns=2, scenes_per_preset=1)
    assert sheet.dtype == np.uint8 and sheet.ndim == 3 and sheet.shape[0] > sheet.shape[1]


def test_the_views_of_waldo_can_be_narrowed_for_the_held_out_check(monkeypatch):
    profile = [random_waldo_head_style(np.random.default_rng(seed), {"profile": 1.0}) for seed in range(30)]
    assert all(0.7 <= style.turn <= 0.9 for style in profile)
    turned_less = [random_waldo_head_style(np.random.default_rng(seed), {"front": 1.0, "three_quarter": 1.0, "profile": 0.0})
                   for seed in range(60)]
    assert all(style.turn <= 0.6 for style in turned_less)

    import waldo.synth.book.waldo_on_page as on_page

    asked = []

    def recording(rng, stance, colour_jitter, views):
        asked.append(dict(views))
        return book_waldo(rng, stance, colour_jitter, views)

    book_waldo = on_page.random_book_waldo
    monkeypatch.setattr(on_page, "random_book_waldo", recording)
    cfg = OmegaConf.to_container(scene_preset("book"))
    cfg.update(width=256, height=192, no_waldo_rate=0.0, waldo_views={"front": 0.0, "three_quarter": 0.0, "profile": 1.0})
    render_scene(cfg, 3)
    assert asked == [{"front": 0.0, "three_quarter": 0.0, "profile": 1.0}]
