"""Brightness, contrast and saturation jitter in one blend: albumentations' ColorJitter at a fraction of its cost.

ColorJitter changes the three one after another, in a random order, each a pass over the picture
(and saturation through a grey copy); per training patch that cost more than cutting the patch. All
three are linear in the picture, its grey version and its mean grey, so they fold into one weighted
sum that OpenCV makes in a single pass. The hue is left alone: Waldo's red must stay red.
"""

from typing import Any

import albumentations as A
import cv2
import numpy as np


class ColourJitter(A.ImageOnlyTransform):
    """Scales brightness, contrast and saturation of an RGB uint8 picture, each by a factor drawn uniformly from
    [max(0, 1 - limit), 1 + limit], as ColorJitter draws them; a limit of 0 leaves that property alone.

    In the order brightness, contrast, saturation, the result is
    ``s*c*b * picture + (1 - s)*c*b * grey + (1 - c)*b * mean grey``, clipped to 0..255 once at the end
    (ColorJitter clips after each step, which differs only where a step overshoots).
    """

    def __init__(self, brightness: float = 0.2, contrast: float = 0.2, saturation: float = 0.2, p: float = 0.5):
        super().__init__(p=p)
        for name, limit in (("brightness", brightness), ("contrast", contrast), ("saturation", saturation)):
            if not limit >= 0:
                raise ValueError(f"colour jitter {name}={limit} must not be negative")
        self.brightness, self.contrast, self.saturation = float(brightness), float(contrast), float(saturation)

    def get_transform_init_args_names(self) -> tuple[str, ...]:
        return ("brightness", "contrast", "saturation")

    def get_params(self) -> dict[str, Any]:
        b, c, s = (self.py_random.uniform(max(0.0, 1.0 - limit), 1.0 + limit) for limit in (self.brightness, self.contrast, self.saturation))
        return {"brightness": b, "contrast": c, "saturation": s}

    def apply(self, img: np.ndarray, brightness: float, contrast: float, saturation: float, **params: Any) -> np.ndarray:
        if img.dtype != np.uint8 or img.ndim != 3 or img.shape[2] != 3:
            raise ValueError(f"colour jitter needs an RGB uint8 picture, got {img.dtype} of shape {img.shape}")
        grey = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
        mean = float(cv2.mean(grey)[0])
        b, c, s = brightness, contrast, saturation
        return cv2.addWeighted(img, s * c * b, cv2.cvtColor(grey, cv2.COLOR_GRAY2RGB), (1.0 - s) * c * b, (1.0 - c) * b * mean)
