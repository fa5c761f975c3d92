"""Things figures carry: pikes, flags, swords, tools, shields, loads. Drawn into the figure's
program at its hand, so they move, scale and tip over with it.

Long thin props (pikes, spears, flags) cross the figures around them, as in the books;
they are the reason a page is full of lines at every angle. Coordinates are head units
of the projected figure; `facing` is +1 when it faces screen right, -1 left.
"""

import math

import numpy as np

from waldo.synth.book.materials import Slot
from waldo.synth.book.program import ProgramBuilder
from waldo.synth.drawing import ellipse, polygon, rect

UPRIGHT = ("pike", "flag", "banner", "torch", "umbrella")
ALONG_ARM = ("spear", "sword", "axe", "pick", "shovel", "club", "oar")
AT_HAND = ("shield", "basket", "mug")
HELD_PROPS = ("none", *UPRIGHT, *ALONG_ARM, *AT_HAND)
OVERHEAD_LOADS = ("box", "sack", "plank")


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.hypot(*vector))
    return vector / norm if norm > 1e-6 else np.array([0.0, -1.0])


def _upright(builder: ProgramBuilder, kind: str, hand: np.ndarray, facing: float) -> None:
    tilt = math.radians(10.0)
    up = np.array([math.sin(tilt) * facing, -math.cos(tilt)])
    side = np.array([facing, 0.0])
    if kind == "pike":
        top = hand + up * 4.3
        builder.stick(hand - up * 0.9, top, 0.07)
        normal = np.array([-up[1], up[0]])
        builder.shape(np.stack([top + up * 0.45, top + normal * 0.09, top - up * 0.05, top - normal * 0.09]), Slot.METAL)
    elif kind in ("flag", "banner"):
        top = hand + up * 3.2
        builder.stick(hand - up * 0.6, top, 0.07)
        if kind == "flag":
            wave = np.array([0.0, 0.12])
            cloth = np.stack([top, top + side * 1.2 + wave, top + side * 1.15 + up * -0.75 + wave, top + up * -0.8])
            builder.shape(cloth, Slot.CLOTH)
            builder.line(np.stack([top + up * -0.4, top + side * 1.17 + up * -0.37 + wave]), Slot.TRIM, 0.1, detail=12)
        else:
            bar = top + up * -0.1
            builder.line(np.stack([bar - side * 0.55, bar + side * 0.55]), Slot.INK, 0.06)
            builder.shape(np.stack([bar - side * 0.5, bar + side * 0.5, bar + side * 0.5 + np.array([0.0, 1.2]),
                                    bar + np.array([0.0, 1.45]), bar - side * 0.5 + np.array([0.0, 1.2])]), Slot.CLOTH)
            builder.dot(tuple(bar + np.array([0.0, 0.55])), 0.16, Slot.TRIM, detail=12)
    elif kind == "torch":
        top = hand + up * 0.9
        builder.stick(hand - up * 0.2, top, 0.09)
        builder.shape(np.stack([top + up * 0.5, top + np.array([0.15, 0.0]), top + np.array([-0.15, 0.0])]), Slot.TRIM)
    else:  # umbrella
        top = hand + up * 2.0
        builder.stick(hand - up * 0.2, top, 0.05, Slot.INK)
        canopy = ellipse(top[0], top[1] + 0.25, 1.1, 0.55, 13, 180, 360)
        builder.shape(canopy, Slot.CLOTH)
        for k in (-0.55, 0.0, 0.55):
            builder.line(np.stack([top, top + np.array([k, 0.25])]), Slot.INK, 0.0, detail=14)


def _along_arm(builder: ProgramBuilder, kind: str, hand: np.ndarray, elbow: np.ndarray) -> None:
    d = _unit(hand - elbow)
    normal = np.array([-d[1], d[0]])
    if kind == "sword":
        tip = hand + d * 1.25
        builder.shape(np.stack([hand + d * 0.12 + normal * 0.05, tip, hand + d * 0.12 - normal * 0.05]), Slot.METAL)
        builder.line(np.stack([hand + d * 0.1 + normal * 0.17, hand + d * 0.1 - normal * 0.17]), Slot.INK, 0.06)
    elif kind == "spear":
        tip = hand + d * 2.6
        builder.stick(hand - d * 0.9, tip, 0.06)
        builder.shape(np.stack([tip + d * 0.4, tip + normal * 0.1, tip - d * 0.05, tip - normal * 0.1]), Slot.METAL)
    elif kind in ("axe", "pick", "shovel"):
        head = hand + d * 1.1
        builder.stick(hand - d * 0.3, head, 0.07)
        if kind == "axe":
            builder.shape(np.stack([head, head + normal * 0.35 - d * 0.1, head + normal * 0.4 + d * 0.2, head + d * 0.05]), Slot.METAL)
        elif kind == "pick":
            builder.shape(np.stack([head + normal * 0.55 - d * 0.15, head + d * 0.08, head - normal * 0.55 - d * 0.15,
                                    head - d * 0.05]), Slot.METAL)
        else:
            blade = head + d * 0.3
            builder.shape(np.stack([head + normal * 0.16, blade + normal * 0.18, blade + d * 0.15, blade - normal * 0.18,
                                    head - normal * 0.16]), Slot.METAL)
    elif kind == "club":
        builder.stick(hand - d * 0.1, hand + d * 0.9, 0.16)
    else:  # oar
        blade = hand + d * 1.6
        builder.stick(hand - d * 1.0, blade, 0.06)
        builder.shape(np.stack([blade + normal * 0.1, blade + d * 0.7 + normal * 0.14, blade + d * 0.75 - normal * 0.14,
                                blade - normal * 0.1]), Slot.WOOD)


def _at_hand(builder: ProgramBuilder, kind: str, hand: np.ndarray, facing: float) -> None:
    x, y = float(hand[0]), float(hand[1])
    if kind == "shield":
        builder.shape(ellipse(x, y, 0.38 * (0.45 + 0.55 * (1 - abs(facing) * 0.5)), 0.48, 12), Slot.CLOTH)
        builder.dot((x, y), 0.08, Slot.METAL, detail=10)
    elif kind == "basket":
        builder.shape(ellipse(x, y + 0.3, 0.34, 0.26, 10, 0, 180), Slot.WOOD)
        builder.line(ellipse(x, y + 0.3, 0.3, 0.3, 8, 180, 360), Slot.INK, 0.0)
        builder.line(polygon((x - 0.3, y + 0.42), (x + 0.3, y + 0.42)), Slot.INK, 0.0, detail=16)
    else:  # mug
        builder.shape(rect(x - 0.08, y - 0.2, x + 0.1, y + 0.05), Slot.WOOD)
        builder.shape(rect(x - 0.08, y - 0.24, x + 0.1, y - 0.16), Slot.WHITE, detail=12)


def add_held_prop(builder: ProgramBuilder, kind: str, hand: np.ndarray, elbow: np.ndarray, facing: float) -> None:
    """Draw prop `kind` held in the hand at `hand` (its forearm comes from `elbow`)."""
    if kind in UPRIGHT:
        _upright(builder, kind, hand, facing or 1.0)
    elif kind in ALONG_ARM:
        _along_arm(builder, kind, hand, elbow)
    elif kind in AT_HAND:
        _at_hand(builder, kind, hand, facing)
    elif kind != "none":
        raise ValueError(f"unknown held prop {kind!r}; known: {HELD_PROPS}")


def add_overhead_load(builder: ProgramBuilder, kind: str, hands: tuple[np.ndarray, np.ndarray]) -> None:
    """Something held up in both hands: a box, a sack or a plank above the head."""
    middle = (hands[0] + hands[1]) / 2.0
    x, y = float(middle[0]), float(middle[1]) - 0.05
    if kind == "box":
        builder.shape(rect(x - 0.55, y - 0.75, x + 0.55, y), Slot.WOOD)
        builder.line(polygon((x - 0.55, y - 0.38), (x + 0.55, y - 0.38)), Slot.INK, 0.0, detail=12)
    elif kind == "sack":
        builder.shape(ellipse(x, y - 0.35, 0.6, 0.38, 12), Slot.CLOTH)
    else:  # plank
        builder.shape(rect(x - 1.6, y - 0.14, x + 1.6, y), Slot.WOOD)
