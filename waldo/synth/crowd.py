"""Ordinary people of the crowd: random styles and colours, so that Waldo is one face among many."""

from dataclasses import dataclass

import numpy as np

from waldo.synth.figure_templates import STRIPE_PERIODS, FigureKey, Material
from waldo.synth.figures import Person, make_palette
from waldo.synth.palette import CLOTHING, HAIR_COLOURS, OUTLINE, REDS, SHOES, SKIN_TONES, WHITES, Colour, Weighted, jitter_palette_array

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
    uniforms = rng.random((len(stances), PERSON_DRAWS))
    palettes = jitter_palette_array(rng, _palettes(uniforms, red_white_rate), colour_jitter)
    periods = [STRIPE_PERIODS[i] for i in (uniforms[:, 8] * len(STRIPE_PERIODS)).astype(np.intp).tolist()]
    styles = zip(FACING.at_each(uniforms[:, 0]), HAIR.at_each(uniforms[:, 1]), HAT.at_each(uniforms[:, 2]),
                 (uniforms[:, 3] < 0.3).tolist(), GLASSES.at_each(uniforms[:, 4]), SHIRT.at_each(uniforms[:, 5]),
                 LOWER.at_each(uniforms[:, 6]), ARMS.at_each(uniforms[:, 7]), periods)
    return [_person(style, u, stance, palette)
            for style, u, stance, palette in zip(styles, uniforms.tolist(), stances, palettes)]


def _table(colours: tuple[Colour, ...]) -> np.ndarray:
    return np.array(colours, np.float64)


_SKINS, _HAIRS, _CLOTHES, _REDS, _WHITES, _SHOES = map(_table, (SKIN_TONES, HAIR_COLOURS, CLOTHING, REDS, WHITES, SHOES))
_UNDYED = _table(make_palette(OUTLINE, OUTLINE, (OUTLINE, OUTLINE), (OUTLINE, OUTLINE), OUTLINE, OUTLINE, OUTLINE))


def _palettes(uniforms: np.ndarray, red_white_rate: float) -> np.ndarray:
    """The colours (people, materials, 3) that columns 9-20 of each person's draws choose: all
    people at once, as the same picks made one by one would (table[int(u * len(table))])."""
    def pick(table: np.ndarray, column: int) -> np.ndarray:
        return table[(uniforms[:, column] * len(table)).astype(np.intp)]

    def where(condition: np.ndarray, chosen: np.ndarray, other: np.ndarray) -> np.ndarray:
        return np.where(condition[:, None], chosen, other)

    palettes = np.repeat(_UNDYED[None], len(uniforms), axis=0)
    skin = pick(_SKINS, 9)
    red_or_white = where(uniforms[:, 15] < 0.6, pick(_REDS, 14), pick(_WHITES, 14))
    palettes[:, Material.SKIN] = skin
    palettes[:, Material.HAIR] = pick(_HAIRS, 10)
    palettes[:, Material.HAT_A] = pick(_CLOTHES, 11)
    palettes[:, Material.HAT_B] = pick(_CLOTHES, 12)
    palettes[:, Material.SHIRT_A] = where(uniforms[:, 13] < red_white_rate, red_or_white, pick(_CLOTHES, 14))
    palettes[:, Material.SHIRT_B] = pick(_CLOTHES, 16)
    palettes[:, Material.LOWER] = pick(_CLOTHES, 17)
    palettes[:, Material.LEGS] = where(uniforms[:, 18] < 0.7, skin, pick(_CLOTHES, 19))
    palettes[:, Material.SHOES] = pick(_SHOES, 20)
    return palettes


# one shared FigureKey per combination of styles met so far (at most ~117k), so a crowd builds few:
# like the figure-template caches, it grows with the combinations a process meets
_FIGURE_KEYS: dict[tuple, FigureKey] = {}


def _person(styles: tuple, u: list[float], stance: Stance, palette: tuple[Colour, ...]) -> Person:
    """A Person from its styles (FigureKey's fields, chosen by columns 0-8 of its draws), the rest of
    its draws, where it stands and its colours."""
    key = _FIGURE_KEYS.get(styles)
    if key is None:
        key = _FIGURE_KEYS[styles] = FigureKey(*styles)
    size = stance.head_height * (0.75 if u[25] < 0.1 else 1.0)
    return Person(key, palette, stance.x, stance.y, size, *variation_from(u[21:25]))
