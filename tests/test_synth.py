"""The scene generator: determinism, annotation truth, rates, occlusion bookkeeping, config errors."""

import numpy as np
import pytest
from omegaconf import OmegaConf

from waldo.synth import HeadAnnotation, render_scene, render_waldo_head, scene_preset, validate_scene_config
from waldo.synth.waldo_figure import WALDO_POSES


def small_scene(**overrides) -> dict:
    """The default preset shrunk to a quick size, with overrides."""
    cfg = OmegaConf.to_container(scene_preset("default"))
    cfg.update(width=320, height=240, head_height=[20, 30])
    for key, value in overrides.items():
        if key.startswith("occlusion."):
            cfg["occlusion"][key.split(".", 1)[1]] = value
        else:
            cfg[key] = value
    return cfg


def bare_scene(**overrides) -> dict:
    """Only background and Waldos: nothing else can cover him."""
    base = dict(crowd_density=0.0, prop_density=0.0, building_density=0.0, no_waldo_rate=0.0,
                **{"occlusion.body_hidden_rate": 0.0, "occlusion.head_cover_rate": 0.0})
    base.update(overrides)
    return small_scene(**base)


def is_waldo_red(pixels: np.ndarray) -> np.ndarray:
    r, g, b = (pixels[..., i].astype(int) for i in range(3))
    return (r > 150) & (g < 100) & (b < 100)


def is_white(pixels: np.ndarray) -> np.ndarray:
    return (pixels >= 200).all(axis=-1)


def test_same_seed_same_bytes_and_other_seeds_differ():
    cfg = small_scene()
    first, heads_first = render_scene(cfg, 11)
    again, heads_again = render_scene(OmegaConf.create(cfg), 11)
    other, _ = render_scene(cfg, 12)
    assert first.dtype == np.uint8 and first.shape == (240, 320, 3)
    assert first.tobytes() == again.tobytes()
    assert heads_first == heads_again
    assert first.tobytes() != other.tobytes()
    checked, heads_checked = render_scene(validate_scene_config(cfg), 11)  # the datasets' checked-once path
    assert checked.tobytes() == first.tobytes() and heads_checked == heads_first


def test_annotated_heads_show_red_and_white_hat_and_sit_inside_their_boxes():
    cfg = small_scene(waldo_count=[2, 3], no_waldo_rate=0.0)
    checked = 0
    for seed in range(12):
        image, heads = render_scene(cfg, seed)
        for head in heads:
            x0, y0, x1, y1 = (int(round(v)) for v in head.box)
            assert x0 <= head.point[0] <= x1 and y0 <= head.point[1] <= y1
            if head.visible < 0.98:
                continue
            hat = image[y0:y0 + (y1 - y0) * 45 // 100, x0:x1]
            assert is_waldo_red(hat).sum() >= 3, f"seed {seed}: no Waldo red in the hat of {head}"
            assert is_white(hat).sum() >= 3, f"seed {seed}: no white in the hat of {head}"
            checked += 1
    assert checked >= 10


def test_head_boxes_follow_the_configured_head_height():
    cfg = bare_scene(head_height=[16, 22], waldo_count=[3, 3])
    for seed in range(5):
        _, heads = render_scene(cfg, seed)
        assert len(heads) == 3
        for head in heads:
            assert 16 - 2 <= head.head_height <= 22 + 3
            assert head.visible == pytest.approx(1.0, abs=0.05)


def test_scenes_without_waldo_appear_at_the_configured_rate():
    cfg = bare_scene(width=160, height=160, head_height=[12, 14], waldo_count=[1, 1], no_waldo_rate=0.3,
                     second_ground_rate=0.0)
    empty = sum(not render_scene(cfg, seed)[1] for seed in range(200))
    assert 0.2 <= empty / 200 <= 0.4


def test_a_fully_covered_waldo_is_not_annotated_but_a_half_covered_one_is():
    hidden = bare_scene(waldo_count=[1, 2], **{"occlusion.head_cover_rate": 1.0, "occlusion.head_cover": [1.0, 1.0]})
    half = bare_scene(waldo_count=[1, 1], min_visible=0.25,
                      **{"occlusion.head_cover_rate": 1.0, "occlusion.head_cover": [0.5, 0.5]})
    strict = dict(half, min_visible=0.9)
    for seed in range(10):
        assert render_scene(hidden, seed)[1] == []
        assert render_scene(strict, seed)[1] == []
        heads = render_scene(half, seed)[1]
        assert len(heads) == 1
        assert 0.25 <= heads[0].visible <= 0.8


def test_crowds_partly_hide_some_waldos():
    cfg = small_scene(crowd_density=1.2, waldo_count=[3, 3], no_waldo_rate=0.0, min_visible=0.0,
                      **{"occlusion.body_hidden_rate": 1.0})
    visibilities = [h.visible for seed in range(6) for h in render_scene(cfg, seed)[1]]
    assert visibilities and all(0.0 < v <= 1.0 for v in visibilities)
    assert min(visibilities) < 1.0


@pytest.mark.parametrize("pose", WALDO_POSES)
def test_render_waldo_head_gives_a_hat_to_chin_crop_and_mask(pose):
    crop, mask = render_waldo_head(40, pose=pose)
    assert crop.dtype == np.uint8 and crop.shape[2] == 3 and mask.shape == crop.shape[:2]
    assert set(np.unique(mask)) <= {0, 255}
    rows = np.nonzero(mask.any(axis=1))[0]
    assert 38 <= rows.max() - rows.min() + 1 <= 43
    top = crop[: crop.shape[0] // 2][mask[: crop.shape[0] // 2] > 0]
    assert is_waldo_red(top).sum() > 20 and is_white(top).sum() > 20


def test_render_waldo_head_rejects_bad_arguments():
    with pytest.raises(ValueError, match="head_height"):
        render_waldo_head(0)
    with pytest.raises(ValueError, match="pose"):
        render_waldo_head(30, pose="upside_down")


def test_head_annotation_height_is_box_height():
    assert HeadAnnotation((5.0, 6.0), (1.0, 2.0, 9.0, 30.0), 0.5).head_height == 28.0


@pytest.mark.parametrize(("key", "value", "message"), [
    ("width", -5, "'width'"),
    ("height", 0, "'height'"),
    ("head_height", [50, 12], "'head_height' is inverted"),
    ("head_height", [0, 12], "'head_height.min'"),
    ("no_waldo_rate", 1.5, "'no_waldo_rate'"),
    ("lookalike_rate", -0.1, "'lookalike_rate'"),
    ("occlusion.head_cover", [0.9, 0.1], "'occlusion.head_cover' is inverted"),
    ("waldo_count", [3, 1], "'waldo_count' is inverted"),
    ("background_weights", {"lava": 1.0}, "'background_weights' has unknown names"),
    ("crowd_density", "lots", "'crowd_density' must be a number"),
    ("waldo_look", "sketchy", "'waldo_look' must be one of"),
])
def test_bad_config_values_name_the_key(key, value, message):
    cfg = small_scene(**{key: value})
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        validate_scene_config(cfg)
    with pytest.raises(ValueError, match="scene config"):
        render_scene(cfg, 0)


def test_missing_key_and_unmerged_preset_are_explained():
    cfg = small_scene()
    del cfg["min_visible"]
    with pytest.raises(ValueError, match="missing key 'min_visible'"):
        validate_scene_config(cfg)
    with pytest.raises(ValueError, match="scene_preset"):
        validate_scene_config({"defaults": ["default"], "width": 100})


@pytest.mark.parametrize("preset", ["default", "easy", "hard"])
def test_presets_are_valid_and_hard_is_harder(preset):
    config = validate_scene_config(scene_preset(preset))
    default = validate_scene_config(scene_preset("default"))
    if preset == "hard":
        assert config.crowd_density > default.crowd_density and config.lookalike_rate > default.lookalike_rate
        assert config.head_height[1] < default.head_height[1]
    if preset == "easy":
        assert config.crowd_density < default.crowd_density and config.head_height[0] > default.head_height[0]


def test_render_benchmark_reports_consistent_rates():
    from waldo.benchmarks.render_speed import measure_render_speed

    result = measure_render_speed(small_scene(), 2, width=128, height=96, passes=3)
    assert result["scenes"] == 2 and result["passes"] == 3 and result["width"] == 128 and result["height"] == 96
    assert result["scenes_per_s"] * result["ms_per_scene"] == pytest.approx(1000.0)
    assert result["ms_per_scene"] <= result["median_ms_per_scene"]
    with pytest.raises(ValueError, match="n must be"):
        measure_render_speed(small_scene(), 0)
    with pytest.raises(ValueError, match="passes must be"):
        measure_render_speed(small_scene(), 1, passes=0)


def test_proportion_draws_land_in_the_person_fields_they_name():
    from waldo.synth.crowd import Stance, random_people, variation_from

    mirrored, width_scale, body_scale, tilt = variation_from([0.2, 0.4, 0.6, 0.8])
    assert mirrored is True and width_scale == pytest.approx(0.99) and body_scale == pytest.approx(1.02)
    assert tilt == pytest.approx(2.4)
    for person in random_people(np.random.default_rng(0), [Stance(50.0, 90.0, 20.0)] * 40, 0.05, 0.2):
        assert isinstance(person.mirrored, bool)
        assert 0.85 <= person.width_scale <= 1.2 and 0.9 <= person.body_scale <= 1.1
        assert -4.0 <= person.head_tilt_deg <= 4.0


@pytest.mark.parametrize("red_white_rate", [0.0, 1.0])
def test_crowd_colours_come_from_the_tables_their_draws_pick(red_white_rate):
    from waldo.synth.crowd import ARMS, FACING, HAT, Stance, random_people
    from waldo.synth.figure_templates import Material
    from waldo.synth.palette import CLOTHING, OUTLINE, REDS, SKIN_TONES, WHITES

    people = random_people(np.random.default_rng(3), [Stance(50.0, 90.0, 20.0)] * 300, 0.0, red_white_rate)
    shirts = {p.palette[Material.SHIRT_A] for p in people}
    if red_white_rate:
        assert shirts <= set(REDS) | set(WHITES) and len(shirts & set(REDS)) > 1 and len(shirts & set(WHITES)) > 1
    else:
        assert shirts == set(CLOTHING)
    assert {p.palette[Material.SKIN] for p in people} == set(SKIN_TONES)
    assert all(p.palette[Material.INK] == OUTLINE for p in people)
    legs_bare = [p.palette[Material.LEGS] == p.palette[Material.SKIN] for p in people]
    assert 0.6 < np.mean(legs_bare) < 0.8  # bare legs 70% of the time
    assert {p.key.facing for p in people} == set(FACING.names) and {p.key.arms for p in people} == set(ARMS.names)
    assert 0.45 < np.mean([p.key.hat == "none" for p in people]) < 0.65 and {p.key.hat for p in people} == set(HAT.names)


def test_palettes_jitter_together_only_when_they_match():
    from waldo.synth.palette import jitter_palettes

    rng = np.random.default_rng(1)
    jittered = jitter_palettes(rng, [((10, 20, 30), (250, 250, 250))] * 3, 0.1)
    assert len(jittered) == 3 and all(len(p) == 2 and all(0 <= c <= 255 for col in p for c in col) for p in jittered)
    assert jittered[0] != jittered[1]  # every palette gets its own jitter
    assert jitter_palettes(rng, [(), ()], 0.1) == [(), ()]
    with pytest.raises(ValueError, match="2 colours"):
        jitter_palettes(rng, [((1, 2, 3), (4, 5, 6)), ((1, 2, 3),)], 0.1)
