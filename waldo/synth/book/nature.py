"""Growing and natural things among the crowd: rocks, stalagmites, bushes, pine trees, snowmen.

Drawn like all scenery (scenery.py): in head units, standing on the ground at (0, 0).
"""

import numpy as np

from waldo.synth.book.materials import Slot
from waldo.synth.book.program import ProgramBuilder
from waldo.synth.drawing import ellipse, polygon, rect
from waldo.synth.palette import Colour

LEAF_GREENS: tuple[Colour, ...] = ((90, 160, 80), (70, 140, 70), (120, 175, 90), (60, 120, 70))


def rock(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w, h = rng.uniform(0.6, 1.8), rng.uniform(0.4, 1.2)
    angles = np.linspace(np.pi, 2 * np.pi, 7)
    radii = rng.uniform(0.8, 1.1, 7)
    b.shape(np.stack([np.cos(angles) * w * radii, np.sin(angles) * h * radii], axis=1), Slot.METAL)
    b.line(polygon((-w * 0.3, -h * 0.5), (0.0, -h * 0.35), (w * 0.2, -h * 0.6)), Slot.INK, 0.0, detail=12)


def stalagmite(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w, h = rng.uniform(0.4, 0.9), rng.uniform(1.5, 3.5)
    b.shape(polygon((-w, 0), (-w * 0.3, -h * 0.6), (0.05, -h), (w * 0.35, -h * 0.5), (w, 0)), Slot.METAL)


def bush(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w = rng.uniform(0.8, 1.6)
    for dx, dy, r in ((-0.5, -0.5, 0.55), (0.5, -0.5, 0.55), (0.0, -0.9, 0.65)):
        b.shape(ellipse(dx * w, dy * w, r * w, r * w * 0.85, 12), Slot.CLOTH)


def pine(b: ProgramBuilder, rng: np.random.Generator) -> None:
    h, w = rng.uniform(3.5, 6.0), rng.uniform(1.0, 1.6)
    b.stick((0.0, 0.0), (0.0, -0.8), 0.25)
    for k in range(3):
        top, base = -h + k * h * 0.25, -0.6 - (2 - k) * h * 0.2
        b.shape(polygon((-w * (0.6 + 0.2 * k), base), (0, top), (w * (0.6 + 0.2 * k), base)), Slot.CLOTH)
    b.line(polygon((-w * 0.4, -h * 0.45), (0, -h * 0.5), (w * 0.3, -h * 0.42)), Slot.WHITE, 0.08, detail=12)


def snowman(b: ProgramBuilder, rng: np.random.Generator) -> None:
    b.shape(ellipse(0, -0.6, 0.65, 0.6, 12), Slot.WHITE)
    b.shape(ellipse(0, -1.5, 0.42, 0.4, 12), Slot.WHITE)
    b.shape(rect(-0.3, -2.2, 0.3, -1.85), Slot.INK, outlined=False)
    b.shape(polygon((0.05, -1.55), (0.4, -1.5), (0.05, -1.45)), Slot.TRIM)
