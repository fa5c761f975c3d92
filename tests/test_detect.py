"""The detector: folding, exact tiling, result records, odd pictures, and (once trained) real hits."""

import json

import cv2
import numpy as np
import pytest
import torch

from conftest import DEFAULT_MODEL as DEFAULT
from conftest import SAMPLES
from waldo.infer.detector import BOX_ASPECT, Detection, Detector
from waldo.infer.fuse import inference_net
from waldo.infer.tiling import plan_axis, smallest_tile
from waldo.model.bundle import save_bundle
from waldo.model.heatmap import LOGIT, find_peaks
from waldo.model.network import build_net

# Stride 2 then 3 (jump 6), padding larger and smaller than 'same', a dilation and an even kernel:
# cell 0 is not centred on a whole pixel and the field is not symmetric in padding.
ODD = {
    "width": 4,
    "stages": [
        {"channels": 2, "kernel": 5, "stride": 2, "padding": 1},
        {"channels": 2, "kernel": 3, "stride": 3, "padding": 0},
        {"channels": 3, "kernel": 3, "dilation": 3, "padding": "same"},
        {"channels": 3, "kernel": 2, "padding": 0},
        {"channels": 3, "kernel": 5, "padding": 3},
    ],
}


def trained_looking(cfg: dict, seed: int = 0, logit_bias: float = 0.0) -> torch.nn.Module:
    """Random weights, but batch norms with non-trivial statistics and a head that fires somewhere."""
    torch.manual_seed(seed)
    net = build_net(cfg)
    for module in net.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.uniform_(-0.3, 0.3)
            module.running_var.uniform_(0.5, 2.0)
            module.weight.data.uniform_(0.5, 1.5)
            module.bias.data.uniform_(-0.2, 0.2)
    net.head.weight.data.normal_(0, 0.3)
    net.head.bias.data[LOGIT] = logit_bias
    return net.eval()


def picture(height: int, width: int, seed: int = 0) -> np.ndarray:
    """Smooth blobs plus noise: structure at several scales, so the random net has peaks to find."""
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 256, (height // 32 + 2, width // 32 + 2, 3)).astype(np.float32)
    smooth = cv2.resize(small, (width, height), interpolation=cv2.INTER_CUBIC)
    return np.clip(smooth + rng.normal(0, 25, (height, width, 3)), 0, 255).astype(np.uint8)


def whole_picture(net, rgb: np.ndarray) -> torch.Tensor:
    with torch.inference_mode():
        return net(torch.from_numpy(rgb).permute(2, 0, 1)[None].float() / 255)[0]


@pytest.mark.parametrize("cfg", [DEFAULT, ODD], ids=["default", "odd"])
def test_folded_batch_norm_gives_the_same_output(cfg):
    net = trained_looking(cfg)
    images = torch.rand(2, 3, 97, 131)
    with torch.inference_mode():
        expected, folded = net(images), inference_net(net)(images)
    assert not any(isinstance(m, torch.nn.BatchNorm2d) for m in inference_net(net).modules())
    assert (expected - folded).abs().max() < 1e-4
    assert net.features[1].weight.requires_grad  # the original stays trainable


@pytest.mark.parametrize("cfg", [DEFAULT, ODD], ids=["default", "odd"])
def test_tiled_output_equals_whole_picture_output(cfg):
    net = trained_looking(cfg)
    rgb = picture(700, 900)
    detector = Detector(net, tile_size=256, threshold=0.3, top_k=50)
    tiled = detector.output_map(rgb)
    whole = whole_picture(net, rgb)
    assert tiled.shape == whole.shape
    assert (tiled - whole).abs().max() < 1e-4
    ours = find_peaks(tiled[None], net.geometry, 0.3, 50)[0]
    theirs = find_peaks(whole[None], net.geometry, 0.3, 50)[0]
    assert len(ours.scores) == len(theirs.scores) > 0
    assert (ours.points - theirs.points).abs().max() < 1.0


@pytest.mark.parametrize("cfg", [DEFAULT, ODD], ids=["default", "odd"])
@pytest.mark.parametrize("size", [700, 257, 1000, 301])
def test_tiles_supply_every_cell_once_from_whole_jump_origins(cfg, size):
    net = build_net(cfg)
    jump = net.geometry.jump
    tiles = plan_axis(size, smallest_tile(net.layer_geometry) + jump, net.layer_geometry)
    assert tiles[0].first_cell == 0 and tiles[-1].end_cell == net.heatmap_size(size, size)[0]
    for before, after in zip(tiles, tiles[1:]):
        assert before.end_cell == after.first_cell and after.start % jump == 0
        # conv.py's arithmetic agrees: the tile's own cell (u - start/jump) sits on the same pixel
        tile_cell = after.first_cell - after.start // jump
        assert after.start + net.geometry.cell_to_pixel(tile_cell) == net.geometry.cell_to_pixel(after.first_cell)


def test_too_small_tiles_are_refused_with_the_size_that_works():
    with pytest.raises(ValueError, match=r"tile_size=64 .* tile_size>=\d+"):
        Detector(build_net(DEFAULT), tile_size=64)


def test_detections_are_sorted_records_in_picture_pixels():
    net = trained_looking(DEFAULT, logit_bias=1.0)
    rgb = picture(300, 420)
    detections = Detector(net, threshold=0.5, top_k=7).detect(rgb)
    assert 0 < len(detections) <= 7
    assert [d.score for d in detections] == sorted((d.score for d in detections), reverse=True)
    for d in detections:
        assert isinstance(d, Detection) and 0 <= d.x < 420 and 0 <= d.y < 300
        x0, y0, x1, y1 = d.box
        if 0 < x0 and x1 < 420 and 0 < y0 and y1 < 300:  # unclipped: centred, head-high, a little narrower
            assert (x0 + x1) / 2 == pytest.approx(d.x) and (y0 + y1) / 2 == pytest.approx(d.y)
            assert y1 - y0 == pytest.approx(d.head_height) and x1 - x0 == pytest.approx(BOX_ASPECT * d.head_height)
        record = json.loads(json.dumps(d.to_json()))
        assert set(record) == {"x", "y", "score", "box", "head_height"} and len(record["box"]) == 4


def test_run_gives_detections_and_heatmap_from_one_pass():
    net = trained_looking(DEFAULT, logit_bias=1.0)
    detector = Detector(net, threshold=0.5)
    rgb = picture(200, 330)
    result = detector.run(rgb)
    assert result.heat.shape == net.heatmap_size(200, 330)
    assert 0.0 <= result.heat.min() and result.heat.max() <= 1.0
    assert np.array_equal(detector.heatmap(rgb), result.heat)
    assert detector.detect(rgb) == result.detections


def test_several_scales_merge_to_one_detection_per_place():
    net = trained_looking(DEFAULT, logit_bias=1.0)
    rgb = picture(300, 400)
    detections = Detector(net, threshold=0.5, top_k=30, scales=(0.75, 1.0, 1.5)).detect(rgb)
    assert detections and all(0 <= d.x < 400 and 0 <= d.y < 300 for d in detections)
    for i, better in enumerate(detections):
        for worse in detections[i + 1 :]:
            assert np.hypot(better.x - worse.x, better.y - worse.y) >= 0.5 * better.head_height


@pytest.mark.parametrize("shape", [(1, 1), (3, 5), (2, 500), (40, 7), (131, 131)])
def test_tiny_and_thin_pictures_do_not_crash(shape):
    detector = Detector(trained_looking(DEFAULT, logit_bias=1.0), threshold=0.5, scales=(0.5, 1.0))
    result = detector.run(picture(*shape) if min(shape) >= 32 else np.full((*shape, 3), 90, np.uint8))
    assert all(0 <= d.x < shape[1] and 0 <= d.y < shape[0] for d in result.detections)
    assert result.heat.ndim == 2 and result.heat.size >= 1


def test_a_picture_file_works_like_its_pixels(tmp_path):
    rgb = picture(120, 160)
    cv2.imwrite(str(tmp_path / "p.png"), rgb[..., ::-1])
    detector = Detector(trained_looking(DEFAULT, logit_bias=1.0), threshold=0.5)
    assert detector.detect(tmp_path / "p.png") == detector.detect(rgb)


def test_load_reads_a_bundle_and_refuses_missing_gpu(tmp_path):
    save_bundle(build_net(DEFAULT), DEFAULT, tmp_path / "m.pt")
    assert Detector.load(tmp_path / "m.pt", top_k=3).top_k == 3
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="no CUDA GPU"):
            Detector.load(tmp_path / "m.pt", device="cuda")


def test_the_bundled_model_finds_the_waldo_of_every_committed_book_sample_first_and_nothing_on_the_empty_page():
    """Its best guess hits the annotated head on each book sample with a Waldo (top-1, within a head height, any score);
    on the page without one, nothing reaches waldo-detect's threshold."""
    from waldo.data.annotation_files import read_coco

    records = read_coco(SAMPLES / "book" / "annotations.json")
    assert any(r.heads for r in records) and any(not r.heads for r in records)
    candidates, detector = Detector.load(threshold=0.05), Detector.load()
    for record in records:
        path = SAMPLES / "book" / record.file_name
        if not record.heads:
            assert detector.detect(path) == [], f"a Waldo found on {record.file_name}, which has none"
            continue
        best = candidates.detect(path)[0]
        misses = [np.hypot(best.x - h.point[0], best.y - h.point[1]) / (h.box[3] - h.box[1]) for h in record.heads]
        assert min(misses) < 1.0, f"best detection in {record.file_name} at ({best.x:.0f}, {best.y:.0f}) misses every head"


def test_waldo_detect_settings_find_the_books_biggest_heads():
    """Book pages draw Waldo's head up to 65 px; waldo-detect's scales (with a shrunk pass) must find most of them."""
    from hydra import compose, initialize_config_module

    from waldo.data.datamodule import scene_config_of_size
    from waldo.data.sources import SyntheticScenes
    from waldo.eval.runner import collect, detections_predictor, score

    with initialize_config_module("waldo.configs", version_base="1.3"):
        threshold = compose("detect").threshold
        scene = compose("evaluate", overrides=["data/scene=book", "data.scene.head_height=[50,65]", "data.scene.no_waldo_rate=0"]).data.scene
    detector = Detector.load()
    scenes = SyntheticScenes(scene_config_of_size(scene, 1024, 768), length=24, seed=31)
    run = collect({"network": detections_predictor(detector.detect)}, scenes, warm_up=False)
    waldos = sum(len(target["points"]) for target in run.targets)
    recall = score(run, threshold)[0].metrics["recall"]  # waldo-eval's one-to-one match within one head height
    assert waldos >= 15
    assert recall >= 0.7, f"found {recall:.0%} of {waldos} big-headed Waldos"


def test_the_bundled_sample_scene_is_an_annotated_sample():
    """So the samples test above also vouches for what a bare `waldo-detect` shows."""
    from waldo.cli.detect import bundled_sample
    from waldo.pictures.files import read_image

    assert np.array_equal(read_image(bundled_sample()), read_image(SAMPLES / "book" / "scene_00001.jpg"))
