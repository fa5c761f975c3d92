"""Pictures of the book preset for people: a contact sheet of pages and a close-up of the line work.

    python scripts/book_images.py      # writes docs/images/book_contact_sheet.jpg and book_zoom.png
"""

from pathlib import Path

import cv2
import numpy as np
from omegaconf import OmegaConf

from waldo.synth.scene import render_scene, scene_seed
from waldo.synth.scene_config import scene_preset, validate_scene_config

BOX_COLOUR = (0, 230, 0)
ZOOM_HEAD_PX = 30
ZOOM_FACTOR = 4


def book_contact_sheet(columns: int = 3, rows: int = 3, page_size: tuple[int, int] = (1024, 768), tile_width: int = 512,
                       seed: int = 7) -> np.ndarray:
    """`columns` x `rows` book pages (drawn at page_size, shown at tile_width), Waldo's head boxes in green, RGB."""
    config = validate_scene_config(OmegaConf.merge(scene_preset("book"), {"width": page_size[0], "height": page_size[1]}))
    scale = tile_width / page_size[0]
    tiles = []
    for index in range(columns * rows):
        image, heads = render_scene(config, scene_seed(seed, index))
        tile = cv2.resize(image, (tile_width, int(round(page_size[1] * scale))), interpolation=cv2.INTER_AREA)
        for head in heads:
            x0, y0, x1, y1 = (int(round(v * scale)) for v in head.box)
            cv2.rectangle(tile, (x0 - 2, y0 - 2), (x1 + 2, y1 + 2), BOX_COLOUR, 2, cv2.LINE_AA)
        cv2.rectangle(tile, (0, 0), (tile.shape[1] - 1, tile.shape[0] - 1), (0, 0, 0), 1)
        tiles.append(tile)
    return np.vstack([np.hstack(tiles[r * columns:(r + 1) * columns]) for r in range(rows)])


def book_zoom(seed: int = 3, crop_heads: float = 7.0) -> np.ndarray:
    """A crop round a fully visible Waldo with a ZOOM_HEAD_PX head, enlarged ZOOM_FACTOR times (nearest pixel), RGB."""
    cfg = OmegaConf.merge(scene_preset("book"), {"head_height": [ZOOM_HEAD_PX, ZOOM_HEAD_PX], "no_waldo_rate": 0.0})
    config = validate_scene_config(cfg)
    for index in range(200):
        image, heads = render_scene(config, scene_seed(seed, index))
        shown = [h for h in heads if h.visible >= 0.95]
        if not shown:
            continue
        x, y = shown[0].point
        half = int(crop_heads * ZOOM_HEAD_PX / 2)
        x0 = int(np.clip(x - half, 0, image.shape[1] - 2 * half))
        y0 = int(np.clip(y - half * 0.8, 0, image.shape[0] - 2 * half))
        crop = image[y0:y0 + 2 * half, x0:x0 + 2 * half]
        return cv2.resize(crop, None, fx=ZOOM_FACTOR, fy=ZOOM_FACTOR, interpolation=cv2.INTER_NEAREST)
    raise ValueError("no page with a fully visible Waldo among the first 200")


def write_book_images(folder: Path) -> tuple[Path, Path]:
    """Write the contact sheet (JPEG) and the close-up (PNG) into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    sheet, zoom = folder / "book_contact_sheet.jpg", folder / "book_zoom.png"
    cv2.imwrite(str(sheet), cv2.cvtColor(book_contact_sheet(), cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 80])
    cv2.imwrite(str(zoom), cv2.cvtColor(book_zoom(), cv2.COLOR_RGB2BGR))
    return sheet, zoom
