"""Placing and painting one cartoon person: a FigureKey's parts, a palette, a position.

A body and a head are drawn by separate calls so that the scene can paint Waldo's head
on its own (to know exactly which pixels are his head) while everyone else is drawn
in one go.
"""

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from waldo.synth.body_template import body_parts
from waldo.synth.drawing import FIXED_SCALE, INK_WIDTH, fill, stroke
from waldo.synth.figure_templates import CHIN_Y, FACE_TURN, FILL, FILL_AND_INK, RING, FigureKey, Material, OwnHead, PartList
from waldo.synth.head_template import head_parts
from waldo.synth.palette import OUTLINE, STICK_BROWN, Colour

DETAIL_MIN_PX = 20.0
STRIPE_BLEED_PX = 0.75
LENS_TINT: Colour = (250, 250, 246)


def make_palette(skin: Colour, hair: Colour, hat: tuple[Colour, Colour], shirt: tuple[Colour, Colour],
                 lower: Colour, legs: Colour, shoes: Colour, stick: Colour = STICK_BROWN) -> tuple[Colour, ...]:
    """Colours in Material order, so a part's material indexes its colour directly."""
    palette = [OUTLINE] * len(Material)
    palette[Material.SKIN] = skin
    palette[Material.HAIR] = hair
    palette[Material.HAT_A], palette[Material.HAT_B] = hat
    palette[Material.SHIRT_A], palette[Material.SHIRT_B] = shirt
    palette[Material.LOWER] = lower
    palette[Material.LEGS] = legs
    palette[Material.SHOES] = shoes
    palette[Material.INK] = OUTLINE
    palette[Material.LENS] = LENS_TINT
    palette[Material.STICK] = stick
    return tuple(palette)


@dataclass(frozen=True)
class Person:
    """A figure standing with its feet at (x, y); head_height is in pixels (Waldo-head units)."""

    key: FigureKey
    palette: tuple[Colour, ...]
    x: float
    y: float
    head_height: float
    mirrored: bool = False
    width_scale: float = 1.0
    body_scale: float = 1.0
    head_tilt_deg: float = 0.0
    is_waldo: bool = field(default=False, compare=False)
    head: OwnHead | None = field(default=None, compare=False)  # None: the key's shared head template

    @property
    def chin(self) -> tuple[float, float]:
        """Pixel position of the chin, where the head joins the body."""
        return self.x, self.y + CHIN_Y * self.body_scale * self.head_height

    @property
    def top(self) -> float:
        """Approximate top of the figure in pixels (a hat may reach a little higher)."""
        return self.chin[1] - 1.05 * self.head_height


def _head_matrix(person: Person) -> tuple[float, float, float, float]:
    """(a, b, c, d) of the 2x2 map from head units to pixels: x' = a x + b y, y' = c x + d y."""
    angle = math.radians(person.head_tilt_deg)
    cos, sin = math.cos(angle), math.sin(angle)
    flip = -1.0 if person.mirrored else 1.0
    scale = person.head_height
    return cos * flip * scale, -sin * scale, sin * flip * scale, cos * scale


def _body_matrix(person: Person) -> tuple[float, float, float, float]:
    flip = -1.0 if person.mirrored else 1.0
    return flip * person.width_scale * person.head_height, 0.0, 0.0, person.body_scale * person.head_height


def _thinned_stripes(parts: PartList, unit_px: float) -> np.ndarray:
    """Template points with every stripe band narrowed by what rasterisation will add back."""
    flat = parts.points.ravel().copy()
    keep = np.maximum(0.0, 1.0 - STRIPE_BLEED_PX / (unit_px * parts.stripe_halves))
    flat[parts.stripe_cells] = parts.stripe_centres + parts.stripe_spread * keep
    return flat.reshape(-1, 2)


def _paint(image: np.ndarray, parts: PartList, matrix: tuple[float, float, float, float],
           offset: tuple[float, float], palette: tuple[Colour, ...], unit_px: float) -> None:
    points = _thinned_stripes(parts, unit_px) if parts.stripe_rows.size else parts.points
    a, b, c, d = matrix
    affine = np.array((a * FIXED_SCALE, b * FIXED_SCALE, offset[0] * FIXED_SCALE + 0.5,
                       c * FIXED_SCALE, d * FIXED_SCALE, offset[1] * FIXED_SCALE + 0.5)).reshape(2, 3)
    fixed = cv2.transform(points.reshape(-1, 1, 2), affine).astype(np.int32)
    outline_px = max(1, int(INK_WIDTH * unit_px + 0.5))
    ink = palette[Material.INK]
    for code, material, slices, width in parts.program(unit_px >= DETAIL_MIN_PX):
        chosen = [fixed[rows] for rows in slices]
        if code == FILL:
            fill(image, chosen, palette[material])
        elif code == FILL_AND_INK:
            fill(image, chosen, palette[material])
            stroke(image, chosen, ink, outline_px, True)
        else:
            stroke(image, chosen, palette[material], max(1, int(width * unit_px + 0.5)), code == RING)


def _head_parts_of(person: Person) -> PartList:
    """The parts of a person's head: its own when it has one, else its key's shared template."""
    return person.head.parts if person.head is not None else head_parts(person.key)


def draw_body(image: np.ndarray, person: Person) -> None:
    """Everything below the chin (and an own head's collar, which lies over the shirt)."""
    _paint(image, body_parts(person.key), _body_matrix(person), (person.x, person.y), person.palette,
           person.head_height)
    if person.head is not None and person.head.collar is not None:
        _paint(image, person.head.collar, _body_matrix(person), person.chin, person.palette, person.head_height)


def draw_head(image: np.ndarray, person: Person, origin: tuple[float, float] = (0.0, 0.0)) -> None:
    """The head; `origin` is the image position of pixel (0, 0) of `image`, for drawing into a crop."""
    chin_x, chin_y = person.chin
    _paint(image, _head_parts_of(person), _head_matrix(person), (chin_x - origin[0], chin_y - origin[1]),
           person.palette, person.head_height)


def draw_person(image: np.ndarray, person: Person) -> None:
    """Body then head, in the order that lets the head overlap the collar."""
    draw_body(image, person)
    draw_head(image, person)


def head_extent(person: Person, margin_px: float = 2.0) -> tuple[int, int, int, int]:
    """Integer pixel box (x0, y0, x1, y1) that surely holds the drawn head, outlines included."""
    a, b, c, d = _head_matrix(person)
    points = _head_parts_of(person).points @ np.array([[a, c], [b, d]]) + np.array(person.chin)
    x0, y0 = np.floor(points.min(axis=0) - margin_px).astype(int)
    x1, y1 = np.ceil(points.max(axis=0) + margin_px).astype(int)
    return int(x0), int(y0), int(x1) + 1, int(y1) + 1


def face_centre(person: Person) -> tuple[float, float]:
    """Pixel position of the middle of the face: the head point a detector should find."""
    a, b, c, d = _head_matrix(person)
    u, v = person.head.face if person.head is not None else (0.06 * FACE_TURN[person.key.facing], -0.36)
    return person.chin[0] + a * u + b * v, person.chin[1] + c * u + d * v


@dataclass(frozen=True)
class HeadSprite:
    """A head painted on its own: premultiplied colour and coverage, placed at (x0, y0)."""

    x0: int
    y0: int
    premultiplied: np.ndarray
    alpha: np.ndarray

    def colour(self) -> np.ndarray:
        """Un-premultiplied RGB, for showing the head by itself."""
        safe = np.maximum(self.alpha, 1e-6)[..., None]
        return np.clip(self.premultiplied / safe, 0, 255).astype(np.uint8)


def paint_head_sprite(person: Person) -> HeadSprite:
    """Draw the head over black and over white; the difference is exactly how much each pixel is covered.

    This gives Waldo's head mask (for visible-fraction bookkeeping and the template
    baseline) from the very same drawing calls as the picture, with no second geometry.
    """
    x0, y0, x1, y1 = head_extent(person)
    on_black = np.zeros((y1 - y0, x1 - x0, 3), np.uint8)
    on_white = np.full_like(on_black, 255)
    draw_head(on_black, person, (x0, y0))
    draw_head(on_white, person, (x0, y0))
    alpha = 1.0 - (on_white.astype(np.float32) - on_black).mean(axis=2) / 255.0
    return HeadSprite(x0, y0, on_black.astype(np.float32), np.clip(alpha, 0.0, 1.0))


def composite_head(image: np.ndarray, sprite: HeadSprite) -> tuple[int, int, int, int]:
    """Blend a head sprite into the image; returns the clipped pixel box it touched."""
    height, width = image.shape[:2]
    h, w = sprite.alpha.shape
    x0, y0 = max(sprite.x0, 0), max(sprite.y0, 0)
    x1, y1 = min(sprite.x0 + w, width), min(sprite.y0 + h, height)
    if x1 <= x0 or y1 <= y0:
        return x0, y0, x0, y0
    sx, sy = x0 - sprite.x0, y0 - sprite.y0
    alpha = sprite.alpha[sy:sy + y1 - y0, sx:sx + x1 - x0, None]
    colour = sprite.premultiplied[sy:sy + y1 - y0, sx:sx + x1 - x0]
    region = image[y0:y1, x0:x1]
    region[...] = np.clip(region * (1.0 - alpha) + colour + 0.5, 0, 255).astype(np.uint8)
    return x0, y0, x1, y1
