"""Things that stand among the crowd: tents, carts, ladders, tables, barrels, stalls, boats, and the
registry of everything a theme can scatter (with trees and rocks from nature.py, horses from animals.py).

Each is drawn in head units standing on its ground point at (0, 0), as a figure is, so it
takes the crowd's perspective and depth order. Sizes vary per instance; colours come from
the slots WOOD, METAL, CLOTH (a group colour of the page), TRIM and WHITE.
"""

from collections.abc import Callable

import numpy as np

from waldo.synth.book.animals import COATS, horse
from waldo.synth.book.materials import Slot
from waldo.synth.book.nature import LEAF_GREENS, bush, pine, rock, snowman, stalagmite
from waldo.synth.book.program import ProgramBuilder
from waldo.synth.drawing import ellipse, polygon, rect
from waldo.synth.palette import Colour

Draw = Callable[[ProgramBuilder, np.random.Generator], None]
OWN_CLOTH: dict[str, tuple[Colour, ...]] = {"pine": LEAF_GREENS, "bush": LEAF_GREENS, "horse": COATS}  # not in a group colour


def tent(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w, h = rng.uniform(1.8, 3.0), rng.uniform(2.2, 3.2)
    b.shape(polygon((-w, 0), (0, -h), (w, 0)), Slot.CLOTH)
    b.shape(polygon((-0.35 * w, 0), (0, -0.55 * h), (0.3 * w, 0)), Slot.INK, outlined=False)
    b.line(polygon((0, -h), (0, -h - 0.5)), Slot.INK, 0.0)
    b.shape(polygon((0, -h - 0.5), (0.45, -h - 0.38), (0, -h - 0.26)), Slot.TRIM)


def cart(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w = rng.uniform(1.4, 2.2)
    b.shape(rect(-w, -1.5, w, -0.7), Slot.WOOD)
    b.line(polygon((-w, -1.1), (w, -1.1)), Slot.INK, 0.0)
    if rng.random() < 0.6:
        b.shape(ellipse(0, -1.5, w * 0.9, 0.55, 12, 180, 360), Slot.CLOTH)
    for x in (-w * 0.6, w * 0.6):
        b.shape(ellipse(x, -0.5, 0.5, 0.5, 14), Slot.WOOD)
        b.line(polygon((x - 0.4, -0.5), (x + 0.4, -0.5)), Slot.INK, 0.0, detail=12)
        b.line(polygon((x, -0.9), (x, -0.1)), Slot.INK, 0.0, detail=12)
    b.line(polygon((w, -0.9), (w + 1.4, -0.5)), Slot.WOOD, 0.08)


def ladder(b: ProgramBuilder, rng: np.random.Generator) -> None:
    h, lean = rng.uniform(3.0, 5.0), rng.uniform(-0.9, 0.9)
    for side in (-0.3, 0.3):
        b.limb(polygon((side, 0), (side + lean, -h)), 0.08, [(0, 1, Slot.WOOD, 0.08)])
    for k in range(1, int(h / 0.5)):
        t = k * 0.5 / h
        b.line(polygon((-0.3 + lean * t, -h * t), (0.3 + lean * t, -h * t)), Slot.WOOD, 0.07)


def banner_pole(b: ProgramBuilder, rng: np.random.Generator) -> None:
    h = rng.uniform(3.5, 5.5)
    b.stick((0.0, 0.0), (0.0, -h), 0.08)
    b.shape(polygon((0.05, -h), (1.5, -h + 0.1), (1.3, -h + 0.6), (1.5, -h + 1.1), (0.05, -h + 1.0)), Slot.CLOTH)


def flag_pole(b: ProgramBuilder, rng: np.random.Generator) -> None:
    h = rng.uniform(3.0, 4.0)
    b.stick((0.0, 0.0), (0.0, -h), 0.06, Slot.WHITE)
    b.shape(polygon((0.04, -h), (1.0, -h + 0.3), (0.04, -h + 0.6)), Slot.CLOTH)


def barrel(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w, h = rng.uniform(0.5, 0.7), rng.uniform(1.0, 1.4)
    b.shape(polygon((-w * 0.85, 0), (-w, -h * 0.5), (-w * 0.85, -h), (w * 0.85, -h), (w, -h * 0.5), (w * 0.85, 0)), Slot.WOOD)
    for y in (-h * 0.25, -h * 0.75):
        b.line(polygon((-w * 0.95, y), (w * 0.95, y)), Slot.INK, 0.0)
    b.shape(ellipse(0, -h, w * 0.85, 0.15, 10), Slot.WOOD)


def parasol(b: ProgramBuilder, rng: np.random.Generator) -> None:
    h, r = rng.uniform(2.6, 3.4), rng.uniform(1.4, 2.0)
    b.line(polygon((0, 0), (0, -h)), Slot.INK, 0.05)
    b.shape(ellipse(0, -h + 0.25, r, r * 0.45, 13, 180, 360), Slot.CLOTH)
    b.shape(polygon((-r * 0.35, -h + 0.25), (0, -h - 0.2), (r * 0.35, -h + 0.25), (0, -h - 0.05)), Slot.TRIM, outlined=False)


def towel(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w = rng.uniform(1.2, 1.8)
    b.shape(polygon((-w, 0), (-w * 0.8, -0.45), (w * 0.9, -0.45), (w, 0)), Slot.CLOTH)
    b.line(polygon((-w * 0.7, -0.22), (w * 0.75, -0.22)), Slot.TRIM, 0.08, detail=10)


def sandcastle(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w = rng.uniform(0.8, 1.3)
    b.shape(rect(-w, -0.8, w, 0), Slot.WOOD)
    b.shape(rect(-w * 0.4, -1.5, w * 0.4, -0.8), Slot.WOOD)
    for x in (-w, -w * 0.35, w * 0.35 - 0.2):
        b.shape(rect(x, -1.0, x + 0.2, -0.8), Slot.WOOD, detail=10)
    b.line(polygon((0, -1.5), (0, -2.0)), Slot.INK, 0.0)
    b.shape(polygon((0, -2.0), (0.35, -1.88), (0, -1.76)), Slot.CLOTH)


def ball(b: ProgramBuilder, rng: np.random.Generator) -> None:
    r = rng.uniform(0.25, 0.45)
    b.shape(ellipse(0, -r, r, r, 12), Slot.CLOTH)
    b.line(ellipse(0, -r, r * 0.5, r, 8, -90, 90), Slot.WHITE, 0.05, detail=10)


def boat(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w = rng.uniform(2.0, 3.2)
    b.shape(polygon((-w, -1.0), (w, -1.0), (w * 0.75, 0), (-w * 0.75, 0)), Slot.WOOD)
    b.line(polygon((-w, -0.75), (w * 0.95, -0.75)), Slot.TRIM, 0.08)
    b.line(polygon((0, -1.0), (0, -4.0)), Slot.WOOD, 0.08)
    b.shape(polygon((0.08, -3.9), (w * 0.8, -1.3), (0.08, -1.3)), Slot.WHITE)


def table(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w = rng.uniform(1.8, 3.2)
    for x in (-w * 0.85, w * 0.85):
        b.stick((x, 0.0), (x, -1.0), 0.12)
    b.shape(rect(-w, -1.25, w, -1.0), Slot.WOOD)
    b.shape(rect(-w * 0.95, -1.05, w * 0.95, -0.65), Slot.WHITE)
    for k in range(int(w * 1.5)):
        x = -w * 0.8 + k * (1.6 * w / max(1, int(w * 1.5) - 1))
        if rng.random() < 0.5:
            b.shape(ellipse(x, -1.4, 0.25, 0.18, 8), Slot.TRIM)
        else:
            b.shape(rect(x - 0.08, -1.6, x + 0.08, -1.25), Slot.METAL)


def bench(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w = rng.uniform(1.5, 2.5)
    for x in (-w * 0.8, w * 0.8):
        b.stick((x, 0.0), (x, -0.7), 0.12)
    b.shape(rect(-w, -0.85, w, -0.65), Slot.WOOD)


def chest(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w = rng.uniform(0.7, 1.0)
    b.shape(rect(-w, -0.9, w, 0), Slot.WOOD)
    b.shape(ellipse(0, -0.9, w, 0.3, 10, 180, 360), Slot.WOOD)
    b.line(polygon((-w, -0.6), (w, -0.6)), Slot.TRIM, 0.08)
    b.shape(rect(-0.1, -0.75, 0.1, -0.45), Slot.TRIM)


def sign(b: ProgramBuilder, rng: np.random.Generator) -> None:
    b.stick((0.0, 0.0), (0.0, -2.0), 0.1)
    b.shape(rect(-0.9, -2.3, 0.9, -1.5), Slot.WOOD)
    for y in (-2.05, -1.75):
        b.line(polygon((-0.6, y), (0.6, y)), Slot.INK, 0.0, detail=14)


def cannon(b: ProgramBuilder, rng: np.random.Generator) -> None:
    b.limb(polygon((-0.9, -0.9), (1.2, -1.3)), 0.45, [(0, 1, Slot.METAL, 0.45)])
    b.shape(ellipse(-0.2, -0.45, 0.45, 0.45, 12), Slot.WOOD)
    b.dot((-0.2, -0.45), 0.1, Slot.INK, outlined=False)


def rope_post(b: ProgramBuilder, rng: np.random.Generator) -> None:
    h = rng.uniform(2.0, 4.5)
    b.stick((0.0, 0.0), (0.0, -h), 0.25)
    for k in range(3):
        y = -h * (0.3 + 0.2 * k)
        b.line(polygon((-0.2, y), (0.2, y - 0.15)), Slot.TRIM, 0.06)
    b.line(polygon((0, -h), (rng.uniform(-3, 3), -h * 0.4)), Slot.TRIM, 0.05)


def goal(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w, h = rng.uniform(2.5, 3.5), 2.0
    for x in (-w, w):
        b.stick((x, 0.0), (x, -h), 0.1, Slot.WHITE)
    b.line(polygon((-w, -h), (w, -h)), Slot.WHITE, 0.1)
    for k in range(1, 6):
        x = -w + k * 2 * w / 6
        b.line(polygon((x, -h), (x * 0.85, 0)), Slot.INK, 0.0, detail=16)


def hurdle(b: ProgramBuilder, rng: np.random.Generator) -> None:
    for x in (-0.8, 0.8):
        b.stick((x, 0.0), (x, -1.0), 0.07, Slot.WHITE)
    b.shape(rect(-0.85, -1.1, 0.85, -0.85), Slot.CLOTH)


def torch_post(b: ProgramBuilder, rng: np.random.Generator) -> None:
    b.stick((0.0, 0.0), (0.0, -1.8), 0.12)
    b.shape(polygon((-0.2, -1.8), (0.0, -2.5), (0.2, -1.8)), Slot.TRIM)


def camera(b: ProgramBuilder, rng: np.random.Generator) -> None:
    for dx in (-0.6, 0.0, 0.6):
        b.line(polygon((0, -1.6), (dx, 0)), Slot.INK, 0.06)
    b.shape(rect(-0.5, -2.3, 0.5, -1.6), Slot.METAL)
    b.shape(rect(0.5, -2.1, 0.9, -1.8), Slot.INK, outlined=False)
    for x in (-0.3, 0.25):
        b.shape(ellipse(x, -2.6, 0.3, 0.3, 10), Slot.METAL)


def lamp(b: ProgramBuilder, rng: np.random.Generator) -> None:
    h = rng.uniform(2.5, 3.5)
    for dx in (-0.5, 0.5):
        b.line(polygon((0, -1.2), (dx, 0)), Slot.INK, 0.05)
    b.stick((0.0, 0.0), (0.0, -h), 0.07, Slot.METAL)
    b.shape(polygon((-0.4, -h - 0.5), (0.4, -h - 0.5), (0.55, -h + 0.2), (-0.55, -h + 0.2)), Slot.METAL)
    b.shape(ellipse(0, -h + 0.2, 0.5, 0.12, 10), Slot.WHITE)


def flat(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w, h = rng.uniform(2.0, 3.5), rng.uniform(2.5, 3.5)
    b.shape(rect(-w, -h, w, 0), Slot.CLOTH)
    b.shape(polygon((-w * 0.6, -h * 0.3), (-w * 0.1, -h * 0.8), (w * 0.4, -h * 0.35)), Slot.TRIM)
    b.shape(rect(-w * 0.5, -h * 0.3, w * 0.5, 0), Slot.WHITE)


def box_crate(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w = rng.uniform(0.5, 0.9)
    b.shape(rect(-w, -2 * w, w, 0), Slot.WOOD)
    b.line(polygon((-w, -2 * w), (w, 0)), Slot.INK, 0.0, detail=10)
    b.line(polygon((-w, 0), (w, -2 * w)), Slot.INK, 0.0, detail=10)


def sledge(b: ProgramBuilder, rng: np.random.Generator) -> None:
    b.shape(rect(-1.0, -0.55, 0.9, -0.3), Slot.WOOD)
    b.line(polygon((-1.1, 0), (0.9, 0), (1.2, -0.3)), Slot.INK, 0.06)
    for x in (-0.7, 0.5):
        b.line(polygon((x, 0), (x, -0.3)), Slot.INK, 0.05)


def stall(b: ProgramBuilder, rng: np.random.Generator) -> None:
    w, h = rng.uniform(1.8, 2.8), rng.uniform(2.6, 3.2)
    for x in (-w, w):
        b.stick((x, 0.0), (x, -h), 0.1)
    b.shape(rect(-w, -1.2, w, 0), Slot.WOOD)
    b.shape(polygon((-w - 0.3, -h), (w + 0.3, -h), (w + 0.1, -h - 0.8), (-w - 0.1, -h - 0.8)), Slot.CLOTH)
    for k in range(int(w * 2)):
        x = -w + 0.4 + k * 0.9
        if x < w - 0.3:
            b.shape(ellipse(x, -1.4, 0.3, 0.22, 8), Slot.TRIM)


def basket_pile(b: ProgramBuilder, rng: np.random.Generator) -> None:
    for dx, dy in ((-0.5, 0.0), (0.5, 0.0), (0.0, -0.55)):
        b.shape(ellipse(dx, dy - 0.3, 0.5, 0.3, 10), Slot.WOOD)
        b.shape(ellipse(dx, dy - 0.55, 0.35, 0.12, 8), Slot.TRIM, detail=12)


SCENERY: dict[str, Draw] = {draw.__name__: draw for draw in (
    tent, cart, ladder, banner_pole, flag_pole, rock, stalagmite, barrel, bush, pine, parasol, towel, sandcastle, ball, boat,
    table, bench, chest, sign, cannon, rope_post, goal, hurdle, torch_post, camera, lamp, flat, box_crate, snowman, sledge,
    stall, basket_pile, horse)}
