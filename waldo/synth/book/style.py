"""Style randomization: the page-level look, drawn once per page from the configured ranges.

No generator matches the books exactly, so line width, ink darkness, colour saturation and
value, shading, hatching, detail, proportions and print effects are drawn from ranges that
hold the books, making them one point among the many looks the network sees (domain
randomization). Colours of every figure pass through `print_colours` before painting.
"""

from dataclasses import dataclass

import cv2
import numpy as np

from waldo.synth.book.config import BookConfig, Range
from waldo.synth.palette import Colour


@dataclass(frozen=True)
class PrintLook:
    """The print and scan of one page (PrintKnobs, drawn)."""

    off_register_px: float
    paper_grain: float
    ink_spread: float
    halftone: float
    blur: float
    scan_scale: float
    jpeg_quality: int | None


@dataclass(frozen=True)
class PageStyle:
    """The drawing style of one page (StyleKnobs, drawn)."""

    ink_width: float
    ink: Colour
    saturation: float
    brightness: float
    colour_jitter: float
    shading_rate: float
    hatching_rate: float
    detail: float
    heads_tall: float
    supersample: float
    print: PrintLook


def _draw(rng: np.random.Generator, bounds: Range) -> float:
    """A value of a range; always one draw, so that narrowing one range leaves the rest of the page as it was."""
    return float(rng.uniform(bounds[0], bounds[1]))


def page_style(rng: np.random.Generator, config: BookConfig) -> PageStyle:
    """One page's style: every range of the style and print knobs drawn once."""
    s, p = config.style, config.print
    grey = _draw(rng, s.ink_grey)
    warm = rng.uniform(0.0, 12.0)
    ink = (int(min(255, grey + warm)), int(min(255, grey + warm * 0.4)), int(grey))
    quality, compressed = _draw(rng, p.jpeg_quality), rng.random() < p.jpeg_rate
    jpeg = int(round(quality)) if compressed else None
    look = PrintLook(_draw(rng, p.off_register_px), _draw(rng, p.paper_grain), _draw(rng, p.ink_spread),
                     _draw(rng, p.halftone), _draw(rng, p.blur), _draw(rng, p.scan_scale), jpeg)
    supersample = float(rng.integers(int(s.supersample[0]), int(s.supersample[1]) + 1))
    return PageStyle(_draw(rng, s.ink_width), ink, _draw(rng, s.saturation), _draw(rng, s.brightness), s.colour_jitter,
                     _draw(rng, s.shading_rate), _draw(rng, s.hatching_rate), _draw(rng, s.detail), _draw(rng, s.heads_tall),
                     supersample, look)


def print_colours(colours: np.ndarray, style: PageStyle) -> np.ndarray:
    """RGB colours (..., 3) as this page prints them: saturation and value scaled, uint8."""
    flat = np.clip(colours, 0, 255).astype(np.uint8).reshape(-1, 1, 3)
    hsv = cv2.cvtColor(flat, cv2.COLOR_RGB2HSV).astype(np.float32)
    hsv[..., 1] *= style.saturation
    hsv[..., 2] *= style.brightness
    out = cv2.cvtColor(np.clip(hsv, 0, 255).astype(np.uint8), cv2.COLOR_HSV2RGB)
    return out.reshape(np.shape(colours)).astype(np.uint8)


def print_colour(colour: Colour, style: PageStyle) -> Colour:
    """One colour as this page prints it."""
    r, g, b = print_colours(np.array(colour, np.float32), style).tolist()
    return int(r), int(g), int(b)
