"""Ordinary people of the crowd: random styles and colours, so that Waldo is one face among many."""

from dataclasses import dataclass

import numpy as np

from waldo.synth.figure_templates import STRIPE_PERIODS, FigureKey
from waldo.synth.figures import Person, make_palette
from waldo.synth.palette import (CLOTHING, HAIR_COLOURS, REDS, SHOES, SKIN_TONES, WHITES, Colour, Weighted,
                                 jitter_palettes, pick_at)


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


def variation_from(uniforms: list[float]) -> tuple[bool, float, float, float]:
    """Per-person proportions from four uniform draws, in Person's field order: facing left or right
    (mirrored), build (width_scale), body length (body_scale), head tilt (head_tilt_deg)."""
    mirror, width, body, tilt = uniforms
    return mirror < 0.5, 0.85 + 0.35 * width, 0.9 + 0.2 * body, 8.0 * tilt - 4.0


def body_variation(rng: np.random.Generator) -> tuple[bool, float, float, float]:
    """Per-person proportions drawn from the generator."""
    return variation_from(rng.random(4).tolist())


PERSON_DRAWS = 26


def random_person(rng: np.random.Generator, stance: Stance, colour_jitter: float, red_white_rate: float) -> Person:
    """One ordinary member of the crowd."""
    return random_people(rng, [stance], colour_jitter, red_white_rate)[0]


def random_people(rng: np.random.Generator, stances: list[Stance], colour_jitter: float,
                  red_white_rate: float) -> list[Person]:
    """Ordinary members of the crowd, one per stance.

    All their choices come from one block of uniforms and one draw of colour jitter: a
    scene has hundreds of people and each call to the generator costs about a microsecond.
    """
    draws = rng.random((len(stances), PERSON_DRAWS)).tolist()
    palettes = jitter_palettes(rng, [_palette(u, red_white_rate) for u in draws], colour_jitter)
    return [_person(u, stance, palette) for u, stance, palette in zip(draws, stances, palettes)]


def _palette(u: list[float], red_white_rate: float) -> tuple[Colour, ...]:
    skin = pick_at(SKIN_TONES, u[9])
    if u[13] < red_white_rate:
        shirt = (pick_at(REDS, u[14]) if u[15] < 0.6 else pick_at(WHITES, u[14]), pick_at(CLOTHING, u[16]))
    else:
        shirt = (pick_at(CLOTHING, u[14]), pick_at(CLOTHING, u[16]))
    return make_palette(
        skin=skin,
        hair=pick_at(HAIR_COLOURS, u[10]),
        hat=(pick_at(CLOTHING, u[11]), pick_at(CLOTHING, u[12])),
        shirt=shirt,
        lower=pick_at(CLOTHING, u[17]),
        legs=skin if u[18] < 0.7 else pick_at(CLOTHING, u[19]),
        shoes=pick_at(SHOES, u[20]),
    )


# one shared FigureKey per combination of styles met so far (at most ~117k), so a crowd builds few:
# like the figure-template caches, it grows with the combinations a process meets
_FIGURE_KEYS: dict[tuple, FigureKey] = {}


def _person(u: list[float], stance: Stance, palette: tuple[Colour, ...]) -> Person:
    styles = (FACING.at(u[0]), HAIR.at(u[1]), HAT.at(u[2]), u[3] < 0.3, GLASSES.at(u[4]), SHIRT.at(u[5]),
              LOWER.at(u[6]), ARMS.at(u[7]), STRIPE_PERIODS[int(u[8] * len(STRIPE_PERIODS))])
    key = _FIGURE_KEYS.get(styles)
    if key is None:
        key = _FIGURE_KEYS[styles] = FigureKey(*styles)
    size = stance.head_height * (0.75 if u[25] < 0.1 else 1.0)
    return Person(key, palette, stance.x, stance.y, size, *variation_from(u[21:25]))
