"""A sheet of book-look Waldos at the sizes the detector must handle, and scenes drawn with them.

Made for docs/images/waldo_looks.png, to judge by eye whether the heads read as the books'
Waldo (the glasses above all) even at 16 px:

    python -c "from waldo.synth.waldo_look_sheet import save_waldo_look_sheet; save_waldo_look_sheet()"
"""

from pathlib import Path

import cv2
import numpy as np

from waldo.synth.book_waldo import draw_book_waldo
from waldo.synth.contact_sheet import contact_sheet

SHEET_SIZES = (16, 32, 64)       # head heights shown, px
CELL_SHOWN_PX = 100              # every cell is enlarged (whole pixels, no smoothing) to about this width
PAPER: tuple[int, int, int] = (236, 226, 200)
LABEL: tuple[int, int, int] = (20, 20, 20)


def head_cells(head_px: int, seeds: range, colour_jitter: float = 0.06) -> list[np.ndarray]:
    """One book-look Waldo per seed, head `head_px` tall, on paper, enlarged pixel for pixel."""
    cell = int(round(head_px * 1.6))
    zoom = max(1, round(CELL_SHOWN_PX / cell))
    cells = []
    for seed in seeds:
        image = np.full((cell, cell, 3), PAPER, np.uint8)
        draw_book_waldo(image, np.random.default_rng(seed), (cell / 2, cell * 0.45), head_px, colour_jitter)
        big = cv2.resize(image, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_NEAREST)
        cells.append(np.pad(big, ((1, 1), (1, 1), (0, 0)), constant_values=255))
    return cells


def _grid(cells: list[np.ndarray], columns: int) -> np.ndarray:
    h, w = cells[0].shape[:2]
    blank = np.full((h, w, 3), 255, np.uint8)
    rows = [np.hstack(cells[i:i + columns] + [blank] * (columns - len(cells[i:i + columns])))
            for i in range(0, len(cells), columns)]
    return np.vstack(rows)


def _labelled(image: np.ndarray, text: str, width: int) -> np.ndarray:
    band = np.full((30, width, 3), 255, np.uint8)
    cv2.putText(band, text, (6, 21), cv2.FONT_HERSHEY_SIMPLEX, 0.6, LABEL, 1, cv2.LINE_AA)
    padded = np.pad(image, ((0, 0), (0, width - image.shape[1]), (0, 0)), constant_values=255)
    return np.vstack([band, padded])


def waldo_look_sheet(heads: int = 40, columns: int = 10, scenes_per_preset: int = 3) -> np.ndarray:
    """`heads` Waldos (seeds 0..heads-1) at each of SHEET_SIZES, then `default` and `hard` scenes with
    waldo_look=book and their head boxes; RGB uint8."""
    blocks = [(f"{px} px heads, seeds 0-{heads - 1} (shown enlarged)", _grid(head_cells(px, range(heads)), columns))
              for px in SHEET_SIZES]
    tile = blocks[0][1].shape[1] // scenes_per_preset
    scenes = contact_sheet(("default", "hard"), scenes_per_preset, tile_width=tile, overrides={"waldo_look": "book"})
    blocks.append(("default and hard scenes with waldo_look=book, Waldo's head boxes in green", scenes))
    width = max(block.shape[1] for _, block in blocks)
    return np.vstack([_labelled(block, text, width) for text, block in blocks])


def save_waldo_look_sheet(path: str | Path = "docs/images/waldo_looks.png") -> Path:
    """Write the sheet as a PNG; returns its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not cv2.imwrite(str(path), cv2.cvtColor(waldo_look_sheet(), cv2.COLOR_RGB2BGR), [cv2.IMWRITE_PNG_COMPRESSION, 9]):
        raise ValueError(f"could not write {path}")
    return path
