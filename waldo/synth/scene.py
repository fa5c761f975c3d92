"""Composing a scene: background, buildings, crowd, props and Waldos, painted back to front.

Everything is laid out first as depth-sorted items (an item's depth is the y of its
ground contact point), then drawn in that order so that whatever stands nearer covers
what stands behind. Waldo's head is painted so that the pixels it set are remembered
(painted_head.py), and after the last item the share still unchanged is his visible fraction.
"""

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from waldo.synth.annotation import HeadAnnotation
from waldo.synth.backgrounds import draw_background
from waldo.synth.book import BookConfig, render_book_page
from waldo.synth.buildings import draw_building
from waldo.synth.crowd import Stance, random_people, random_person
from waldo.synth.figures import Person, draw_person
from waldo.synth.painted_head import PaintedHead, paint_waldo
from waldo.synth.props import draw_body_blocker, draw_head_cover, draw_prop
from waldo.synth.scene_config import SceneConfig, validate_scene_config
from waldo.synth.waldo_looks import WALDO_LOOKS

SEED_STRIDE = 1_000_003
BODY_AREA_IN_HEADS = 3.5


@dataclass
class _Item:
    """Something to paint at depth `y`; `kind` selects how, `payload` holds what."""

    y: float
    order: int
    kind: str
    payload: Any


class _Layout:
    """The scene plan: head size by depth, and the items in the order they were decided."""

    def __init__(self, config: SceneConfig, rng: np.random.Generator) -> None:
        self.config, self.rng = config, rng
        lo, hi = config.head_height
        self.reference_head = math.exp(rng.uniform(math.log(lo), math.log(hi)))
        self.items: list[_Item] = []

    def head_at(self, y: float) -> float:
        """Head height in px for a figure whose feet are at y: smaller toward the top (further away)."""
        depth = min(max(y / self.config.height, 0.0), 1.2)
        return self.reference_head * (1.0 + self.config.perspective * (2.0 * depth - 1.0))

    def add(self, y: float, kind: str, payload: Any) -> None:
        self.items.append(_Item(y, len(self.items), kind, payload))

    def random_ground_points(self, count: int) -> tuple[list[float], list[float]]:
        """Feet anywhere from where a head just shows at the top to where a head just shows at the bottom."""
        width, height = self.config.width, self.config.height
        ys = self.rng.uniform(2.5 * self.head_at(0.0), height + 3.3 * self.head_at(height), count)
        xs = self.rng.uniform(-0.5 * self.reference_head, width + 0.5 * self.reference_head, count)
        return xs.tolist(), ys.tolist()

    def random_ground_point(self) -> tuple[float, float]:
        """One such point."""
        xs, ys = self.random_ground_points(1)
        return xs[0], ys[0]


def _plan_crowd(layout: _Layout) -> int:
    config, rng = layout.config, layout.rng
    area = config.width * config.height
    count = min(config.max_people, int(config.crowd_density * area / (BODY_AREA_IN_HEADS * layout.reference_head ** 2)))
    xs, ys = layout.random_ground_points(count)
    sizes = rng.uniform(0.9, 1.1, count).tolist()
    lookalikes = (rng.random(count) < config.lookalike_rate).tolist()
    stances = [Stance(x, y, layout.head_at(y) * size) for x, y, size in zip(xs, ys, sizes)]
    ordinary = iter(random_people(rng, [s for s, lookalike in zip(stances, lookalikes) if not lookalike],
                                  config.palette_jitter, config.red_white_rate))
    look = WALDO_LOOKS[config.waldo_look]
    mix = look.lookalike_mix(config.lookalike_mix)
    for stance, lookalike in zip(stances, lookalikes):
        if lookalike:
            person = look.lookalike(rng, stance, config.palette_jitter, mix)
        else:
            person = next(ordinary)
        layout.add(stance.y, "person", person)
    return count


def _plan_scenery(layout: _Layout, people: int) -> None:
    config, rng = layout.config, layout.rng
    buildings = config.building_density * config.width / 1000.0
    for _ in range(int(buildings) + int(rng.random() < buildings % 1)):
        y = rng.uniform(0.08, 0.4) * config.height
        layout.add(y, "building", (rng.uniform(0, config.width), y, rng.random() < config.striped_prop_rate))
    props = config.prop_density * people
    for _ in range(int(props) + int(rng.random() < props % 1)):
        x, y = layout.random_ground_point()
        layout.add(y, "prop", (x, y, rng.random() < config.striped_prop_rate))


def _waldo_count(config: SceneConfig, rng: np.random.Generator) -> int:
    if rng.random() < config.no_waldo_rate:
        return 0
    return int(rng.integers(config.waldo_count[0], config.waldo_count[1] + 1))


def _plan_waldos(layout: _Layout) -> None:
    config, rng = layout.config, layout.rng
    lo, hi = config.head_height
    for _ in range(_waldo_count(config, rng)):
        x, y = layout.random_ground_point()
        head = float(np.clip(layout.head_at(y) * rng.uniform(0.9, 1.1), lo, hi))
        x = float(np.clip(x, head, config.width - head))
        waldo = WALDO_LOOKS[config.waldo_look].waldo(rng, Stance(x, y, head), config.palette_jitter)
        chin_drop = waldo.y - waldo.chin[1]
        feet_y = float(np.clip(waldo.y, chin_drop + 1.1 * head + 1, config.height + chin_drop - 2))
        waldo = replace(waldo, y=feet_y)
        layout.add(feet_y, "waldo", waldo)
        if rng.random() < config.body_hidden_rate:
            _plan_body_hiders(layout, waldo)
        if rng.random() < config.head_cover_rate:
            layout.add(feet_y + 1e-3, "cover", (len(layout.items) - 1, rng.uniform(*config.head_cover)))


def _plan_body_hiders(layout: _Layout, waldo: Person) -> None:
    """People or a low object just in front of Waldo, so mostly his head and shoulders show."""
    rng, unit = layout.rng, waldo.head_height
    if rng.random() < 0.5:
        y = waldo.y + rng.uniform(0.3, 0.8) * unit
        layout.add(y, "blocker", (waldo.x + rng.uniform(-0.3, 0.3) * unit, y, unit))
    for _ in range(int(rng.integers(1, 3))):
        y = waldo.y + rng.uniform(0.3, 1.0) * unit
        x = waldo.x + rng.choice([-1.0, 1.0]) * rng.uniform(0.5, 0.9) * unit
        layout.add(y, "person", random_person(rng, Stance(x, y, unit * rng.uniform(0.9, 1.05)),
                                              layout.config.palette_jitter, layout.config.red_white_rate))


def _paint(image: np.ndarray, layout: _Layout) -> list[PaintedHead]:
    rng, config = layout.rng, layout.config
    heads: dict[int, PaintedHead] = {}
    for item in sorted(layout.items, key=lambda i: (i.y, i.order)):
        if item.kind == "person":
            draw_person(image, item.payload)
        elif item.kind == "waldo":
            painted = paint_waldo(image, item.payload)
            if painted is not None:
                heads[item.order] = painted
        elif item.kind == "prop":
            x, y, striped = item.payload
            draw_prop(image, rng, x, y, layout.head_at(y), striped, config.palette_jitter)
        elif item.kind == "building":
            x, y, striped = item.payload
            draw_building(image, rng, x, y, layout.head_at(y), striped, config.palette_jitter)
        elif item.kind == "blocker":
            draw_body_blocker(image, rng, *item.payload)
        elif item.kind == "cover":
            waldo_order, fraction = item.payload
            if waldo_order in heads:
                draw_head_cover(image, rng, heads[waldo_order].box, fraction, config.palette_jitter)
    return list(heads.values())


def scene_seed(seed: int, index: int) -> int:
    """The render seed of scene `index` of a set seeded with `seed`; distinct for index < SEED_STRIDE,
    so sets with different seeds (training, validation, generated folders) never share a scene."""
    return seed * SEED_STRIDE + index


def render_scene(cfg: Any, seed: int) -> tuple[np.ndarray, list[HeadAnnotation]]:
    """Draw one scene (RGB uint8, H x W x 3) and the heads of the Waldos visible enough to be found.

    The same cfg and seed always give the same bytes: all randomness comes from one
    generator seeded with `seed`, consumed in a fixed order. `cfg` is a mapping of the scene
    knobs or a SceneConfig that validate_scene_config already checked (which saves a data
    loader worker ~2 ms of config conversion per scene).
    """
    config = cfg if isinstance(cfg, (SceneConfig, BookConfig)) else validate_scene_config(cfg)
    if isinstance(config, BookConfig):
        return render_book_page(config, seed)
    rng = np.random.default_rng(seed)
    image = draw_background(rng, config.height, config.width, config.background_weights,
                            config.second_ground_rate, config.palette_jitter)
    layout = _Layout(config, rng)
    people = _plan_crowd(layout)
    _plan_scenery(layout, people)
    _plan_waldos(layout)
    annotations = [head.annotation(image, config.min_visible) for head in _paint(image, layout)]
    return image, [annotation for annotation in annotations if annotation is not None]
