"""The text box or scroll a page often has in a corner, with lines of printed text.

It is painted over the crowd, last before printing, so it may hide a Waldo; his visible
fraction is measured after it.
"""

import cv2
import numpy as np

from waldo.synth.drawing import ellipse, fill, rect, stroke, to_fixed
from waldo.synth.palette import Colour

PAPER: tuple[Colour, ...] = ((250, 248, 240), (245, 238, 215), (252, 252, 250))
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _words(rng: np.random.Generator, count: int) -> str:
    lengths = rng.integers(2, 9, count)
    return " ".join("".join(LETTERS[i] for i in rng.integers(0, len(LETTERS), n)) for n in lengths.tolist())


def draw_text_box(image: np.ndarray, rng: np.random.Generator, ink: Colour, ink_px: int, scale: float) -> tuple[int, int, int, int]:
    """A box (or a scroll, a third of the time) of text in a random corner; returns its pixel box.
    `scale` is the canvas size over the printed page (text is set at a printed size)."""
    height, width = image.shape[:2]
    box_w, box_h = int(width * rng.uniform(0.18, 0.32)), int(height * rng.uniform(0.1, 0.2))
    x0 = int(rng.uniform(0.01, 0.04) * width) if rng.random() < 0.5 else width - box_w - int(rng.uniform(0.01, 0.04) * width)
    y0 = int(rng.uniform(0.01, 0.04) * height) if rng.random() < 0.5 else height - box_h - int(rng.uniform(0.01, 0.04) * height)
    paper = PAPER[int(rng.integers(len(PAPER)))]
    outline = rect(x0, y0, x0 + box_w, y0 + box_h)
    fill(image, [to_fixed(outline)], paper)
    stroke(image, [to_fixed(outline)], ink, ink_px + 1, True)
    if rng.random() < 0.33:
        for x in (x0, x0 + box_w):
            curl = ellipse(x, y0 + box_h / 2, box_h * 0.12, box_h * 0.55, 14)
            fill(image, [to_fixed(curl)], paper)
            stroke(image, [to_fixed(curl)], ink, ink_px, True)
    text_px = rng.uniform(7.0, 11.0) * scale
    font_scale = text_px / 22.0
    line_step = int(text_px * 1.5)
    margin = int(text_px)
    inside = image[y0 + 2:y0 + box_h - 2, x0 + margin:x0 + box_w - margin]  # a view: text stops at the box's edge
    y = int(text_px * 1.4)
    while y < inside.shape[0] - text_px * 0.3:
        words = _words(rng, max(2, int(box_w / (text_px * 3.2))))
        cv2.putText(inside, words, (0, y), cv2.FONT_HERSHEY_SIMPLEX, font_scale, ink, max(1, int(round(text_px / 10))), cv2.LINE_AA)
        y += line_step
    return x0, y0, x0 + box_w, y0 + box_h
