"""Extreme settings: none crashes, none hangs, divergence is reported as divergence."""

import math

import numpy as np
import pytest

from nnplay.data import Dataset
from nnplay.training import TrainConfig, Trainer

pytestmark = pytest.mark.timeout(120)

EXTREMES = {
    "lr 10 with relu": dict(lr=10.0, activation="relu", hidden=(8, 8)),
    "lr 10 with relu, regression": dict(dataset="plane", lr=10.0, activation="relu", hidden=(8, 8)),
    "zero hidden layers": dict(hidden=()),
    "one neuron": dict(hidden=(1,)),
    "ten layers": dict(hidden=(8,) * 10, activation="sigmoid"),
    "batch size 1": dict(batch_size=1),
    "batch larger than the data": dict(batch_size=10_000),
    "noise 0": dict(noise=0.0),
    "noise 50%": dict(noise=0.5),
    "train ratio 10%": dict(train_ratio=0.1),
    "train ratio 90%": dict(train_ratio=0.9),
    "no test data": dict(train_ratio=1.0),
    "huge L1 and L2": dict(l1=10.0, l2=10.0),
    "adam lr 10": dict(optimizer="adam", lr=10.0),
    "float32 at lr 10": dict(dtype="float32", lr=10.0, activation="relu"),
    "all seven features": dict(features=("x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2")),
}


@pytest.mark.parametrize("changes", EXTREMES.values(), ids=EXTREMES.keys())
def test_extreme_setting_runs_or_reports_divergence(changes):
    t = Trainer(TrainConfig(**changes))
    ran = t.run(60)
    m = t.metrics()
    if t.diverged:
        assert t.diverged_at == ran and m["epochs"] == ran - 1
    else:
        assert ran == 60 and m["epochs"] == 60
    assert np.all(np.isfinite(t.net.params)) and np.all(np.isfinite(t.net.grads))
    assert m["train_loss"] is None or math.isfinite(m["train_loss"])
    s = t.snapshot(grid_resolution=20, neuron_resolution=6)
    undefined = np.isnan(s.grid) if s.grid.ndim == 2 else np.isnan(s.grid).any(axis=2)
    if s.grid_classes is not None:  # an overflowed cell has no class, and only such a cell
        np.testing.assert_array_equal(undefined, s.grid_classes == -1)
    assert not any(np.isinf(a).any() for a in (s.grid, *s.neurons))  # non-finite is marked NaN, "undefined"


def test_a_data_set_with_a_single_test_point():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    y = np.array([0, 1, 0, 1])
    t = Trainer(TrainConfig(dataset="csv", train_ratio=0.75, hidden=(3,)), Dataset(X, y))
    assert len(t.test_index) == 1
    t.run(10)
    assert t.metrics()["test_accuracy"] in (0.0, 1.0)


def test_one_input_column():
    X = np.linspace(-3, 3, 80).reshape(-1, 1)
    t = Trainer(TrainConfig(dataset="csv", hidden=(6,), optimizer="adam", lr=0.05), Dataset(X, np.sin(X[:, 0]),
                                                                                          task="regression"))
    t.run(200)
    g = t.grid_output(10)
    assert g.shape == (10, 10) and np.allclose(g, g[:1])  # depends on x only
    assert t.metrics()["test_loss"] < 0.05
    (x0, x1), (y0, y1) = t.grid_extent()
    assert x0 < -3 and x1 > 3 and y0 < -0.9 and y1 > 0.9  # the vertical axis spans the targets
