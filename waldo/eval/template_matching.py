"""OpenCV template matching: the lecture's cross-correlation without learning.

Waldo's head, drawn by the same generator that draws the scenes, is slid over the
picture at a pyramid of head sizes and poses (``cv2.matchTemplate``, normalised
correlation coefficient). The best response per pixel is the "waldoness"; its local
maxima, thinned like the detector's peaks, are the detections. This is the reference
the network must beat: it knows exactly what Waldo looks like and how big he is, but
it has learnt nothing about occlusion, look-alikes or clutter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from waldo.infer.detector import Detection, head_box, merge_across_scales
from waldo.pictures.files import to_rgb8
from waldo.synth import render_waldo_head

POSES = ("front", "three_quarter", "side")
# Where the annotated head point (the middle of the face) sits in Waldo's head box, as fractions of
# the box's width and height, as the generator draws its heads.
FACE_POINT = (0.5, 0.6)
# The part of the head box that is matched, as fractions (x0, y0, x1, y1): the hat's stripes, face and
# glasses. The box's corners mostly show whatever stands behind Waldo, which only dilutes the match.
INNER = (0.2, 0.1, 0.8, 0.9)
MAX_CANDIDATES = 2000  # local maxima considered for suppression; the rest score lower than any kept one could need


@dataclass(frozen=True)
class HeadTemplate:
    """One rendered head, cropped to its head box, with where its head point lies inside it."""

    image: np.ndarray  # RGB uint8, the INNER part of the head box; pixels off the head carry its mean colour
    point: tuple[float, float]  # x, y of the head point in template pixels (may lie outside them)
    head_height: float  # px, height of the head box (hat top to chin), as annotations measure it
    pose: str


def head_template(head_height: int, pose: str, blur_sigma: float = 1.0) -> HeadTemplate:
    """Render Waldo's head, crop it to the inner part of its head box and blur it like the picture.

    Background pixels left inside get the head's own mean colour: the correlation coefficient subtracts
    the template's mean, so they add nothing to the match and no masked (4x slower) matching is needed.
    The blur makes a template match heads a few pixels bigger or smaller, so a coarse size pyramid works.
    """
    rgb, mask = render_waldo_head(int(head_height), pose)
    ys, xs = np.nonzero(mask)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    crop, inside = rgb[y0:y1, x0:x1].copy(), mask[y0:y1, x0:x1] > 0
    crop[~inside] = crop[inside].mean(axis=0).round().astype(np.uint8)
    height, width = crop.shape[:2]
    if blur_sigma > 0:
        crop = cv2.GaussianBlur(crop, (0, 0), blur_sigma)
    left, top = int(INNER[0] * width), int(INNER[1] * height)
    inner = crop[top : int(np.ceil(INNER[3] * height)), left : int(np.ceil(INNER[2] * width))]
    point = (FACE_POINT[0] * width - left, FACE_POINT[1] * height - top)
    return HeadTemplate(np.ascontiguousarray(inner), point, float(height), pose)


def size_pyramid(head_range: Sequence[float], steps: int) -> list[int]:
    """Head heights (px) spaced evenly in log scale, so each step changes the size by the same ratio."""
    low, high = float(head_range[0]), float(head_range[-1])
    if not 0 < low <= high:
        raise ValueError(f"template head range {list(head_range)} must be two positive pixel heights, smallest first")
    if steps < 1:
        raise ValueError(f"template steps={steps} must be at least 1")
    sizes = np.geomspace(low, high, steps) if steps > 1 else np.array([np.sqrt(low * high)])
    return sorted({max(4, int(round(s))) for s in sizes})


class TemplateMatcher:
    """Waldo heads at every size and pose, matched everywhere; ``detect`` mirrors ``Detector.detect``."""

    def __init__(
        self,
        head_range: Sequence[float] = (12, 50),
        steps: int = 8,
        poses: Sequence[str] = POSES,
        threshold: float = 0.5,
        top_k: int = 20,
        blur_sigma: float = 1.0,
    ):
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold={threshold} must be a score between 0 and 1")
        if blur_sigma < 0:
            raise ValueError(f"blur_sigma={blur_sigma} must not be negative")
        self.threshold, self.top_k, self.blur_sigma = float(threshold), int(top_k), float(blur_sigma)
        self.templates = [head_template(size, pose, blur_sigma) for size in size_pyramid(head_range, steps) for pose in poses]

    def response(self, picture: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Best correlation (clipped to [0, 1]) of any template whose head point falls on each pixel,
        and the head height of that template."""
        height, width = picture.shape[:2]
        best = np.zeros((height, width), np.float32)
        size = np.zeros((height, width), np.float32)
        for template in self.templates:
            t_h, t_w = template.image.shape[:2]
            if t_h > height or t_w > width:
                continue
            scores = np.nan_to_num(cv2.matchTemplate(picture, template.image, cv2.TM_CCOEFF_NORMED), nan=0.0, posinf=0.0, neginf=0.0)
            ox, oy = int(round(template.point[0])), int(round(template.point[1]))
            region = (slice(oy, oy + scores.shape[0]), slice(ox, ox + scores.shape[1]))
            better = scores > best[region]
            best[region] = np.where(better, scores, best[region])
            size[region] = np.where(better, template.head_height, size[region])
        return np.clip(best, 0.0, 1.0), size

    def detect(self, image: np.ndarray) -> list[Detection]:
        """Local maxima of the response above the threshold, best first, none within half a head of a better one."""
        picture = to_rgb8(image)
        height, width = picture.shape[:2]
        best, size = self.response(cv2.GaussianBlur(picture, (0, 0), self.blur_sigma) if self.blur_sigma > 0 else picture)
        is_peak = (best >= cv2.dilate(best, np.ones((3, 3), np.uint8))) & (best >= self.threshold) & (best > 0)
        ys, xs = np.nonzero(is_peak)
        order = np.argsort(-best[ys, xs], kind="stable")[:MAX_CANDIDATES]
        candidates = [
            Detection(float(x), float(y), float(best[y, x]), head_box(float(x), float(y), float(size[y, x]), width, height), float(size[y, x]))
            for x, y in zip(xs[order], ys[order])
        ]
        return merge_across_scales(candidates, self.top_k)
