"""The drawing shortcuts that make crowds fast must not change a single pixel."""

import numpy as np
import pytest
from omegaconf import OmegaConf

from waldo.synth import body_template, drawing, figure_templates, head_template
from waldo.synth.body_template import _body_parts, body_parts
from waldo.synth.crowd import Stance, random_people
from waldo.synth.figures import draw_person
from waldo.synth.head_template import _head_parts, head_parts
from waldo.synth.lookalikes import LOOKALIKE_KINDS, random_lookalike
from waldo.synth.scene import render_scene
from waldo.synth.scene_config import scene_preset
from waldo.synth.template_warmup import build_all_templates


def _crowd() -> list:
    rng = np.random.default_rng(7)
    stances = [Stance(float(x), float(y), float(h)) for x, y, h in
               zip(rng.uniform(0, 400, 250), rng.uniform(80, 300, 250), rng.uniform(8, 60, 250))]
    mix = {kind: 1.0 for kind in LOOKALIKE_KINDS}
    return random_people(rng, stances, 0.06, 0.3) + [random_lookalike(rng, s, 0.06, mix) for s in stances[:80]]


def _clear_template_caches() -> None:
    for cached in (_head_parts, _body_parts, head_parts, body_parts):
        cached.cache_clear()


def _painted(people: list) -> np.ndarray:
    image = np.full((320, 420, 3), 200, np.uint8)
    for person in people:
        draw_person(image, person)
    return image


def test_joining_drawing_steps_leaves_every_pixel_unchanged(monkeypatch):
    people = _crowd()
    _clear_template_caches()
    joined = _painted(people)
    calls = sum(len(head_parts(p.key).program(True)) + len(body_parts(p.key).program(True)) for p in people)
    monkeypatch.setattr(figure_templates, "_merge_steps", lambda steps, points: tuple(steps))
    _clear_template_caches()
    try:
        separate = _painted(people)
        separate_calls = sum(len(head_parts(p.key).program(True)) + len(body_parts(p.key).program(True))
                             for p in people)
    finally:
        monkeypatch.undo()
        _clear_template_caches()
    assert np.array_equal(joined, separate)
    assert calls < separate_calls


def test_keys_that_share_a_template_draw_the_same_pixels(monkeypatch):
    people = _crowd()
    _clear_template_caches()
    shared = _painted(people)
    templates = len({id(body_parts(p.key)) for p in people}) + len({id(head_parts(p.key)) for p in people})
    monkeypatch.setattr(body_template, "body_key", lambda key: key)
    monkeypatch.setattr(head_template, "head_key", lambda key: key)
    _clear_template_caches()
    try:
        own = _painted(people)
        own_templates = len({id(body_parts(p.key)) for p in people}) + len({id(head_parts(p.key)) for p in people})
    finally:
        monkeypatch.undo()
        _clear_template_caches()
    assert np.array_equal(shared, own)
    assert templates < own_templates


def test_after_building_all_templates_scenes_build_none():
    _clear_template_caches()
    count = build_all_templates()
    built = _body_parts.cache_info().misses + _head_parts.cache_info().misses
    assert count == built
    for preset in ("easy", "default", "hard"):
        for seed in range(4):
            render_scene(OmegaConf.merge(scene_preset(preset), {"width": 320, "height": 240}), seed)
    assert _body_parts.cache_info().misses + _head_parts.cache_info().misses == built


def test_overlapping_fills_are_never_joined():
    square = drawing.rect(0.0, 0.0, 1.0, 1.0)
    points = np.concatenate([square, square + 0.5, square + 3.0])
    fill = figure_templates.FILL
    steps = [(fill, 0, (slice(0, 4),), 0.0), (fill, 0, (slice(4, 8),), 0.0), (fill, 0, (slice(8, 12),), 0.0)]
    merged = figure_templates._merge_steps(steps, points)
    assert [len(step[2]) for step in merged] == [1, 2]


@pytest.mark.parametrize("axis", [0, 1])
def test_rectangle_stripes_match_clipped_stripes(axis, monkeypatch):
    rng = np.random.default_rng(3)
    for _ in range(100):
        x0, y0 = rng.uniform(-3, 1, 2)
        shape = drawing.rect(x0, y0, x0 + rng.uniform(0.1, 3), y0 + rng.uniform(0.1, 5))
        start, period = rng.uniform(-6, 2), rng.uniform(0.15, 0.6)
        fast = drawing.stripe_bands(shape, start, period, axis)
        with monkeypatch.context() as patch:
            patch.setattr(drawing, "_is_axis_rect", lambda points: False)
            clipped = drawing.stripe_bands(shape, start, period, axis)
        assert len(fast) == len(clipped)
        for a, b in zip(fast, clipped):
            assert np.allclose(np.sort(a, axis=0), np.sort(b, axis=0))


def _area(polygon: np.ndarray) -> float:
    x, y = polygon[:, 0], polygon[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))


@pytest.mark.parametrize("axis", [0, 1])
def test_clip_to_band_keeps_the_part_of_a_convex_shape_between_the_lines(axis):
    diamond = drawing.polygon((0.0, -1.0), (1.0, 0.0), (0.0, 1.0), (-1.0, 0.0))
    band = drawing.clip_to_band(diamond, -0.5, 0.5, axis)
    assert _area(band) == pytest.approx(2.0 - 2 * 0.25)  # the diamond less its two tips beyond the lines
    assert band[:, axis].min() == -0.5 and band[:, axis].max() == 0.5
    assert _area(drawing.clip_to_band(diamond, 0.0, 5.0, axis)) == pytest.approx(1.0)
    assert drawing.clip_to_band(diamond, 2.0, 3.0, axis) is None
