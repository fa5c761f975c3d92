"""Book heads: a skull with ears, a face (eyes, nose, mouth), hair or a beard, and headgear.

A head is a few cached programs painted in turn, placed at the body's chin, so any face goes
on any body.
Faces are what a page is full of: every figure gets eyes, a nose and a mouth, seen from
the front, three-quarter, side or back, in the few styles the books use (dot eyes, a
hooked or round nose, a smile, an open or shouting mouth).
"""

from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from waldo.synth.book.hair import add_beard, add_hair
from waldo.synth.book.hats import HIDES_HAIR, add_hat, add_hood_back
from waldo.synth.book.head_shape import EYE_AZIMUTH_DEG, HeadShape, head_shape
from waldo.synth.book.materials import Slot
from waldo.synth.book.program import Program, ProgramBuilder
from waldo.synth.drawing import ellipse, polygon

EYES = ("dots", "whites", "closed")
NOSES = ("hook", "round")
MOUTHS = ("smile", "open", "shout", "line")
EYE_Y, NOSE_Y, MOUTH_Y = -0.5, -0.36, -0.19


@dataclass(frozen=True)
class HeadKey:
    """Everything that changes a head's drawing; colours are the figure's palette."""

    view: str
    hair: str = "short"
    beard: str = "none"
    hat: str = "none"
    eyes: str = "dots"
    nose: str = "hook"
    mouth: str = "smile"
    glasses: bool = False


def _ears(b: ProgramBuilder, shape: HeadShape, in_front: bool) -> None:
    for azimuth in (-90.0, 90.0):
        if not shape.faces_viewer(azimuth, -0.25):
            continue
        on_face = shape.faces_viewer(azimuth, 0.3)
        if on_face != in_front:
            continue
        x = shape.surface_x(azimuth, 0.93 if on_face else 1.0)
        b.shape(ellipse(x, -0.42, 0.07 if on_face else 0.09, 0.12, 8), Slot.SKIN, detail=12)


def _eyes(b: ProgramBuilder, shape: HeadShape, style: str, glasses: bool) -> None:
    for azimuth in (-EYE_AZIMUTH_DEG, EYE_AZIMUTH_DEG):
        if not shape.faces_viewer(azimuth, 0.2):
            continue
        x = shape.surface_x(azimuth, 0.92)
        look = 0.025 * shape.turn
        if style == "closed":
            b.line(polygon((x - 0.06, EYE_Y), (x + 0.06, EYE_Y + 0.01)), Slot.INK, 0.0)
        elif style == "whites":
            b.dot((x, EYE_Y), 0.075, Slot.WHITE, detail=20, squash=1.25)
            b.dot((x + look + 0.01, EYE_Y + 0.01), 0.04, Slot.INK, outlined=False)
        else:
            b.dot((x + look, EYE_Y), 0.042, Slot.INK, outlined=False, squash=1.3)
        b.line(polygon((x - 0.07, EYE_Y - 0.12), (x + 0.07, EYE_Y - 0.14)), Slot.INK, 0.0, detail=18)
        if glasses:
            b.line(ellipse(x, EYE_Y, 0.1, 0.1, 10), Slot.INK, 0.0, closed=True, detail=12)


def _nose(b: ProgramBuilder, shape: HeadShape, style: str) -> None:
    if shape.yaw >= 90.0:
        return  # in profile the nose is part of the outline
    x = shape.surface_x(0.0, 1.0 if shape.turn > 0.3 else 0.0)
    if style == "round":
        b.dot((x + 0.02 * shape.turn, NOSE_Y), 0.07, Slot.SKIN_SHADE, detail=10)
    elif shape.turn > 0.3:
        b.shape(polygon((x - 0.04, NOSE_Y - 0.12), (x + 0.09, NOSE_Y + 0.03), (x - 0.03, NOSE_Y + 0.05)), Slot.SKIN, detail=10)
    else:
        b.line(polygon((x + 0.01, NOSE_Y - 0.1), (x + 0.05, NOSE_Y + 0.03), (x - 0.03, NOSE_Y + 0.04)), Slot.INK, 0.0, detail=10)


def _mouth(b: ProgramBuilder, shape: HeadShape, style: str) -> None:
    x = shape.surface_x(0.0, 0.8) - (0.04 if shape.yaw >= 90.0 else 0.0)
    half = 0.1 * (1.0 - 0.45 * shape.turn)
    if style == "smile":
        b.line(ellipse(x, MOUTH_Y - 0.05, half, 0.06, 6, 20, 160), Slot.INK, 0.0, detail=8)
    elif style == "line":
        b.line(polygon((x - half, MOUTH_Y), (x + half, MOUTH_Y - 0.01)), Slot.INK, 0.0, detail=8)
    else:
        size = 1.6 if style == "shout" else 1.0
        b.dot((x, MOUTH_Y), 0.055 * size, Slot.MOUTH, detail=8, squash=0.8)


@cache
def _skull_and_hair(view: str, hair: str, hat: str) -> Program:
    """A hood's back and long hair falling behind the neck, the skull and ears, then the hair on top."""
    shape = head_shape(view)
    b = ProgramBuilder()
    if hat == "hood":
        add_hood_back(b, shape)
    shows_hair = hat not in HIDES_HAIR
    if hair == "long" and shows_hair:
        left, right = shape.centre_x - shape.half_width - 0.06, shape.centre_x + shape.half_width * (1.0 - 1.4 * shape.turn) + 0.06
        b.shape(np.array([[left, -0.6], [right, -0.6], [right - 0.02, 0.2], [left - 0.04, 0.25]]), Slot.HAIR)
    _ears(b, shape, in_front=False)
    b.shape(shape.outline, Slot.SKIN)
    _ears(b, shape, in_front=True)
    if shows_hair:
        add_hair(b, shape, hair)
    return b.build()


@cache
def _face(view: str, eyes: str, nose: str, mouth: str, beard: str, glasses: bool) -> Program:
    shape = head_shape(view)
    b = ProgramBuilder()
    if shape.shows_face:
        add_beard(b, shape, beard)
        _eyes(b, shape, eyes, glasses)
        _nose(b, shape, nose)
        _mouth(b, shape, mouth)
        if shape.turn < 0.9:
            b.dot((shape.surface_x(40.0, 0.7), -0.3), 0.05, Slot.SKIN_SHADE, outlined=False, detail=22)
    return b.build()


@cache
def _hat(view: str, hat: str) -> Program:
    b = ProgramBuilder()
    add_hat(b, head_shape(view), hat)
    return b.build()


@lru_cache(maxsize=8192)
def head_layers(key: HeadKey) -> tuple[Program, ...]:
    """The head for `key` as programs painted in turn (skull and hair, face, hat). Each is cached on
    the few styles it depends on, so the many combinations of a crowd share a few hundred drawings."""
    layers = (_skull_and_hair(key.view, key.hair, key.hat),
              _face(key.view, key.eyes, key.nose, key.mouth, key.beard, key.glasses), _hat(key.view, key.hat))
    return tuple(layer for layer in layers if layer.ops)
