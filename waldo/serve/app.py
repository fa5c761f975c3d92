"""The web app: one page, and a JSON API around one ``Detector`` and one annotations folder.

``POST /api/detect`` answers what ``waldo-detect`` writes for one picture in detections.json;
``POST /api/inspect`` adds what the page draws (weaker candidates, the heat layer, each
candidate's window); ``POST /api/annotations`` saves the user's corrections; ``POST /api/picture``
hands back the decoded picture as PNG for kinds a browser cannot show. Every refusal is
a JSON ``{"detail": "<one line>"}`` with a 4xx status (507 if the folder cannot be written), and a bad
upload never stops the server.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import cv2
import numpy as np
from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from waldo.infer.detector import Detection, DetectionResult, Detector
from waldo.infer.records import picture_record
from waldo.serve.annotation_store import AnnotationStore
from waldo.serve.body_limit import BodySizeLimit
from waldo.serve.page_heads import heads_from_page
from waldo.serve.page_overlays import candidate_window, heat_layer
from waldo.serve.same_site import LOCAL_HOSTS, SameSiteOnly
from waldo.serve.schemas import HealthOut, InspectOut, PictureRecord, SavedOut
from waldo.serve.upload import MEGA, UploadLimits, UploadRefused, decode_upload, read_capped, upload_label

STATIC = Path(str(importlib.resources.files("waldo.serve") / "static"))
FORM_OVERHEAD = 1_000_000  # bytes a multipart form adds around the picture (boundaries, the heads list)
SAVED_NAME_DIGITS = 16  # hex digits of the upload's SHA-256 in a saved picture's name: the same picture, the same name
REFUSALS = {
    413: {"description": "the upload is over max_upload_mb, or the picture over max_megapixels"},
    415: {"description": "the upload is not a picture waldo reads"},
    422: {"description": "empty, truncated or damaged picture, or a bad form field"},
}

Announce = Callable[[dict, list[Detection]], None]
PictureUpload = Annotated[UploadFile, File(description="the picture: jpg, png, bmp, webp or tiff")]
HeadsField = Annotated[str, Form(description='JSON list of {"box": [x0, y0, x1, y1], "point": [x, y]} in picture pixels; [] = no Waldo here')]


@dataclass(frozen=True)
class ServeSettings:
    """What the app needs besides the detector: the Waldo threshold, the model's name, the upload caps."""

    threshold: float  # waldoness a candidate needs to count as a Waldo (the detector decodes lower: candidates)
    model: str  # "bundled" or the bundle's path, as the answers and the page name it
    limits: UploadLimits
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS  # host names requests may be addressed to ("*": any)


def _one_line(error: RequestValidationError) -> str:
    """FastAPI's list of field problems as one sentence."""
    problems = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}" for e in error.errors()]
    return "bad request: " + "; ".join(problems) + " (send a multipart form with the picture as 'file')"


def create_app(detector: Detector, store: AnnotationStore, settings: ServeSettings, announce: Announce | None = None) -> FastAPI:
    """The app; ``detector`` decodes down to the page's candidate threshold, ``announce`` hears of each picture."""
    if detector.threshold > settings.threshold:
        raise ValueError(f"candidate_threshold={detector.threshold} must not exceed threshold={settings.threshold}")
    app = FastAPI(
        title="waldo",
        summary="Find Waldo in a picture, correct the result, and save annotations to train on.",
        version="1",
    )
    limits = settings.limits
    app.add_middleware(
        BodySizeLimit,
        max_bytes=limits.max_bytes + FORM_OVERHEAD,
        message=f"the upload is larger than the limit of {limits.max_bytes / MEGA:g} MB (max_upload_mb)",
    )
    app.add_middleware(SameSiteOnly, allowed_hosts=settings.allowed_hosts)
    one_at_a_time = threading.Lock()  # the network runs one picture at a time, so memory stays that of one

    @app.exception_handler(UploadRefused)
    def refused(_: Request, error: UploadRefused) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=error.status)

    @app.exception_handler(RequestValidationError)
    def invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _one_line(error)}, status_code=422)

    def received(file: UploadFile) -> tuple[str, bytes]:
        label = upload_label(file.filename)
        return label, read_capped(file.file, label, limits)

    def decoded(data: bytes, label: str) -> np.ndarray:
        with one_at_a_time:
            return decode_upload(data, label, limits)

    def found(data: bytes, label: str) -> tuple[np.ndarray, DetectionResult, float]:
        with one_at_a_time:
            picture = decode_upload(data, label, limits)
            tick = time.perf_counter()
            result = detector.run(picture)
            return picture, result, time.perf_counter() - tick

    def record_of(label: str, picture: np.ndarray, result: DetectionResult, seconds: float) -> dict:
        waldos = [d for d in result.detections if d.score >= settings.threshold]
        record = picture_record(label, picture.shape[1], picture.shape[0], seconds, waldos)
        if announce is not None:
            announce(record, waldos)
        return record

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/api/health", response_model=HealthOut)
    def health() -> dict:
        """The server is up: its model, thresholds, annotations folder and upload limits."""
        return {
            "status": "ok",
            "model": settings.model,
            "threshold": settings.threshold,
            "candidate_threshold": detector.threshold,
            "annotations_dir": str(store.folder),
            "saved_pictures": len(store.records()),
            **limits.to_json(),
        }

    @app.post("/api/detect", response_model=PictureRecord, responses=REFUSALS)
    def detect(file: PictureUpload) -> dict:
        """Find Waldo: the same record as one picture of ``waldo-detect``'s detections.json."""
        label, data = received(file)
        picture, result, seconds = found(data, label)
        return record_of(label, picture, result, seconds)

    @app.post("/api/inspect", response_model=InspectOut, responses=REFUSALS)
    def inspect(file: PictureUpload) -> dict:
        """What the page shows: the record, candidates down to the candidate threshold with their windows, the heat layer."""
        label, data = received(file)
        picture, result, seconds = found(data, label)
        geometry, grid = result.geometry, result.heat.shape
        candidates = [
            {**d.to_json(), "waldo": d.score >= settings.threshold, **candidate_window(d, geometry, grid)} for d in result.detections
        ]
        return {
            "record": record_of(label, picture, result, seconds),
            "candidates": candidates,
            "heat": heat_layer(result.heat, geometry),
            "threshold": settings.threshold,
            "candidate_threshold": detector.threshold,
            "receptive_field": geometry.receptive_field,
            "jump": geometry.jump,
        }

    @app.post("/api/picture", responses={**REFUSALS, 200: {"content": {"image/png": {}}}})
    def picture(file: PictureUpload) -> Response:
        """The picture as the server decoded it, as PNG: for kinds a browser cannot show itself (tiff, 16-bit)."""
        label, data = received(file)
        rgb = decoded(data, label)
        ok, png = cv2.imencode(".png", np.ascontiguousarray(rgb[..., ::-1]))
        if not ok:
            raise UploadRefused(422, f"{label} could not be encoded as PNG")
        return Response(png.tobytes(), media_type="image/png")

    @app.post("/api/annotations", response_model=SavedOut, responses={**REFUSALS, 409: {"description": "annotations.json is broken"}})
    def save(file: PictureUpload, heads: HeadsField) -> dict:
        """Save the picture (under a name the server makes from its content) and exactly these heads, replacing an earlier save of it."""
        label, data = received(file)
        picture = decoded(data, label)
        try:
            parsed = heads_from_page(heads, picture.shape[1], picture.shape[0])
        except ValueError as error:
            raise UploadRefused(422, str(error)) from None
        name = f"page-{hashlib.sha256(data).hexdigest()[:SAVED_NAME_DIGITS]}.png"
        try:
            saved = store.save(name, picture, parsed)
        except ValueError as error:
            raise UploadRefused(409, f"cannot save into {store.folder}: {error}; fix or move that file") from None
        except OSError as error:
            raise UploadRefused(507, f"cannot save into {store.folder}: {error.strerror or error}") from None
        return {"file_name": saved.file_name, "heads": saved.heads, "replaced": saved.replaced, "pictures": saved.pictures, "folder": str(store.folder)}

    return app
