"""Hair and beards: ink-outlined masses over the skull, with strokes drawn inside them.

The hair mass follows the skull outline from the nape (or temple) round the crown to the
forehead, then comes back along a hairline that sits high on the face side and low at
the back, so the same recipe gives a fringe from the front and a sideburn in profile.
"""

import math

import numpy as np

from waldo.synth.book.head_shape import HeadShape
from waldo.synth.book.materials import Slot
from waldo.synth.book.program import ProgramBuilder
from waldo.synth.drawing import ellipse

HAIR_STYLES = ("short", "long", "curly", "spiky", "bald", "bun", "ponytail")
BEARDS = ("none", "full", "moustache", "goatee")

# per view: outline angles (radians) where the hair mass starts at the back and ends at the face
# side, and the hairline that closes it, as (x, y) head units from the face side back
_HAIRLINES: dict[float, tuple[float, float, tuple[tuple[float, float], ...]]] = {
    0.0: (math.pi + 0.12, 2 * math.pi - 0.12, ((0.26, -0.66), (0.08, -0.72), (-0.12, -0.7), (-0.28, -0.64))),
    35.0: (math.pi - 0.05, 2 * math.pi - 0.4, ((0.22, -0.72), (0.02, -0.68), (-0.12, -0.6), (-0.2, -0.46))),
    90.0: (math.pi - 0.75, 2 * math.pi - 0.6, ((0.16, -0.7), (0.02, -0.62), (-0.06, -0.46), (-0.22, -0.34))),
    145.0: (math.pi - 0.3, 2 * math.pi + 0.15, ((0.3, -0.36), (0.08, -0.18), (-0.22, -0.14))),
    180.0: (math.pi - 0.3, 2 * math.pi + 0.3, ((0.28, -0.16), (0.0, -0.15), (-0.28, -0.16))),
}


def hair_mass(shape: HeadShape, style: str) -> np.ndarray:
    """The outline of a hair mass of `style` on a skull seen as `shape` (hoods and scarves take its shape too)."""
    start, end, hairline = _HAIRLINES[shape.yaw]
    grow = {"curly": 0.07, "spiky": 0.04, "long": 0.05}.get(style, 0.03)
    arc = shape.arc(start, end, grow, 14)
    if style == "curly":
        bumps = np.where(np.arange(len(arc)) % 2 == 0, 0.05, -0.02)
        centre = np.array([shape.centre_x, -0.5])
        out = arc - centre
        arc = centre + out * (1.0 + bumps[:, None] / np.maximum(np.hypot(out[:, 0], out[:, 1]), 0.3)[:, None])
    elif style == "spiky":
        spikes = arc.copy()
        centre = np.array([shape.centre_x, -0.5])
        spikes[1::2] = centre + (arc[1::2] - centre) * 1.18
        arc = spikes
    line = np.array(hairline) + np.array([shape.centre_x, 0.0])
    if style == "long":
        back = arc[0]
        line = np.concatenate([line, [[back[0] - 0.05, 0.25], [back[0] + 0.12, 0.28]]])
    return np.concatenate([arc, line])


def add_hair(b: ProgramBuilder, shape: HeadShape, style: str) -> None:
    """The hair mass (or a bald head's fringe) with a few strokes for texture."""
    if style == "bald":
        if shape.yaw >= 90.0:
            outer = shape.arc(math.pi * 0.62, math.pi * 1.12, 0.02, 7)
            inner = shape.arc(math.pi * 1.08, math.pi * 0.68, -0.1, 6)
            b.shape(np.concatenate([outer, inner]), Slot.HAIR)
        else:
            for side in (-1.0, 1.0):
                x = shape.centre_x + side * shape.half_width * math.cos(math.radians(shape.yaw)) * 0.92
                b.shape(ellipse(x, -0.5, 0.08, 0.14, 8), Slot.HAIR)
        return
    if style == "bun":
        b.shape(ellipse(shape.centre_x - 0.3 * shape.turn, -1.02, 0.17, 0.14, 10), Slot.HAIR)
    if style == "ponytail" and shape.yaw >= 35.0:
        x = shape.centre_x - shape.half_width * 0.95
        b.shape(np.array([[x + 0.05, -0.75], [x - 0.22, -0.55], [x - 0.25, -0.1], [x - 0.08, -0.3]]), Slot.HAIR)
    mass = hair_mass(shape, style)
    b.shape(mass, Slot.HAIR)
    top = np.array([shape.centre_x, -0.92])
    for k, spread in enumerate((-0.2, 0.0, 0.2)):
        root = top + np.array([spread, 0.02 * abs(spread) * 10])
        b.line(np.stack([root, root + np.array([0.08 - 0.05 * k, 0.16])]), Slot.INK, 0.0, detail=16)


def add_beard(b: ProgramBuilder, shape: HeadShape, style: str) -> None:
    """A beard over the jaw or a moustache under the nose; the mouth is drawn after it."""
    if style == "none" or not shape.shows_face:
        return
    mouth_x = shape.surface_x(0.0, 0.92)
    if style == "moustache":
        b.shape(np.array([[mouth_x - 0.14, -0.22], [mouth_x, -0.3], [mouth_x + 0.14, -0.22], [mouth_x, -0.25]]), Slot.HAIR)
        return
    if style == "goatee":
        b.shape(np.array([[mouth_x - 0.07, -0.13], [mouth_x + 0.07, -0.13], [mouth_x + 0.02, 0.02], [mouth_x - 0.03, 0.02]]),
                Slot.HAIR)
        return
    jaw = shape.arc(0.25, math.pi - 0.25, 0.03, 10)
    if shape.yaw >= 35.0:
        jaw = shape.arc(0.15, math.pi * 0.55, 0.03, 8)
        jaw = np.concatenate([jaw, [[shape.centre_x - 0.02, -0.32]]])
    b.shape(np.concatenate([jaw, [[mouth_x - 0.12, -0.3], [mouth_x + 0.12, -0.3]]]), Slot.HAIR)
