import albumentations as A
import numpy as np
import pytest

from waldo.data.field_noise import FieldNoise


def noisy(seed: int, std: float = 0.03, shape=(64, 80, 3)) -> np.ndarray:
    transform = A.Compose([FieldNoise((std, std), p=1.0)])
    transform.set_random_seed(seed)
    return transform(image=np.full(shape, 128, np.uint8))["image"]


def test_the_noise_has_the_drawn_strength_and_no_bias():
    change = noisy(0).astype(np.float64) - 128
    assert abs(change.std() / 255 - 0.03) < 0.003
    assert abs(change.mean()) < 0.3


def test_each_patch_gets_another_window_and_a_seed_repeats_them():
    transform = A.Compose([FieldNoise((0.03, 0.03), p=1.0)])
    transform.set_random_seed(1)
    grey = np.full((64, 80, 3), 128, np.uint8)
    first, second = transform(image=grey)["image"], transform(image=grey)["image"]
    assert not np.array_equal(first, second)
    assert np.array_equal(first, noisy(1)) and not np.array_equal(first, noisy(2))


def test_white_stays_white_where_the_noise_pushes_it_over():
    transform = A.Compose([FieldNoise((0.05, 0.05), p=1.0)])
    out = transform(image=np.full((32, 32, 3), 250, np.uint8))["image"]
    assert out.max() == 255 and out.min() < 250  # clipped at 255, not wrapped round to black


def test_a_bad_range_is_refused():
    with pytest.raises(ValueError, match="std_range"):
        FieldNoise((0.05, 0.01))
