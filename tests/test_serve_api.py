"""waldo-serve's JSON API through FastAPI's TestClient: the detect record, refusals, saving annotations.

One app for the module, with the bundled model (a 1024x768 picture takes a fraction of a second)
and small upload limits, so the oversized cases stay small files.
"""

from __future__ import annotations

import base64
import io
import json
import re
import sys
import threading
from pathlib import Path

import cv2
import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from conftest import REPO
from waldo.cli.serve import listening_socket
from waldo.cli.serve import main as serve_main
from waldo.data.annotation_files import read_coco
from waldo.data.sources import FolderDataset
from waldo.infer.detector import Detector
from waldo.serve.annotation_store import AnnotationStore
from waldo.serve.app import ServeSettings, create_app
from waldo.serve.upload import UploadLimits

SAMPLE = REPO / "waldo" / "assets" / "sample_scene.jpg"
STATIC = REPO / "waldo" / "serve" / "static"
THRESHOLD = 0.65
MAX_MB, MAX_MEGAPIXELS = 1.0, 1.0  # the sample (0.23 MB, 0.79 megapixels) just fits
RECORD_KEYS = {"path", "width", "height", "seconds", "detections"}
DETECTION_KEYS = {"x", "y", "score", "box", "head_height"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("serve") / "my_pages"


@pytest.fixture(scope="module")
def client(folder: Path) -> TestClient:
    detector = Detector.load(threshold=0.2)
    settings = ServeSettings(THRESHOLD, "bundled", UploadLimits.from_settings(MAX_MB, MAX_MEGAPIXELS))
    return TestClient(create_app(detector, AnnotationStore(folder), settings), base_url="http://127.0.0.1:8000")


def encoded(picture: np.ndarray, suffix: str = ".png") -> bytes:
    return cv2.imencode(suffix, picture)[1].tobytes()


def upload(client: TestClient, path: str, name: str, data: bytes, **form) -> dict:
    answer = client.post(path, files={"file": (name, data, "application/octet-stream")}, data=form)
    return {"status": answer.status_code, **answer.json()}


def test_detect_on_the_sample_answers_one_picture_of_detections_json(client):
    record = upload(client, "/api/detect", "sample_scene.jpg", SAMPLE.read_bytes())
    assert record.pop("status") == 200
    assert set(record) == RECORD_KEYS
    assert (record["path"], record["width"], record["height"]) == ("sample_scene.jpg", 1024, 768)
    assert 0 < record["seconds"] < 30
    assert all(set(d) == DETECTION_KEYS for d in record["detections"])
    # candidates are decoded down to 0.2, yet the record is what waldo-detect finds at its own threshold
    assert record["detections"] == [d.to_json() for d in Detector.load().detect(SAMPLE)]


def test_inspect_adds_weaker_candidates_their_windows_and_the_heat_layer(client):
    answer = upload(client, "/api/inspect", "sample_scene.jpg", SAMPLE.read_bytes())
    record, candidates = answer["record"], answer["candidates"]
    assert [c["score"] for c in candidates[: len(record["detections"])]] == [d["score"] for d in record["detections"]]
    assert [c["waldo"] for c in candidates] == [c["score"] >= THRESHOLD for c in candidates]
    assert min(c["score"] for c in candidates) >= 0.2
    field, jump = answer["receptive_field"], answer["jump"]
    for c in candidates:
        x0, y0, x1, y1 = c["window"]
        assert x1 - x0 == y1 - y0 == field
        assert x0 <= c["x"] <= x1 and y0 <= c["y"] <= y1
        assert c["cell_box"][2] - c["cell_box"][0] == jump
    layer = cv2.imdecode(np.frombuffer(base64.b64decode(answer["heat"]["png"].split(",", 1)[1]), np.uint8), cv2.IMREAD_UNCHANGED)
    x0, y0, x1, y1 = answer["heat"]["box"]
    assert layer.shape[2] == 4 and (x1 - x0, y1 - y0) == (layer.shape[1] * jump, layer.shape[0] * jump)


def truncated_jpeg() -> bytes:
    data = SAMPLE.read_bytes()
    return data[: len(data) // 2]


def gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="GIF")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "status", "says"),
    [
        ("notes.txt", b"a shopping list, not a picture", 415, "notes.txt is not a picture waldo can read"),
        ("empty.jpg", b"", 422, "empty.jpg is empty (0 bytes)"),
        ("cut.jpg", truncated_jpeg(), 422, "cut.jpg is truncated"),
        ("header.png", b"\x89PNG\r\n\x1a\n\x00\x00", 422, "header.png is a damaged picture"),
        ("wide.png", encoded(np.zeros((800, 1400), np.uint8)), 413, "1400x800 pixels (1.1 megapixels); the limit is 1 megapixels (max_megapixels)"),
        ("heavy.png", encoded(np.random.default_rng(0).integers(0, 256, (600, 600, 3), np.uint8)), 413, "larger than the upload limit of 1 MB (max_upload_mb)"),
        ("moving.gif", gif(), 415, "moving.gif is a GIF picture; waldo reads jpg"),
    ],
)
def test_bad_uploads_get_a_4xx_and_one_line_naming_the_problem(client, name, data, status, says):
    answer = upload(client, "/api/detect", name, data)
    assert answer["status"] == status
    assert says in answer["detail"] and "\n" not in answer["detail"]
    assert client.get("/api/health").json()["status"] == "ok"  # and the server goes on


def test_an_upload_without_a_length_is_cut_off_at_the_limit(client):
    def chunks():
        for _ in range(30):
            yield b"\0" * 100_000

    answer = client.post("/api/detect", content=chunks(), headers={"content-type": "multipart/form-data; boundary=x"})
    assert answer.status_code == 413 and "max_upload_mb" in answer.json()["detail"]


def test_a_form_without_the_picture_is_one_line(client):
    answer = client.post("/api/detect", data={"picture": "page.jpg"})
    assert answer.status_code == 422 and answer.json()["detail"].startswith("bad request: file: Field required")


def test_saved_annotations_round_trip_through_waldo_evals_reader(client, folder):
    best = upload(client, "/api/detect", "sample_scene.jpg", SAMPLE.read_bytes())["detections"][0]
    heads = [{"box": best["box"], "point": [best["x"], best["y"]]}, {"box": [690, 490, 710, 512]}]
    saved = upload(client, "/api/annotations", "../../../etc/sample_scene.jpg", SAMPLE.read_bytes(), heads=json.dumps(heads))
    assert saved["status"] == 200 and saved["heads"] == 2 and not saved["replaced"]
    assert saved["file_name"].startswith("page-") and saved["file_name"].endswith(".png")
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == ["annotations.json", saved["file_name"]]

    dataset = FolderDataset(folder)
    item = next(dataset[i] for i in range(len(dataset)) if dataset[i]["name"] == saved["file_name"])
    assert np.array_equal(item["image"], cv2.cvtColor(cv2.imread(str(SAMPLE)), cv2.COLOR_BGR2RGB))  # the decoded picture, kept losslessly
    np.testing.assert_allclose(item["boxes"], [best["box"], [690, 490, 710, 512]], atol=1e-4)
    np.testing.assert_allclose(item["points"], [[best["x"], best["y"]], [700, 501]], atol=1e-4)

    again = upload(client, "/api/annotations", "renamed.jpg", SAMPLE.read_bytes(), heads="[]")
    assert (again["file_name"], again["heads"], again["replaced"]) == (saved["file_name"], 0, True)
    other = upload(client, "/api/annotations", "grey.png", encoded(np.full((300, 400), 128, np.uint8)), heads=json.dumps([{"box": [-5, -5, 20, 30]}]))
    records = {r.file_name: r for r in read_coco(folder / "annotations.json")}
    assert records[saved["file_name"]].heads == []  # saving again replaced its heads: "no Waldo here"
    assert [h.box for h in records[other["file_name"]].heads] == [(0.0, 0.0, 20.0, 30.0)]  # clipped to the picture
    assert client.get("/api/health").json()["saved_pictures"] == len(records) == other["pictures"]


@pytest.mark.parametrize(
    ("heads", "says"),
    [
        ("not json", "heads is not valid JSON"),
        ('{"box": [1, 2, 3, 4]}', "heads must be a JSON list"),
        ('[{"box": [1, 2, 3]}]', "head 0 box must be a list of 4 finite numbers"),
        ('[{"box": [5000, 5000, 5010, 5010]}]', "lies outside the 400x300 picture"),
        ('[{"box": [10, 10, 30, 30], "point": [50, 50]}]', "head 0 point [50, 50] is not inside its box"),
    ],
)
def test_bad_head_lists_are_refused_with_one_line(client, heads, says):
    answer = upload(client, "/api/annotations", "grey.png", encoded(np.full((300, 400), 128, np.uint8)), heads=heads)
    assert answer["status"] == 422 and says in answer["detail"]


def test_concurrent_saves_all_land_in_one_valid_annotations_file(tmp_path):
    store = AnnotationStore(tmp_path / "pages")
    pictures = [np.full((40, 60, 3), value, np.uint8) for value in range(12)]
    threads = [
        threading.Thread(target=store.save, args=(f"page-{i}.png", picture, [])) for i, picture in enumerate(pictures)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.file_name for r in read_coco(tmp_path / "pages" / "annotations.json")) == sorted(f"page-{i}.png" for i in range(12))
    assert not [p for p in (tmp_path / "pages").iterdir() if p.name.startswith(".") and p.name != ".annotations.lock"]  # no temporary left


def test_a_tiff_comes_back_as_png_for_the_browser(client):
    data = cv2.imencode(".tiff", np.full((30, 40, 3), (10, 20, 30), np.uint8))[1].tobytes()
    answer = client.post("/api/picture", files={"file": ("scan.tiff", data)})
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/png"
    assert cv2.imdecode(np.frombuffer(answer.content, np.uint8), cv2.IMREAD_COLOR).shape == (30, 40, 3)


def test_the_page_and_the_docs_are_served_and_fetch_nothing_from_the_internet(client):
    page = client.get("/")
    assert page.status_code == 200 and "<title>waldo" in page.text
    for name in ("page.js", "viewer.js", "page.css"):
        assert client.get(f"/static/{name}").status_code == 200
    for path in STATIC.iterdir():
        outside = [u for u in re.findall(r"(?:https?:)?//[\w.-]+\.\w+[^\s\"')]*", path.read_text()) if "www.w3.org/2000/svg" not in u]
        assert not outside, f"{path.name} refers to {outside}"
    assert client.get("/docs").status_code == 200
    assert "/api/detect" in client.get("/openapi.json").json()["paths"]


def run_serve(monkeypatch, capsys, *overrides: str) -> tuple[int, str]:
    """waldo-serve's main in this process; returns (exit status, stderr)."""
    monkeypatch.setattr(sys, "argv", ["waldo-serve", *overrides])
    with pytest.raises(SystemExit) as stop:
        serve_main()
    return stop.value.code, capsys.readouterr().err


def test_an_unusable_annotations_folder_is_refused_at_start_with_one_line(tmp_path, monkeypatch, capsys):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    code, err = run_serve(monkeypatch, capsys, f"annotations_dir={a_file}")
    assert code == 2 and err == f"error: annotations_dir={a_file} is a file, not a folder\n"
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "annotations.json").write_text("{ half a file")
    code, err = run_serve(monkeypatch, capsys, f"annotations_dir={broken}")
    assert code == 2 and err.startswith(f"error: annotations_dir={broken}: ") and "not valid JSON" in err and err.count("\n") == 1


def test_bad_settings_are_refused_with_one_line(tmp_path, monkeypatch, capsys):
    code, err = run_serve(monkeypatch, capsys, "candidate_threshold=0.9", f"annotations_dir={tmp_path}")
    assert code == 2 and "candidate_threshold=0.9 must lie between 0 and threshold=0.6" in err
    code, err = run_serve(monkeypatch, capsys, "max_megapixels=0", f"annotations_dir={tmp_path}")
    assert code == 2 and "max_megapixels=0.0 must be above 0" in err


def test_a_taken_port_is_one_line():
    taken = listening_socket("127.0.0.1", 0)
    try:
        with pytest.raises(OSError, match=r"cannot listen on 127.0.0.1:\d+: .*choose another port="):
            listening_socket("127.0.0.1", taken.getsockname()[1])
    finally:
        taken.close()


def test_a_post_from_another_web_site_is_refused_and_saves_nothing(client, folder):
    before = sorted(folder.glob("*"))
    done = client.post("/api/annotations", files={"file": ("x.jpg", SAMPLE.read_bytes())}, data={"heads": "[]"},
                       headers={"Origin": "https://evil.example"})
    assert done.status_code == 403 and "another web site" in done.json()["detail"]
    assert sorted(folder.glob("*")) == before


def test_a_request_addressed_to_a_foreign_host_name_is_refused(client):
    done = client.get("/api/health", headers={"Host": "rebound.example:8000"})
    assert done.status_code == 421 and "rebound.example" in done.json()["detail"]


def test_the_page_s_own_origin_may_post(client):
    done = client.post("/api/detect", files={"file": ("x.jpg", SAMPLE.read_bytes())}, headers={"Origin": "http://127.0.0.1:8000"})
    assert done.status_code == 200, done.text
