"""TensorBoard's debiased exponential moving average (training.smoothing),
against a hand computation and against its recurrence written out as in
TensorBoard's resmoothDataset."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnplay.training.smoothing import MAX_WEIGHT, debiased_ema


def tensorboard(values, w):
    """resmoothDataset of tensorboard's vz_line_chart2/line-chart.ts, line by line."""
    last, num_accum, out = 0.0, 0, []
    is_constant = all(v == values[0] for v in values)
    for v in values:
        if is_constant or not math.isfinite(v):
            out.append(v)
            continue
        last = last * w + (1 - w) * v
        num_accum += 1
        out.append(last / (1 - w**num_accum) if w != 1 else last)
    return out


def test_by_hand():
    # w = 0.5: last = 0.5, 1.25, 2.125; debiased by 1 - 0.5^k = 0.5, 0.75, 0.875
    np.testing.assert_allclose(debiased_ema([1.0, 2.0, 3.0], 0.5), [1.0, 1.25 / 0.75, 2.125 / 0.875], rtol=1e-15)
    assert debiased_ema([7.5, 1.0], 0.99)[0] == 7.5  # the first value is the raw first value


def test_not_finite_values_stay_and_are_skipped():
    out = debiased_ema([1.0, np.nan, 3.0, np.inf], 0.5)
    assert np.isnan(out[1]) and out[3] == np.inf
    assert out[0] == 1.0 and out[2] == pytest.approx((0.25 + 1.5) / 0.75)


def test_weight_zero_and_constant_curves_are_unchanged():
    y = np.array([3.0, 1.0, 2.0])
    np.testing.assert_array_equal(debiased_ema(y, 0.0), y)
    np.testing.assert_array_equal(debiased_ema([2.0] * 100, 0.9), [2.0] * 100)
    assert debiased_ema([], 0.5).size == 0


@pytest.mark.parametrize("w", [-0.1, 1.0, 1.5, float("nan")])
def test_weights_out_of_range_are_refused(w):
    with pytest.raises(ValueError, match="smoothing must be between 0 and 0.99"):
        debiased_ema([1.0, 2.0], w)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.floats(-1e6, 1e6), st.just(float("nan"))), max_size=300),
       st.floats(0.0, MAX_WEIGHT))
def test_equals_tensorboards_recurrence(values, w):
    np.testing.assert_allclose(debiased_ema(values, w), tensorboard(values, w), rtol=1e-9, atol=1e-6)
