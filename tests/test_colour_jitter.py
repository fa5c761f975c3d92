import albumentations as A
import numpy as np
import pytest

from waldo.data.colour_jitter import ColourJitter


def picture(seed: int = 0, shape=(48, 64, 3)) -> np.ndarray:
    return np.random.default_rng(seed).integers(30, 220, shape, dtype=np.uint8)


def jittered(image: np.ndarray, brightness: float = 1.0, contrast: float = 1.0, saturation: float = 1.0) -> np.ndarray:
    return ColourJitter(p=1.0).apply(image, brightness=brightness, contrast=contrast, saturation=saturation)


def test_factors_of_one_leave_the_picture_alone():
    image = picture()
    assert np.array_equal(jittered(image), image)


@pytest.mark.parametrize("name, factor", [("brightness", 1.2), ("contrast", 0.7), ("saturation", 1.25), ("saturation", 0.0)])
def test_each_factor_alone_matches_albumentations(name, factor):
    image = picture(1)
    theirs = A.ColorJitter(**{"brightness": 0, "contrast": 0, "saturation": 0, name: (factor, factor)}, hue=0, p=1.0)(image=image)["image"]
    ours = jittered(image, **{name: factor})
    assert np.abs(ours.astype(int) - theirs.astype(int)).max() <= 1


def test_all_three_at_once_match_albumentations_steps_in_turn():
    from albumentations.augmentations.pixel import functional as F

    image = np.random.default_rng(2).integers(70, 180, (48, 64, 3), dtype=np.uint8)  # dull: no step overshoots
    theirs = F.adjust_saturation_torchvision(F.adjust_contrast_torchvision(F.adjust_brightness_torchvision(image, 1.2), 0.8), 1.15)
    ours = jittered(image, brightness=1.2, contrast=0.8, saturation=1.15)
    assert np.abs(ours.astype(int) - theirs.astype(int)).max() <= 2


def test_saturation_zero_gives_grey_and_the_hue_of_red_survives():
    red = np.zeros((8, 8, 3), np.uint8)
    red[..., 0] = 200
    grey = jittered(red, saturation=0.0)
    assert np.all(grey[..., 0] == grey[..., 1]) and np.all(grey[..., 1] == grey[..., 2])
    duller, brighter = jittered(red, saturation=0.8, brightness=1.2), jittered(red, contrast=1.2)
    for out in (duller, brighter):
        assert np.all(out[..., 0] > out[..., 1]) and np.all(out[..., 0] > out[..., 2])


def test_drawn_factors_stay_in_their_ranges_and_a_seed_repeats_them():
    transform = ColourJitter(brightness=0.25, contrast=0.1, saturation=0.0, p=1.0)
    transform.set_random_seed(3)
    drawn = [transform.get_params() for _ in range(200)]
    assert all(0.75 <= d["brightness"] <= 1.25 and 0.9 <= d["contrast"] <= 1.1 and d["saturation"] == 1.0 for d in drawn)
    assert max(d["brightness"] for d in drawn) > 1.2 and min(d["brightness"] for d in drawn) < 0.8
    again = ColourJitter(brightness=0.25, contrast=0.1, saturation=0.0, p=1.0)
    again.set_random_seed(3)
    assert [again.get_params() for _ in range(200)] == drawn


def test_a_limit_over_one_draws_factors_from_zero_up():
    transform = ColourJitter(brightness=1.5, contrast=0.0, saturation=0.0, p=1.0)
    transform.set_random_seed(0)
    drawn = [transform.get_params()["brightness"] for _ in range(300)]
    assert min(drawn) >= 0.0 and max(drawn) <= 2.5 and min(drawn) < 0.2 and max(drawn) > 2.3
    assert transform.to_dict()["transform"]["brightness"] == 1.5  # the limits survive albumentations' serialisation


def test_overshoot_is_clipped_not_wrapped():
    out = jittered(np.full((4, 4, 3), 240, np.uint8), brightness=1.5)
    assert out.min() == 255


def test_bad_limits_and_pictures_are_named():
    with pytest.raises(ValueError, match="brightness"):
        ColourJitter(brightness=-0.1)
    with pytest.raises(ValueError, match="saturation"):
        ColourJitter(saturation=float("nan"))
    with pytest.raises(ValueError, match="RGB uint8"):
        jittered(np.zeros((4, 4), np.uint8), brightness=1.1)
