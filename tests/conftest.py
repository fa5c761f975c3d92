"""Shared fixtures and paths. Paths come from this file, so the tests pass from any working directory."""

from __future__ import annotations

import os

# As waldo-train sets it: idle OpenMP threads sleep rather than spin, so a test's DataLoader workers
# get the cores. Must be set before torch loads, and this file is imported first.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import subprocess
import sys
from pathlib import Path

import pytest
import torch
import yaml
from hydra import compose, initialize_config_module

from waldo.model.bundle import save_bundle
from waldo.model.network import build_net

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"
SCRIPTS = REPO / "scripts"
DEFAULT_MODEL = yaml.safe_load((REPO / "configs" / "model" / "default.yaml").read_text())


def composed_train_config(tmp_path: Path, *overrides: str):
    """The train config as ``waldo-train <overrides>`` composes it, writing under ``tmp_path``."""
    with initialize_config_module("waldo.configs", version_base="1.3"):
        return compose("train", overrides=[f"paths.root_dir={tmp_path}", f"paths.output_dir={tmp_path}", *overrides])


def tiny_train_config(tmp_path: Path, *overrides: str):
    """The train config at toy size (``debug=tiny``), with overrides on top; ``debug=X`` becomes ``debug=[tiny,X]``."""
    debug = [o.removeprefix("debug=").strip("[]") for o in overrides if o.startswith("debug=")]
    rest = [o for o in overrides if not o.startswith("debug=")]
    return composed_train_config(tmp_path, f"debug=[{','.join(['tiny', *debug])}]", *rest)


@pytest.fixture(scope="session")
def bundle_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ``waldo_model.pt`` of the default net with random weights whose head fires often, so every run has detections."""
    torch.manual_seed(0)
    net = build_net(DEFAULT_MODEL)
    net.head.weight.data.normal_(0, 0.3)
    net.head.bias.data[0] = 1.0
    return save_bundle(net, DEFAULT_MODEL, tmp_path_factory.mktemp("model") / "random.pt")


@pytest.fixture
def run_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture):
    """Run a ``waldo-*`` console script's ``main`` in this process, in ``tmp_path``, as a user would call it.

    Streams are captured at the file-descriptor level, so what C libraries print (libpng, OpenCV) is
    seen too. Returns a ``CompletedProcess`` with the exit status.
    """
    monkeypatch.chdir(tmp_path)

    def run(main, command: str, *args: str) -> subprocess.CompletedProcess:
        monkeypatch.setattr(sys, "argv", [command, *args])
        capfd.readouterr()
        try:
            main()
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        out, err = capfd.readouterr()
        return subprocess.CompletedProcess([command, *args], code, out, err)

    return run
