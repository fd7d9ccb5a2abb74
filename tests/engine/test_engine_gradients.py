import math

import numpy as np
import pytest

from nnplay.engine import ACTIVATIONS, MLP, SGD, gradient_check, relative_error

from tests.oracle import oracle_grads, oracle_loss


def _problem(loss, n_out, m=13, n_in=3, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n_in))
    if loss == "bce":
        y = rng.integers(0, 2, m)
    elif loss == "ce":
        y = rng.integers(0, n_out, m)
    elif loss == "mse":
        y = rng.normal(size=(m, n_out)) if n_out > 1 else rng.normal(size=m)
    else:
        y = rng.uniform(-1, 1, m)
    return X, y


LOSS_OUT = [("bce", 1), ("ce", 3), ("mse", 2), ("tanh_mse", 1)]
DEPTHS = [[3, 1], [3, 5, 1], [3, 5, 4, 1], [3, 4, 6, 3, 5, 1]]


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
@pytest.mark.parametrize("loss,n_out", LOSS_OUT)
@pytest.mark.parametrize("depth", DEPTHS, ids=lambda d: f"{len(d) - 2}hidden")
def test_backprop_matches_complex_step_oracle(activation, loss, n_out, depth):
    sizes = depth[:-1] + [n_out]
    net = MLP(sizes, activation=activation, loss=loss, seed=3)
    X, y = _problem(loss, n_out)
    J, dW, db = net.loss_and_grads(X, y)
    acts = [activation] * (len(sizes) - 2)
    oW, ob = oracle_grads(list(net.weights), list(net.biases), X, y, acts, loss)
    assert J == pytest.approx(oracle_loss(list(net.weights), list(net.biases), X, y, acts, loss).real, rel=1e-12)
    for l in range(net.n_layers):
        assert dW[l].shape == net.weights[l].shape == (sizes[l + 1], sizes[l])
        assert db[l].shape == net.biases[l].shape == (sizes[l + 1], 1)
        assert relative_error(dW[l], oW[l]) < 1e-8
        assert relative_error(db[l], ob[l]) < 1e-8


@pytest.mark.parametrize("l1,l2", [(0.05, 0.0), (0.0, 0.1), (0.02, 0.03)])
@pytest.mark.parametrize("loss,n_out", LOSS_OUT)
def test_regularisation_gradients_match_oracle(l1, l2, loss, n_out):
    net = MLP([3, 4, 3, n_out], activation="tanh", loss=loss, l1=l1, l2=l2, seed=1)
    X, y = _problem(loss, n_out)
    J, dW, db = net.loss_and_grads(X, y)
    oW, ob = oracle_grads(list(net.weights), list(net.biases), X, y, ["tanh", "tanh"], loss, l1, l2)
    assert J == pytest.approx(oracle_loss(list(net.weights), list(net.biases), X, y, ["tanh"] * 2, loss, l1, l2).real)
    for l in range(net.n_layers):
        assert relative_error(dW[l], oW[l]) < 1e-8
        assert relative_error(db[l], ob[l]) < 1e-8  # biases are not regularised


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "leaky_relu", "linear"])
@pytest.mark.parametrize("loss,n_out", LOSS_OUT)
def test_finite_difference_gradient_check_utility(activation, loss, n_out):
    net = MLP([3, 5, 4, n_out], activation=activation, loss=loss, l2=0.01, seed=2)
    X, y = _problem(loss, n_out)
    for row in gradient_check(net, X, y):
        assert row["dW_error"] < 1e-6, row
        assert row["db_error"] < 1e-6, row


def test_gradient_check_detects_a_wrong_gradient(monkeypatch):
    net = MLP([2, 3, 1], activation="tanh", loss="bce", seed=0)
    X, y = _problem("bce", 1, n_in=2)
    original = net._backward

    def broken(X, Y, ws):
        original(X, Y, ws)
        net.dW[0][0, 0] *= 1.5

    monkeypatch.setattr(net, "_backward", broken)
    errors = gradient_check(net, X, y)
    assert errors[0]["dW_error"] > 1e-3
    assert errors[1]["dW_error"] < 1e-6


def test_per_layer_activations():
    net = MLP([2, 4, 3, 1], activation=["relu", "sigmoid"], loss="bce", seed=0)
    X, y = _problem("bce", 1, n_in=2)
    _, dW, _ = net.loss_and_grads(X, y)
    oW, _ = oracle_grads(list(net.weights), list(net.biases), X, y, ["relu", "sigmoid"], "bce")
    assert all(relative_error(a, b) < 1e-8 for a, b in zip(dW, oW))
    assert net.activation_names == ["relu", "sigmoid"]


def test_two_layer_equations_on_a_hand_computed_example():
    """Every equation of docs/equations.md, written out in scalar arithmetic for a
    2-2-1 tanh/sigmoid network on two examples."""
    W1 = [[0.1, -0.2], [0.3, 0.4]]
    b1 = [0.01, -0.02]
    W2 = [0.5, -0.6]
    b2 = 0.05
    X = [[1.0, 2.0], [-1.0, 0.5]]
    y = [1, 0]
    m, alpha = 2, 0.1

    J = 0.0
    dW1 = [[0.0, 0.0], [0.0, 0.0]]
    db1 = [0.0, 0.0]
    dW2 = [0.0, 0.0]
    db2 = 0.0
    for x, t in zip(X, y):
        z1 = [W1[i][0] * x[0] + W1[i][1] * x[1] + b1[i] for i in range(2)]   # Z[1] = W[1] A[0] + b[1]
        a1 = [math.tanh(z) for z in z1]                                      # A[1] = tanh(Z[1])
        z2 = W2[0] * a1[0] + W2[1] * a1[1] + b2                              # Z[2] = W[2] A[1] + b[2]
        a2 = 1 / (1 + math.exp(-z2))                                         # A[2] = sigmoid(Z[2])
        J += -(t * math.log(a2) + (1 - t) * math.log(1 - a2)) / m             # binary cross-entropy
        dz2 = a2 - t                                                         # dZ[2] = A[2] - Y
        dW2 = [dW2[i] + dz2 * a1[i] / m for i in range(2)]                   # dW[2] = 1/m dZ[2] A[1]^T
        db2 += dz2 / m
        dz1 = [W2[i] * dz2 * (1 - a1[i] ** 2) for i in range(2)]             # dZ[1] = W[2]^T dZ[2] * tanh'
        for i in range(2):
            db1[i] += dz1[i] / m
            for j in range(2):
                dW1[i][j] += dz1[i] * x[j] / m                               # dW[1] = 1/m dZ[1] A[0]^T

    net = MLP([2, 2, 1], activation="tanh", loss="bce")
    net.weights[0] = np.array(W1)
    net.biases[0] = np.array(b1).reshape(2, 1)
    net.weights[1] = np.array([W2])
    net.biases[1] = np.array([[b2]])
    loss, gW, gb = net.loss_and_grads(np.array(X), np.array(y))
    assert loss == pytest.approx(J, rel=1e-13)
    np.testing.assert_allclose(gW[0], dW1, rtol=1e-12)
    np.testing.assert_allclose(gb[0][:, 0], db1, rtol=1e-12)
    np.testing.assert_allclose(gW[1][0], dW2, rtol=1e-12)
    assert gb[1][0, 0] == pytest.approx(db2, rel=1e-12)

    net.train_step(np.array(X), net.encode_targets(y), SGD(alpha))            # W := W - alpha dW
    np.testing.assert_allclose(net.weights[0], np.array(W1) - alpha * np.array(dW1), rtol=1e-12)
    np.testing.assert_allclose(net.weights[1][0], np.array(W2) - alpha * np.array(dW2), rtol=1e-12)
    assert net.biases[1][0, 0] == pytest.approx(b2 - alpha * db2, rel=1e-12)


def test_gradient_check_can_sample_entries_of_a_large_layer():
    net = MLP([3, 40, 30, 1], activation="tanh", loss="bce", seed=0)
    X, y = _problem("bce", 1)
    rows = gradient_check(net, X, y, max_entries=10)
    assert [r["checked"] for r in rows] == [20, 20, 11]  # 10 weights and up to 10 biases per layer
    assert all(r["dW_error"] < 1e-6 for r in rows)
