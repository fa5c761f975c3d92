"""Checking a picture upload before it costs memory: bytes, kind, pixels, completeness, then decoding.

A page server takes whatever a browser sends: a text file, an empty drop, half a JPEG, a
200-megapixel scan. Each is refused with the HTTP status a client can act on and one line
naming the problem or the limit, before the picture is decoded; the pixel count is read from
the file's header, so a small file that unpacks into gigabytes is refused unopened.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PureWindowsPath
from typing import BinaryIO

import numpy as np
from PIL import Image, UnidentifiedImageError

from waldo.pictures.files import KINDS, decode_image

MEGA = 1_000_000
# Pillow refuses to open pictures over twice its MAX_IMAGE_PIXELS, whatever our own limit says
PILLOW_PIXEL_GUARD = 2 * (Image.MAX_IMAGE_PIXELS or 0)
# the kinds OpenCV decodes for us, as Pillow names them
READABLE_FORMATS = {"JPEG", "MPO", "PNG", "BMP", "WEBP", "TIFF"}
# how each readable kind starts, to tell a damaged picture (422) from something else (415)
SIGNATURES = (b"\xff\xd8", b"\x89PNG", b"BM", b"II*\x00", b"MM\x00*")
LABEL_LENGTH = 120


class UploadRefused(Exception):
    """An upload the server will not take; ``status`` is the HTTP answer, the message says why."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class UploadLimits:
    """The largest upload in bytes and the largest picture in pixels the server accepts."""

    max_bytes: int
    max_pixels: int

    @classmethod
    def from_settings(cls, max_upload_mb: float, max_megapixels: float) -> UploadLimits:
        """From ``configs/serve.yaml``'s units (MB = 10^6 bytes, megapixels), checked once at start."""
        if not max_upload_mb > 0:
            raise ValueError(f"max_upload_mb={max_upload_mb} must be a positive number of megabytes")
        if not 0 < max_megapixels * MEGA <= PILLOW_PIXEL_GUARD:
            raise ValueError(f"max_megapixels={max_megapixels} must be above 0 and at most {PILLOW_PIXEL_GUARD / MEGA:.0f}")
        return cls(max_bytes=round(max_upload_mb * MEGA), max_pixels=round(max_megapixels * MEGA))

    def to_json(self) -> dict[str, float]:
        return {"max_upload_mb": self.max_bytes / MEGA, "max_megapixels": self.max_pixels / MEGA}


def upload_label(filename: str | None) -> str:
    """The client's file name cut to its last part, for messages and records only: never a path to open."""
    name = PureWindowsPath(filename or "").name  # splits at both / and \
    name = "".join(c for c in name if c.isprintable())[:LABEL_LENGTH]
    return name or "the upload"


def read_capped(stream: BinaryIO, label: str, limits: UploadLimits) -> bytes:
    """The upload's bytes, reading no more than one byte past the limit."""
    data = stream.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise UploadRefused(413, f"{label} is larger than the upload limit of {limits.max_bytes / MEGA:g} MB (max_upload_mb)")
    if not data:
        raise UploadRefused(422, f"{label} is empty (0 bytes); pick the picture file again")
    return data


def _header_size(data: bytes, label: str) -> tuple[int, int, str]:
    """(width, height, format) from the file's header alone, without decoding its pixels."""
    try:
        with Image.open(io.BytesIO(data)) as header:
            return header.size[0], header.size[1], str(header.format)
    except Image.DecompressionBombError:
        raise UploadRefused(413, f"{label} has more than {PILLOW_PIXEL_GUARD / MEGA:.0f} megapixels, over the limit (max_megapixels)") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        if data.startswith(SIGNATURES) or data[8:12] == b"WEBP":
            raise UploadRefused(422, f"{label} is a damaged picture: its header cannot be read; export it again") from None
        raise UploadRefused(415, f"{label} is not a picture waldo can read (readable kinds: {KINDS})") from None


def decode_upload(data: bytes, label: str, limits: UploadLimits) -> np.ndarray:
    """The upload as RGB uint8 (H x W x 3), or ``UploadRefused`` saying why not."""
    width, height, kind = _header_size(data, label)
    if kind not in READABLE_FORMATS:
        raise UploadRefused(415, f"{label} is a {kind} picture; waldo reads {KINDS}")
    if width * height > limits.max_pixels:
        raise UploadRefused(
            413,
            f"{label} is {width}x{height} pixels ({width * height / MEGA:.1f} megapixels); "
            f"the limit is {limits.max_pixels / MEGA:g} megapixels (max_megapixels)",
        )
    try:
        return decode_image(data, label)
    except ValueError as error:
        raise UploadRefused(422, str(error)) from None
