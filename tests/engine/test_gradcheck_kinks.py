"""The gradient check never reads a ReLU or L1 kink as a backprop fault (the tester:
dead ReLUs with bias exactly 0 and all-zero inputs, Z exactly 0, central differences
0.056 and -0.091 against an analytic 0: a red MISMATCH on a correct network). Entries
whose +/- eps step crosses a kink are left out and counted; a real fault is still found."""

from __future__ import annotations

import numpy as np
import pytest

from nnplay.engine import MLP
from nnplay.engine.gradcheck import gradient_check


def _at_the_kink(activation="relu"):
    """A network whose hidden units all have Z exactly 0 on the all-zero rows."""
    net = MLP([2, 3, 1], activation=activation, loss="bce", seed=0)
    net.biases[0][...] = 0.0
    X = np.vstack([np.zeros((6, 2)), np.random.default_rng(1).normal(size=(10, 2))])
    y = (np.arange(16) % 2).astype(float).reshape(-1, 1)
    return net, X, y


@pytest.mark.parametrize("activation", ["relu", "leaky_relu"])
def test_a_step_across_a_relu_kink_is_left_out_not_a_mismatch(activation):
    net, X, y = _at_the_kink(activation)
    rows = gradient_check(net, X, y)
    assert rows[0]["at_kink"] == 3  # the three hidden biases: their step moves Z of the zero rows off 0
    assert all(r["dW_error"] < 1e-6 and r["db_error"] < 1e-6 for r in rows), rows
    assert rows[0]["checked"] == 6 and rows[1]["at_kink"] == 0 and rows[1]["checked"] == 4


def test_an_l1_weight_at_zero_is_left_out():
    net = MLP([2, 3, 1], activation="tanh", loss="bce", l1=0.1, seed=0)
    net.weights[0][0, 0] = 0.0
    X = np.random.default_rng(1).normal(size=(10, 2))
    y = (np.arange(10) % 2).astype(float).reshape(-1, 1)
    rows = gradient_check(net, X, y)
    assert rows[0]["at_kink"] == 1 and rows[0]["dW_error"] < 1e-6


def test_a_wrong_derivative_is_still_a_mismatch_beside_a_kink(monkeypatch):
    net, X, y = _at_the_kink()
    original = net._backward

    def broken(X, Y, ws, *a):
        original(X, Y, ws, *a)
        net.dW[0][0, 0] *= 1.5  # a weight, whose step crosses no kink here

    monkeypatch.setattr(net, "_backward", broken)
    rows = gradient_check(net, X, y)
    assert rows[0]["dW_error"] > 1e-3 and rows[1]["dW_error"] < 1e-6
