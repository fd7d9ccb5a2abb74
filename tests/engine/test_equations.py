"""The plain equations (nnplay.engine.equations) against the independent
complex-step oracle and against the fast engine, and the one epoch order every
training path shares."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnplay.engine import MLP, SGD
from nnplay.engine import equations as eq

from tests.oracle import _act, oracle_grads, oracle_loss

CASES = [("bce", "tanh"), ("ce", "relu"), ("mse", "sigmoid"), ("tanh_mse", "leaky_relu"), ("bce", "linear")]


def _problem(loss, activation, m=6, seed=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, 3))
    n_out = 3 if loss == "ce" else 1
    y = {"ce": rng.integers(0, 3, m), "bce": rng.integers(0, 2, m)}.get(loss, rng.uniform(-0.9, 0.9, (m, 1)))
    net = MLP([3, 4, 3, n_out], activation=activation, loss=loss, seed=seed)
    return net, X, y


def _plain_grads(net, X, y):
    W, b = [w.copy() for w in net.weights], [v.copy() for v in net.biases]
    Y = net.encode_targets(y).T
    Z, A = eq.forward(W, b, X.T, net.activation_names, net.loss_fn.name)
    J = eq.cost(net.loss_fn.name, Z[-1], A[-1], Y)
    dZ, dW, db, _, _ = eq.backward(W, Z, A, Y, net.activation_names, net.loss_fn.name)
    return J, dW, db, A


@pytest.mark.parametrize("loss,activation", CASES)
def test_the_plain_equations_give_the_oracles_loss_and_gradients(loss, activation):
    net, X, y = _problem(loss, activation)
    J, dW, db, _ = _plain_grads(net, X, y)
    Ws, bs = list(net.weights), list(net.biases)
    gW, gb = oracle_grads(Ws, bs, X, y, net.activation_names, loss)
    assert J == pytest.approx(oracle_loss(Ws, bs, X, y, net.activation_names, loss).real, rel=1e-12)
    for l in range(3):
        np.testing.assert_allclose(dW[l], gW[l], rtol=1e-9, atol=1e-13)
        np.testing.assert_allclose(db[l], gb[l], rtol=1e-9, atol=1e-13)


@pytest.mark.parametrize("loss,activation", CASES)
def test_the_fast_engine_computes_the_plain_equations(loss, activation):
    net, X, y = _problem(loss, activation)
    J, dW, db, A = _plain_grads(net, X, y)
    J_engine, dW_engine, db_engine = net.loss_and_grads(X, y)
    assert J_engine == pytest.approx(J, rel=1e-12)
    np.testing.assert_allclose(net.forward(X), A[-1].T, rtol=1e-12, atol=1e-15)
    for l in range(3):
        np.testing.assert_allclose(dW_engine[l], dW[l], rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(db_engine[l], db[l], rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("name", ["tanh", "sigmoid", "relu", "leaky_relu", "linear"])
def test_each_written_out_derivative_is_the_slope_of_its_activation(name):
    Z = np.linspace(-3, 3, 13).reshape(1, -1) + 0.01  # no point exactly at relu's kink
    A = eq.g(name, Z)
    np.testing.assert_allclose(A, _act(name, Z.astype(complex)).real, rtol=1e-12, atol=1e-15)
    slope = _act(name, Z + 1e-30j).imag / 1e-30
    np.testing.assert_allclose(eq.g_prime(name, Z, A), slope, rtol=1e-12, atol=1e-15)


def test_a_wrong_derivative_would_be_caught():
    """The check above can fail: tanh's derivative written as 1 - a differs from the slope."""
    Z = np.array([[0.3, -1.2]])
    slope = _act("tanh", Z + 1e-30j).imag / 1e-30
    assert not np.allclose(1 - np.tanh(Z), slope)
    assert np.allclose(eq.g_prime("tanh", Z, np.tanh(Z)), slope)


def test_softmax_columns_sum_to_one_and_huge_logits_stay_finite():
    Z = np.array([[1e4, 0.0], [1e4, 1.0], [-1e4, 2.0]])
    A = eq.g("softmax", Z)
    np.testing.assert_allclose(A.sum(axis=0), 1.0)
    assert np.isfinite(eq.cost("ce", Z, A, np.array([[1.0, 0], [0, 0], [0, 1]])))


@pytest.mark.parametrize("activation,batch", [("tanh", 4), ("relu", 7), ("sigmoid", 0)])
def test_a_plain_epoch_and_the_engines_epoch_train_the_same_weights(activation, batch):
    """The benchmark's plain loop and the fast engine, from one seed: the same
    batches in the same order (one epoch order for both) and the same steps."""
    rng = np.random.default_rng(1)
    X = rng.normal(size=(23, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    net = MLP([2, 5, 3, 1], activation=activation, loss="bce", seed=3)
    W, b = [w.copy() for w in net.weights], [v.copy() for v in net.biases]
    Y = net.encode_targets(y)
    r1, r2, opt = np.random.default_rng(9), np.random.default_rng(9), SGD(0.1)
    for _ in range(3):
        net.train_epoch(X, Y, opt, batch, r1)
        eq.sgd_epoch(W, b, X.T.copy(), Y.T.copy(), 0.1, batch, r2, net.activation_names, "bce")
    for l in range(3):
        np.testing.assert_allclose(net.weights[l], W[l], rtol=1e-10, atol=1e-13)
        np.testing.assert_allclose(net.biases[l], b[l], rtol=1e-10, atol=1e-13)
    assert r1.bit_generator.state == r2.bit_generator.state


@settings(max_examples=40, deadline=None)
@given(m=st.integers(1, 60), batch=st.integers(-1, 70), seed=st.integers(0, 2**31 - 1))
def test_an_epochs_batches_cover_every_example_once_in_batches_of_the_chosen_size(m, batch, seed):
    batches = list(eq.epoch_batches(m, batch, np.random.default_rng(seed)))
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(m))
    bs = m if batch <= 0 or batch >= m else batch
    assert [len(b) for b in batches[:-1]] == [bs] * (len(batches) - 1) and 0 < len(batches[-1]) <= bs
    if bs == m:  # full batch: in order, and nothing drawn from the generator
        np.testing.assert_array_equal(batches[0], np.arange(m))
