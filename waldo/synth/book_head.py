"""A book-style head from its drawing choices: long face, thick round glasses, side hair, the hat.

Unlike the crowd's heads (one cached template per combination of styles), each of these is
built for one figure at one size: the choices are continuous, and the smallest details are
drawn no thinner than a pixel so that at 12-16 px the glasses still read as two dark rings.
The head is scaled so that it measures one head unit from its top to its chin; the parts are
in head units, chin at the origin, facing right, as head_template.py draws the crowd's.
"""

import math
from dataclasses import replace
from functools import cache

import numpy as np

from waldo.synth.book_hat import HatShapes, hat_shapes
from waldo.synth.book_head_style import BookHeadStyle
from waldo.synth.drawing import ellipse, polygon
from waldo.synth.figure_templates import Material, OwnHead, PartList, PartListBuilder, closed_path

DETAIL_MIN_PX = 28.0    # heads at least this tall get eyes, a nose, an open grin and outlined hair, brim and bobble, px
RIM_MIN_PX = 1.3        # glasses rims are never drawn thinner than this, px
LENS_MIN_PX = 1.9       # nor lenses smaller than this radius, px: small heads get big glasses, as cartoonists draw them
LENS_GAP_MIN_PX = 1.0   # and the lenses stay at least this far apart, px
FEATURE_LINE = 0.6      # nose, grin and chin lines are this fraction of the outline's width: drawn lighter
HOLE_MIN_PX = 0.35      # a lens whose clear middle would be narrower than this is drawn solid, px
FILL_GROWTH_PX = 0.5    # how far a filled shape spreads past its outline when rasterised, px: taken off the
                        # lenses and their clear middles, so that they are drawn the size they are meant to be


class _Sketch:
    """Collects parts in drawing order, scaling shapes from unscaled to final head units as they come,
    and leaving out the fine details (eyes, nose, outlines of small shapes) of heads too small for them."""

    def __init__(self, scale: float, detailed: bool) -> None:
        self.scale, self.detailed = scale, detailed
        self.builder = PartListBuilder()

    def add(self, material: Material, shapes: list[np.ndarray], style: str = "flat", width: float = 0.0,
            detail: bool = False) -> None:
        if self.detailed or not detail:
            self.builder.add(material, [s * self.scale for s in shapes], style, width)


def _face_outline(style: BookHeadStyle, cx: float, steps: int = 28, start: float = 0.0, end: float = 360.0) -> np.ndarray:
    """A long face narrowing toward the chin (which sits at y = 0)."""
    angles = np.radians(np.linspace(start, end, steps, endpoint=end - start < 360.0))
    sin = np.sin(angles)
    taper = 1.0 - style.chin_taper * np.maximum(sin, 0.0) ** 2
    return np.stack([cx + style.face_rx * np.cos(angles) * taper, -style.face_ry + style.face_ry * sin], axis=1)


def _face_edge_x(style: BookHeadStyle, cx: float, y: float) -> float:
    """Where the front edge of the face is at height y."""
    sin = min(max((y + style.face_ry) / style.face_ry, -1.0), 1.0)
    return cx + style.face_rx * math.sqrt(1.0 - sin * sin) * (1.0 - style.chin_taper * max(sin, 0.0) ** 2)


def _side_hair(style: BookHeadStyle, cx: float, side: float, spread: float, top: float) -> np.ndarray:
    """Hair hanging from under the hat on one side (-1 back, +1 front), over where the ear is."""
    edge = cx + side * style.face_rx
    outer = edge + side * style.hair_width * spread
    inner = edge - side * 0.035
    bottom = style.hair_bottom
    points = [(inner, top), (outer, top), (outer + side * 0.01, bottom + 0.05)]
    tufts = max(1, style.hair_tufts)
    for i in range(tufts):
        f = (i + 0.5) / tufts
        points.append((outer + (inner - outer) * f, bottom + (0.0 if i % 2 == 0 else 0.03)))
    points.append((inner, bottom + 0.06))
    return polygon(*points)


def _hair(sketch: _Sketch, style: BookHeadStyle, cx: float, behind: bool) -> None:
    """Hair behind the face (long hair, the back of the head in turned views) or over its sides."""
    turn = style.turn
    top = style.brim_y + style.brim_height / 2.0 - 0.03
    shapes: list[np.ndarray] = []
    if behind:
        if style.hair == "long":
            back, front = cx - style.face_rx - 0.07 - 0.06 * turn, cx + style.face_rx + 0.07 - 0.22 * turn
            shapes.append(polygon((back, top), (front, top), (front + 0.01, 0.02), (front - 0.04, 0.1),
                                  ((back + front) / 2, 0.12), (back + 0.03, 0.1), (back - 0.01, 0.02)))
        if turn > 0.3 and style.hair != "bald":
            shapes.append(ellipse(cx - style.face_rx * 0.55, top + 0.08, 0.1 + 0.1 * turn, 0.13, 14))
    else:
        if style.hair in ("sides", "short"):
            shapes.append(_side_hair(style, cx, -1.0, 1.0 + 0.8 * turn, top))
            if turn < 0.6:
                shapes.append(_side_hair(style, cx, 1.0, 1.0 - turn, top))
        if style.hair in ("short", "long") and style.hat == "none":
            shapes.append(ellipse(cx - 0.03 * turn, top + 0.03, style.face_rx + 0.035, 0.19, 16, 180, 360))
    if shapes:
        sketch.add(Material.HAIR, shapes)
        sketch.add(Material.INK, [closed_path(s) for s in shapes], "line", style.ink_width, detail=True)


def _eye_line(style: BookHeadStyle, unit_px: float) -> float:
    """Height of the middle of the glasses: just under the brim, where the books put them, and low
    enough that a tilted brim (and a pixel of rasterisation) leaves their rims whole."""
    tilted_brim = abs(math.sin(style.hat_tilt)) * (style.face_rx + style.brim_overhang)
    return style.brim_y + style.brim_height / 2.0 + style.lens_radius + 0.02 + tilted_brim + 1.0 / unit_px + style.lens_drop


def _lenses(style: BookHeadStyle, cx: float, unit_px: float) -> tuple[float, list[tuple[float, float]]]:
    """Eye line and (centre x, half width) of each lens, far lens first. The lenses narrow as the head
    turns, the far one more, and they never touch (at least LENS_GAP_MIN_PX apart), so that even a
    small head shows two circles rather than one dark bar."""
    eye_y = _eye_line(style, unit_px)
    near_rx = style.lens_radius * (1.0 - 0.3 * style.turn)
    far_rx = style.lens_radius * (1.0 - 0.5 * style.turn)
    gap = max(style.lens_gap * (1.0 - 0.35 * style.turn), LENS_GAP_MIN_PX / unit_px)
    left = cx + 0.12 * math.sin(style.view_angle) - (2.0 * near_rx + gap + 2.0 * far_rx) / 2.0
    return eye_y, [(left + 2.0 * near_rx + gap + far_rx, far_rx), (left + near_rx, near_rx)]


def _glasses(sketch: _Sketch, style: BookHeadStyle, cx: float, head_px: float) -> tuple[float, float]:
    """Round glasses with thick rims and clear lenses (or dark ones), the bridge, the eyes; returns the
    point between the lenses, where the face's middle is."""
    unit_px = head_px * sketch.scale
    eye_y, lenses = _lenses(style, cx, unit_px)
    r = style.lens_radius
    centre = ((lenses[0][0] + lenses[1][0]) / 2.0, eye_y + 0.02)
    if style.glasses == "none":
        eyes = [ellipse(x + 0.03 * style.turn * r, eye_y, 0.025, 0.03, 8) for x, _ in lenses]
        sketch.add(Material.INK, eyes[1:] if style.turn > 0.8 else eyes, detail=True)
        return centre
    rim = max(style.rim_width, RIM_MIN_PX / head_px) / sketch.scale
    lens_ry = r if style.glasses == "round" else r * 0.8
    grow = FILL_GROWTH_PX / unit_px
    for x, rx in lenses:
        sketch.add(Material.INK, [ellipse(x, eye_y, rx - grow, lens_ry - grow, 16)])
        hole_rx, hole_ry = rx - rim - grow, lens_ry - rim - grow
        if style.glasses == "round" and min(hole_rx, hole_ry) * unit_px > HOLE_MIN_PX:
            sketch.add(Material.SKIN, [ellipse(x, eye_y, hole_rx, hole_ry, 16)])
            if hole_rx > 0.03:
                sketch.add(Material.INK, [ellipse(x + 0.25 * style.turn * hole_rx, eye_y + 0.1 * r, 0.022, 0.027, 8)],
                           detail=True)
    (far_x, far_rx), (near_x, near_rx) = lenses
    bridge_y = eye_y - 0.25 * r
    bridge = polygon((near_x + near_rx * 0.9, bridge_y), ((near_x + far_x) / 2, bridge_y - 0.012),
                     (far_x - far_rx * 0.9, bridge_y))
    arm_y = eye_y - 0.2 * r
    back_edge = cx - style.face_rx - 0.02 - 0.04 * style.turn
    arms = [polygon((near_x - near_rx, arm_y), (back_edge, arm_y + 0.015))]
    if style.turn < 0.3:
        arms.append(polygon((far_x + far_rx, arm_y), (cx + style.face_rx + 0.02, arm_y + 0.015)))
    sketch.add(Material.INK, [bridge], "line", style.ink_width)
    sketch.add(Material.INK, arms, "line", style.ink_width * FEATURE_LINE, detail=True)
    return centre


def _nose(sketch: _Sketch, style: BookHeadStyle, cx: float, nose_y: float) -> None:
    """A small nose: a hook on the face seen from the front, a bump on the outline in profile."""
    if style.turn >= 0.7:
        base = _face_edge_x(style, cx, nose_y)
        tip = polygon((base - 0.02, nose_y - 0.05), (base + style.nose_size * 1.8, nose_y + 0.02),
                      (_face_edge_x(style, cx, nose_y + 0.05) - 0.02, nose_y + 0.05))
        sketch.add(Material.SKIN, [tip])
        sketch.add(Material.INK, [tip[:3]], "line", style.ink_width)
        return
    x = cx + 0.14 * math.sin(style.view_angle)
    start, end = (20.0, 160.0) if style.turn < 0.3 else (-70.0, 110.0)
    sketch.add(Material.INK, [ellipse(x, nose_y, style.nose_size, style.nose_size * 0.8, 7, start, end)], "line",
               style.ink_width * FEATURE_LINE, detail=True)


def _grin(sketch: _Sketch, style: BookHeadStyle, cx: float) -> None:
    """A wide grin (open at large sizes when the style says so), its corners, and a line for the chin."""
    x = cx + 0.13 * math.sin(style.view_angle)
    half = style.grin_width * style.face_rx * (1.0 - 0.35 * style.turn)
    u = np.linspace(-1.0, 1.0, 9)
    smile = np.stack([x + u * half, style.grin_y + style.grin_depth * (1.0 - u ** 2)], axis=1)
    if style.grin_open:
        lower = np.stack([x + u * half, style.grin_y + style.grin_depth * 1.6 * (1.0 - u ** 2)], axis=1)
        sketch.add(Material.INK, [np.concatenate([smile, lower[::-1]])], detail=True)
    sketch.add(Material.INK, [smile], "line", style.ink_width * FEATURE_LINE)
    corners = [polygon((x + side * half * 0.95, style.grin_y - 0.02), (x + side * half * 1.06, style.grin_y + 0.012))
               for side in (-1.0, 1.0)]
    extras = corners + ([ellipse(x * 0.8, -0.055, 0.045, 0.012, 6, 30, 150)] if style.chin_line else [])
    sketch.add(Material.INK, extras, "line", style.ink_width * FEATURE_LINE, detail=True)


def _whiskers(sketch: _Sketch, style: BookHeadStyle, cx: float, eye_y: float) -> None:
    """A long beard (the wizard) and a moustache (the villain, the wizard), in the hair colour."""
    x = cx + 0.13 * math.sin(style.view_angle)
    shapes = []
    if style.beard:
        rx = style.face_rx
        shapes.append(polygon((cx - rx * 0.97, eye_y + 0.06), (cx - rx * 0.85, -0.08), (x - 0.08, 0.3), (x, 0.55),
                              (x + 0.08, 0.3), (cx + rx * 0.85 - 0.1 * style.turn, -0.08), (cx + rx * 0.97, eye_y + 0.06),
                              (x, style.grin_y - 0.02)))
    if style.moustache:
        shapes += [ellipse(x + side * 0.05, style.grin_y - 0.035, 0.06, 0.025, 10) for side in (-1.0, 1.0)]
    if shapes:
        sketch.add(Material.HAIR, shapes)
        sketch.add(Material.INK, [closed_path(s) for s in shapes], "line", style.ink_width, detail=True)


def _hat(sketch: _Sketch, style: BookHeadStyle, hat: HatShapes) -> None:
    """Crown, stripes, brim and bobble; small heads keep only the crown's outline, or the ink would hide the stripes."""
    if hat.crown is None:
        return
    sketch.add(Material.HAT_A, [hat.crown])
    for material, band in hat.bands:
        sketch.add(material, [band])
    sketch.add(Material.INK, [closed_path(hat.crown)], "line", style.ink_width)
    sketch.add(hat.brim_material, [hat.brim])
    details = [closed_path(hat.brim)]
    if hat.bobble is not None:
        sketch.add(hat.bobble_material, [hat.bobble])
        details.append(closed_path(hat.bobble))
    sketch.add(Material.INK, details, "line", style.ink_width, detail=True)


def book_head(style: BookHeadStyle, head_px: float) -> OwnHead:
    """The head `style` describes, for drawing `head_px` tall (small sizes get fewer, thicker details)."""
    cx = 0.05 * style.turn
    hat = hat_shapes(style, cx - 0.03 * style.turn, style.face_rx, head_px)
    sketch = _Sketch(1.0 / -hat.top, head_px >= DETAIL_MIN_PX)
    style = replace(style, lens_radius=max(style.lens_radius, LENS_MIN_PX / (head_px * sketch.scale)))
    _hair(sketch, style, cx, behind=True)
    sketch.add(Material.SKIN, [_face_outline(style, cx)])
    bare_top = style.hat == "none" and style.hair == "bald"
    outline = closed_path(_face_outline(style, cx)) if bare_top else _face_outline(style, cx, 20, -30.0, 210.0)
    sketch.add(Material.INK, [outline], "line", style.ink_width)
    _hair(sketch, style, cx, behind=False)
    eye_y = _eye_line(style, head_px * sketch.scale)
    face = _glasses(sketch, style, cx, head_px)
    _nose(sketch, style, cx, eye_y + style.lens_radius * 0.9)
    _grin(sketch, style, cx)
    _whiskers(sketch, style, cx, eye_y)
    _hat(sketch, style, hat)
    return OwnHead(sketch.builder.build(), (face[0] * sketch.scale, face[1] * sketch.scale))


@cache
def jumper_collar(second_colour: bool) -> PartList:
    """A round collar under the chin, in the jumper's first or second colour (body frame, chin at the origin)."""
    b = PartListBuilder()
    collar = np.concatenate([ellipse(0.0, -0.02, 0.17, 0.085, 10, 0, 180), ellipse(0.0, -0.02, 0.12, 0.04, 8, 180, 0)])
    b.add(Material.SHIRT_B if second_colour else Material.SHIRT_A, [collar], "filled", size="large")
    return b.build()
