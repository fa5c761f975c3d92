"""Colours of the comic world, and the per-person colour choices.

All colours are RGB tuples of ints. Waldo's own colours are fixed here so that the
generator, the look-alikes and the template baseline agree on what "Waldo red" is.
"""

import itertools
from collections.abc import Sequence

import numpy as np

Colour = tuple[int, int, int]

OUTLINE: Colour = (28, 22, 24)
WALDO_RED: Colour = (206, 32, 38)
WALDO_WHITE: Colour = (246, 244, 238)
WALDO_BLUE: Colour = (46, 78, 160)
WALDO_HAIR: Colour = (112, 64, 28)
WALDO_BOOK_HAIR: Colour = (62, 40, 28)  # the books' Waldo: dark brown, almost black
WALDO_SKIN: Colour = (246, 204, 168)
STICK_BROWN: Colour = (140, 90, 45)
ODLAW_YELLOW: Colour = (240, 206, 40)
ODLAW_BLACK: Colour = (34, 32, 34)

SKIN_TONES: tuple[Colour, ...] = (
    (250, 214, 180), (242, 196, 160), (228, 176, 134), (204, 148, 104),
    (176, 120, 80), (140, 92, 58), (104, 68, 44), (252, 224, 200),
)
HAIR_COLOURS: tuple[Colour, ...] = (
    (30, 24, 22), (66, 42, 26), (112, 64, 28), (150, 96, 48), (210, 170, 90),
    (232, 208, 140), (170, 60, 30), (150, 150, 150), (230, 230, 225),
)
CLOTHING: tuple[Colour, ...] = (
    (206, 32, 38), (246, 244, 238), (46, 78, 160), (30, 120, 60), (240, 200, 40),
    (240, 130, 30), (130, 50, 140), (90, 170, 220), (230, 120, 160), (120, 80, 40),
    (60, 60, 70), (160, 160, 165), (20, 90, 110), (180, 200, 60), (110, 20, 30),
    (250, 180, 140), (40, 40, 40), (200, 60, 90), (100, 140, 200), (220, 60, 40),
)
REDS: tuple[Colour, ...] = ((206, 32, 38), (220, 50, 40), (190, 25, 50), (230, 70, 60))
WHITES: tuple[Colour, ...] = ((246, 244, 238), (235, 235, 230), (250, 248, 240))
SHOES: tuple[Colour, ...] = ((60, 40, 30), (30, 30, 30), (120, 70, 40), (200, 200, 200))


def jitter(rng: np.random.Generator, colour: Colour, amount: float) -> Colour:
    """Nudge each channel by up to `amount` of full scale, so no two scenes share exact colours."""
    if amount <= 0:
        return colour
    dr, dg, db = (rng.uniform(-amount, amount, 3) * 255.0).tolist()
    r, g, b = colour
    return (min(255, max(0, int(r + dr))), min(255, max(0, int(g + dg))), min(255, max(0, int(b + db))))


def jitter_all(rng: np.random.Generator, colours: Sequence[Colour], amount: float) -> tuple[Colour, ...]:
    """`jitter` for a whole palette with one draw from the generator (people are many, draws are slow)."""
    return jitter_palettes(rng, [colours], amount)[0]


def jitter_palettes(rng: np.random.Generator, palettes: Sequence[Sequence[Colour]],
                    amount: float) -> list[tuple[Colour, ...]]:
    """`jitter_all` for many palettes of one length at once: a crowd's colours in one draw."""
    if amount <= 0 or not palettes:
        return [tuple(colours) for colours in palettes]
    count, length = len(palettes), len(palettes[0])
    if any(len(colours) != length for colours in palettes):
        raise ValueError(f"palettes must all have {length} colours to be jittered together")
    if length == 0:
        return [() for _ in palettes]
    channels = itertools.chain.from_iterable(itertools.chain.from_iterable(palettes))
    base = np.fromiter(channels, np.float64, count * length * 3).reshape(count, length, 3)
    return jitter_palette_array(rng, base, amount)


def jitter_palette_array(rng: np.random.Generator, base: np.ndarray, amount: float) -> list[tuple[Colour, ...]]:
    """`jitter_palettes` for palettes already in an array (count, length, 3) of colour values."""
    if amount > 0:
        base = base + rng.uniform(-amount * 255.0, amount * 255.0, base.shape)
    clamped = np.minimum(np.maximum(base, 0.0), 255.0).astype(np.int64)
    return [tuple(map(tuple, colours)) for colours in clamped.tolist()]


def pick(rng: np.random.Generator, options: Sequence[Colour]) -> Colour:
    """One colour from a list, drawn with the scene's generator."""
    return options[int(rng.random() * len(options))]


class Weighted:
    """A fixed weighted choice among names, prepared once: crowds make thousands of such draws."""

    def __init__(self, options: dict[str, float]) -> None:
        self.names = tuple(options)
        self.cumulative = np.array(list(itertools.accumulate(options.values())))
        self.total, self.last_index = float(self.cumulative[-1]), len(self.names) - 1

    def at_each(self, uniforms: np.ndarray) -> list[str]:
        """The name each uniform draw in [0, 1) selects, for a whole array of draws in one search."""
        indices = np.searchsorted(self.cumulative, uniforms * self.total, side="right")
        names = self.names
        return [names[i] for i in np.minimum(indices, self.last_index).tolist()]


def choose(rng: np.random.Generator, options: dict[str, float]) -> str:
    """A key of `options`, drawn with probability proportional to its weight (one uniform draw)."""
    threshold = rng.random() * sum(options.values())
    name = ""
    for name, weight in options.items():
        threshold -= weight
        if threshold < 0:
            return name
    return name
