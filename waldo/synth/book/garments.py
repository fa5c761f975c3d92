"""What a cut draws over the body: the torso's garment and its details, skirts and coat tails, capes,
and the garment patterns (stripes, a front panel, a yoke) in the second colour.

Details the books draw on clothes (belts, collars, buttons, folds, hatching) are small and
only drawn once a figure is big enough to show them (the `detail` of each shape).
"""

import numpy as np

from waldo.synth.book.body_frame import BodyFrame
from waldo.synth.book.costumes import Cut
from waldo.synth.book.materials import Slot
from waldo.synth.book.program import ProgramBuilder
from waldo.synth.drawing import ellipse

PATTERNS = ("plain", "stripes", "panel", "yoke")


def _point_along(points: list[np.ndarray], fraction: float) -> np.ndarray:
    """The point `fraction` of the way along a polyline."""
    lengths = [float(np.hypot(*(b - a))) for a, b in zip(points, points[1:])]
    target = fraction * sum(lengths)
    for a, b, length in zip(points, points[1:], lengths):
        if target <= length or length == 0:
            return a + (b - a) * (target / length if length else 0.0)
        target -= length
    return points[-1]


def _shade_side(frame: BodyFrame) -> float:
    """The side of the torso away from the light (the light comes from the side the figure faces)."""
    return -1.0 if frame.facing >= 0 else 1.0


def _torso_side(frame: BodyFrame, t: float, side: float, inset: float = 1.0) -> np.ndarray:
    """The point `t` of the way down the torso's `side` edge (-1 or +1 along its normal), `inset` of the way out."""
    n, neck, pelvis = frame.normal, frame.xy["neck_base"], frame.xy["pelvis"]
    return (neck + n * side * frame.shoulder_w * inset) * (1 - t) + (pelvis + n * side * frame.hip_w * inset) * t


def cape(b: ProgramBuilder, frame: BodyFrame) -> None:
    """A cape hanging behind the body from the shoulders to below the knees."""
    xy, n = frame.xy, frame.normal
    neck = xy["neck_base"]
    bottom = max(float(xy["knee0"][1]), float(xy["knee1"][1])) + 0.2
    back = -0.25 * frame.facing
    b.shape(np.stack([neck + n * frame.shoulder_w, neck - n * frame.shoulder_w,
                      np.array([neck[0] - frame.shoulder_w - 0.3 + back, bottom]),
                      np.array([neck[0] + frame.shoulder_w + 0.3 + back, bottom])]), Slot.CLOTH)


def skirt(b: ProgramBuilder, frame: BodyFrame, cut: Cut) -> None:
    """A skirt, tunic or coat tail from the waist to `cut.hem` of the way down the legs, flaring out."""
    xy, outline = frame.xy, frame.torso_outline()
    hems = sorted((_point_along([xy[f"hip{i}"], xy[f"knee{i}"], xy[f"ankle{i}"]], cut.hem) for i in (0, 1)),
                  key=lambda h: float(h[0]))
    waist_left, waist_right = sorted([outline[5], outline[4]], key=lambda q: float(q[0]))
    lift = -frame.up * 0.08
    bottom_left = hems[0] + np.array([-cut.flare - 0.12, 0.0])
    bottom_right = hems[1] + np.array([cut.flare + 0.12, 0.0])
    middle = (bottom_left + bottom_right) / 2 + np.array([0.0, 0.05])
    b.shape(np.stack([waist_left - lift, waist_right - lift, bottom_right, middle, bottom_left]), Slot.MAIN)
    if cut.hem > 0.5:
        b.line(np.stack([(waist_left + waist_right) / 2 + np.array([0.05, 0.3]), middle - np.array([0.1, 0.15])]),
               Slot.INK, 0.0, detail=16)


def torso_fill(b: ProgramBuilder, frame: BodyFrame, cut: Cut) -> None:
    """The torso's colour and its shaded side (MAIN_SHADE: the garment's own colour on unshaded figures)."""
    n, neck, pelvis, outline = frame.normal, frame.xy["neck_base"], frame.xy["pelvis"], frame.torso_outline()
    b.shape(outline, Slot.SKIN if cut.bare_chest else Slot.MAIN, outlined=False)
    if not cut.bare_chest:
        side = _shade_side(frame)
        b.shape(np.stack([neck + n * side * frame.shoulder_w * 0.45, outline[2 if side > 0 else 7],
                          pelvis + n * side * frame.hip_w, pelvis + n * side * frame.hip_w * 0.35]), Slot.MAIN_SHADE, outlined=False)


def pattern(b: ProgramBuilder, frame: BodyFrame, name: str) -> None:
    """A garment's pattern in its second colour: bands across (stripes), a front panel or a yoke."""
    n, neck, pelvis = frame.normal, frame.xy["neck_base"], frame.xy["pelvis"]

    def across(t: float, side: float) -> np.ndarray:
        return _torso_side(frame, t, side, 0.97)

    if name == "panel":
        if not frame.back_view:
            centre = 0.12 * frame.facing
            b.shape(np.stack([neck + n * (centre + 0.1), neck + n * (centre - 0.1), pelvis + n * (centre - 0.12),
                              pelvis + n * (centre + 0.12)]), Slot.SECOND, outlined=False)
        return
    bands = [(0.1 + 0.2 * k, 0.2 + 0.2 * k) for k in range(4)] if name == "stripes" else [(0.02, 0.3)]
    for t0, t1 in bands:
        b.shape(np.stack([across(t0, -1), across(t0, 1), across(t1, 1), across(t1, -1)]), Slot.SECOND, outlined=False)


def torso_details(b: ProgramBuilder, frame: BodyFrame, cut: Cut) -> None:
    """Everything drawn on the torso after its colour (and pattern): vest, hide, trunks, the outline,
    armour plates, straps, apron, belt, collar, buttons, hatching and a fold."""
    n, u, neck, pelvis = frame.normal, frame.up, frame.xy["neck_base"], frame.xy["pelvis"]
    outline, side, front = frame.torso_outline(), _shade_side(frame), not frame.back_view
    if cut.open_vest and front:
        b.shape(np.stack([neck + n * 0.08, neck + n * 0.16 * (1 - abs(frame.facing)) + u * -0.9, pelvis + n * 0.05 + u * 0.1,
                          pelvis - n * 0.05 + u * 0.1, neck - n * 0.08]), Slot.SECOND, outlined=False)
    if cut.fur:
        b.shape(np.stack([outline[1], outline[2], outline[3], outline[4], outline[5], pelvis - n * 0.05 + u * 0.5]), Slot.MAIN)
    if cut.trunks:
        b.shape(np.stack([pelvis + n * frame.hip_w + u * 0.15, pelvis - n * frame.hip_w + u * 0.15, outline[5],
                          pelvis - u * 0.1, outline[4]]), Slot.MAIN)
    b.line(outline, Slot.INK, 0.0, closed=True)
    if cut.armour:
        for share in (0.35, 0.65):
            middle = neck * (1 - share) + pelvis * share
            b.line(np.stack([middle - n * frame.hip_w * 0.95, middle + n * frame.hip_w * 0.95]), Slot.INK, 0.0, detail=12)
        for i in (0, 1):
            shoulder = frame.xy[f"shoulder{i}"]
            b.shape(ellipse(shoulder[0], shoulder[1] + 0.05, 0.2, 0.15, 8), Slot.METAL)
        b.line(np.stack([neck + n * 0.12 * -side + u * -0.2, neck + n * 0.2 * -side + u * -0.7]), Slot.WHITE, 0.05, detail=16)
    if cut.strap and front:
        b.line(np.stack([outline[2] + u * -0.04, (outline[6] + outline[5]) * 0.5]), Slot.WHITE, 0.08, detail=12)
    if cut.apron and front:
        b.shape(np.stack([neck + u * -0.35 + n * 0.2, neck + u * -0.35 - n * 0.2, pelvis - n * 0.28 + u * -0.6,
                          pelvis + n * 0.28 + u * -0.6]), Slot.WHITE)
    if cut.belt:
        waist = pelvis + u * 0.12
        b.line(np.stack([waist - n * frame.hip_w * 1.02, waist + n * frame.hip_w * 1.02]), Slot.TRIM, 0.09, detail=8)
    if cut.collar and front:
        centre = neck + n * 0.12 * frame.facing
        b.shape(np.stack([centre - n * 0.22, centre + n * 0.22, centre - u * 0.24]), Slot.TRIM, detail=10)
    if cut.buttons and front:
        for share in (0.3, 0.5, 0.7):
            b.dot(tuple(neck * (1 - share) + pelvis * share + n * 0.14 * frame.facing), 0.035, Slot.INK, outlined=False, detail=14)
    if not cut.bare_chest:
        for t in (0.2, 0.38, 0.56, 0.74):
            start = _torso_side(frame, t, side, 0.95)
            b.line(np.stack([start, start - n * side * 0.18 + u * 0.1]), Slot.HATCH, 0.0, detail=14)
    if not cut.bare_chest and not cut.armour:
        fold = _torso_side(frame, 0.5, side, 0.55)
        b.line(np.stack([fold - u * 0.12, fold + u * 0.1 - n * side * 0.06]), Slot.INK, 0.0, detail=18)
