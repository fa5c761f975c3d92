"""waldo-benchmark quick=true: every measurement runs and lands in benchmark.json as a positive number."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from torch import nn

from waldo.benchmarks import timing
from waldo.benchmarks.timing import StepTimer, conv_flops
from waldo.cli.benchmark import main
from waldo.model.network import build_net

EXPECTED = {
    "render": {"scenes_per_s", "ms_per_scene"},
    "training": {"loader_samples_per_s", "random_batch_samples_per_s", "bare_step_samples_per_s", "loader_vs_random_batches", "batch_size",
                 "loader_step_computing_ms", "loader_step_waiting_ms", "random_batch_step_computing_ms", "random_batch_step_waiting_ms"},
    "detection": {"network", "network_default_settings", "template", "network_speedup_vs_template", "net_gflop_per_picture",
                  "net_gflops", "net_forward_ms"},
    "memory": {"peak_rss_mb"},
}


def numbers(value, path=""):
    """Every number in a nested report, with where it sits."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from numbers(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from numbers(item, f"{path}[{index}]")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield path, value


def test_quick_benchmark_writes_positive_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["waldo-benchmark", "quick=true", "output_dir=out"])
    main()
    report = json.loads((tmp_path / "out" / "benchmark.json").read_text())
    for section, keys in EXPECTED.items():
        assert keys <= set(report[section]), section
    assert {"matmul_gflops", "net_gflops_vs_matmul", "machine", "weights"} <= set(report)
    for where, value in numbers({k: v for k, v in report.items() if k != "machine"}):
        if where not in (".memory.peak_rss_children_mb", ".training.data_workers"):  # quick mode loads in-process
            assert value > 0, where


def test_conv_flops_counts_every_multiply_and_add() -> None:
    cfg = {"width": 2, "stages": [{"channels": 2, "kernel": 3, "stride": 2}, {"channels": 1, "kernel": 1}]}
    net = build_net(cfg)
    # 3x3 conv 3->4 channels, stride 2, same padding: 16x16 -> 8x8; 1x1 conv 4->2; head 1x1 2->4.
    expected = 2 * 9 * 3 * 4 * 64 + 2 * 1 * 4 * 2 * 64 + 2 * 1 * 2 * 4 * 64
    assert conv_flops(net, 16, 16) == expected
    assert sum(isinstance(m, nn.Conv2d) for m in net.modules()) == 3


def test_the_benchmark_times_one_scale_and_waldo_detects_settings_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["waldo-benchmark", "quick=true", "output_dir=out"])
    main()
    detection = json.loads((tmp_path / "out" / "benchmark.json").read_text())["detection"]
    assert detection["network_default_settings"]["scales"] == [0.5, 1.0, 1.3]


def test_the_step_timer_splits_steps_into_computing_and_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [0.0]
    monkeypatch.setattr(timing.time, "perf_counter", lambda: clock[0])
    timer, batch = StepTimer(warm_up=1), {"image": np.zeros((4, 3, 8, 8))}
    for index, (wait, compute) in enumerate([(5.0, 1.0), (0.5, 0.1), (0.02, 0.08), (0.04, 0.12)]):
        clock[0] += wait
        timer.on_train_batch_start(None, None, batch, index)
        clock[0] += compute
        timer.on_train_batch_end(None, None, None, batch, index)
    split = timer.mean_ms()  # the warm-up step and the first timed step's wait are left out
    assert split["computing"] == pytest.approx(100.0) and split["waiting"] == pytest.approx(30.0)
    assert timer.samples_per_s() == pytest.approx(12 / (0.1 + 0.02 + 0.08 + 0.04 + 0.12))


def test_the_step_timer_says_when_no_step_was_timed() -> None:
    with pytest.raises(ValueError, match="no step was timed"):
        StepTimer(warm_up=3).mean_ms()
