"""Painting a Waldo so that how much of his head stays visible can be measured after the rest is painted.

His head is painted as a sprite whose coverage is known (figures.paint_head_sprite); the
pixels it set are remembered, and once everything in front of him has been painted, the share
of those pixels still unchanged is his visible fraction. Any scene that paints a Waldo (the
crowd scenes, the book pages) annotates him this way, so the truth means the same everywhere.
"""

from dataclasses import dataclass

import numpy as np

from waldo.synth.annotation import HeadAnnotation
from waldo.synth.figures import Person, composite_head, draw_body, face_centre, paint_head_sprite

HEAD_MASK_ALPHA = 0.5  # a pixel at least this much covered by the head sprite belongs to the head (0-1)


@dataclass
class PaintedHead:
    """A Waldo head as painted: the person, his head box, the pixels it set and how they looked right after."""

    person: Person
    box: tuple[float, float, float, float]
    region: tuple[int, int, int, int]
    mask: np.ndarray
    snapshot: np.ndarray

    def visible_fraction(self, image: np.ndarray) -> float:
        """Share of the head's pixels (inside the image) that nothing painted later has changed, 0-1."""
        x0, y0, x1, y1 = self.region
        unchanged = np.all(image[y0:y1, x0:x1] == self.snapshot, axis=2)
        total = int(self.mask.sum())
        return float((unchanged & self.mask).sum() / total) if total else 0.0

    def annotation(self, image: np.ndarray, min_visible: float = 0.0) -> HeadAnnotation | None:
        """The head as a detector should find it in `image` now (face point, box, visible fraction), or
        None when nothing of it shows or less than `min_visible` (0-1) does, or when his face centre, the point
        he is found by, lies off the image (a picture narrower than his head): such a Waldo is not annotated."""
        visible = self.visible_fraction(image)
        if visible <= 0.0 or visible < min_visible:
            return None
        x, y = face_centre(self.person)
        if not (0 <= x < image.shape[1] and 0 <= y < image.shape[0]):
            return None
        return HeadAnnotation((x, y), self.box, round(visible, 4))


def paint_waldo(image: np.ndarray, waldo: Person) -> PaintedHead | None:
    """Body, then head as a sprite; None when the head falls wholly outside the image."""
    draw_body(image, waldo)
    sprite = paint_head_sprite(waldo)
    x0, y0, x1, y1 = composite_head(image, sprite)
    if x1 <= x0 or y1 <= y0:
        return None
    ys, xs = np.nonzero(sprite.alpha >= HEAD_MASK_ALPHA)
    box = (float(sprite.x0 + xs.min()), float(sprite.y0 + ys.min()),
           float(sprite.x0 + xs.max() + 1), float(sprite.y0 + ys.max() + 1))
    mask = sprite.alpha[y0 - sprite.y0:y1 - sprite.y0, x0 - sprite.x0:x1 - sprite.x0] >= HEAD_MASK_ALPHA
    return PaintedHead(waldo, box, (x0, y0, x1, y1), mask, image[y0:y1, x0:x1].copy())
