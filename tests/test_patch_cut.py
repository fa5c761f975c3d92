import numpy as np
import pytest

from waldo.data.patch_cut import BORDER_GREY, PatchCut, PatchCutter


def dot_scene(x: float, y: float, size=(300, 400)) -> dict:
    """A black scene with one white 4x4 px square centred on the whole-pixel point nearest (x, y), its head box around it."""
    x, y = float(int(x)), float(int(y))  # the square spans [x - 2, x + 2) x [y - 2, y + 2)
    image = np.zeros((*size, 3), np.uint8)
    image[int(y) - 2 : int(y) + 2, int(x) - 2 : int(x) + 2] = 255
    box = [x - 10, y - 12, x + 10, y + 12]
    return {"image": image, "points": np.array([[x, y]], np.float32), "boxes": np.array([box], np.float32)}


def bright_centre(patch: np.ndarray, floor: int = 60) -> tuple[float, float]:
    """The continuous point at the middle of the patch's pixels brighter than ``floor``."""
    ys, xs = np.nonzero(patch[..., 0] > floor)
    weights = patch[ys, xs, 0].astype(np.float64)
    return float(np.average(xs, weights=weights) + 0.5), float(np.average(ys, weights=weights) + 0.5)


@pytest.mark.parametrize("flip", [False, True])
@pytest.mark.parametrize("size", [98, 128, 171])  # zooms of about 1.3, 1 and 0.75 into a 128 px patch
def test_the_head_point_moves_with_the_pixels(size, flip):
    scene = dot_scene(150.0, 120.0)
    cut = PatchCut(left=100, top=80, size=size, flip=flip)
    zoom = 128 / size
    points, inside = cut.points(scene["points"], 128)
    point = points[0]
    assert inside[0]
    assert np.allclose(point, (128 - 50 * zoom if flip else 50 * zoom, 40 * zoom))
    assert np.allclose(bright_centre(cut.image(scene["image"], 128)), point, atol=0.3)


def test_a_waldo_crop_holds_the_whole_head_and_its_height_scales_with_the_zoom():
    cutter = PatchCutter(64, (0.75, 1.3), waldo_rate=1.0)
    rng = np.random.default_rng(0)
    for _ in range(200):
        scene = dot_scene(float(rng.uniform(12, 388)), float(rng.uniform(14, 286)))
        cut = cutter.choose(rng, scene["image"].shape[:2], scene["boxes"])
        corners, _ = cut.points(scene["boxes"].reshape(2, 2), 64)
        assert corners.min() >= -1e-4 and corners.max() <= 64 + 1e-4
        assert 0 <= cut.left <= 400 - cut.size and 0 <= cut.top <= 300 - cut.size  # and the window stays in the scene
        image, points, heights = cutter.cut(np.random.default_rng(int(rng.integers(1 << 30))), scene)
        assert len(points) == 1 and 24 * 0.75 * 0.98 <= heights[0] <= 24 * 1.3 * 1.02  # a whole-pixel window: zoom within 2%
        assert np.allclose(bright_centre(image), points[0], atol=0.6)


def test_heads_out_of_view_are_dropped_and_in_view_kept():
    cutter = PatchCutter(64, (1.0, 1.0), waldo_rate=0.0)
    scene = dot_scene(300.0, 300.0, size=(600, 600))
    kept = []
    for seed in range(200):
        cut = cutter.choose(np.random.default_rng(seed), (600, 600), scene["boxes"])
        in_window = cut.left <= 300 < cut.left + cut.size and cut.top <= 300 < cut.top + cut.size
        kept.append(len(cutter.cut(np.random.default_rng(seed), scene)[1]))
        assert kept[-1] == int(in_window)
    assert 0 < sum(kept) < 200


def test_a_head_on_the_window_edge_is_kept_flipped_or_not():
    scene = dot_scene(100.0, 100.0)
    for flip in (False, True):
        _, inside = PatchCut(left=100, top=60, size=64, flip=flip).points(scene["points"], 64)
        assert inside[0]  # x = left is inside [left, left + size), mirrored or not


def test_a_waldo_crop_at_the_scene_edge_stays_inside_the_scene():
    cutter = PatchCutter(64, (1.0, 1.0), waldo_rate=1.0)
    boxes = np.array([[190.0, 90.0, 210.0, 110.0]], np.float32)  # a head crossing the right edge of a 200 px scene
    for seed in range(50):
        cut = cutter.choose(np.random.default_rng(seed), (200, 200), boxes)
        assert 0 <= cut.left <= 200 - cut.size


@pytest.mark.parametrize("flip", [False, True])
def test_a_scene_smaller_than_the_window_sits_in_its_middle_on_grey(flip):
    scene = dot_scene(20.0, 30.0, size=(60, 80))
    assert PatchCutter._start(np.random.default_rng(0), 80, 128) == -24  # what choose gives an 80x60 scene in a 128 px window
    cut = PatchCut(left=-24, top=-34, size=128, flip=flip)
    image = cut.image(scene["image"], 128)
    (point,), _ = cut.points(scene["points"], 128)
    assert tuple(image[0, 0]) == (BORDER_GREY,) * 3 and tuple(image[60, 64]) == (0, 0, 0)
    assert np.allclose(point, (128 - 44.0 if flip else 44.0, 64.0))
    assert np.allclose(bright_centre(image, floor=200), point, atol=0.3)  # above the grey border


@pytest.mark.parametrize(("scale_range", "rate", "message"), [((0.0, 1.0), 0.5, "scale_range"), ((1.2, 0.8), 0.5, "scale_range"),
                                                              ((0.8, 1.2), 1.5, "waldo_crop_rate")])
def test_bad_settings_are_named(scale_range, rate, message):
    with pytest.raises(ValueError, match=message):
        PatchCutter(64, scale_range, rate)
