"""waldo-serve in a real browser: Debian's Chromium, driven by Playwright, against the real command.

The server is ``scripts/serve.py port=0`` in its own process; the test drops the bundled sample
on the page, waits for the circles, looks closer at the best candidate, marks it Waldo, draws a
missed head, saves twice and reads the annotations back from disk. Set WALDO_SCREENSHOT=<file.png>
to keep a screenshot of the page (docs/images/serve.png is made so).
"""

from __future__ import annotations

import base64
import json
import math
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, SCRIPTS
from waldo.data.sources import FolderDataset
from waldo.infer.detector import Detector

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (pip install -e '.[dev]')")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SAMPLE = REPO / "waldo" / "assets" / "sample_scene.jpg"
START_SECONDS = 120  # a cold start imports torch and loads the model

# CI installs Chromium and sets WALDO_REQUIRE_BROWSER=1, so there a missing browser fails instead of skipping
pytestmark = pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("WALDO_REQUIRE_BROWSER"),
                                reason="Debian's Chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``waldo-serve`` on a free port, saving into a fresh folder; yields its address and that folder."""
    here = tmp_path_factory.mktemp("serve")
    process = subprocess.Popen(  # the default annotations_dir, data/my_pages, under a fresh working folder
        [sys.executable, str(SCRIPTS / "serve.py"), "port=0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=here,
    )
    try:
        deadline, url, said = time.monotonic() + START_SECONDS, None, []
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
            said.append(line)
            found = re.search(r"open (http://\S+/)", line)
            url = found.group(1) if found else None
        assert url, f"waldo-serve did not start: {''.join(said)}"
        yield url, here / "data" / "my_pages"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def page(server, tmp_path_factory: pytest.TempPathFactory):
    """A fresh Chromium profile and a page on the server; nothing is downloaded, nothing leaves this machine."""
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS, viewport={"width": 1280, "height": 800},
        )
        try:
            tab = context.new_page()
            outside = []
            tab.on("request", lambda request: outside.append(request.url) if not request.url.startswith((server[0], "data:", "blob:")) else None)
            tab.goto(server[0])
            yield tab
            assert not outside, f"the page fetched from elsewhere: {outside}"
        finally:
            context.close()


def drop_file(tab, name: str, data: bytes, mime: str) -> None:
    """What a user's drag and drop does: a drop event carrying one file, on the picture area."""
    tab.evaluate(
        """([name, b64, mime]) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type: mime }));
            document.getElementById("viewer").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }""",
        [name, base64.b64encode(data).decode(), mime],
    )


def saved_heads(folder: Path) -> list:
    """The heads of the one saved picture, read the way waldo-eval and data.train_folder read the folder."""
    dataset = FolderDataset(folder)
    assert len(dataset) == 1
    item = dataset[0]
    assert item["image"].shape == (768, 1024, 3)
    return item["boxes"].tolist()


def rounded(value: float) -> int:
    """As the page's Math.round rounds."""
    return math.floor(value + 0.5)


def test_find_mark_and_save_waldo_in_the_browser(server, page):
    url, folder = server
    detector = Detector.load()  # what waldo-detect finds on the sample, to hold the page to
    best, field = detector.detect(SAMPLE)[0], detector.geometry.receptive_field
    sync_api.expect(page.locator("#server-info")).to_contain_text("model bundled")

    drop_file(page, SAMPLE.name, SAMPLE.read_bytes(), "image/jpeg")
    page.wait_for_selector("#marks circle.best", state="attached", timeout=60_000)
    sync_api.expect(page.locator("#working")).to_be_hidden()
    sync_api.expect(page.locator("#timing")).to_contain_text("network")
    sync_api.expect(page.locator("#found")).to_contain_text(f"best {best.score:.2f} at ({rounded(best.x)}, {rounded(best.y)})")

    first = page.locator("#candidates li").first
    first.locator(".focus").click()
    sync_api.expect(page.locator("#marks rect.window")).to_have_count(1)
    assert page.evaluate("Number(document.querySelector('#marks rect.window').getAttribute('width'))") == field
    first.locator(".verdict .yes").click()
    sync_api.expect(first.locator(".verdict .yes")).to_have_attribute("aria-pressed", "true")
    page.locator("#show-heat").check()
    sync_api.expect(page.locator("#marks image.heat")).to_be_visible()
    page.locator("#save").click()
    sync_api.expect(page.locator("#save-status")).to_contain_text("Saved page-")
    sync_api.expect(page.locator("#server-info")).to_contain_text("saving to data/my_pages (1 picture(s))")
    if os.environ.get("WALDO_SCREENSHOT"):
        page.locator("#zoom-out").click()
        page.screenshot(path=os.environ["WALDO_SCREENSHOT"])
    (box,) = saved_heads(folder)
    assert box == pytest.approx(best.box, abs=0.11)  # the page sends the box as the API gave it, to 0.1 px

    # a Waldo the network missed: draw his head (press on the face, drag for the size) and save again
    page.locator("#show-heat").uncheck()
    page.locator("#zoom-fit").click()
    page.locator("#draw-mode").check()
    viewer = page.locator("#viewer").bounding_box()
    scale = min(viewer["width"] / 1024, viewer["height"] / 768)
    left, top = viewer["x"] + (viewer["width"] - 1024 * scale) / 2, viewer["y"] + (viewer["height"] - 768 * scale) / 2
    page.mouse.move(left + 700.5 * scale, top + 500.5 * scale)
    page.mouse.down()
    page.mouse.move(left + 700.5 * scale, top + 510.5 * scale, steps=4)
    page.mouse.up()
    sync_api.expect(page.locator("#marks rect.drawn")).to_have_count(1)
    page.locator("#save").click()
    sync_api.expect(page.locator("#save-status")).to_contain_text("replacing this picture's earlier save")
    boxes = saved_heads(folder)
    assert len(boxes) == 2 and boxes[0] == pytest.approx(best.box, abs=0.11)
    assert boxes[1] == pytest.approx([691, 490, 709, 510], abs=1.5)  # 20 px tall, 0.9 as wide, centred on the press


def test_a_dropped_text_file_is_refused_on_the_page_and_the_server_stays_up(server, page):
    page.locator("#picker").set_input_files(files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"not a picture"}])
    sync_api.expect(page.locator("#error")).to_contain_text("notes.txt is not a picture waldo can read")
    with urllib.request.urlopen(server[0] + "api/health", timeout=10) as answer:
        assert json.load(answer)["status"] == "ok"
