"""The body half of the model sheet: legs, torso, arms and hands, feet at the origin, facing right."""

from functools import cache

import numpy as np

from waldo.synth.drawing import INK_WIDTH, ellipse, mirror_x, polygon, stripe_bands
from waldo.synth.figure_templates import STRIPE_PERIODS, FigureKey, Material, PartList, PartListBuilder


def _shirt(builder: PartListBuilder, key: FigureKey, shapes: list[np.ndarray]) -> None:
    """A garment piece in the shirt colour, with the pattern's second colour cut into it."""
    builder.add(Material.SHIRT_A, shapes, "flat")
    if key.shirt == "hstripes":
        bands = [b for s in shapes for b in stripe_bands(s, -2.84, key.stripe_period, axis=1)]
        builder.add(Material.SHIRT_B, bands, "stripes")
    elif key.shirt == "vstripes":
        bands = [b for s in shapes for b in stripe_bands(s, -0.6, key.stripe_period * 0.8, axis=0)]
        builder.add(Material.SHIRT_B, bands, "stripes", stripe_axis=0)


@cache
def body_parts(key: FigureKey) -> PartList:
    """Legs, torso, arms and hands of a figure facing right, feet at the origin."""
    return _body_parts(body_key(key))


def body_key(key: FigureKey) -> FigureKey:
    """The styles a body depends on (a plain shirt has no stripe period): keys that draw the same
    body share one template, so a process builds fewer."""
    period = key.stripe_period if key.shirt != "plain" else STRIPE_PERIODS[0]
    return FigureKey(facing="side" if key.facing == "side" else "front", shirt=key.shirt, lower=key.lower,
                     arms=key.arms, stripe_period=period)


def _arms_and_hands(key: FigureKey) -> tuple[list[np.ndarray], list[np.ndarray]]:
    if key.facing == "side":
        return ([polygon((-0.07, -2.74), (0.09, -2.74), (0.16, -1.78), (0.0, -1.76))],
                [ellipse(0.09, -1.7, 0.075, 0.08, 10)])
    left_arm = polygon((-0.40, -2.72), (-0.27, -2.64), (-0.35, -1.74), (-0.50, -1.76))
    left_hand = ellipse(-0.43, -1.68, 0.075, 0.08, 10)
    if key.arms == "wave":
        return ([left_arm, polygon((0.28, -2.74), (0.42, -2.64), (0.64, -3.28), (0.51, -3.34))],
                [left_hand, ellipse(0.58, -3.4, 0.075, 0.08, 10)])
    if key.arms == "stick":
        return ([left_arm, polygon((0.28, -2.72), (0.41, -2.66), (0.58, -1.86), (0.45, -1.80))],
                [left_hand, ellipse(0.52, -1.76, 0.075, 0.08, 10)])
    return [left_arm, mirror_x(left_arm)], [left_hand, mirror_x(left_hand)]


@cache
def _body_parts(key: FigureKey) -> PartList:
    """Fills back to front, then every outline in one stroke: body parts meet edge to edge, so the
    few outline pieces that cross a nearer part read as seams, and a figure costs far fewer calls."""
    b = PartListBuilder()
    side = key.facing == "side"
    stride = 0.1 if side else 0.0
    b.add(Material.SHOES, [ellipse(-0.16 - stride + 0.04 * side, -0.06, 0.14, 0.075, 10),
                           ellipse(0.16 + stride + 0.04 * side, -0.06, 0.14, 0.075, 10)], "flat")
    outlines = []
    if key.lower == "trousers":
        lower = polygon((-0.27, -1.47), (0.27, -1.47), (0.25 + stride, -0.08), (0.07 + stride, -0.08),
                        (0.0, -1.0), (-0.07 - stride, -0.08), (-0.25 - stride, -0.08))
    else:
        hem = -0.95 if key.lower == "shorts" else -0.79
        leg_left = polygon((-0.25, hem), (-0.04, hem), (-0.07 - stride, -0.08), (-0.24 - stride, -0.08))
        legs = [leg_left, mirror_x(leg_left)]
        b.add(Material.LEGS, legs, "flat")
        outlines += legs
        lower = (polygon((-0.27, -1.47), (0.27, -1.47), (0.28, hem), (0.02, hem), (0.0, -1.15), (-0.02, hem),
                         (-0.28, hem)) if key.lower == "shorts"
                 else polygon((-0.27, -1.47), (0.27, -1.47), (0.44, hem), (-0.44, hem)))
    b.add(Material.LOWER, [lower], "flat")
    half = 0.3 if side else 0.4
    torso = polygon((-half + 0.1, -2.9), (half - 0.1, -2.9), (half, -2.72), (half - 0.04, -1.46),
                    (-half + 0.04, -1.46), (-half, -2.72))
    _shirt(b, key, [torso])
    arms, hands = _arms_and_hands(key)
    if key.arms == "stick":
        tip_x = 0.22 if side else 0.64
        b.add(Material.STICK, [polygon((tip_x - 0.12, -2.05), (tip_x, 0.0))], "line", 0.06)
    _shirt(b, key, arms)
    b.add(Material.SKIN, hands, "flat")
    b.add(Material.INK, outlines + [lower, torso] + arms + hands, "ring", INK_WIDTH)
    return b.build()
