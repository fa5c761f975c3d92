"""The shuffle buffer that mixes training patches from several scenes into each batch."""

import numpy as np
import pytest

from waldo.data.shuffle_buffer import shuffled


def test_every_item_comes_out_exactly_once():
    out = list(shuffled(range(500), 64, np.random.default_rng(0)))
    assert sorted(out) == list(range(500))
    assert out != list(range(500))


def test_a_window_of_crops_from_one_scene_is_spread_over_several_scenes():
    crops_per_scene, batch = 8, 16
    scenes = [i // crops_per_scene for i in range(crops_per_scene * 200)]  # scene index of each patch, in cut order

    def scenes_per_batch(size: int) -> list[int]:
        out = list(shuffled(scenes, size, np.random.default_rng(1)))
        return [len(set(out[i:i + batch])) for i in range(0, len(out), batch)]

    assert max(scenes_per_batch(0)) == 2  # in cut order: 8 crops of each of 2 scenes
    assert np.mean(scenes_per_batch(64)[4:-4]) > 5  # mixed: patches of about 7 scenes


def test_a_buffer_of_one_or_none_keeps_the_order():
    assert list(shuffled(range(10), 0, np.random.default_rng(0))) == list(range(10))
    assert list(shuffled(range(10), 1, np.random.default_rng(0))) == list(range(10))


def test_same_seed_same_order():
    first = list(shuffled(range(100), 16, np.random.default_rng(5)))
    assert first == list(shuffled(range(100), 16, np.random.default_rng(5)))


def test_a_negative_size_is_refused():
    with pytest.raises(ValueError, match="must not be negative"):
        list(shuffled(range(3), -1, np.random.default_rng(0)))
