"""Simple comic houses and shops behind the crowd, some with red-white striped awnings."""

import numpy as np

from waldo.synth.drawing import polygon, rect
from waldo.synth.palette import jitter, pick
from waldo.synth.props import DECOY_PAIRS, Pen

WALLS = ((230, 200, 160), (200, 120, 90), (240, 230, 210), (170, 190, 210), (220, 180, 120), (190, 200, 170))
ROOFS = ((170, 60, 50), (90, 90, 100), (130, 80, 50), (60, 100, 130))
GLASS = (150, 200, 230)


def draw_building(image: np.ndarray, rng: np.random.Generator, x: float, y: float, unit: float,
                  striped_awning: bool, colour_jitter: float) -> None:
    """A house of random width and storeys standing at (x, y), sized in head units."""
    pen = Pen(image, x, y, unit)
    width = rng.uniform(5.0, 11.0)
    storeys = int(rng.integers(1, 4))
    storey = rng.uniform(2.6, 3.2)
    height = storeys * storey + 1.0
    left, right = -width / 2, width / 2
    pen.shape([rect(left, -height, right, 0)], jitter(rng, pick(rng, WALLS), colour_jitter))
    roof = jitter(rng, pick(rng, ROOFS), colour_jitter)
    if rng.random() < 0.6:
        pen.shape([polygon((left - 0.4, -height), (right + 0.4, -height), (0, -height - width * 0.35))], roof)
    else:
        pen.shape([rect(left - 0.2, -height - 0.5, right + 0.2, -height)], roof)
    columns = max(1, int(width // 2.2))
    spacing = width / columns
    windows = [rect(left + spacing * (c + 0.3), -storey * (s + 1) - 0.6, left + spacing * (c + 0.7),
                    -storey * (s + 1) + 0.6)
               for s in range(1, storeys + 1) for c in range(columns)]
    door_x = left + spacing * (int(rng.integers(columns)) + 0.5)
    windows.append(rect(door_x - 0.5, -2.2, door_x + 0.5, 0))
    door = windows.pop()
    if windows:
        pen.shape(windows, GLASS)
    pen.shape([door], jitter(rng, (110, 70, 40), colour_jitter))
    if striped_awning or rng.random() < 0.3:
        pair = DECOY_PAIRS[0] if striped_awning else (pick(rng, WALLS), pick(rng, ROOFS))
        colours = (jitter(rng, pair[0], colour_jitter), jitter(rng, pair[1], colour_jitter))
        pen.striped(polygon((left + 0.2, -3.2), (right - 0.2, -3.2), (right + 0.3, -2.4), (left - 0.3, -2.4)),
                    colours, 0.6, 0)
