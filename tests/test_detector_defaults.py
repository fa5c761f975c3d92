"""One source of detection defaults: the Python API, waldo-detect and waldo-eval search alike."""

from waldo import Detector
from waldo.cli.detect import as_scales
from waldo.cli.setting_check import composed


def settings_of(cfg) -> dict:
    return {"threshold": float(cfg.threshold), "scales": as_scales(cfg.scales), "top_k": int(cfg.top_k), "tile_size": int(cfg.tile_size)}


def test_detector_load_without_settings_uses_the_settings_waldo_detect_runs_with(bundle_path):
    detector = Detector.load(bundle_path)
    api = {"threshold": detector.threshold, "scales": detector.scales, "top_k": detector.top_k, "tile_size": detector.tile_size}
    assert api == settings_of(composed("detect", []))


def test_waldo_eval_scores_with_the_settings_waldo_detect_runs_with():
    assert settings_of(composed("evaluate", [])) == settings_of(composed("detect", []))


def test_a_setting_given_to_the_api_overrides_only_that_default(bundle_path):
    detector = Detector.load(bundle_path, threshold=0.3)
    defaults = settings_of(composed("detect", []))
    assert detector.threshold == 0.3
    assert detector.scales == defaults["scales"] and detector.top_k == defaults["top_k"]


def test_a_command_line_override_changes_the_composed_detection_setting():
    assert composed("detect", ["threshold=0.4", "scales=[1.0]"]).threshold == 0.4
    assert settings_of(composed("evaluate", ["scales=[1.0]"]))["scales"] == (1.0,)
