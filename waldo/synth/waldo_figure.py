"""Waldo himself: the one figure the network must learn, in every pose the scenes use."""

import numpy as np

from waldo.synth.crowd import Stance, body_variation
from waldo.synth.figure_templates import FigureKey, stripe_period_near
from waldo.synth.figures import Person, make_palette, paint_head_sprite
from waldo.synth.palette import SKIN_TONES, WALDO_BLUE, WALDO_HAIR, WALDO_RED, WALDO_SKIN, WALDO_WHITE, choose, jitter_all

WALDO_POSES = ("front", "three_quarter", "side")


def waldo_key(pose: str, arms: str = "down", stripe_period: float = 0.2) -> FigureKey:
    """Bobble hat and jumper in red-white stripes, round glasses, brown hair, blue trousers."""
    if pose not in WALDO_POSES:
        raise ValueError(f"Waldo pose must be one of {WALDO_POSES}, got {pose!r}")
    return FigureKey(facing=pose, hair="short", hat="bobble", hat_striped=True, glasses="round",
                     shirt="hstripes", lower="trousers", arms=arms, stripe_period=stripe_period)


def waldo_palette(rng: np.random.Generator, colour_jitter: float) -> tuple:
    """Waldo's colours, jittered only half as much as the crowd's so that he stays red and white."""
    skin = WALDO_SKIN if rng.random() < 0.7 else SKIN_TONES[int(rng.random() * 3)]
    palette = make_palette(skin=skin, hair=WALDO_HAIR, hat=(WALDO_WHITE, WALDO_RED), shirt=(WALDO_WHITE, WALDO_RED),
                           lower=WALDO_BLUE, legs=WALDO_BLUE, shoes=(70, 45, 30))
    return jitter_all(rng, palette, colour_jitter * 0.5)


def random_waldo(rng: np.random.Generator, stance: Stance, colour_jitter: float) -> Person:
    """A Waldo in a random pose, with jittered proportions."""
    pose = choose(rng, {"front": 0.45, "three_quarter": 0.35, "side": 0.2})
    arms = choose(rng, {"down": 0.6, "wave": 0.25, "stick": 0.15})
    key = waldo_key(pose, arms, stripe_period_near(rng.uniform(0.17, 0.23)))
    return Person(key, waldo_palette(rng, colour_jitter), stance.x, stance.y, stance.head_height,
                  *body_variation(rng), is_waldo=True)


def render_waldo_head(head_height: int, pose: str = "front", seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Waldo's head alone (hat to chin plus a small margin) and its uint8 mask, for template matching."""
    if head_height <= 0:
        raise ValueError(f"head_height must be a positive number of pixels, got {head_height}")
    rng = np.random.default_rng(seed)
    person = Person(waldo_key(pose), waldo_palette(rng, 0.0), 0.0, 0.0, float(head_height), is_waldo=True)
    sprite = paint_head_sprite(person)
    mask = (sprite.alpha >= 0.5).astype(np.uint8) * 255
    return sprite.colour(), mask
