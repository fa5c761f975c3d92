"""The head half of the model sheet: hair, face, features and hats, chin at the origin, facing right."""

from functools import cache

import numpy as np

from waldo.synth.drawing import INK_WIDTH, ellipse, polygon, rect, stripe_bands
from waldo.synth.figure_templates import FACE_TURN, FigureKey, Material, PartList, PartListBuilder, closed_path

KNITTED_HATS = ("bobble", "beanie")


def _hair_back(style: str, turn: float) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The hair seen behind and around the face: its shapes, and the parts of its outline the face leaves visible."""
    shift = -0.03 * turn
    if style == "bald":
        return [], []
    if style == "long":
        top = ellipse(shift, -0.45, 0.31, 0.33, 12, 180, 360)
        left, right = polygon((-0.31 + shift, -0.02)), polygon((0.31 + shift, -0.02))
        return [np.concatenate([top, right, left])], [np.concatenate([left, top, right])]
    if style == "curly":
        return [ellipse(shift, -0.5, 0.36, 0.38, 18)], [ellipse(shift, -0.5, 0.36, 0.38, 14, 140, 400)]
    shapes = [ellipse(shift, -0.45, 0.28, 0.32, 16)]
    paths = [ellipse(shift, -0.45, 0.28, 0.32, 14, 150, 390)]
    if style == "bun":
        bun = ellipse(shift - 0.05 * turn, -0.82, 0.11, 0.1, 10)
        shapes.append(bun)
        paths.append(closed_path(bun))
    return shapes, paths


def _hat(b: PartListBuilder, key: FigureKey, turn: float) -> None:
    """Hats sit over the hair; the bobble hat is the one that, in red and white, marks Waldo."""
    lean = -0.06 * turn
    if key.hat in KNITTED_HATS:
        dome = polygon((-0.30, -0.54), (-0.29 + lean * 0.3, -0.66), (-0.24 + lean * 0.6, -0.77), (-0.14 + lean, -0.85),
                       (lean, -0.88), (0.14 + lean, -0.85), (0.24 + lean * 0.6, -0.77), (0.29 + lean * 0.3, -0.66),
                       (0.30, -0.54))
        brim = polygon((-0.31, -0.6), (0.31, -0.6), (0.32, -0.51), (0.0, -0.49), (-0.32, -0.51))
        b.add(Material.HAT_A, [dome], "flat")
        if key.hat_striped:
            b.add(Material.HAT_B, stripe_bands(dome, -0.8, 0.1, axis=1), "stripes", size="large")
            b.add(Material.HAT_B, stripe_bands(dome, -0.77, 0.15, axis=1), "stripes", size="small")
        b.add(Material.HAT_B, [brim], "flat")
        outlines = [dome, closed_path(brim)]
        if key.hat == "bobble":
            pompom = ellipse(lean * 1.4, -0.905, 0.095, 0.095, 12)
            b.add(Material.HAT_B, [pompom], "flat")
            outlines.append(closed_path(pompom))
        b.add(Material.INK, outlines, "line", INK_WIDTH)
    elif key.hat == "cap":
        b.add(Material.HAT_A, [ellipse(0.0, -0.55, 0.28, 0.25, 12, 180, 360)])
        visor = (polygon((0.18, -0.6), (0.5, -0.57), (0.5, -0.52), (0.18, -0.52)) if key.facing == "side"
                 else ellipse(0.02 * turn, -0.55, 0.3, 0.07, 12, 0, 180))
        b.add(Material.HAT_A, [visor])
    elif key.hat == "tophat":
        b.add(Material.HAT_A, [rect(-0.2, -1.02, 0.2, -0.6)])
        b.add(Material.HAT_B, [rect(-0.2, -0.7, 0.2, -0.6)], "flat")
        b.add(Material.HAT_A, [ellipse(0.0, -0.58, 0.34, 0.06, 14)])
    elif key.hat == "sunhat":
        b.add(Material.HAT_A, [ellipse(0.0, -0.57, 0.47, 0.09, 16)])
        b.add(Material.HAT_A, [ellipse(0.0, -0.6, 0.24, 0.22, 12, 180, 360)])
        b.add(Material.HAT_B, [rect(-0.24, -0.66, 0.24, -0.6)], "flat")


def _eyes_x(turn: float, face_cx: float) -> list[float]:
    """Where the eyes sit: both for front and three-quarter views, only the near one in profile."""
    if turn > 0.8:
        return [face_cx + 0.13]
    spacing = 0.095 * (1.0 - 0.4 * turn)
    centre = face_cx + 0.09 * turn
    return [centre - spacing, centre + spacing]


def _face_details(b: PartListBuilder, key: FigureKey, turn: float, face_cx: float, face_rx: float) -> None:
    """Eyes, glasses, nose and mouth; small details are skipped for tiny heads."""
    eyes = _eyes_x(turn, face_cx)
    eye_y = -0.37
    if key.glasses == "round":
        rims = [ellipse(x, eye_y, 0.085, 0.085, 14) for x in eyes]
        b.add(Material.LENS, rims, "flat")
    b.add(Material.INK, [ellipse(x, eye_y + 0.005, 0.03, 0.037, 8) for x in eyes], "flat")
    if key.glasses == "round":
        b.add(Material.INK, rims, "ring", INK_WIDTH)
        joins = ([polygon((eyes[0] + 0.085, eye_y - 0.01), (eyes[1] - 0.085, eye_y - 0.01))] if len(eyes) == 2
                 else [polygon((eyes[0] - 0.085, eye_y), (face_cx - face_rx * 0.7, eye_y - 0.02))])
        b.add(Material.INK, joins, "line", INK_WIDTH)
    elif key.glasses == "dark":
        b.add(Material.INK, [ellipse(x, eye_y, 0.09, 0.065, 10) for x in eyes], "flat")
        if len(eyes) == 2:
            b.add(Material.INK, [polygon((eyes[0], eye_y - 0.02), (eyes[1], eye_y - 0.02))], "line", INK_WIDTH)
    if key.facing == "side":
        tip = face_cx + face_rx
        b.add(Material.SKIN, [polygon((tip - 0.03, -0.33), (tip + 0.07, -0.24), (tip - 0.02, -0.21))], size="large")
    else:
        nose_x = face_cx + 0.12 * turn
        b.add(Material.INK, [ellipse(nose_x, -0.27, 0.035, 0.03, 6, 200, 340)], "line", INK_WIDTH, size="large")
    mouth_x = face_cx + 0.11 * turn
    b.add(Material.INK, [ellipse(mouth_x, -0.16, 0.085 * (1 - 0.35 * turn), 0.045, 7, 20, 160)], "line", INK_WIDTH,
          size="large")


@cache
def head_parts(key: FigureKey) -> PartList:
    """Hair, face, features and hat of a head facing right, chin at the origin."""
    return _head_parts(head_key(key))


def head_key(key: FigureKey) -> FigureKey:
    """The styles a head depends on (only knitted hats have stripes): keys that draw the same head
    share one template."""
    return FigureKey(facing=key.facing, hair=key.hair, hat=key.hat,
                     hat_striped=key.hat_striped and key.hat in KNITTED_HATS, glasses=key.glasses)


@cache
def _head_parts(key: FigureKey) -> PartList:
    b = PartListBuilder()
    turn = FACE_TURN[key.facing]
    face_cx = 0.06 * turn
    face_rx = 0.25 - 0.03 * turn
    hair_shapes, outlines = _hair_back(key.hair, turn)
    b.add(Material.HAIR, hair_shapes, "flat")
    if key.facing == "front":
        ears = [ellipse(-0.25, -0.38, 0.05, 0.08, 8), ellipse(0.25, -0.38, 0.05, 0.08, 8)]
        ear_outlines = [ellipse(-0.25, -0.38, 0.05, 0.08, 6, 90, 270), ellipse(0.25, -0.38, 0.05, 0.08, 6, -90, 90)]
    elif key.facing != "back":
        ears = [ellipse(face_cx - 0.26 * turn, -0.38, 0.05, 0.08, 8)]
        ear_outlines = [ellipse(face_cx - 0.26 * turn, -0.38, 0.05, 0.08, 6, 90, 270)]
    else:
        ears, ear_outlines = [], []
    b.add(Material.SKIN, ears, "flat", size="large")
    b.add(Material.INK, ear_outlines, "line", INK_WIDTH, size="large")
    face = ellipse(face_cx, -0.35, face_rx, 0.35, 20)
    b.add(Material.SKIN, [face], "flat")
    if key.facing == "back":
        cover = [ellipse(0.0, -0.45, 0.27, 0.3, 16)] if key.hair != "bald" else []
        b.add(Material.HAIR, cover, "flat")
        outlines += [closed_path(c) for c in cover] + [ellipse(face_cx, -0.35, face_rx, 0.35, 8, 35, 145)]
        b.add(Material.INK, outlines, "line", INK_WIDTH)
    else:
        if key.hair == "bald":
            above = []
        elif key.hat == "none":
            above = [ellipse(face_cx - 0.04 * turn, -0.5, 0.3 if key.hair == "curly" else 0.265, 0.22, 12, 180, 360)]
        else:
            above = [ellipse(face_cx - face_rx + 0.02, -0.52, 0.07, 0.09, 8)]
            if turn < 0.8:
                above.append(ellipse(face_cx + face_rx - 0.02, -0.52, 0.07, 0.09, 8))
        b.add(Material.HAIR, above, "flat")
        bare_top = key.hair == "bald" and key.hat == "none"
        outlines.append(closed_path(face) if bare_top else ellipse(face_cx, -0.35, face_rx, 0.35, 16, -25, 205))
        b.add(Material.INK, outlines + [closed_path(a) for a in above], "line", INK_WIDTH)
        _face_details(b, key, turn, face_cx, face_rx)
    _hat(b, key, turn)
    return b.build()
