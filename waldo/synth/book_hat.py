"""The knitted hat as the books draw it: a striped sock that stands up or falls over, a brim, a bobble.

The crown is built along a bent centre line, so that a hat whose tip falls over still has
stripes that run across it (as knitting does) rather than level across the picture. Stripes
are cut along that line; at small sizes there are fewer of them, each at least a pixel long,
because an illustrator drawing a head a dozen pixels tall draws two stripes, not five.
"""

import math
from dataclasses import dataclass

import numpy as np

from waldo.synth.book_head_style import BookHeadStyle
from waldo.synth.drawing import ellipse, polygon
from waldo.synth.figure_templates import Material

CROWN_SAMPLES = 24
MIN_BAND_PX = 2.0       # shortest stripe along the crown worth drawing, px (a pixel survives the trim below)
UNEVEN_BAND_PX = 3.0    # stripes are drawn uneven only when they are at least this long on average, px
BAND_BLEED_PX = 0.5     # what rasterisation adds to each end of a stripe, px: trimmed so gaps survive
NOMINAL_CROWN = 0.42    # crown height used to size heads whose hat is not a bobble hat, head units


@dataclass(frozen=True)
class HatShapes:
    """A hat in unscaled head units: what to fill with which material, and the ink to draw over it."""

    crown: np.ndarray | None
    bands: tuple[tuple[Material, np.ndarray], ...]
    brim: np.ndarray | None
    brim_material: Material
    bobble: np.ndarray | None
    bobble_material: Material
    top: float          # the highest point (most negative y) the head reaches, hat included


def _rotate(points: np.ndarray, pivot: tuple[float, float], angle: float) -> np.ndarray:
    """Points turned by `angle` radians about `pivot`; + leans what is above the pivot toward +x."""
    cos, sin = math.cos(angle), math.sin(angle)
    d = points - np.asarray(pivot)
    return np.stack([pivot[0] + d[:, 0] * cos - d[:, 1] * sin, pivot[1] + d[:, 0] * sin + d[:, 1] * cos], axis=1)


def _crown_line(style: BookHeadStyle, base: tuple[float, float], half_width: float
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Samples t, centre points, unit normals and half widths of the crown from brim (t=0) to tip (t=1)."""
    t = np.linspace(0.0, 1.0, CROWN_SAMPLES + 1)
    theta = style.hat_flop * style.hat_flop_side * t ** style.hat_flop_power
    direction = np.stack([np.sin(theta), -np.cos(theta)], axis=1)
    step = style.hat_length / CROWN_SAMPLES
    middle = (direction[1:] + direction[:-1]) / 2.0
    centre = np.asarray(base) + np.concatenate([np.zeros((1, 2)), np.cumsum(middle * step, axis=0)])
    normal = np.stack([np.cos(theta), np.sin(theta)], axis=1)
    tip = min(style.hat_tip_width, half_width)
    width = tip + (half_width - tip) * (1.0 - t) ** style.hat_taper
    return t, centre, normal, width


def _strip(t: np.ndarray, centre: np.ndarray, normal: np.ndarray, width: np.ndarray, t0: float, t1: float) -> np.ndarray:
    """The piece of the crown between t0 and t1: its left edge up, its right edge down."""
    inner = (t > t0) & (t < t1)
    ts = np.concatenate([[t0], t[inner], [t1]])
    c = np.stack([np.interp(ts, t, centre[:, 0]), np.interp(ts, t, centre[:, 1])], axis=1)
    n = np.stack([np.interp(ts, t, normal[:, 0]), np.interp(ts, t, normal[:, 1])], axis=1)
    w = np.interp(ts, t, width)[:, None]
    return np.concatenate([c - n * w, (c + n * w)[::-1]])


def _band_materials(style: BookHeadStyle, fitting: int) -> list[Material]:
    """Colour of each crown band from the brim up (at most `fitting`, at least one of each colour); the
    hat's first colour is the crown's own fill."""
    if style.hat_three_colours:
        cycle = (Material.HAT_B, Material.HAT_A, Material.SHIRT_B)
        return [cycle[i % 3] for i in range(max(3, min(2 * style.hat_bands + 1, fitting)))]
    second = max(1, style.hat_bands - int(style.brim_in_second_colour))
    starts_with_second = not style.brim_in_second_colour
    count = max(2, min(2 * second - 1 if starts_with_second else 2 * second, fitting))
    first = Material.HAT_B if starts_with_second else Material.HAT_A
    other = Material.HAT_A if starts_with_second else Material.HAT_B
    return [first if i % 2 == 0 else other for i in range(count)]


def _bands(style: BookHeadStyle, crown_line: tuple, crown_px: float) -> tuple[tuple[Material, np.ndarray], ...]:
    """The crown's stripes as (material, polygon), trimmed by what rasterisation adds back."""
    if not style.hat_striped:
        return ()
    materials = _band_materials(style, int(crown_px / MIN_BAND_PX))
    uneven = style.hat_band_widths and crown_px >= UNEVEN_BAND_PX * len(materials)
    widths = np.array([style.hat_band_widths[i % len(style.hat_band_widths)] if uneven else 1.0
                       for i in range(len(materials))])
    edges = np.concatenate([[0.0], np.cumsum(widths) / widths.sum()])
    trim = BAND_BLEED_PX / max(crown_px, 1e-6)
    bands = []
    for material, t0, t1 in zip(materials, edges[:-1], edges[1:]):
        if material == Material.HAT_A:
            continue
        lo, hi = t0 + trim, min(t1 - trim, 1.0)
        if hi > lo:
            bands.append((material, _strip(*crown_line, lo, hi)))
    return tuple(bands)


def hat_shapes(style: BookHeadStyle, brim_x: float, face_rx: float, head_px: float) -> HatShapes:
    """The hat (or, for no hat, only where the head's top would be) for a head drawn `head_px` tall."""
    brim_top = style.brim_y - style.brim_height / 2.0
    if style.hat == "none":
        return HatShapes(None, (), None, Material.HAT_A, None, Material.HAT_B, brim_top - NOMINAL_CROWN)
    half = face_rx + style.brim_overhang
    pivot = (brim_x, style.brim_y)
    line = _crown_line(style, (brim_x, brim_top + 0.01), half * 0.96)
    t, centre, normal, width = line
    crown = _strip(t, centre, normal, width, 0.0, 1.0)
    bobble = None
    if style.bobble_radius > 0.0:
        tip_direction = np.array([normal[-1, 1], -normal[-1, 0]])
        bobble_centre = centre[-1] + tip_direction * style.bobble_radius * 0.6
        bobble = ellipse(float(bobble_centre[0]), float(bobble_centre[1]), style.bobble_radius, style.bobble_radius, 12)
    bottom = style.brim_y + style.brim_height / 2.0
    sag = 0.015
    brim = polygon((brim_x - half, brim_top + 0.005), (brim_x, brim_top - sag * 0.5), (brim_x + half, brim_top + 0.005),
                   (brim_x + half + 0.01, bottom - 0.01), (brim_x, bottom + sag), (brim_x - half - 0.01, bottom - 0.01))
    shapes = [crown, brim] + ([bobble] if bobble is not None else [])
    top = min(float(_rotate(s, pivot, style.hat_tilt)[:, 1].min()) for s in shapes)
    if style.hat != "bobble":  # a tall pointed hat reaches above the head's height, as a top hat does
        top = brim_top - NOMINAL_CROWN
    scale = 1.0 / -top
    crown_px = style.hat_length * scale * head_px
    bands = tuple((m, _rotate(b, pivot, style.hat_tilt)) for m, b in _bands(style, line, crown_px))
    return HatShapes(
        crown=_rotate(crown, pivot, style.hat_tilt),
        bands=bands,
        brim=_rotate(brim, pivot, style.hat_tilt),
        brim_material=Material.HAT_B if style.brim_in_second_colour else Material.HAT_A,
        bobble=_rotate(bobble, pivot, style.hat_tilt) if bobble is not None else None,
        bobble_material=Material.HAT_B if style.bobble_in_second_colour else Material.HAT_A,
        top=top,
    )
