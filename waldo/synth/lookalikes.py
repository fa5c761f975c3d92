"""Figures that share some of Waldo's marks but are not Waldo: the network's hardest negatives."""

from collections.abc import Callable

import numpy as np

from waldo.synth.crowd import Stance, body_variation
from waldo.synth.figure_templates import FigureKey, stripe_period_near
from waldo.synth.figures import Person, make_palette
from waldo.synth.palette import (
    CLOTHING,
    HAIR_COLOURS,
    ODLAW_BLACK,
    ODLAW_YELLOW,
    REDS,
    SHOES,
    SKIN_TONES,
    WALDO_BLUE,
    WALDO_RED,
    WALDO_WHITE,
    choose,
    jitter_all,
    pick,
)

LOOKALIKE_KINDS = ("striped_shirt", "bobble_hat", "round_glasses", "wenda", "odlaw")


def _dress(rng: np.random.Generator, stance: Stance, key: FigureKey, colour_jitter: float,
           hat: tuple, shirt: tuple, lower: tuple | None = None, hair: tuple | None = None) -> Person:
    """A person with the given key and the given colours, the rest chosen at random."""
    skin = pick(rng, SKIN_TONES)
    palette = make_palette(skin=skin, hair=hair or pick(rng, HAIR_COLOURS), hat=hat, shirt=shirt,
                           lower=lower or pick(rng, CLOTHING), legs=skin, shoes=pick(rng, SHOES))
    palette = jitter_all(rng, palette, colour_jitter)
    return Person(key, palette, stance.x, stance.y, stance.head_height, *body_variation(rng))


def _facing(rng: np.random.Generator) -> str:
    return choose(rng, {"front": 0.45, "three_quarter": 0.35, "side": 0.2})


def striped_shirt(rng: np.random.Generator, stance: Stance, colour_jitter: float) -> Person:
    """Waldo's jumper (even his blue trousers, sometimes) but no bobble hat and no round glasses."""
    key = FigureKey(facing=_facing(rng), hair=choose(rng, {"short": 2, "long": 1, "curly": 1, "bald": 1}),
                    hat=choose(rng, {"none": 3, "cap": 1, "sunhat": 1, "tophat": 1}),
                    glasses=choose(rng, {"none": 3, "dark": 1}), shirt="hstripes",
                    stripe_period=stripe_period_near(rng.uniform(0.16, 0.26)))
    lower = WALDO_BLUE if rng.random() < 0.4 else None
    return _dress(rng, stance, key, colour_jitter, (pick(rng, CLOTHING), pick(rng, CLOTHING)),
                  (WALDO_WHITE, pick(rng, REDS)), lower)


def bobble_hat(rng: np.random.Generator, stance: Stance, colour_jitter: float) -> Person:
    """A red-white striped bobble hat on someone in other clothes."""
    key = FigureKey(facing=_facing(rng), hair=choose(rng, {"short": 2, "long": 1, "curly": 1}), hat="bobble",
                    hat_striped=True, glasses=choose(rng, {"none": 3, "dark": 1}),
                    shirt=choose(rng, {"plain": 2, "vstripes": 1}))
    return _dress(rng, stance, key, colour_jitter, (WALDO_WHITE, pick(rng, REDS)),
                  (pick(rng, CLOTHING), pick(rng, CLOTHING)))


def round_glasses(rng: np.random.Generator, stance: Stance, colour_jitter: float) -> Person:
    """Round glasses and often something red, but never the striped bobble hat."""
    key = FigureKey(facing=_facing(rng), hair=choose(rng, {"short": 2, "long": 1, "curly": 1, "bald": 1}),
                    hat=choose(rng, {"none": 3, "beanie": 1, "cap": 1, "bobble": 1}), glasses="round",
                    shirt=choose(rng, {"plain": 2, "hstripes": 1}))
    shirt = (pick(rng, REDS), pick(rng, CLOTHING)) if rng.random() < 0.5 else (pick(rng, CLOTHING), WALDO_WHITE)
    return _dress(rng, stance, key, colour_jitter, (pick(rng, REDS), pick(rng, CLOTHING)), shirt)


def wenda(rng: np.random.Generator, stance: Stance, colour_jitter: float) -> Person:
    """Wenda: red-white stripes, round glasses and a striped hat without a pompom, long hair, blue skirt."""
    key = FigureKey(facing=_facing(rng), hair="long", hat="beanie", hat_striped=True, glasses="round",
                    shirt="hstripes", lower="skirt", stripe_period=stripe_period_near(rng.uniform(0.17, 0.23)))
    hair = (150, 70, 30) if rng.random() < 0.5 else pick(rng, HAIR_COLOURS)
    return _dress(rng, stance, key, colour_jitter, (WALDO_WHITE, WALDO_RED), (WALDO_WHITE, WALDO_RED),
                  WALDO_BLUE, hair)


def odlaw(rng: np.random.Generator, stance: Stance, colour_jitter: float) -> Person:
    """Odlaw: Waldo's shapes in yellow and black, with dark glasses."""
    key = FigureKey(facing=_facing(rng), hair="short", hat="bobble", hat_striped=True, glasses="dark",
                    shirt="hstripes", stripe_period=stripe_period_near(rng.uniform(0.17, 0.23)))
    return _dress(rng, stance, key, colour_jitter, (ODLAW_YELLOW, ODLAW_BLACK), (ODLAW_YELLOW, ODLAW_BLACK),
                  ODLAW_BLACK, (30, 24, 22))


LOOKALIKE_BUILDERS: dict[str, Callable[[np.random.Generator, Stance, float], Person]] = {
    "striped_shirt": striped_shirt,
    "bobble_hat": bobble_hat,
    "round_glasses": round_glasses,
    "wenda": wenda,
    "odlaw": odlaw,
}


def random_lookalike(rng: np.random.Generator, stance: Stance, colour_jitter: float,
                     mix: dict[str, float]) -> Person:
    """A look-alike of a kind drawn from the configured mix."""
    return LOOKALIKE_BUILDERS[choose(rng, mix)](rng, stance, colour_jitter)
