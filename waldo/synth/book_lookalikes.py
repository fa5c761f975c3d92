"""Waldo's look-alikes drawn the book way: never annotated, and drawn with his very head builder.

If only Waldo had book-style heads, a network would learn the drawing style instead of his
marks. So every look-alike here wears a head from book_head.py too, with one or two of his
marks and not the rest: Wenda (his hat, glasses and jumper, long hair and a skirt), Odlaw
(the same shapes in yellow and black, dark glasses, a moustache), the wizard (a long white
beard, a tall red-white-blue hat), bobble hats of other colours, round glasses in other
clothes, red-white jumpers without the hat or glasses.

A scene draws hundreds of them, so their heads come from a pool: VARIANTS drawings per kind
at each size step, built on first use and cached; tilt, mirroring, colours and clothes are
still drawn for every person.
"""

import math
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

import numpy as np

from waldo.synth.book_head import book_head, jumper_collar
from waldo.synth.book_head_style import BookHeadStyle, random_waldo_head_style
from waldo.synth.book_waldo import BROWN_SHOES, JUMPER_STRIPE_PERIODS, body_facing, random_head_tilt
from waldo.synth.crowd import Stance, body_variation
from waldo.synth.figure_templates import STRIPE_PERIODS, FigureKey, OwnHead
from waldo.synth.figures import Person, make_palette
from waldo.synth.lookalikes import LOOKALIKE_KINDS
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
    Colour,
    choose,
    jitter_all,
    pick,
)

BOOK_LOOKALIKE_KINDS = (*LOOKALIKE_KINDS, "wizard")
VARIANTS = 32             # head drawings per kind and size step
SIZE_STEPS_PER_OCTAVE = 2  # heads are built at sizes 2 ** (k / 2) px and used for the sizes nearest
BUBBLE_GUM: tuple[tuple[Colour, Colour], ...] = (
    ((46, 78, 160), (246, 244, 238)), ((30, 120, 60), (240, 200, 40)), ((240, 130, 30), (60, 60, 70)),
    ((130, 50, 140), (90, 170, 220)), ((206, 32, 38), (240, 200, 40)), ((20, 90, 110), (230, 120, 160)),
)  # bobble-hat colour pairs that are not Waldo's
WIZARD_ROBES: tuple[Colour, ...] = ((150, 30, 40), (110, 40, 130), (40, 60, 140), (120, 30, 30))
WHITE_BEARD: Colour = (236, 236, 230)


def _plain(style: BookHeadStyle, rng: np.random.Generator) -> BookHeadStyle:
    """A hatless, glasses-free version of a head, with hair of its own."""
    return replace(style, hat="none", glasses=choose(rng, {"none": 3, "dark": 1}),
                   hair=choose(rng, {"short": 3, "long": 1, "bald": 1}))


def _style_striped_shirt(rng: np.random.Generator) -> BookHeadStyle:
    return _plain(random_waldo_head_style(rng), rng)


def _style_bobble_hat(rng: np.random.Generator) -> BookHeadStyle:
    return replace(random_waldo_head_style(rng), hat_striped=bool(rng.random() < 0.7),
                   glasses=choose(rng, {"none": 3, "dark": 1}), hair=choose(rng, {"sides": 2, "long": 1}))


def _style_round_glasses(rng: np.random.Generator) -> BookHeadStyle:
    style = random_waldo_head_style(rng)
    return replace(_plain(style, rng), glasses="round") if rng.random() < 0.6 else style


def _style_wenda(rng: np.random.Generator) -> BookHeadStyle:
    return replace(random_waldo_head_style(rng), hair="long")


def _style_odlaw(rng: np.random.Generator) -> BookHeadStyle:
    return replace(random_waldo_head_style(rng), glasses="dark", moustache=True)


def _style_wizard(rng: np.random.Generator) -> BookHeadStyle:
    return replace(random_waldo_head_style(rng), hat="pointed", hat_three_colours=True,
                   hat_length=float(rng.uniform(0.8, 1.05)), hat_taper=1.0, hat_tip_width=0.01,
                   hat_flop=float(rng.uniform(0.0, 0.5)), brim_overhang=float(rng.uniform(0.06, 0.12)),
                   bobble_radius=0.0, glasses="none", hair="long", beard=True, moustache=True)


STYLE_MAKERS: dict[str, Callable[[np.random.Generator], BookHeadStyle]] = {
    "striped_shirt": _style_striped_shirt, "bobble_hat": _style_bobble_hat, "round_glasses": _style_round_glasses,
    "wenda": _style_wenda, "odlaw": _style_odlaw, "wizard": _style_wizard,
}


@lru_cache(maxsize=4096)
def _pooled_head(kind: str, variant: int, size_step: int) -> tuple[OwnHead, BookHeadStyle]:
    """Head drawing `variant` of a kind, built for heads of about 2 ** (size_step / SIZE_STEPS_PER_OCTAVE) px."""
    style = STYLE_MAKERS[kind](np.random.default_rng((BOOK_LOOKALIKE_KINDS.index(kind), variant)))
    return book_head(style, 2.0 ** (size_step / SIZE_STEPS_PER_OCTAVE)), style


def _person(rng: np.random.Generator, stance: Stance, kind: str, shirt: str, lower: str, arms: str,
            colours: dict, colour_jitter: float, collar: bool = False, period: float | None = None) -> Person:
    """A look-alike from a pooled head of its kind and clothes in the given colours (the rest at random)."""
    size_step = round(math.log2(max(stance.head_height, 1.0)) * SIZE_STEPS_PER_OCTAVE)
    head, style = _pooled_head(kind, int(rng.integers(VARIANTS)), size_step)
    if collar:
        head = replace(head, collar=jumper_collar(bool(rng.random() < 0.5)))
    skin = colours.get("skin") or pick(rng, SKIN_TONES)
    palette = make_palette(skin=skin, hair=colours.get("hair") or pick(rng, HAIR_COLOURS),
                           hat=colours.get("hat") or (pick(rng, CLOTHING), pick(rng, CLOTHING)),
                           shirt=colours.get("shirt") or (pick(rng, CLOTHING), pick(rng, CLOTHING)),
                           lower=colours.get("lower") or pick(rng, CLOTHING), legs=colours.get("legs") or skin,
                           shoes=colours.get("shoes") or pick(rng, SHOES))
    key = FigureKey(facing=body_facing(style), shirt=shirt, lower=lower, arms=arms,
                    stripe_period=period or STRIPE_PERIODS[int(rng.integers(len(STRIPE_PERIODS)))])
    mirrored, width_scale, body_scale, _ = body_variation(rng)
    return Person(key, jitter_all(rng, palette, colour_jitter), stance.x, stance.y, stance.head_height, mirrored,
                  width_scale, body_scale, random_head_tilt(rng), head=head)


def _jumper_period(rng: np.random.Generator) -> float:
    return JUMPER_STRIPE_PERIODS[int(rng.integers(len(JUMPER_STRIPE_PERIODS)))]


def striped_shirt(rng: np.random.Generator, stance: Stance, colour_jitter: float) -> Person:
    """Waldo's jumper (and often his trousers) with neither his hat nor his glasses."""
    wide = rng.random() < 0.6
    lower = WALDO_BLUE if rng.random() < 0.4 else pick(rng, CLOTHING)
    return _person(rng, stance, "striped_shirt", "hstripes", "trousers", choose(rng, {"down": 3, "wave": 1}),
                   {"shirt": (WALDO_WHITE, pick(rng, REDS)), "lower": lower}, colour_jitter, collar=wide,
                   period=_jumper_period(rng) if wide else None)


def bobble_hat(rng: np.random.Generator, stance: Stance, colour_jitter: float) -> Person:
    """A bobble hat, as often in other colours as in Waldo's, on someone in other clothes."""
    hat = (WALDO_WHITE, pick(rng, REDS)) if rng.random() < 0.4 else BUBBLE_GUM[int(rng.integers(len(BUBBLE_GUM)))]
    return _person(rng, stance, "bobble_hat", choose(rng, {"plain": 2, "vstripes": 1}),
                   choose(rng, {"trousers": 2, "shorts": 1, "skirt": 1}), choose(rng, {"down": 3, "wave": 1}),
                   {"hat": hat}, colour_jitter)


def round_glasses(rng: np.random.Generator, stance: Stance, colour_jitter: float) -> Person:
    """His round glasses, often with something red or white, never with his striped hat and jumper."""
    shirt = (pick(rng, REDS), pick(rng, CLOTHING)) if rng.random() < 0.5 else (WALDO_WHITE, pick(rng, CLOTHING))
    hat = BUBBLE_GUM[int(rng.integers(len(BUBBLE_GUM)))]
    return _person(rng, stance, "round_glasses", "plain", choose(rng, {"trousers": 2, "shorts": 1, "skirt": 1}),
                   choose(rng, {"down": 3, "wave": 1, "stick": 1}), {"shirt": shirt, "hat": hat}, colour_jitter)


def wenda(rng: np.random.Generator, stance: Stance, colour_jitter: float) -> Person:
    """Wenda: his hat, glasses and jumper, with long brown hair and a blue skirt."""
    hair = (150, 70, 30) if rng.random() < 0.5 else pick(rng, HAIR_COLOURS[:4])
    return _person(rng, stance, "wenda", "hstripes", "skirt", choose(rng, {"down": 3, "wave": 1}),
                   {"hat": (WALDO_WHITE, WALDO_RED), "shirt": (WALDO_WHITE, WALDO_RED), "lower": WALDO_BLUE,
                    "hair": hair, "shoes": BROWN_SHOES}, colour_jitter, collar=True, period=_jumper_period(rng))


def odlaw(rng: np.random.Generator, stance: Stance, colour_jitter: float) -> Person:
    """Odlaw: his shapes in yellow and black, dark glasses and a moustache."""
    return _person(rng, stance, "odlaw", "hstripes", "trousers", choose(rng, {"down": 3, "stick": 1}),
                   {"hat": (ODLAW_YELLOW, ODLAW_BLACK), "shirt": (ODLAW_YELLOW, ODLAW_BLACK), "lower": ODLAW_BLACK,
                    "legs": ODLAW_BLACK, "hair": (30, 24, 22)}, colour_jitter, collar=True, period=_jumper_period(rng))


def wizard(rng: np.random.Generator, stance: Stance, colour_jitter: float) -> Person:
    """A wizard: long white beard, a tall pointed hat in red, white and blue, a long robe and often a staff."""
    robe = pick(rng, WIZARD_ROBES)
    return _person(rng, stance, "wizard", "plain", "skirt", choose(rng, {"stick": 3, "down": 1, "wave": 1}),
                   {"hat": (WALDO_WHITE, WALDO_RED), "shirt": (robe, WALDO_BLUE), "lower": robe, "legs": robe,
                    "hair": WHITE_BEARD}, colour_jitter)


BOOK_LOOKALIKE_BUILDERS: dict[str, Callable[[np.random.Generator, Stance, float], Person]] = {
    "striped_shirt": striped_shirt, "bobble_hat": bobble_hat, "round_glasses": round_glasses,
    "wenda": wenda, "odlaw": odlaw, "wizard": wizard,
}


def random_book_lookalike(rng: np.random.Generator, stance: Stance, colour_jitter: float,
                          mix: dict[str, float]) -> Person:
    """A book-style look-alike of a kind drawn from the configured mix."""
    return BOOK_LOOKALIKE_BUILDERS[choose(rng, mix)](rng, stance, colour_jitter)
