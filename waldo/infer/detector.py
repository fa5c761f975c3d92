"""Find Waldo in a picture of any size: tiled inference, one decode, result records.

The network is fully convolutional, so a big picture can be cut into overlapping tiles
whose raw outputs, stitched on the heatmap grid, equal the whole-picture output exactly
(see ``waldo.infer.tiling``). Peaks are decoded once, on the stitched map, with the same
``find_peaks`` validation uses, so a Waldo on a seam is found once and scored as in training.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import torch

from waldo.conv import StackGeometry, stack_out_shape
from waldo.infer.fuse import inference_net
from waldo.infer.settings import detector_defaults
from waldo.infer.tiling import check_tile_size, smallest_input, stitched_output
from waldo.model.bundle import load_net
from waldo.model.heatmap import LOGIT, Peaks, find_peaks
from waldo.model.network import WaldoNet
from waldo.pictures.files import read_image, to_rgb8

BOX_ASPECT = 0.9  # head box width / height: heads are a little taller than wide
MERGE_DISTANCE = 0.5  # across scales, a peak this many head heights from a better one is the same Waldo
PAD_GREY = 128  # fills pictures too small for the network; neutral, neither sky nor stripes


def bundled_model_path() -> Path:
    """The model that ships inside the package (trained on synthetic scenes)."""
    return Path(str(importlib.resources.files("waldo") / "assets" / "waldo_model.pt"))


@dataclass(frozen=True)
class Detection:
    """One found Waldo, in the original picture's pixels: (x, y) is the predicted head centre."""

    x: float
    y: float
    score: float
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 around the head, clipped to the picture
    head_height: float

    def to_json(self) -> dict:
        return {
            "x": round(self.x, 1),
            "y": round(self.y, 1),
            "score": round(self.score, 4),
            "box": [round(v, 1) for v in self.box],
            "head_height": round(self.head_height, 1),
        }


@dataclass
class DetectionResult:
    """Everything one pass of the net gives: the detections and the waldoness heatmap to draw."""

    detections: list[Detection]
    heat: np.ndarray  # (h, w) float32 waldoness probabilities on the heatmap grid of the original picture
    geometry: StackGeometry  # maps that grid onto the original picture (for overlay.heatmap_overlay)


def head_box(x: float, y: float, head_height: float, width: int, height: int) -> tuple[float, float, float, float]:
    """A box centred on the head point with the predicted height, clipped to the picture."""
    half_w, half_h = BOX_ASPECT * head_height / 2, head_height / 2
    return (max(0.0, x - half_w), max(0.0, y - half_h), min(float(width), x + half_w), min(float(height), y + half_h))


def merge_across_scales(candidates: list[Detection], top_k: int) -> list[Detection]:
    """Best first; drop a detection closer than MERGE_DISTANCE head heights to a better one (peak NMS)."""
    kept: list[Detection] = []
    for candidate in sorted(candidates, key=lambda d: -d.score):
        if all(np.hypot(candidate.x - k.x, candidate.y - k.y) >= MERGE_DISTANCE * k.head_height for k in kept):
            kept.append(candidate)
        if len(kept) == top_k:
            break
    return kept


def _resample_grid(heat: np.ndarray, scale: tuple[float, float], geometry: StackGeometry, grid: tuple[int, int]) -> np.ndarray:
    """Move a heatmap computed on a resized picture onto the original picture's grid (for drawing only)."""
    j, o = geometry.jump, geometry.offset
    sx, sy = scale
    # cell u of the original grid sits at pixel o + j u; resizing moves pixel p to (p + 0.5) s - 0.5
    to_scaled = np.array([[sx, 0.0, ((o + 0.5) * sx - 0.5 - o) / j], [0.0, sy, ((o + 0.5) * sy - 0.5 - o) / j]], np.float32)
    return cv2.warpAffine(heat, to_scaled, (grid[1], grid[0]), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderMode=cv2.BORDER_REPLICATE)


def _on_original(peaks: Peaks, scale: tuple[float, float], width: int, height: int) -> list[Detection]:
    """Peaks found on a resized (and maybe grey-padded) picture, as detections on the original; padding's peaks dropped."""
    sx, sy = scale
    detections = []
    for (px, py), score, size in zip(peaks.points.tolist(), peaks.scores.tolist(), peaks.head_heights.tolist()):
        x, y, head = (px + 0.5) / sx - 0.5, (py + 0.5) / sy - 0.5, size / sy
        if -0.5 <= x < width - 0.5 and -0.5 <= y < height - 0.5:  # inside some pixel of the picture
            x, y = min(max(x, 0.0), width - 1.0), min(max(y, 0.0), height - 1.0)
            detections.append(Detection(x, y, score, head_box(x, y, head, width, height), head))
    return detections


class Detector:
    """A loaded, inference-ready waldoness network and the settings to decode it."""

    def __init__(
        self,
        net: WaldoNet,
        device: str = "cpu",
        threshold: float | None = None,
        top_k: int | None = None,
        tile_size: int | None = None,
        scales: Sequence[float] | None = None,
    ):
        """A setting left at ``None`` takes its value from ``configs/detector/default.yaml``, as the CLI does."""
        defaults = detector_defaults()
        threshold = defaults["threshold"] if threshold is None else threshold
        top_k = defaults["top_k"] if top_k is None else top_k
        tile_size = defaults["tile_size"] if tile_size is None else tile_size
        scales = defaults["scales"] if scales is None else scales
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold={threshold} must be a probability between 0 and 1")
        if top_k < 1 or top_k != int(top_k):
            raise ValueError(f"top_k={top_k} must be a whole number, at least 1")
        if not scales or any(s <= 0 for s in scales):
            raise ValueError(f"scales={list(scales)} must be a non-empty list of positive resize factors")
        self.device = self._device(device)
        self.threshold, self.top_k, self.scales = float(threshold), int(top_k), tuple(float(s) for s in scales)
        self.layers = net.layer_geometry
        self.geometry = net.geometry
        self.tile_size = int(tile_size)
        check_tile_size(self.tile_size, self.layers)  # refuse a useless tile size now, not mid-run
        self.net = inference_net(net).to(self.device, memory_format=torch.channels_last)

    @staticmethod
    def _device(name: str) -> torch.device:
        try:
            device = torch.device(name)
        except RuntimeError:
            raise ValueError(f"device={name!r} is not a device torch knows (try cpu or cuda)") from None
        if device.type == "cuda" and not torch.cuda.is_available():
            raise ValueError(f"device={name} was asked for, but torch sees no CUDA GPU here; use device=cpu")
        return device

    @classmethod
    def load(cls, ckpt: str | Path | None = None, device: str = "cpu", **settings) -> Detector:
        """Load a bundle (``waldo_model.pt``) or a training ``.ckpt``; ``None`` is the bundled model.

        ``settings`` are ``threshold``, ``scales``, ``top_k`` and ``tile_size``; those not given
        take the detection defaults (``configs/detector/default.yaml``), the same as ``waldo-detect``.
        """
        path = bundled_model_path() if ckpt is None else Path(ckpt)
        if ckpt is None and not path.exists():
            raise FileNotFoundError(f"the bundled model {path} is not installed; pass ckpt=<a waldo_model.pt or .ckpt file>")
        net, _ = load_net(path)
        return cls(net, device=device, **settings)

    def output_map(self, picture: np.ndarray) -> torch.Tensor:
        """Raw net output (4, h, w) for an RGB uint8 picture, tile by tile, equal to one whole-picture pass."""
        return stitched_output(self.net, picture, self.layers, self.tile_size, self.device)

    def _padded(self, picture: np.ndarray) -> np.ndarray:
        """Pictures smaller than the network's smallest input get grey on the right and bottom."""
        need = smallest_input(self.layers)
        height, width = picture.shape[:2]
        if height >= need and width >= need:
            return picture
        return cv2.copyMakeBorder(picture, 0, max(0, need - height), 0, max(0, need - width), cv2.BORDER_CONSTANT, value=(PAD_GREY,) * 3)

    def _at_scale(self, picture: np.ndarray, scale: float) -> tuple[Peaks, np.ndarray, tuple[float, float]]:
        """Peaks and waldoness of the picture resized by ``scale``, with the exact per-axis factors used."""
        height, width = picture.shape[:2]
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        resized = picture
        if size != (width, height):
            resized = cv2.resize(picture, size, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
        output = self.output_map(self._padded(resized))
        peaks = find_peaks(output[None], self.geometry, self.threshold, self.top_k)[0]
        heat = torch.sigmoid(output[LOGIT]).cpu().numpy()
        return peaks, heat, (size[0] / width, size[1] / height)

    def run(self, image: np.ndarray | str | Path) -> DetectionResult:
        """Detections and heatmap in one pass; ``image`` is an RGB uint8 array or a picture file."""
        picture = read_image(image) if isinstance(image, (str, Path)) else to_rgb8(image)
        height, width = picture.shape[:2]
        padded = self._padded(picture)
        grid = stack_out_shape(padded.shape[0], padded.shape[1], self.layers)
        candidates, heat = [], np.zeros(grid, np.float32)
        with torch.inference_mode():
            for scale in self.scales:
                peaks, scale_heat, (sx, sy) = self._at_scale(picture, scale)
                if (sx, sy) != (1.0, 1.0):
                    scale_heat = _resample_grid(scale_heat, (sx, sy), self.geometry, grid)
                np.maximum(heat, scale_heat, out=heat)
                candidates += _on_original(peaks, (sx, sy), width, height)
        if len(self.scales) > 1:
            detections = merge_across_scales(candidates, self.top_k)
        else:
            detections = sorted(candidates, key=lambda d: -d.score)
        return DetectionResult(detections, heat, self.geometry)

    def detect(self, image: np.ndarray | str | Path) -> list[Detection]:
        """Waldos in the picture, best first."""
        return self.run(image).detections

    def heatmap(self, image: np.ndarray | str | Path) -> np.ndarray:
        """Waldoness probabilities on the heatmap grid, for ``overlay.heatmap_overlay``."""
        return self.run(image).heat
