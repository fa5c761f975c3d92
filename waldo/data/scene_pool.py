"""A pool of drawn scenes that training patches are cut from, so that drawing keeps up with training.

A book page costs far more to draw than a training step spends on one patch, so each scene must
give many patches; cut one after another, a batch would show one or two scenes. The pool holds
``size`` scenes at once and hands out a random one for each patch; a scene that has given its
``uses`` patches is replaced by the next one drawn. The first scenes get staggered budgets, so
that their replacements are drawn one at a time rather than all together.
"""

from collections.abc import Iterable, Iterator
from typing import TypeVar

import numpy as np

T = TypeVar("T")


def pooled(scenes: Iterable[T], size: int, uses: int, rng: np.random.Generator) -> Iterator[T]:
    """Scenes of ``scenes`` in the order patches are cut from them: each scene ``uses`` times once the pool runs
    (the first ``size`` a share of that, from ``uses / size`` up), at most ``size`` scenes held at once.

    Ends when ``scenes`` ends and the pool has given out what it holds.
    """
    if size < 1:
        raise ValueError(f"scene pool size must be at least 1, got {size}")
    if uses < 1:
        raise ValueError(f"uses per scene must be at least 1, got {uses}")
    source = iter(scenes)
    pool: list[T] = []
    left: list[int] = []
    for index, scene in zip(range(size), source):
        pool.append(scene)
        left.append(max(1, round(uses * (index + 1) / size)))
    while pool:
        slot = int(rng.integers(len(pool)))
        yield pool[slot]
        left[slot] -= 1
        if left[slot] == 0:
            fresh = next(source, None)
            if fresh is None:
                del pool[slot], left[slot]
            else:
                pool[slot], left[slot] = fresh, uses
