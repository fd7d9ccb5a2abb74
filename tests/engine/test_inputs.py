"""Inputs checked as scikit-learn users expect: NaN and infinity refused with
one clear line, any array-like (list, DataFrame, int or float32 array) taken
and converted once, wrong shapes named."""

import numpy as np
import pandas as pd
import pytest

from nnplay.engine import MLP, SGD
from nnplay.training import TrainConfig, Trainer


def _xy(m=12, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, 2))
    return X, (X[:, 0] > 0).astype(int)


def _calls(net, X, y):
    """Every public entry point of the engine that takes X, as (name, call)."""
    return [
        ("predict", lambda: net.predict(X)),
        ("forward", lambda: net(X)),
        ("hidden_outputs", lambda: net.hidden_outputs(X)),
        ("loss", lambda: net.loss(X, y)),
        ("data_loss", lambda: net.data_loss(X, y)),
        ("loss_and_grads", lambda: net.loss_and_grads(X, y)),
        ("evaluate", lambda: net.evaluate(X, y)),
        ("train_step", lambda: net.train_step(X, y, SGD(0.1))),
        ("train_epoch", lambda: net.train_epoch(X, y, SGD(0.1), 4, np.random.default_rng(0))),
    ]


@pytest.mark.parametrize("bad,word", [(np.nan, "NaN"), (np.inf, "infinity"), (-np.inf, "infinity")])
def test_nan_or_infinity_in_X_is_refused_everywhere_and_nothing_changes(bad, word):
    X, y = _xy()
    X[5, 1] = bad
    net = MLP([2, 3, 1], seed=0)
    before = net.params.copy()
    for name, call in _calls(net, X, y):
        with pytest.raises(ValueError, match=rf"^Input X contains {word} \(row 5\)\.$"):
            call()
        np.testing.assert_array_equal(net.params, before, err_msg=name)


def test_nan_in_the_targets_is_refused():
    X, _ = _xy()
    y = np.linspace(-1, 1, 12)
    y[3] = np.nan
    net = MLP([2, 3, 1], loss="mse", seed=0)
    for name, call in _calls(net, X, y)[3:]:
        with pytest.raises(ValueError, match=r"Input y contains NaN \(row 3\)"):
            call()


@pytest.mark.parametrize("kind", ["list", "dataframe", "int", "float32", "fortran"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_any_array_like_X_is_taken_with_full_and_mini_batches(kind, dtype):
    X, y = _xy()
    Xi = np.round(X * 3)  # integer-valued, so every form holds the same numbers
    forms = {"list": Xi.tolist(), "dataframe": pd.DataFrame(Xi, columns=["a", "b"]), "int": Xi.astype(np.int64),
             "float32": Xi.astype(np.float32), "fortran": np.asfortranarray(Xi)}
    ys = {"list": y.tolist(), "dataframe": pd.Series(y), "int": y, "float32": y.astype(np.float32),
          "fortran": y}
    Xk, yk = forms[kind], ys[kind]
    for batch in (0, 5):
        ref, net = MLP([2, 3, 1], seed=1, dtype=dtype), MLP([2, 3, 1], seed=1, dtype=dtype)
        ref.train_epoch(Xi.astype(dtype), y, SGD(0.1), batch, np.random.default_rng(2))
        net.train_epoch(Xk, yk, SGD(0.1), batch, np.random.default_rng(2))
        np.testing.assert_array_equal(net.params, ref.params)
        np.testing.assert_array_equal(net.predict(Xk), ref.predict(Xi))
        assert net.predict(Xk).dtype == np.dtype(dtype)
        assert net.loss(Xk, yk) == ref.loss(Xi, y)


def test_wrong_shapes_and_non_numbers_are_named():
    net = MLP([3, 2, 1], seed=0)
    with pytest.raises(ValueError, match=r"X must be shaped \(m, 3\).*got shape \(4, 2\)"):
        net.predict(np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"X must be shaped \(m, 3\).*got shape \(3,\)"):
        net.predict([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"X has 4 rows \(examples\) but y has 5"):
        net.loss(np.zeros((4, 3)), np.zeros(5))
    with pytest.raises(ValueError, match="Input X must hold numbers only"):
        net.predict([["a", "b", "c"]])
    with pytest.raises(ValueError, match="Input X must hold numbers only"):
        net.predict([[1.0, 2.0], [1.0, 2.0, 3.0]])  # ragged rows
    one = MLP([1, 2, 1], seed=0)
    assert one.predict([0.5, 1.5]).shape == (2, 1)  # one input: a flat list is one column


def test_the_trainer_refuses_nan_rows_instead_of_calling_them_class_0():
    t = Trainer(TrainConfig(dataset="xor", hidden=(3,), seed=0))
    good = t.predict_classes([[0.5, -0.5], [1.0, 1.0]])
    assert good.shape == (2,) and set(good) <= {0, 1}
    with pytest.raises(ValueError, match=r"^Input X contains NaN \(row 1\)\.$"):
        t.predict_classes([[0.5, -0.5], [np.nan, 1.0]])
    with pytest.raises(ValueError, match=r"X must be shaped \(m, 2\)"):
        t.predict_classes([[0.5, -0.5, 1.0]])
    np.testing.assert_array_equal(t.predict_classes(pd.DataFrame([[0.5, -0.5], [1.0, 1.0]])), good)


def test_targets_outside_what_the_loss_means_and_negative_rates_are_refused():
    """A bce target of 5 trained without a word; l2=-1 was accepted."""
    net = MLP([2, 3, 1], loss="bce", seed=0)
    X = np.zeros((4, 2))
    with pytest.raises(ValueError, match="between 0 and 1"):
        net.train_step(X, np.array([[0.0], [1.0], [5.0], [0.0]]), SGD(0.1))
    net.train_step(X, np.array([[0.0], [1.0], [0.25], [0.0]]), SGD(0.1))  # soft targets are probabilities: fine
    for rates in ({"l2": -1.0}, {"l1": -0.5}, {"l2": float("nan")}):
        with pytest.raises(ValueError, match="at least 0"):
            MLP([2, 3, 1], **rates)
