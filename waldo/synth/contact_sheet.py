"""A grid of scenes from each preset with Waldo's head boxes drawn: the generator at a glance."""

from collections.abc import Mapping
from typing import Any

import cv2
import numpy as np
from omegaconf import OmegaConf

from waldo.synth.scene import render_scene
from waldo.synth.scene_config import scene_preset, validate_scene_config

BOX_COLOUR = (0, 255, 0)
LABEL_COLOUR = (255, 255, 255)


def contact_sheet(presets: tuple[str, ...] = ("easy", "default", "hard"), per_preset: int = 6,
                  scene_size: tuple[int, int] = (640, 480), tile_width: int = 320, seed: int = 0,
                  overrides: Mapping[str, Any] | None = None) -> np.ndarray:
    """One row per preset of `per_preset` scenes (drawn at scene_size, shown at tile_width), RGB uint8;
    `overrides` (scene keys and values, e.g. {"waldo_look": "book"}) apply to every preset.

    Boxes are drawn after shrinking, so they stay visible however small the heads are.
    """
    width, height = scene_size
    scale = tile_width / width
    rows = []
    for preset in presets:
        cfg = validate_scene_config(OmegaConf.merge(scene_preset(preset), {"width": width, "height": height},
                                                    dict(overrides or {})))
        tiles = []
        for index in range(per_preset):
            image, heads = render_scene(cfg, seed * 1000 + index)
            tile = cv2.resize(image, (tile_width, int(round(height * scale))), interpolation=cv2.INTER_AREA)
            for head in heads:
                x0, y0, x1, y1 = (int(round(v * scale)) for v in head.box)
                cv2.rectangle(tile, (x0 - 2, y0 - 2), (x1 + 2, y1 + 2), BOX_COLOUR, 2, cv2.LINE_AA)
            cv2.rectangle(tile, (0, 0), (tile.shape[1] - 1, tile.shape[0] - 1), (0, 0, 0), 1)
            tiles.append(tile)
        row = np.hstack(tiles)
        cv2.putText(row, preset, (6, 22), cv2.FONT_HERSHEY_SIMPLEX, 0.7, (0, 0, 0), 4, cv2.LINE_AA)
        cv2.putText(row, preset, (6, 22), cv2.FONT_HERSHEY_SIMPLEX, 0.7, LABEL_COLOUR, 2, cv2.LINE_AA)
        rows.append(row)
    return np.vstack(rows)
