"""Evaluation in chunks (engine.chunked): the same loss, outputs and full-batch
gradient as one pass, with workspaces bounded by the chunk, not by the data."""

import itertools

import numpy as np
import pytest

from nnplay.engine import MLP, chunked
from nnplay.engine.chunked import chunk_bounds, evaluate_in_chunks, forward_in_chunks


@pytest.mark.parametrize("loss, n_out, l1, l2", [("bce", 1, 0.0, 0.0), ("ce", 3, 0.01, 0.0),
                                                 ("mse", 2, 0.0, 0.1), ("tanh_mse", 1, 0.0, 0.0)])
def test_chunks_give_the_one_pass_loss_outputs_and_gradient(loss, n_out, l1, l2):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(50, 3))
    if loss == "ce":
        y = rng.integers(0, 3, 50)
    elif loss in ("bce", "tanh_mse"):
        y = rng.integers(0, 2, 50)
    else:
        y = rng.normal(size=(50, n_out))
    net = MLP([3, 5, 4, n_out], activation="tanh", loss=loss, l1=l1, l2=l2, seed=3)
    loss_one, A_one = net.evaluate(X, y, gradients=True)
    grads_one = net.grads.copy()
    net.grads[...] = 0.0
    Y = net.encode_targets(y)
    loss_chunks, A_chunks = evaluate_in_chunks(net, net.check_inputs(X), Y, gradients=True, chunk=7)
    assert loss_chunks == pytest.approx(loss_one, rel=1e-13)
    np.testing.assert_allclose(A_chunks, A_one, rtol=1e-14)
    np.testing.assert_allclose(net.grads, grads_one, rtol=1e-12, atol=1e-16)
    np.testing.assert_allclose(forward_in_chunks(net, net.check_inputs(X), chunk=7), A_one, rtol=1e-14)


@pytest.mark.parametrize("m, chunk", [(1, 4), (8, 4), (9, 4), (100, 7), (65537, 65536)])
def test_chunk_bounds_cover_every_row_once_in_at_most_two_sizes(m, chunk):
    bounds = chunk_bounds(m, chunk)
    assert bounds[0][0] == 0 and bounds[-1][1] == m
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    sizes = {hi - lo for lo, hi in bounds}
    assert max(sizes) <= chunk and len(sizes) <= 2


def test_a_large_set_is_evaluated_without_a_workspace_of_its_size(monkeypatch):
    """The memory of an evaluation is bounded by the chunk (a million rows made
    a 128 MB workspace per part): no workspace larger than CHUNK_ROWS is kept."""
    monkeypatch.setattr("nnplay.engine.mlp.CHUNK_ROWS", 64)
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(1000, 2)), rng.integers(0, 2, 1000)
    net = MLP([2, 4, 1], seed=0)
    loss, A = net.evaluate(X, y, gradients=True)
    assert A.shape == (1000, 1) and np.isfinite(loss)
    assert net.predict(X).shape == (1000, 1)
    assert max(net._workspaces) <= 64
    assert chunked.CHUNK_ROWS == 16384  # the module's own size is untouched
