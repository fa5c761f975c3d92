import numpy as np
import pytest

from waldo.synth.book.print_stage import TEXTURE_PERIOD, _add_repeated, _offset_tile, _texture_tile
from waldo.synth.book.style import PrintLook
from waldo.synth.drawing import fill_rows


@pytest.mark.parametrize("height, width", [(300, 517), (16, 16), (256, 256), (1, 700)])
def test_the_texture_tile_repeats_over_the_page_as_a_page_sized_texture_would(height, width):
    rng = np.random.default_rng(5)
    page = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    tile = rng.normal(0.0, 20.0, (TEXTURE_PERIOD, TEXTURE_PERIOD, 3)).astype(np.float32)
    whole = np.tile(tile, (height // TEXTURE_PERIOD + 1, width // TEXTURE_PERIOD + 1, 1))[:height, :width]
    expected = np.clip(np.rint(page.astype(np.float64) + whole), 0, 255).astype(np.uint8)
    assert np.abs(_add_repeated(page, tile).astype(int) - expected.astype(int)).max() == 0


def test_a_tile_starts_at_its_drawn_offset_and_repeats_with_its_own_period():
    tile = np.arange(64 * 64, dtype=np.float32).reshape(64, 64)
    rng = np.random.default_rng(3)
    oy, ox = (int(v) for v in np.random.default_rng(3).integers(0, 64, 2))
    shifted = _offset_tile(tile, rng)
    assert shifted.shape == (TEXTURE_PERIOD, TEXTURE_PERIOD)
    assert shifted[0, 0] == tile[oy, ox] and shifted[5, 7] == tile[(5 + oy) % 64, (7 + ox) % 64]
    assert np.array_equal(shifted[:64, :64], shifted[64:128, 128:192])


def test_no_halftone_and_no_grain_is_no_texture_and_either_alone_is_one():
    look = PrintLook(off_register_px=0.0, paper_grain=0.0, ink_spread=0.0, halftone=0.0, blur=0.0, scan_scale=1.0, jpeg_quality=None)
    assert _texture_tile(np.random.default_rng(0), look) is None
    grain = _texture_tile(np.random.default_rng(0), PrintLook(**{**look.__dict__, "paper_grain": 3.0}))
    assert grain.shape == (TEXTURE_PERIOD, TEXTURE_PERIOD, 3) and abs(float(grain.std()) - 3.0) < 0.3
    assert np.array_equal(grain[..., 0], grain[..., 2])  # paper grain is grey


def test_fill_rows_paints_whole_rows_and_stays_inside_the_canvas():
    canvas = np.zeros((10, 6, 3), np.uint8)
    fill_rows(canvas, 7.6, 99, (10, 20, 30))
    assert np.all(canvas[7:] == (10, 20, 30)) and not canvas[:7].any()
    fill_rows(canvas, 4, 4, (1, 1, 1))
    assert not canvas[:7].any()
