"""Printing and scanning a drawn page: ink spread, off-register plates, the shrink to page size,
the halftone screen, paper grain, a soft scan and JPEG.

Book pages reach the network as photographs or scans of print, so the drawing is given the
same treatment, each effect by a drawn amount (style.PrintLook). The textures (the colour
halftone's three plate screens and the paper grain) are small seamless tiles computed once
and repeated over each page at a random offset.
"""

from functools import lru_cache

import cv2
import numpy as np

from waldo.synth.book.style import PrintLook

GRAIN_TILE = 256
SCREEN_TILE = 64
TEXTURE_PERIOD = GRAIN_TILE  # both tiles repeat within it, so one texture tile of this size repeats over the page
assert TEXTURE_PERIOD % SCREEN_TILE == 0, "the screen tile must divide the texture period"
# the cyan, magenta and yellow plates' screens (waves per tile along x and y: angles near 15, 75 and 0 degrees),
# at two screen rulings (periods near 3.9 and 3.1 px); each plate takes light from one of red, green, blue
SCREENS = (((16, 4), (4, 16), (17, 0)), ((20, 5), (5, 20), (21, 0)))


@lru_cache(maxsize=1)
def _grain_tile() -> np.ndarray:
    """Paper texture: smoothed noise of unit std, seeded once so every process prints the same paper."""
    noise = np.random.default_rng(20_240_601).normal(0.0, 1.0, (GRAIN_TILE, GRAIN_TILE)).astype(np.float32)
    noise = cv2.GaussianBlur(np.tile(noise, (3, 3)), (0, 0), 0.8)[GRAIN_TILE:2 * GRAIN_TILE, GRAIN_TILE:2 * GRAIN_TILE]  # seamless
    return noise / float(noise.std())


@lru_cache(maxsize=16)
def _screen_tile(m: int, n: int) -> np.ndarray:
    """One plate's dot screen (0..1, 1 = a dot's centre) over a SCREEN_TILE square that repeats seamlessly:
    its waves run along (m, n) and (-n, m) whole periods per tile, so the screen's angle is atan(n / m)."""
    ys, xs = np.mgrid[0:SCREEN_TILE, 0:SCREEN_TILE].astype(np.float32) * np.float32(2 * np.pi / SCREEN_TILE)
    return (0.5 + 0.5 * np.cos(m * xs + n * ys) * np.cos(-n * xs + m * ys)).astype(np.float32)


def _offset_tile(tile: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A tile repeated over one TEXTURE_PERIOD square, starting at a random offset into it."""
    size = tile.shape[0]
    oy, ox = (int(v) for v in rng.integers(0, size, 2))
    repeats = TEXTURE_PERIOD // size
    return np.roll(np.tile(tile, (repeats, repeats)), (-oy, -ox), axis=(0, 1))


def spread_ink(page: np.ndarray, amount: float) -> np.ndarray:
    """Dark lines bleed into the paper: blend toward a 2x2 minimum (half a pixel's bleed) by `amount` (0-1)."""
    if amount <= 0:
        return page
    eroded = cv2.erode(page, np.ones((2, 2), np.uint8))
    return cv2.addWeighted(page, 1.0 - amount, eroded, amount, 0.0)


def off_register(canvas: np.ndarray, rng: np.random.Generator, shift_px: float) -> None:
    """Shift one colour plate (channel) by a whole number of pixels, in place."""
    dx, dy = (int(round(shift_px * v)) for v in rng.uniform(-1.0, 1.0, 2))
    if dx == 0 and dy == 0:
        return
    channel = int(rng.integers(3))
    plate = canvas[..., channel]
    plate[:] = np.roll(plate, (dy, dx), axis=(0, 1))


def _texture_tile(rng: np.random.Generator, look: PrintLook) -> np.ndarray | None:
    """The colour halftone's darkening (one screen per plate) and the paper grain as one offset map
    (TEXTURE_PERIOD, TEXTURE_PERIOD, 3) of grey levels, float32, that repeats over the page; None when
    the page has neither."""
    planes: list[np.ndarray] | None = None
    if look.halftone > 0:
        ruling = SCREENS[int(rng.integers(len(SCREENS)))]
        planes = [_offset_tile(_screen_tile(m, n), rng) * np.float32(-255.0 * look.halftone) for m, n in ruling]
    if look.paper_grain > 0:
        grain = _offset_tile(_grain_tile(), rng) * np.float32(look.paper_grain)
        planes = [grain] * 3 if planes is None else [plane + grain for plane in planes]
    return None if planes is None else cv2.merge(planes)


def _add_repeated(page: np.ndarray, tile: np.ndarray) -> np.ndarray:
    """``page`` (uint8) plus ``tile`` (float32) repeated over it, rounded and clipped to uint8: added block by
    block, so the page-sized texture is never built."""
    out = np.empty_like(page)
    size = tile.shape[0]
    for top in range(0, page.shape[0], size):
        for left in range(0, page.shape[1], size):
            block = page[top:top + size, left:left + size]
            out[top:top + size, left:left + size] = cv2.add(block, tile[:block.shape[0], :block.shape[1]], dtype=cv2.CV_8U)
    return out


def print_page(canvas: np.ndarray, rng: np.random.Generator, look: PrintLook, width: int, height: int,
               supersample: float) -> np.ndarray:
    """The drawn canvas (supersample times the page size) as a printed, scanned page of width x height px."""
    off_register(canvas, rng, look.off_register_px * supersample)
    page = canvas if canvas.shape[:2] == (height, width) else cv2.resize(canvas, (width, height), interpolation=cv2.INTER_AREA)
    page = spread_ink(page, look.ink_spread)
    texture = _texture_tile(rng, look)
    if texture is not None:
        page = _add_repeated(page, texture)
    if look.blur > 0.05:
        page = cv2.GaussianBlur(page, (0, 0), look.blur)
    if look.scan_scale > 1.02:
        small = cv2.resize(page, (max(1, int(width / look.scan_scale)), max(1, int(height / look.scan_scale))),
                           interpolation=cv2.INTER_AREA)
        page = cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)
    if look.jpeg_quality is not None:
        ok, encoded = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, int(look.jpeg_quality)])
        if ok:
            page = cv2.imdecode(encoded, cv2.IMREAD_UNCHANGED)
    return np.ascontiguousarray(page)
