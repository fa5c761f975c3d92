"""Mixing an endless stream of training patches so one batch does not come from one or two scenes.

A worker cuts ``crops_per_scene`` overlapping patches from every scene it draws, one after the
other; batched as they come, 16 patches would show two scenes and the same Waldo several times.
A shuffle buffer holds the last ``size`` patches and hands out a random one of them each time.
"""

from collections.abc import Iterable, Iterator
from typing import TypeVar

import numpy as np

T = TypeVar("T")


def shuffled(items: Iterable[T], size: int, rng: np.random.Generator) -> Iterator[T]:
    """Every item of ``items`` exactly once, in an order mixed within a window of ``size`` items.

    ``size`` 0 or 1 keeps the order. Once the buffer is full, each new item takes the place of a
    randomly chosen one, which is yielded; when ``items`` ends, the rest come out in random order.
    """
    if size < 0:
        raise ValueError(f"shuffle buffer size must not be negative, got {size}")
    if size <= 1:
        yield from items
        return
    buffer: list[T] = []
    for item in items:
        if len(buffer) < size:
            buffer.append(item)
            continue
        slot = int(rng.integers(size))
        buffer[slot], item = item, buffer[slot]
        yield item
    rng.shuffle(buffer)
    yield from buffer
