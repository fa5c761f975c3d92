"""One figure of a book page, and painting it: body behind the head, what it carries, head, body in front.

A Figure names its cached drawings (pose variant, view, cut, head styles, prop) and says
where and how big it stands; painting places them all with one map from head units to
pixels, so the head sits on the neck however the figure is turned, stretched or tipped over.
"""

from dataclasses import dataclass

import numpy as np

from waldo.synth.book.body import body_drawing, held_prop_drawing, pattern_drawing
from waldo.synth.book.costumes import CUTS
from waldo.synth.book.heads import HeadKey, head_layers
from waldo.synth.book.program import figure_map, paint, placement
from waldo.synth.palette import Colour

YAWS = (0.0, 35.0, 90.0, 145.0, 180.0)
VIEW_OF_YAW = {0.0: "front", 35.0: "three_quarter", 90.0: "side", 145.0: "back_three_quarter", 180.0: "back"}
NECK_TILT_SHARE = 0.5  # how much of the neck's lean the head follows


@dataclass(frozen=True)
class Figure:
    """A figure standing with its feet at (x, y) px; `head_px` is its head height in px of the canvas
    it is painted on, `printed_head_px` the same on the finished page (it decides the details)."""

    action: str
    variant: int
    yaw: float
    cut: str
    head: HeadKey
    prop: str
    palette: tuple[Colour, ...]
    x: float
    y: float
    head_px: float
    printed_head_px: float
    pattern: str = "plain"
    mirrored: bool = False
    rotate_deg: float = 0.0
    width_scale: float = 1.0
    height_scale: float = 1.0

    def body_map(self) -> np.ndarray:
        """The map from head units to canvas pixels that places this figure's body."""
        return figure_map(self.head_px, self.x, self.y, self.mirrored, self.rotate_deg, self.width_scale, self.height_scale)


def paint_figure(image: np.ndarray, figure: Figure, ink_px: int, detail: float, line_type: int) -> None:
    """Paint a figure; `detail` multiplies the printed head size that decides which details show,
    `line_type` is OpenCV's (program.paint)."""
    shown = figure.printed_head_px * detail
    body = body_drawing(figure.action, figure.variant, figure.yaw, figure.cut)
    affine = figure.body_map()
    placed, unit, palette = placement(affine), figure.head_px, figure.palette
    paint(image, body.under_pattern, placed, palette, unit, ink_px, shown, line_type)
    if figure.pattern != "plain" and takes_pattern(figure.cut):
        paint(image, pattern_drawing(figure.action, figure.variant, figure.yaw, figure.pattern), placed, palette, unit, ink_px,
              shown, line_type)
    paint(image, body.over_pattern, placed, palette, unit, ink_px, shown, line_type)
    prop = held_prop_drawing(figure.prop, figure.action, figure.variant, figure.yaw) if figure.prop != "none" else None
    if prop is not None and not body.holds_in_front:
        paint(image, prop, placed, palette, unit, ink_px, shown, line_type)
    chin_x, chin_y = affine @ np.array([body.chin[0], body.chin[1], 1.0])
    tilt = body.neck_tilt_deg * NECK_TILT_SHARE * (-1.0 if figure.mirrored else 1.0)
    head = placement(figure_map(unit, float(chin_x), float(chin_y), figure.mirrored, figure.rotate_deg + tilt))
    for layer in head_layers(figure.head):
        paint(image, layer, head, palette, unit, ink_px, shown, line_type)
    paint(image, body.in_front_of_head, placed, palette, unit, ink_px, shown, line_type)
    if prop is not None and body.holds_in_front:
        paint(image, prop, placed, palette, unit, ink_px, shown, line_type)


def takes_pattern(cut: str) -> bool:
    """Whether a cut's torso shows a garment pattern (not bare chests, not armour)."""
    return not (CUTS[cut].bare_chest or CUTS[cut].armour)


def view_for(yaw: float) -> str:
    """The head view drawn on a body turned by `yaw` degrees (one of YAWS)."""
    return VIEW_OF_YAW[yaw]
