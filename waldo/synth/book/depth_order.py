"""Depth order: what stands lower on the page stands nearer, so it is painted later, over what is behind.

Every figure, scenery thing and Waldo is an item at the y of its feet (ground contact);
items are painted in order of that y, ties in the order they were planned.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Item:
    """Something standing on the ground at depth `y` (px): a figure, a scenery thing or a Waldo."""

    y: float
    order: int
    kind: str
    payload: Any


def in_depth_order(items: Iterable[Item]) -> list[Item]:
    """Items back to front: by feet y, then by the order they were added."""
    return sorted(items, key=lambda item: (item.y, item.order))
