import numpy as np
import pytest

from waldo.data.scene_pool import pooled


def test_every_scene_gives_its_patches_and_the_pool_never_holds_more_than_its_size():
    order = list(pooled(iter(range(40)), size=8, uses=16, rng=np.random.default_rng(0)))
    counts = np.bincount(order)
    assert all(counts[8:] == 16)  # every scene drawn after the first fill gives all its patches
    assert list(counts[:8]) == [2, 4, 6, 8, 10, 12, 14, 16]  # the first fill's staggered budgets
    first = {scene: order.index(scene) for scene in set(order)}
    last = {scene: len(order) - 1 - order[::-1].index(scene) for scene in set(order)}
    held = [sum(first[s] <= position <= last[s] for s in first) for position in range(len(order))]
    assert max(held) == 8


def test_a_batch_mixes_many_scenes():
    order = list(pooled(iter(range(200)), size=16, uses=64, rng=np.random.default_rng(1)))
    batches = [order[i : i + 16] for i in range(1000, len(order) - 16, 16)]
    assert np.mean([len(set(batch)) for batch in batches]) > 9  # cut in turn, 16 patches would show 1 scene


def test_a_pool_of_one_cuts_scenes_in_turn():
    assert list(pooled(iter("abc"), size=1, uses=2, rng=np.random.default_rng(0))) == list("aabbcc")


def test_the_same_seed_gives_the_same_order():
    first = list(pooled(iter(range(30)), 4, 5, np.random.default_rng(5)))
    assert first == list(pooled(iter(range(30)), 4, 5, np.random.default_rng(5)))
    assert first != list(pooled(iter(range(30)), 4, 5, np.random.default_rng(6)))


@pytest.mark.parametrize(("size", "uses"), [(0, 4), (4, 0)])
def test_sizes_below_one_are_refused(size, uses):
    with pytest.raises(ValueError, match="at least 1"):
        next(pooled(iter(range(3)), size, uses, np.random.default_rng(0)))
