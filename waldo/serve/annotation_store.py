"""The folder the page saves corrections into: pictures and one COCO ``annotations.json``.

It is the folder ``waldo-eval folder=`` and ``data.train_folder`` read, so what a user marks
in the browser trains and scores the model without any conversion. Saving a picture again
replaces its own entry only. Every write goes to a temporary file renamed into place, under a
lock (threads of this server, and other processes through ``flock``), so two saves at once, or
a save cut short, never leave a half-written ``annotations.json``.
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from waldo.data.annotation_files import ImageRecord, read_coco, write_coco
from waldo.pictures.files import write_image
from waldo.synth.annotation import HeadAnnotation

try:
    import fcntl
except ImportError:  # not on Windows: the in-process lock still guards this server's own saves
    fcntl = None

ANNOTATIONS = "annotations.json"
LOCK_FILE = ".annotations.lock"


@dataclass(frozen=True)
class SavedPicture:
    """What one save did: the picture's file name, its head count, whether it replaced an earlier save."""

    file_name: str
    heads: int
    replaced: bool
    pictures: int  # pictures in the folder's annotations after this save


class AnnotationStore:
    """A COCO folder that pictures are added to or re-annotated in, safely under concurrent saves."""

    def __init__(self, folder: str | Path):
        """Create the folder if missing; refuse, with one line, one that cannot be read or written."""
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise ValueError(f"annotations_dir={self.folder} is a file, not a folder")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OSError(f"annotations_dir={self.folder} cannot be created: {error.strerror or error}") from None
        if not os.access(self.folder, os.R_OK | os.W_OK | os.X_OK):
            raise PermissionError(f"annotations_dir={self.folder} is not readable and writable by this user")
        self._thread_lock = threading.Lock()
        try:
            with self._locked():
                self.records()  # a broken annotations.json is found now, not at the first save
        except OSError as error:
            raise OSError(f"annotations_dir={self.folder} cannot be written: {error.strerror or error}") from None
        except ValueError as error:
            raise ValueError(f"annotations_dir={self.folder}: {error}; fix or move that file") from None

    @property
    def annotations_path(self) -> Path:
        return self.folder / ANNOTATIONS

    def records(self) -> list[ImageRecord]:
        """The folder's annotations as they are on disk now (none before the first save)."""
        return read_coco(self.annotations_path) if self.annotations_path.exists() else []

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with self._thread_lock, (self.folder / LOCK_FILE).open("a") as handle:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes
            yield

    def _temporary(self, final: str) -> Path:
        """A hidden name beside ``final`` with the same suffix, which the folder's readers ignore."""
        return self.folder / f".{uuid.uuid4().hex}-{final}"

    def _replace(self, final: Path, write) -> None:
        """Write through ``write(path)`` to a temporary file, then rename it over ``final`` in one step."""
        temporary = self._temporary(final.name)
        try:
            write(temporary)
            os.replace(temporary, final)
        finally:
            temporary.unlink(missing_ok=True)

    def save(self, file_name: str, picture: np.ndarray, heads: list[HeadAnnotation]) -> SavedPicture:
        """Store ``picture`` as ``file_name`` (a name the server made) with exactly ``heads``; no heads = no Waldo."""
        if Path(file_name).name != file_name or file_name.startswith("."):
            raise ValueError(f"{file_name!r} is not a plain file name")
        height, width = picture.shape[:2]
        with self._locked():
            records = self.records()
            target = self.folder / file_name
            if not target.exists():
                self._replace(target, lambda path: write_image(path, picture))
            record = ImageRecord(file_name, width, height, list(heads))
            replaced = any(r.file_name == file_name for r in records)
            records = [record if r.file_name == file_name else r for r in records] if replaced else [*records, record]
            self._replace(self.annotations_path, lambda path: write_coco(path, records))
        return SavedPicture(file_name, len(heads), replaced, len(records))
