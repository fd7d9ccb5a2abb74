"""Norms that neither overflow nor warn (a weight typed as 1e300 printed NumPy's
"overflow encountered in dot" on the user's terminal: tester 13, fault 1)."""

import warnings

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra.numpy import arrays

from nnplay.engine.clipping import trained_norm
from nnplay.engine.norms import norm2, row_norms
from nnplay.training import TrainConfig
from nnplay.training.health import step_sizes
from nnplay.training.trainer import Trainer

FINITE = st.one_of(st.just(0.0), st.floats(1e-100, 1e6), st.floats(-1e6, -1e-100))  # (NumPy underflows below)


@given(arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 5)), elements=FINITE))
def test_norm2_and_row_norms_agree_with_numpy_where_numpy_does_not_overflow(a):
    assert norm2(a) == pytest.approx(np.linalg.norm(a), rel=1e-12, abs=1e-300)
    np.testing.assert_allclose(row_norms(a), np.linalg.norm(a, axis=1, keepdims=True), rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("values, expected", [
    ([1e300, 2.0], 1e300), ([-1e300, 1e300], 2 ** 0.5 * 1e300), ([1e308, 1e308], 2 ** 0.5 * 1e308),
    ([0.0, 0.0], 0.0), ([], 0.0), ([np.inf, 1.0], np.inf), ([1e308] * 4, np.inf),
])
def test_huge_values_have_their_true_norm_without_a_warning(values, expected):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert norm2(np.array(values)) == pytest.approx(expected, rel=1e-12)
        assert trained_norm(np.array(values)) == pytest.approx(expected, rel=1e-12)
        if values:
            assert row_norms(np.array([values]))[0, 0] == pytest.approx(expected, rel=1e-12)


def test_nan_is_nan():
    assert np.isnan(norm2([np.nan, 1.0])) and np.isnan(row_norms(np.array([[np.nan, 1.0]]))[0, 0])


def test_a_huge_weight_warns_nowhere_in_norms_health_or_a_snapshot():
    t = Trainer(TrainConfig(dataset="xor", hidden=(2,)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t.net.weights[1][0, 0] = 1e300  # (past what the editor takes: the norms must survive it anyway)
        t._full_batch_gradients()
        norms = t.net.grad_norms()
        step_sizes(t.net, t.optimizer)
        t.snapshot(grid_resolution=8, neuron_resolution=4)
    assert np.all(np.isfinite(norms)), norms  # |dW[1]| is about 10³⁰⁰, not inf
