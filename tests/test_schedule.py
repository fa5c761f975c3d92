"""The learning-rate schedule is a pure function of the step."""

import pytest

from waldo.train.schedule import warmup_cosine_factor


def test_schedule_warms_up_then_decays_and_stretches_on_resume():
    factors = [warmup_cosine_factor(step, 100, 0.1, 0.02) for step in range(100)]
    assert factors[0] == pytest.approx(0.1) and max(factors) == pytest.approx(1.0)
    assert factors[-1] < 0.05 and all(a >= b for a, b in zip(factors[10:], factors[11:]))
    assert warmup_cosine_factor(150, 100, 0.1, 0.02) == pytest.approx(0.02)
