"""Drawing results on pictures: the waldoness heatmap laid over the picture, and circled detections."""

from __future__ import annotations

import cv2
import numpy as np

from waldo.conv import StackGeometry

BEST_COLOUR = (255, 0, 255)  # RGB magenta: the best detection must stand out in a red-and-white crowd
OTHER_COLOUR = (0, 200, 255)


def heat_to_picture(heat: np.ndarray, geometry: StackGeometry, height: int, width: int) -> np.ndarray:
    """Resample a heatmap onto the picture's pixels, each cell centred where ``cell_to_pixel`` puts it."""
    scale, shift = 1.0 / geometry.jump, -geometry.offset / geometry.jump
    pixel_to_cell = np.array([[scale, 0.0, shift], [0.0, scale, shift]], np.float32)
    return cv2.warpAffine(
        heat.astype(np.float32),
        pixel_to_cell,
        (width, height),
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_REPLICATE,
    )


def mark_detections(
    picture: np.ndarray, points: np.ndarray, scores: np.ndarray, head_heights: np.ndarray, in_place: bool = False
) -> np.ndarray:
    """Circle each detected head with its score; the best (first) one thicker and in magenta.

    ``in_place`` draws on ``picture`` itself (contiguous uint8), for a caller that needs it no more:
    an 80 MP page is 240 MB a copy.
    """
    marked = picture if in_place and picture.flags.c_contiguous else np.ascontiguousarray(picture.copy())
    order = np.argsort(-np.asarray(scores), kind="stable")
    line = max(2, round(max(picture.shape[:2]) / 500))
    for rank, index in enumerate(order[::-1]):
        best = rank == len(order) - 1
        x, y = (int(round(v)) for v in points[index])
        radius = max(8, int(round(0.8 * float(head_heights[index]))))
        colour = BEST_COLOUR if best else OTHER_COLOUR
        thickness = 2 * line if best else line
        cv2.circle(marked, (x, y), radius, (0, 0, 0), thickness + 2, cv2.LINE_AA)
        cv2.circle(marked, (x, y), radius, colour, thickness, cv2.LINE_AA)
        label = f"{float(scores[index]):.2f}"
        org = (x - radius, max(12, y - radius - 4))
        font_scale = 0.4 + 0.2 * line
        cv2.putText(marked, label, org, cv2.FONT_HERSHEY_SIMPLEX, font_scale, (0, 0, 0), thickness + 2, cv2.LINE_AA)
        cv2.putText(marked, label, org, cv2.FONT_HERSHEY_SIMPLEX, font_scale, colour, thickness, cv2.LINE_AA)
    return marked


HEAT_ALPHA_FLOOR, HEAT_ALPHA_GAIN = 0.25, 0.65  # opacity at waldoness 0, and what waldoness 1 adds


def heat_colours(heat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """RGB uint8 inferno colours and opacity (0..1) for waldoness values: strong colour where it is high."""
    level = np.clip(np.nan_to_num(heat), 0.0, 1.0)
    colours = cv2.applyColorMap((level * 255).astype(np.uint8), cv2.COLORMAP_INFERNO)[..., ::-1]
    return np.ascontiguousarray(colours), HEAT_ALPHA_FLOOR + HEAT_ALPHA_GAIN * level


def heatmap_overlay(picture: np.ndarray, heat: np.ndarray, geometry: StackGeometry, peaks=None) -> np.ndarray:
    """Blend the heatmap (0..1) over the picture: strong colour where waldoness is high."""
    height, width = picture.shape[:2]
    colours, alpha = heat_colours(heat_to_picture(heat, geometry, height, width))
    blended = (picture * (1 - alpha[..., None]) + colours * alpha[..., None]).astype(np.uint8)
    if peaks is not None and len(peaks.scores):
        blended = mark_detections(
            blended, peaks.points.cpu().numpy(), peaks.scores.cpu().numpy(), peaks.head_heights.cpu().numpy()
        )
    return blended
