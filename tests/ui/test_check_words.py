"""The Gradients panel's verdict on a check with entries at a kink: never MISMATCH for
that cause, the count said; a layer with nothing else to compare "not checkable"."""

from __future__ import annotations

import numpy as np

from nnplay.engine import MLP
from nnplay.engine.gradcheck import gradient_check
from nnplay.ui.check_report import check_words


def _result(rows):
    return {"layers": rows, "examples": 16, "epoch": 3, "batch": (0, 1)}


def test_a_network_at_a_relu_kink_is_said_to_agree_with_the_parameters_left_out_counted():
    net = MLP([2, 3, 1], activation="relu", loss="bce", seed=0)
    net.biases[0][...] = 0.0
    X = np.vstack([np.zeros((6, 2)), np.random.default_rng(1).normal(size=(10, 2))])
    y = (np.arange(16) % 2).astype(float).reshape(-1, 1)
    colour, verdict, details = check_words(_result(gradient_check(net, X, y)))
    assert "backprop agrees" in verdict and "MISMATCH" not in verdict
    assert "3 parameters not checkable" in details and "kink" in details


def test_a_layer_all_at_kinks_is_not_checkable_and_a_real_error_is_a_mismatch():
    rows = [{"layer": 1, "dW_error": 0.0, "db_error": 0.0, "checked": 0, "at_kink": 4},
            {"layer": 2, "dW_error": 1e-9, "db_error": 1e-9, "checked": 4, "at_kink": 0}]
    colour, verdict, details = check_words(_result(rows))
    assert "[1] not checkable" in details and "agrees" in verdict
    rows[1]["dW_error"] = 0.3
    assert "MISMATCH" in check_words(_result(rows))[1]


def test_a_check_whose_every_gradient_is_zero_says_it_says_nothing():
    """All weights 0 (a balanced batch): backprop and the differences both give 0 for every parameter.
    "backprop agrees" was true but empty: the verdict says every compared gradient is 0, so it says
    nothing; a network where one layer alone is all 0 agrees, that layer named as saying nothing."""
    net = MLP([2, 3, 1], activation="tanh", loss="bce", seed=0)
    net.params[...] = 0.0
    X = np.random.default_rng(1).normal(size=(16, 2))
    y = (np.arange(16) % 2).astype(float).reshape(-1, 1)
    rows = gradient_check(net, X, y)
    assert [r["zero"] for r in rows] == [r["checked"] for r in rows] == [9, 4]
    colour, verdict, details = check_words(_result(rows))
    assert "agrees" not in verdict and "every compared gradient is 0, so it says nothing" in verdict
    assert "[1] all gradients 0, [2] all gradients 0" in details and colour != "#1e7e34"
    net = MLP([2, 3, 1], activation="tanh", loss="bce", seed=0)
    net.weights[1][...] = 0.0  # nothing flows back into layer 1; layer 2's own gradients are not 0
    rows = gradient_check(net, X, y)
    colour, verdict, details = check_words(_result(rows))
    assert rows[0]["zero"] == rows[0]["checked"] and rows[1]["zero"] < rows[1]["checked"]
    assert "backprop agrees" in verdict and "[1] all gradients 0" in details and "in [1] (" in details
