"""Animals among the crowd: horses (and donkeys), often with a rider sitting on them.

Drawn like all scenery (scenery.py): in head units, standing on the ground at (0, 0).
"""

import numpy as np

from waldo.synth.book.materials import Slot
from waldo.synth.book.program import ProgramBuilder
from waldo.synth.drawing import ellipse, polygon, rect
from waldo.synth.palette import Colour

COATS: tuple[Colour, ...] = ((150, 95, 55), (110, 70, 45), (240, 238, 230), (70, 60, 55), (170, 160, 150), (200, 150, 90))
HORSE_SCALE = 1.3  # a horse's size against the 1-head units it is drawn in
SADDLE_HEIGHT = 2.0 * HORSE_SCALE  # head units above the ground where a rider sits on a horse


def horse(b: ProgramBuilder, rng: np.random.Generator) -> None:
    """A horse facing +x, its back SADDLE_HEIGHT above the ground (a rider may sit there)."""
    k, stride = HORSE_SCALE, rng.uniform(-0.25, 0.25)

    def at(*points: tuple[float, float]) -> np.ndarray:
        return polygon(*points) * k

    legs = [((-0.85, -1.35), (-0.9 - stride, 0.0)), ((0.8, -1.35), (0.85 + stride, 0.0))]
    for (hx, hy), (fx, fy) in legs:
        b.limb(at((hx + 0.15, hy), (fx + 0.1, -0.6), (fx + 0.2, fy)), 0.2 * k, [(0, 2, Slot.CLOTH, 0.2 * k)])
    b.shape(ellipse(0.0, -1.55 * k, 1.3 * k, 0.52 * k, 14), Slot.CLOTH)
    b.shape(at((0.75, -1.85), (1.35, -2.75), (1.65, -2.6), (1.25, -1.5)), Slot.CLOTH)
    b.shape(at((1.3, -2.8), (2.1, -2.35), (2.05, -2.15), (1.45, -2.3)), Slot.CLOTH)
    b.shape(at((1.4, -2.8), (1.45, -3.05), (1.55, -2.78)), Slot.CLOTH, detail=10)
    b.line(at((0.8, -1.95), (1.3, -2.8)), Slot.HAIR, 0.1 * k)
    b.dot((1.6 * k, -2.55 * k), 0.05 * k, Slot.INK, outlined=False, detail=10)
    b.line(at((-1.25, -1.7), (-1.6, -1.2), (-1.65, -0.7)), Slot.HAIR, 0.12 * k)
    for (hx, hy), (fx, fy) in legs:
        b.limb(at((hx - 0.1, hy), (fx - 0.15, -0.6), (fx - 0.05, fy)), 0.2 * k, [(0, 2, Slot.CLOTH, 0.2 * k)])
        b.shape(rect((fx - 0.2) * k, -0.12 * k, (fx + 0.08) * k, 0.02 * k), Slot.INK, outlined=False)
