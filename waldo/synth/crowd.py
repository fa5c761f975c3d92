"""Ordinary people of the crowd: random styles and colours, so that Waldo is one face among many."""

from dataclasses import dataclass

import numpy as np

from waldo.synth.figure_templates import STRIPE_PERIODS, FigureKey
from waldo.synth.figures import Person, make_palette
from waldo.synth.palette import (CLOTHING, HAIR_COLOURS, REDS, SHOES, SKIN_TONES, WHITES, Colour, Weighted,
                                 jitter_all, pick)


FACING = Weighted({"front": 0.35, "three_quarter": 0.25, "side": 0.2, "back": 0.2})
HAIR = Weighted({"short": 0.4, "long": 0.25, "bald": 0.1, "bun": 0.1, "curly": 0.15})
HAT = Weighted({"none": 0.55, "cap": 0.12, "sunhat": 0.08, "tophat": 0.05, "beanie": 0.1, "bobble": 0.1})
GLASSES = Weighted({"none": 0.82, "round": 0.08, "dark": 0.1})
SHIRT = Weighted({"plain": 0.65, "hstripes": 0.25, "vstripes": 0.1})
LOWER = Weighted({"trousers": 0.6, "shorts": 0.2, "skirt": 0.2})
ARMS = Weighted({"down": 0.7, "wave": 0.25, "stick": 0.05})


@dataclass(frozen=True)
class Stance:
    """Where and how big a figure stands: feet at (x, y), head height in px."""

    x: float
    y: float
    head_height: float


def body_variation(rng: np.random.Generator) -> dict[str, float | bool]:
    """Per-person proportions: build, height of the body, a slight head tilt, facing left or right."""
    mirror, width, body, tilt = rng.random(4).tolist()
    return {"mirrored": mirror < 0.5, "width_scale": 0.85 + 0.35 * width, "body_scale": 0.9 + 0.2 * body,
            "head_tilt_deg": 8.0 * tilt - 4.0}


def _clothing_pair(rng: np.random.Generator, red_white_rate: float) -> tuple[Colour, Colour]:
    """Shirt colours; some ordinary people wear red or white so red alone never means Waldo."""
    if rng.random() < red_white_rate:
        first = pick(rng, REDS) if rng.random() < 0.6 else pick(rng, WHITES)
        return first, pick(rng, CLOTHING)
    return pick(rng, CLOTHING), pick(rng, CLOTHING)


def random_person(rng: np.random.Generator, stance: Stance, colour_jitter: float, red_white_rate: float) -> Person:
    """One ordinary member of the crowd."""
    key = FigureKey(
        facing=FACING(rng),
        hair=HAIR(rng),
        hat=HAT(rng),
        hat_striped=bool(rng.random() < 0.3),
        glasses=GLASSES(rng),
        shirt=SHIRT(rng),
        lower=LOWER(rng),
        arms=ARMS(rng),
        stripe_period=STRIPE_PERIODS[int(rng.random() * len(STRIPE_PERIODS))],
    )
    skin = pick(rng, SKIN_TONES)
    palette = make_palette(
        skin=skin,
        hair=pick(rng, HAIR_COLOURS),
        hat=(pick(rng, CLOTHING), pick(rng, CLOTHING)),
        shirt=_clothing_pair(rng, red_white_rate),
        lower=pick(rng, CLOTHING),
        legs=skin if rng.random() < 0.7 else pick(rng, CLOTHING),
        shoes=pick(rng, SHOES),
    )
    palette = jitter_all(rng, palette, colour_jitter)
    size = stance.head_height * (0.75 if rng.random() < 0.1 else 1.0)
    return Person(key, palette, stance.x, stance.y, size, **body_variation(rng))
