"""Waldo as the books draw him (book_waldo.random_book_waldo) standing in a book page's crowd at his depth.

He is drawn in the page's print colours and ink, sized so that his face is as big as the
faces around him, and painted in depth order among the crowd; painted_head measures how
much of his head is left visible once everything in front of him is drawn. The page is drawn
`supersample` times larger than printed, so his annotation is scaled back at the end.
"""

from dataclasses import replace

import numpy as np

from waldo.synth.annotation import HeadAnnotation
from waldo.synth.book.style import PageStyle, print_colours
from waldo.synth.book_waldo import random_book_waldo
from waldo.synth.crowd import Stance
from waldo.synth.figure_templates import Material
from waldo.synth.figures import Person
from waldo.synth.painted_head import PaintedHead

HEAD_BOX_OVER_SKULL = 1.2  # Waldo's head box (pompom to chin) over a crowd skull (top to chin) at the same depth


def book_waldo(rng: np.random.Generator, x: float, y: float, head_box_px: float, style: PageStyle,
               views: dict[str, float]) -> Person:
    """A Waldo with feet at (x, y) px of the canvas and a head box `head_box_px` tall, in the page's colours,
    his head's view drawn with the weights `views` (the preset's `waldo_views`)."""
    waldo = random_book_waldo(rng, Stance(x, y, head_box_px), style.colour_jitter, views)
    colours = print_colours(np.array(waldo.palette, np.float32), style)
    colours[Material.INK] = style.ink
    return replace(waldo, palette=tuple(map(tuple, colours.tolist())))


def printed_annotation(head: PaintedHead, canvas: np.ndarray, min_visible: float, supersample: float) -> HeadAnnotation | None:
    """His annotation on the printed page: measured on the drawn canvas, scaled to the page's pixels."""
    found = head.annotation(canvas, min_visible)
    if found is None:
        return None
    x, y = found.point
    x0, y0, x1, y1 = found.box
    s = 1.0 / supersample
    return HeadAnnotation((x * s, y * s), (x0 * s, y0 * s, x1 * s, y1 * s), found.visible)
