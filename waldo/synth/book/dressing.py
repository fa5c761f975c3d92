"""Dressing the crowd: a group's costume colours, each member's skin and hair, and the page's print colours.

Members of a group share their costume's colours (jittered a little each, as hand-coloured
pages are) but not their skin, hair or face; figures in clothes of their own get colours of
their own. All palettes of a page pass through the page's print colours in one call.
"""

from dataclasses import dataclass, replace

import numpy as np

from waldo.synth.book.colours import BOOK_CLOTHES, BOOK_HAIR, BOOK_LEGS, BOOK_SHOES, BOOK_SKIN, WHITE
from waldo.synth.book.materials import SLOT_COUNT, Slot
from waldo.synth.book.style import PageStyle, print_colours
from waldo.synth.book.themes import GOLD, GroupRecipe
from waldo.synth.palette import Colour

SHADE = 0.76  # a shaded side's colour, share of the garment's
MEMBER_VARIES = (0.35, 0.3, 0.3)  # chance a group member has legs, shoes, a (cloth) hat colour of its own, 0-1 each
WOOD, METAL, MOUTH = (170, 120, 70), (190, 192, 200), (150, 40, 45)


@dataclass(frozen=True)
class CostumeColours:
    """The colours a costume gives its wearers, RGB."""

    main: Colour
    second: Colour
    trim: Colour
    legs: Colour
    shoes: Colour
    hat: Colour
    hat_trim: Colour
    cloth: Colour


def _pick(rng: np.random.Generator, options) -> Colour:
    return options[int(rng.integers(len(options)))]


def group_colours(rng: np.random.Generator, recipe: GroupRecipe, hat: str) -> CostumeColours:
    """One group's colours from its recipe: a main and second colour pair, legs, and a hat that
    is steel for helmets and the group's colour otherwise."""
    main, second = _pick(rng, recipe.colours)
    metal_hat = hat.endswith("helmet") or hat == "crown"
    hat_colour = (GOLD if hat == "crown" else METAL) if metal_hat else _pick(rng, (main, second, _pick(rng, BOOK_CLOTHES)))
    return CostumeColours(main, second, second if rng.random() < 0.5 else _pick(rng, ((60, 40, 30), GOLD, WHITE)),
                          _pick(rng, recipe.legs), _pick(rng, BOOK_SHOES), hat_colour, second, second)


def member_colours(rng: np.random.Generator, group: CostumeColours) -> CostumeColours:
    """A group member's colours: the group's main and second colours, but now and then legs, shoes or
    a (cloth) hat of the member's own, as the hand-coloured crowds of the books vary."""
    legs, shoes, hat = (rng.random(3) < MEMBER_VARIES).tolist()
    return replace(group, legs=_pick(rng, BOOK_LEGS) if legs else group.legs, shoes=_pick(rng, BOOK_SHOES) if shoes else group.shoes,
                   hat=_pick(rng, BOOK_CLOTHES) if hat and group.hat not in (METAL, GOLD) else group.hat)


def own_colours(rng: np.random.Generator) -> CostumeColours:
    """Colours for a figure dressed on its own."""
    main, second = _pick(rng, BOOK_CLOTHES), _pick(rng, BOOK_CLOTHES)
    return CostumeColours(main, second, _pick(rng, BOOK_CLOTHES), _pick(rng, BOOK_LEGS), _pick(rng, BOOK_SHOES),
                          _pick(rng, BOOK_CLOTHES), second, second)


def _base(costume: CostumeColours, skin: Colour, hair: Colour) -> list[Colour]:
    palette = [WHITE] * SLOT_COUNT
    palette[Slot.SKIN], palette[Slot.HAIR] = skin, hair
    palette[Slot.MAIN], palette[Slot.SECOND], palette[Slot.TRIM] = costume.main, costume.second, costume.trim
    palette[Slot.LEGS], palette[Slot.SHOES] = costume.legs, costume.shoes
    palette[Slot.HAT], palette[Slot.HAT_TRIM], palette[Slot.CLOTH] = costume.hat, costume.hat_trim, costume.cloth
    palette[Slot.WOOD], palette[Slot.METAL], palette[Slot.MOUTH] = WOOD, METAL, MOUTH
    return palette


def figure_palettes(rng: np.random.Generator, costumes: list[CostumeColours], style: PageStyle) -> list[tuple[Colour, ...]]:
    """Palettes (tuples of SLOT_COUNT colours) for figures wearing `costumes`, each with its own
    skin, hair, jitter, shading and hatching, in the page's print colours."""
    count = len(costumes)
    if count == 0:
        return []
    draws = rng.random((count, 4))
    skins = [BOOK_SKIN[int(u * len(BOOK_SKIN))] for u in draws[:, 0].tolist()]
    hairs = [BOOK_HAIR[int(u * len(BOOK_HAIR))] for u in draws[:, 1].tolist()]
    base = np.array([_base(c, s, h) for c, s, h in zip(costumes, skins, hairs)], np.float32)
    if style.colour_jitter > 0:
        base += rng.uniform(-style.colour_jitter * 255, style.colour_jitter * 255, (count, 1, 3)).astype(np.float32)
        base[:, Slot.SKIN] += rng.uniform(-8, 8, (count, 3)).astype(np.float32)
    base[:, Slot.MAIN_SHADE] = base[:, Slot.MAIN]
    shaded = draws[:, 2] < style.shading_rate
    base[shaded, Slot.MAIN_SHADE] = base[shaded, Slot.MAIN] * SHADE
    base[:, Slot.SKIN_SHADE] = base[:, Slot.SKIN] * 0.85
    printed = print_colours(base, style)
    printed[:, Slot.INK] = style.ink
    printed[:, Slot.HATCH] = np.where((draws[:, 3] < style.hatching_rate)[:, None], printed[:, Slot.INK], printed[:, Slot.MAIN])
    rows = printed.reshape(count, -1).tolist()
    return [tuple(zip(row[0::3], row[1::3], row[2::3])) for row in rows]
