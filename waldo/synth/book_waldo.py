"""Waldo as the books draw him, never the same twice: the generator's `waldo_look: book`.

Thick round glasses filling his face, a long face with a wide grin, near-black hair over his
ears, a red-white bobble hat that stands up or flops over, the head tilted and turned; a
jumper of stripes a quarter of a head wide with a collar, blue trousers, brown shoes,
sometimes a stick. Each Waldo draws all of that anew (book_head_style.py), so that a network
learns what every drawing of him shares rather than one drawing.

For a scene of your own:

    person = book_waldo_at(rng, head_point=(x, y), head_height=30.0, colour_jitter=0.06)
    painted = paint_waldo(image, person)          # painted_head.py; None if his head is off the image
    ... paint whatever stands in front of him ...
    annotation = painted.annotation(image)        # HeadAnnotation (point, box, visible) or None if hidden

or `draw_book_waldo(image, rng, (x, y), 30.0)` when nothing will be painted over him.
"""

from dataclasses import replace

import numpy as np

from waldo.synth.annotation import HeadAnnotation
from waldo.synth.book_head import book_head, jumper_collar
from waldo.synth.book_head_style import WALDO_VIEWS, BookHeadStyle, random_waldo_head_style
from waldo.synth.crowd import Stance, body_variation
from waldo.synth.figure_templates import FigureKey
from waldo.synth.figures import Person, face_centre, make_palette
from waldo.synth.painted_head import paint_waldo
from waldo.synth.palette import SKIN_TONES, WALDO_BLUE, WALDO_BOOK_HAIR, WALDO_RED, WALDO_SKIN, WALDO_WHITE, choose, jitter_all

JUMPER_STRIPE_PERIODS = (0.42, 0.46, 0.5, 0.54, 0.58)  # one red and one white stripe, head units: each about a quarter head
BROWN_SHOES = (96, 58, 34)
MAX_HEAD_TILT_DEG = 30.0   # the head leans at most this far either way
HEAD_TILT_SPREAD_DEG = 12.0  # typical lean (standard deviation), degrees


def body_facing(style: BookHeadStyle) -> str:
    """The body template's view for a head's turn (the body has front and side drawings)."""
    return "side" if style.turn >= 0.7 else "three_quarter" if style.turn >= 0.3 else "front"


def random_head_tilt(rng: np.random.Generator) -> float:
    """How far a book head leans, degrees: mostly a little, sometimes a lot."""
    return float(np.clip(rng.normal(0.0, HEAD_TILT_SPREAD_DEG), -MAX_HEAD_TILT_DEG, MAX_HEAD_TILT_DEG))


def book_waldo_palette(rng: np.random.Generator, colour_jitter: float) -> tuple:
    """His colours, jittered as much as the crowd's: nothing but his look may give him away."""
    skin = WALDO_SKIN if rng.random() < 0.7 else SKIN_TONES[int(rng.random() * 3)]
    palette = make_palette(skin=skin, hair=WALDO_BOOK_HAIR, hat=(WALDO_WHITE, WALDO_RED), shirt=(WALDO_WHITE, WALDO_RED),
                           lower=WALDO_BLUE, legs=WALDO_BLUE, shoes=BROWN_SHOES)
    return jitter_all(rng, palette, colour_jitter)


def random_book_waldo(rng: np.random.Generator, stance: Stance, colour_jitter: float,
                      views: dict[str, float] = WALDO_VIEWS) -> Person:
    """A book-style Waldo standing at the stance (feet point, head height in px), drawn anew; `views`
    weighs how often his head is seen front-on, three-quarter and in profile."""
    style = random_waldo_head_style(rng, views)
    arms = choose(rng, {"down": 0.55, "wave": 0.25, "stick": 0.2})
    period = JUMPER_STRIPE_PERIODS[int(rng.integers(len(JUMPER_STRIPE_PERIODS)))]
    key = FigureKey(facing=body_facing(style), hair="short", hat="bobble", hat_striped=True, glasses="round",
                    shirt="hstripes", lower="trousers", arms=arms, stripe_period=period)
    head = replace(book_head(style, stance.head_height), collar=jumper_collar(bool(rng.random() < 0.5)))
    mirrored, width_scale, body_scale, _ = body_variation(rng)
    return Person(key, book_waldo_palette(rng, colour_jitter), stance.x, stance.y, stance.head_height, mirrored,
                  width_scale, body_scale, random_head_tilt(rng), is_waldo=True, head=head)


def book_waldo_at(rng: np.random.Generator, head_point: tuple[float, float], head_height: float,
                  colour_jitter: float = 0.06) -> Person:
    """A book-style Waldo placed so that the middle of his face is at `head_point` (px), his head
    `head_height` px from hat top to chin (before tilting)."""
    if head_height <= 0:
        raise ValueError(f"head_height must be a positive number of pixels, got {head_height}")
    person = random_book_waldo(rng, Stance(0.0, 0.0, float(head_height)), colour_jitter)
    face_x, face_y = face_centre(person)
    return replace(person, x=head_point[0] - face_x, y=head_point[1] - face_y)


def draw_book_waldo(image: np.ndarray, rng: np.random.Generator, head_point: tuple[float, float],
                    head_height: float, colour_jitter: float = 0.06) -> HeadAnnotation | None:
    """Paint a book-style Waldo (body and head) into `image` (RGB uint8, changed in place) with the
    middle of his face at `head_point`; returns his head as painted (point, box from hat top to chin,
    visible fraction), or None when his head falls outside the image."""
    painted = paint_waldo(image, book_waldo_at(rng, head_point, head_height, colour_jitter))
    return painted.annotation(image) if painted is not None else None
