"""A posed, dressed body as drawing programs: legs, arms, torso and garment, and what it carries.

A body is painted in parts around its head and its garment pattern: what lies under the
pattern (cape, legs, skirt, far arm, neck, the torso's colour), the torso's details over the
pattern, then (after the head) the near arm, so a raised sword crosses the face. Parts are
ordered by their depth in the turned skeleton: a figure seen from the side draws its far arm
before its torso. Small figures get plainer legs (one outline for both) from the same program.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from waldo.synth.book import garments
from waldo.synth.book.body_frame import BodyFrame, posed_frame
from waldo.synth.book.costumes import CUTS, Cut
from waldo.synth.book.held_props import OVERHEAD_LOADS, add_held_prop, add_overhead_load
from waldo.synth.book.materials import Slot
from waldo.synth.book.poses import ACTIONS
from waldo.synth.book.program import Program, ProgramBuilder
from waldo.synth.drawing import ellipse

FAR_LIMB_DEPTH = -0.12
HOLDING_HAND = 1  # the figure's right hand holds the prop
PLAIN_BELOW_PX = 14.0  # printed heads under this get the plain legs, hands and shoes


@dataclass(frozen=True)
class BodyDrawing:
    """A body's programs in painting order around its pattern and head, where its head goes (chin,
    head units), how the head tips, and whether the carrying arm (so what it carries) is in front."""

    under_pattern: Program
    over_pattern: Program
    in_front_of_head: Program
    chin: tuple[float, float]
    neck_tilt_deg: float
    holds_in_front: bool


def _leg(frame: BodyFrame, cut: Cut, i: int) -> tuple[np.ndarray, list[tuple[int, int, Slot, float]]]:
    """A leg's polyline (hip, knee, ankle) and its fills: trousers, bare skin, shorts or boots."""
    xy = frame.xy
    thigh = Slot.SKIN if cut.legs == "bare" else Slot.LEGS
    shin = {"bare": Slot.SKIN, "shorts": Slot.SKIN, "boots": Slot.SHOES}.get(cut.legs, Slot.LEGS)
    width = frame.build.leg_width * 0.92
    return np.stack([xy[f"hip{i}"], xy[f"knee{i}"], xy[f"ankle{i}"]]), [(0, 1, thigh, width), (1, 2, shin, width)]


def _shoe(b: ProgramBuilder, frame: BodyFrame, i: int, outlined: bool) -> None:
    ankle = frame.xy[f"ankle{i}"]
    b.shape(ellipse(ankle[0] + 0.16 * frame.facing, ankle[1] + 0.04, 0.11 + 0.09 * abs(frame.facing), 0.075, 8), Slot.SHOES,
            outlined=outlined)


def _legs(b: ProgramBuilder, frame: BodyFrame, cut: Cut) -> None:
    """Both legs, far one first, each outlined; for small figures both share one outline."""
    order = sorted((0, 1), key=lambda k: frame.depth[f"knee{k}"])
    lines = [_leg(frame, cut, i) for i in order]
    with b.sizes(below=PLAIN_BELOW_PX):
        b.limbs([points for points, _ in lines], frame.build.leg_width, [fills for _, fills in lines])
        for i in order:
            _shoe(b, frame, i, outlined=False)
    with b.sizes(lowest=PLAIN_BELOW_PX):
        for i, (points, fills) in zip(order, lines):
            b.limb(points, frame.build.leg_width, fills)
            _shoe(b, frame, i, outlined=True)


def _arm(b: ProgramBuilder, frame: BodyFrame, cut: Cut, i: int) -> None:
    xy = frame.xy
    upper = Slot.SKIN if cut.sleeves == "none" else Slot.MAIN
    fore = Slot.MAIN if cut.sleeves == "long" else Slot.SKIN
    width = frame.build.arm_width
    b.limb(np.stack([xy[f"shoulder{i}"], xy[f"elbow{i}"], xy[f"hand{i}"]]), width,
           [(0, 1, upper, width * 0.9), (1, 2, fore, width * 0.9)])
    hand = tuple(xy[f"hand{i}"])
    with b.sizes(below=PLAIN_BELOW_PX):
        b.dot(hand, 0.12, Slot.SKIN, outlined=False)
    with b.sizes(lowest=PLAIN_BELOW_PX):
        b.dot(hand, 0.12, Slot.SKIN)


def _far_arms(frame: BodyFrame) -> tuple[list[int], list[int]]:
    """The arms (0 = left, 1 = right) behind the torso and those in front, each list far to near."""
    arms = sorted((0, 1), key=lambda k: frame.depth[f"elbow{k}"] + frame.depth[f"hand{k}"])
    far = [i for i in arms if frame.depth[f"elbow{i}"] < FAR_LIMB_DEPTH]
    return far, [i for i in arms if i not in far]


@lru_cache(maxsize=8192)
def body_drawing(action: str, variant: int, yaw: float, cut_name: str) -> BodyDrawing:
    """The body of one pose variant, view and cut; cached, as crowds reuse a few thousand such drawings.
    Drawn for the reference build: a figure's own proportions stretch it (program.figure_map)."""
    cut = CUTS[cut_name]
    frame = posed_frame(action, variant, yaw)
    under, over, front = ProgramBuilder(), ProgramBuilder(), ProgramBuilder()
    if cut.cape:
        garments.cape(under, frame)
    _legs(under, frame, cut)
    if cut.hem > 0:
        garments.skirt(under, frame, cut)
    far, near = _far_arms(frame)
    for i in far:
        _arm(under, frame, cut, i)
    chin, neck = frame.xy["chin"], frame.xy["neck_base"]
    with under.sizes(lowest=PLAIN_BELOW_PX):
        under.limb(np.stack([neck, chin]), 0.24, [(0, 1, Slot.SKIN, 0.24)])
    garments.torso_fill(under, frame, cut)
    garments.torso_details(over, frame, cut)
    for i in near:
        _arm(front, frame, cut, i)
    tilt = math.degrees(math.atan2(float(chin[0] - neck[0]), float(neck[1] - chin[1])))
    return BodyDrawing(under.build(), over.build(), front.build(), (float(chin[0]), float(chin[1])), tilt,
                       HOLDING_HAND not in far)


@lru_cache(maxsize=4096)
def pattern_drawing(action: str, variant: int, yaw: float, pattern: str) -> Program:
    """A garment pattern (garments.PATTERNS) on the torso of that pose variant and view."""
    b = ProgramBuilder()
    if pattern != "plain":
        garments.pattern(b, posed_frame(action, variant, yaw), pattern)
    return b.build()


@lru_cache(maxsize=8192)
def held_prop_drawing(prop: str, action: str, variant: int, yaw: float) -> Program:
    """What the figure of body_drawing(action, variant, yaw, ...) carries, painted right after the
    part of the body that holds the carrying arm."""
    xy = posed_frame(action, variant, yaw).xy
    b = ProgramBuilder()
    if prop in OVERHEAD_LOADS:
        add_overhead_load(b, prop, (xy["hand0"], xy["hand1"]))
    else:
        add_held_prop(b, prop, xy[f"hand{HOLDING_HAND}"], xy[f"elbow{HOLDING_HAND}"], math.sin(math.radians(yaw)))
    return b.build()


def action_holds(action: str) -> bool:
    """Whether an action leaves a hand free to carry a prop."""
    return ACTIONS[action].holds
