"""The ways the generator can draw Waldo and his look-alikes: the scene config's `waldo_look`.

`classic` is the one drawing the bundled model learned (upright, front-on, level stripes), kept
byte for byte so that its scenes and the tests built on them stay as they were; `book` draws
him as the books do, anew every time (book_waldo.py), with look-alikes drawn the same way.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from waldo.synth.book_lookalikes import BOOK_LOOKALIKE_KINDS, random_book_lookalike
from waldo.synth.book_waldo import random_book_waldo
from waldo.synth.crowd import Stance
from waldo.synth.figures import Person
from waldo.synth.lookalikes import LOOKALIKE_KINDS, random_lookalike
from waldo.synth.waldo_figure import random_waldo


@dataclass(frozen=True)
class WaldoLook:
    """How one look draws a Waldo and a look-alike, and which look-alike kinds it can draw."""

    waldo: Callable[[np.random.Generator, Stance, float], Person]
    lookalike: Callable[[np.random.Generator, Stance, float, dict[str, float]], Person]
    lookalike_kinds: tuple[str, ...]

    def lookalike_mix(self, mix: dict[str, float]) -> dict[str, float]:
        """The configured look-alike weights of the kinds this look draws, in their configured order."""
        return {kind: weight for kind, weight in mix.items() if kind in self.lookalike_kinds}


WALDO_LOOKS: dict[str, WaldoLook] = {
    "classic": WaldoLook(random_waldo, random_lookalike, LOOKALIKE_KINDS),
    "book": WaldoLook(random_book_waldo, random_book_lookalike, BOOK_LOOKALIKE_KINDS),
}
ALL_LOOKALIKE_KINDS = BOOK_LOOKALIKE_KINDS  # every kind some look draws: what `lookalike_mix` may name
