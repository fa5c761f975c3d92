"""Picture files in and out: whatever a user points us at becomes RGB uint8, or one clear error.

Users hand the detector phone JPEGs, scanned greyscale pages, transparent PNGs and
16-bit TIFFs; the network wants exactly one thing (H x W x 3 RGB, uint8). Every
conversion lives here so the detector never has to guess what it was given.
"""

from __future__ import annotations

import glob
from pathlib import Path

import cv2
import numpy as np

PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff")
KINDS = ", ".join(suffix[1:] for suffix in PICTURE_SUFFIXES)  # for error messages

JPEG_START_OF_SCAN = b"\xff\xda"
JPEG_END_OF_IMAGE = b"\xff\xd9"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END_CHUNK = b"IEND"

# OpenCV's own warnings ("[ WARN:0@...] grfmt_png.cpp ...") would land in the user's terminal beside
# waldo's one-line error about the same file; errors of its own still show.
cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)


def _is_picture(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in PICTURE_SUFFIXES


def collect_pictures(source: str | Path) -> list[Path]:
    """The pictures a user means by a file, a folder (not recursed) or a glob, in sorted order.

    A named file is taken whatever its suffix, so reading it can say what is wrong with it.
    """
    text = str(source)
    path = Path(text)
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if _is_picture(p))
        if not found:
            raise FileNotFoundError(f"folder {path} holds no pictures ({KINDS})")
        return found
    if path.exists():
        return [path]
    if glob.has_magic(text):
        found = sorted(p for p in map(Path, glob.glob(text, recursive=True)) if _is_picture(p))
        if not found:
            raise FileNotFoundError(f"no pictures match {text} ({KINDS})")
        return found
    raise FileNotFoundError(f"input {path} does not exist (give a picture, a folder or a glob)")


def _composite_on_white(colour: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Transparent pixels become white, as a viewer shows them on a page."""
    weight = alpha.astype(np.float32)[..., None] / 255.0
    return (colour.astype(np.float32) * weight + 255.0 * (1.0 - weight) + 0.5).astype(np.uint8)


def _to_uint8(array: np.ndarray, name: str) -> np.ndarray:
    """Scale other bit depths to 0..255: 16-bit by 257 (65535 -> 255), floats from 0..1."""
    if array.dtype == np.uint8:
        return array
    if array.dtype == np.uint16:
        return ((array.astype(np.uint32) + 128) // 257).astype(np.uint8)
    if np.issubdtype(array.dtype, np.floating):
        return (np.clip(np.nan_to_num(array), 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)
    if array.dtype == np.bool_:
        return array.astype(np.uint8) * 255
    raise ValueError(f"{name} has pixels of type {array.dtype}; expected 8- or 16-bit integers or floats in 0..1")


def to_rgb8(array: np.ndarray, name: str = "picture", bgr: bool = False) -> np.ndarray:
    """Any grey, grey+alpha, RGB or RGBA array (any common bit depth) -> contiguous RGB uint8.

    ``bgr`` says the colour channels come in OpenCV's order (as ``cv2.imdecode`` gives them).
    """
    array = np.asarray(array)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[..., 0]
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (2, 3, 4)):
        raise ValueError(f"{name} has shape {array.shape}; expected H x W (grey) or H x W x 3/4 (colour)")
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(f"{name} is empty ({array.shape[1]}x{array.shape[0]} pixels)")
    array = _to_uint8(array, name)
    if array.ndim == 2:
        return np.ascontiguousarray(np.repeat(array[..., None], 3, axis=2))
    if array.shape[2] == 2:
        grey = _composite_on_white(array[..., :1], array[..., 1])
        return np.ascontiguousarray(np.repeat(grey, 3, axis=2))
    if array.shape[2] == 4:
        array = _composite_on_white(array[..., :3], array[..., 3])
    if bgr and array.flags.c_contiguous and array.flags.writeable:  # in place: an 80 MP photo is 240 MB per copy
        return cv2.cvtColor(array, cv2.COLOR_BGR2RGB, dst=array)
    return np.ascontiguousarray(array[..., ::-1] if bgr else array)


def _check_complete(data: bytes, name: str) -> None:
    """Refuse a JPEG cut short: some decoders return the top part and grey below without complaint."""
    if data[:2] == b"\xff\xd8" and data.rfind(JPEG_END_OF_IMAGE) < data.rfind(JPEG_START_OF_SCAN):
        raise ValueError(f"{name} is truncated: the JPEG stops before its end-of-image marker; copy or export it again")
    if data.startswith(PNG_SIGNATURE) and PNG_END_CHUNK not in data[-16:]:  # libpng would print its own complaint first
        raise ValueError(f"{name} is truncated: the PNG stops before its end chunk; copy or export it again")


def read_image(path: str | Path) -> np.ndarray:
    """Read a picture file as RGB uint8 (H x W x 3); bad files raise one line naming the file and the problem."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"picture {path} does not exist")
    if path.is_dir():
        raise IsADirectoryError(f"picture {path} is a folder, not a file")
    data = path.read_bytes()
    if not data:
        raise ValueError(f"picture {path} is an empty file (0 bytes)")
    return decode_image(data, f"picture {path}")


def decode_image(data: bytes, name: str) -> np.ndarray:
    """A picture file's bytes as RGB uint8; ``name`` ("picture page.jpg", "the upload") starts every error."""
    _check_complete(data, name)
    decoded = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if decoded is None:
        raise ValueError(f"{name} could not be decoded: not an image, or a damaged one (readable kinds: {KINDS})")
    return to_rgb8(decoded, name=name, bgr=True)


def write_image(path: str | Path, rgb: np.ndarray, jpeg_quality: int = 92, consume: bool = False) -> Path:
    """Write an RGB picture (PNG/JPEG by suffix); never replaces an existing file.

    ``consume`` lets the channel swap happen in ``rgb`` itself, for a caller done with it.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} already exists; not overwriting it")
    if consume and rgb.flags.c_contiguous and rgb.flags.writeable and rgb.ndim == 3:
        bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR, dst=rgb)
    else:
        bgr = np.ascontiguousarray(rgb[..., ::-1])
    params = [cv2.IMWRITE_JPEG_QUALITY, int(jpeg_quality)] if path.suffix.lower() in (".jpg", ".jpeg") else []
    ok, encoded = cv2.imencode(path.suffix or ".png", bgr, params)
    if not ok:
        raise ValueError(f"could not encode a picture for {path}")
    encoded.tofile(str(path))
    return path
