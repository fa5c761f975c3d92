"""Headgear: helmets, hats, hoods, crowns and scarves, drawn over the hair.

Every hat sits on the skull of the view it is drawn for (head_shape.HeadShape); brims and
peaks reach out on the face side in profile. Colours come from the HAT and HAT_TRIM slots,
so a theme decides whether a helmet is steel or a cap is a team's colour.
"""

import math

import numpy as np

from waldo.synth.book.hair import hair_mass
from waldo.synth.book.head_shape import HeadShape
from waldo.synth.book.materials import Slot
from waldo.synth.book.program import ProgramBuilder
from waldo.synth.drawing import ellipse, polygon, rect

HATS = ("none", "helmet", "crest_helmet", "spike_helmet", "horned_helmet", "tricorn", "top_hat", "cap", "crown",
        "turban", "headscarf", "wide_brim", "hood", "bandana", "miner_helmet", "feather_hat", "beanie")
HIDES_HAIR = ("hood", "headscarf", "turban")


def _dome(b: ProgramBuilder, shape: HeadShape, depth: float, slot: Slot = Slot.HAT) -> float:
    """A cap of the skull down to `depth` below its top; returns the y of its rim."""
    rim = -1.0 + depth
    cx, w = shape.centre_x, shape.half_width + 0.04
    dome = ellipse(cx, rim, w, depth + 0.04, 12, 180, 360)
    b.shape(np.concatenate([dome, [[cx + w, rim + 0.05], [cx - w, rim + 0.05]]]), slot)
    return rim


def _brim(b: ProgramBuilder, shape: HeadShape, y: float, reach: float, slot: Slot = Slot.HAT) -> None:
    cx = shape.centre_x + 0.1 * shape.turn
    b.shape(ellipse(cx, y, shape.half_width + reach, 0.07 + 0.05 * (1 - shape.turn), 12), slot)


def _helmets(b: ProgramBuilder, shape: HeadShape, hat: str) -> None:
    rim = _dome(b, shape, 0.36)
    cx, w = shape.centre_x, shape.half_width
    b.line(polygon((cx - w - 0.04, rim + 0.02), (cx + w + 0.04, rim + 0.02)), Slot.HAT_TRIM, 0.06, detail=10)
    if hat == "crest_helmet":
        crest = ellipse(cx - 0.05, -1.05, 0.36 * (0.4 + 0.6 * shape.turn) + 0.06, 0.2, 10, 180, 360)
        b.shape(np.concatenate([crest, [[cx + 0.2, -1.0], [cx - 0.3, -1.0]]]), Slot.HAT_TRIM)
    elif hat == "spike_helmet":
        b.shape(polygon((cx - 0.07, -1.02), (cx, -1.32), (cx + 0.07, -1.02)), Slot.HAT_TRIM)
    elif hat == "horned_helmet":
        for side in (-1.0, 1.0):
            x = cx + side * w * math.cos(math.radians(shape.yaw)) * 0.9
            b.shape(polygon((x - side * 0.05, -0.8), (x + side * 0.22, -0.98), (x + side * 0.36, -1.32), (x + side * 0.2, -1.08),
                            (x + side * 0.02, -0.98)), Slot.WHITE)
    elif hat == "miner_helmet" and shape.shows_face:
        b.dot((shape.surface_x(0.0, 0.8), rim - 0.12), 0.09, Slot.WHITE)


def _tall_hats(b: ProgramBuilder, shape: HeadShape, hat: str) -> None:
    cx, w = shape.centre_x, shape.half_width
    if hat == "top_hat":
        _brim(b, shape, -0.8, 0.14)
        b.shape(rect(cx - w * 0.8, -1.45, cx + w * 0.8, -0.82), Slot.HAT)
        b.line(polygon((cx - w * 0.8, -0.92), (cx + w * 0.8, -0.92)), Slot.HAT_TRIM, 0.08, detail=10)
    elif hat == "tricorn":
        b.shape(polygon((cx - w - 0.28, -0.88), (cx - w * 0.5, -1.3), (cx, -1.12), (cx + w * 0.5, -1.3), (cx + w + 0.28, -0.88),
                        (cx, -0.78)), Slot.HAT)
        b.line(polygon((cx - w - 0.2, -0.9), (cx, -0.82), (cx + w + 0.2, -0.9)), Slot.HAT_TRIM, 0.05, detail=14)
    elif hat == "crown":
        points = [(cx - w * 0.85, -0.8)]
        for k in range(5):
            x = cx - w * 0.85 + k * w * 0.425
            points += [(x, -1.22 if k % 2 == 0 else -1.05)]
        points += [(cx + w * 0.85, -1.22), (cx + w * 0.85, -0.8)]
        b.shape(polygon(*points), Slot.HAT)
        b.dot((cx, -0.93), 0.05, Slot.HAT_TRIM, detail=16)
    elif hat == "feather_hat":
        _brim(b, shape, -0.82, 0.22)
        _dome(b, shape, 0.3)
        b.line(polygon((cx - 0.1, -1.0), (cx - 0.3, -1.3), (cx - 0.55, -1.4)), Slot.HAT_TRIM, 0.1)
    else:  # wide_brim
        _dome(b, shape, 0.34)
        _brim(b, shape, -0.72, 0.32)


def _wraps(b: ProgramBuilder, shape: HeadShape, hat: str) -> None:
    cx, w = shape.centre_x, shape.half_width
    if hat == "turban":
        b.shape(ellipse(cx - 0.03, -0.88, w + 0.1, 0.3, 14), Slot.HAT)
        for y in (-0.95, -0.82):
            b.line(polygon((cx - w, y - 0.06), (cx + w * 0.9, y + 0.04)), Slot.INK, 0.0, detail=14)
    elif hat in ("hood", "headscarf"):
        b.shape(hair_mass(shape, "long" if hat == "hood" else "short"), Slot.HAT)
        if hat == "headscarf" and shape.turn > 0.3:
            b.dot((cx - w * 1.02, -0.45), 0.1, Slot.HAT, detail=12)
    elif hat == "bandana":
        b.shape(np.concatenate([shape.arc(math.pi + 0.35, 2 * math.pi - 0.35, 0.04, 8),
                                shape.arc(2 * math.pi - 0.6, math.pi + 0.6, -0.02, 8)]), Slot.HAT)
        b.shape(polygon((cx - w, -0.7), (cx - w - 0.25, -0.5), (cx - w - 0.1, -0.45)), Slot.HAT, detail=12)
    elif hat == "beanie":
        _dome(b, shape, 0.4)
        b.shape(rect(cx - w - 0.05, -0.68, cx + w + 0.05, -0.58), Slot.HAT_TRIM)
    else:  # cap
        rim = _dome(b, shape, 0.33)
        peak_x = shape.surface_x(0.0, 1.0)
        b.shape(ellipse(peak_x + 0.12 * shape.turn, rim + 0.03, 0.2 + 0.12 * shape.turn, 0.06, 8), Slot.HAT_TRIM)


def add_hood_back(b: ProgramBuilder, shape: HeadShape) -> None:
    """The part of a hood behind the head: drawn before the skull, so the face looks out of it."""
    cx = shape.centre_x - 0.08 * shape.turn
    outer = ellipse(cx, -0.5, shape.half_width + 0.14, 0.6, 14, 160, 380)
    b.shape(np.concatenate([outer, [[cx + shape.half_width * 0.6, 0.15], [cx - shape.half_width - 0.1, 0.15]]]), Slot.HAT)


def add_hat(b: ProgramBuilder, shape: HeadShape, hat: str) -> None:
    """Headgear `hat` over the hair of a head seen as `shape`."""
    if hat == "none":
        return
    if hat.endswith("helmet"):
        _helmets(b, shape, hat)
    elif hat in ("top_hat", "tricorn", "crown", "feather_hat", "wide_brim"):
        _tall_hats(b, shape, hat)
    elif hat in ("turban", "hood", "headscarf", "bandana", "beanie", "cap"):
        _wraps(b, shape, hat)
    else:
        raise ValueError(f"unknown hat {hat!r}; known: {HATS}")
