"""Ground textures the crowd stands on, made with vectorised numpy at low resolution and upscaled.

Every texture is a base colour plus smooth blotches (coarse noise, resized) and fine
grain (one small tile of noise repeated), so a whole page costs a few milliseconds.
"""

from collections.abc import Callable

import cv2
import numpy as np

from waldo.synth.palette import Colour, choose, jitter

GRAIN_TILE = 64

GROUND_COLOURS: dict[str, tuple[Colour, ...]] = {
    "flat": ((200, 214, 170), (222, 208, 176), (186, 200, 214), (214, 190, 170), (232, 226, 200)),
    "grass": ((110, 170, 70), (96, 156, 64), (130, 180, 80)),
    "sand": ((236, 212, 150), (228, 200, 140), (240, 222, 170)),
    "water": ((70, 140, 210), (60, 120, 190), (90, 160, 220)),
    "tiles": ((200, 190, 180), (180, 170, 160), (210, 196, 170), (170, 180, 190)),
    "paper": ((244, 236, 216), (238, 232, 220), (246, 240, 226)),
    "noise": ((150, 160, 140), (170, 150, 140), (140, 150, 170)),
}


def _blotches(rng: np.random.Generator, height: int, width: int, cell: int, amount: float) -> np.ndarray:
    """Smooth brightness variation (H, W) in about ±amount, from noise on a coarse grid."""
    coarse = rng.uniform(-amount, amount, (height // cell + 2, width // cell + 2)).astype(np.float32)
    return cv2.resize(coarse, (width, height), interpolation=cv2.INTER_LINEAR)


def _grain(rng: np.random.Generator, height: int, width: int, amount: float) -> np.ndarray:
    """Fine speckle (H, W): one small random tile repeated over the picture."""
    tile = rng.uniform(-amount, amount, (GRAIN_TILE, GRAIN_TILE)).astype(np.float32)
    reps = (height // GRAIN_TILE + 1, width // GRAIN_TILE + 1)
    return np.tile(tile, reps)[:height, :width]


def _shade(base: Colour, variation: np.ndarray) -> np.ndarray:
    """base * (1 + variation) as uint8 RGB; `variation` is (H, W) or per channel (H, W, 3).

    OpenCV does the per-channel arithmetic: numpy broadcasting over a last axis of 3 is
    several times slower on a full page."""
    factor = variation + np.float32(1.0)
    if factor.ndim == 2:
        factor = cv2.merge([factor, factor, factor])
    return cv2.multiply(factor, (float(base[0]), float(base[1]), float(base[2]), 0.0), dtype=cv2.CV_8U)


def _flat(rng: np.random.Generator, base: Colour, height: int, width: int) -> np.ndarray:
    return _shade(base, _blotches(rng, height, width, 128, 0.03))


def _grass(rng: np.random.Generator, base: Colour, height: int, width: int) -> np.ndarray:
    return _shade(base, _blotches(rng, height, width, 24, 0.12) + _grain(rng, height, width, 0.1))


def _sand(rng: np.random.Generator, base: Colour, height: int, width: int) -> np.ndarray:
    image = _shade(base, _blotches(rng, height, width, 32, 0.05) + _grain(rng, height, width, 0.05))
    count = height * width // 100
    ys, xs = rng.integers(0, height, count), rng.integers(0, width, count)
    image[ys, xs] = (image[ys, xs] * 0.8).astype(np.uint8)
    return image


def _water(rng: np.random.Generator, base: Colour, height: int, width: int) -> np.ndarray:
    image = _shade(base, _blotches(rng, height, width, 48, 0.08))
    light = tuple(min(255, c + 60) for c in base)
    count = height * width // 750
    for x, y, length in zip(rng.integers(0, width, count), rng.integers(0, height, count),
                            rng.integers(3, 10, count)):
        cv2.ellipse(image, (int(x), int(y)), (int(length), 2), 0, 200, 340, light, 1, cv2.LINE_AA)
    return image


def _tiles(rng: np.random.Generator, base: Colour, height: int, width: int) -> np.ndarray:
    size = int(rng.integers(8, 24))
    ys, xs = np.ogrid[:2 * size, :2 * size]
    period = ((ys // size + xs // size) % 2) * np.float32(0.08) - ((ys % size < 2) | (xs % size < 2)) * np.float32(0.25)
    pattern = np.tile(period.astype(np.float32), (height // (2 * size) + 1, width // (2 * size) + 1))
    return _shade(base, pattern[:height, :width] + _grain(rng, height, width, 0.03))


def _paper(rng: np.random.Generator, base: Colour, height: int, width: int) -> np.ndarray:
    return _shade(base, _blotches(rng, height, width, 64, 0.03) + _grain(rng, height, width, 0.04))


def _noise(rng: np.random.Generator, base: Colour, height: int, width: int) -> np.ndarray:
    cell = int(rng.integers(12, 48))
    coarse = rng.uniform(-0.35, 0.35, (height // cell + 2, width // cell + 2, 3)).astype(np.float32)
    colour = cv2.resize(coarse, (width, height), interpolation=cv2.INTER_LINEAR)
    return _shade(base, colour)


GROUNDS: dict[str, Callable[[np.random.Generator, Colour, int, int], np.ndarray]] = {
    "flat": _flat, "grass": _grass, "sand": _sand, "water": _water,
    "tiles": _tiles, "paper": _paper, "noise": _noise,
}


def ground(rng: np.random.Generator, kind: str, height: int, width: int, colour_jitter: float) -> np.ndarray:
    """One ground texture of the given kind, (H, W, 3) uint8 RGB."""
    options = GROUND_COLOURS[kind]
    base = jitter(rng, options[int(rng.integers(len(options)))], colour_jitter)
    return GROUNDS[kind](rng, base, height, width)


def draw_background(rng: np.random.Generator, height: int, width: int, weights: dict[str, float],
                    second_ground_rate: float, colour_jitter: float) -> np.ndarray:
    """A ground, sometimes with a second one (a lake, a lawn, a beach) over an oval region.

    Textured at half resolution and enlarged: the ground is soft anyway, and this quarters its cost.
    """
    half = _ground_at(rng, (height + 1) // 2, (width + 1) // 2, weights, second_ground_rate, colour_jitter)
    return cv2.resize(half, (width, height), interpolation=cv2.INTER_LINEAR)


def _ground_at(rng: np.random.Generator, height: int, width: int, weights: dict[str, float],
               second_ground_rate: float, colour_jitter: float) -> np.ndarray:
    image = ground(rng, choose(rng, weights), height, width, colour_jitter)
    if rng.random() < second_ground_rate:
        kind = choose(rng, weights)
        x0, x1 = sorted(int(v) for v in rng.integers(0, width, 2))
        y0, y1 = sorted(int(v) for v in rng.integers(0, height, 2))
        x1, y1 = min(width, max(x1, x0 + width // 4)), min(height, max(y1, y0 + height // 4))
        mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
        axes = ((x1 - x0) // 2, (y1 - y0) // 2)
        cv2.ellipse(mask, axes, axes, 0.0, 0, 360, 255, -1, cv2.LINE_8)
        second = ground(rng, kind, y1 - y0, x1 - x0, colour_jitter)
        region = image[y0:y1, x0:x1]
        inside = mask > 0
        region[inside] = second[inside]
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        cv2.drawContours(region, contours, -1, (60, 60, 50), 1, cv2.LINE_AA)
    return image
