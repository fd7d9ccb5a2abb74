"""The trainer records data losses and the penalty apart; the backprop trace
follows the engine's L1 step."""

import numpy as np
import pytest

from nnplay.engine import MLP, SGD, Adam, Momentum
from nnplay.engine.trace import backprop_trace
from nnplay.training import FIELDS, TrainConfig, Trainer


def test_history_keeps_data_losses_and_the_penalty_apart():
    """With L2 0.003 the reported losses used to be data loss + penalty; now
    train_loss and test_loss are the data losses and the penalty has its own field."""
    t = Trainer(TrainConfig(dataset="gauss", l2=0.003, l1=0.001))
    t.run(20)
    net = t.net
    m = t.metrics()
    assert m["train_loss"] == pytest.approx(net.data_loss(t.X_train, t.Y_train), rel=1e-12)
    assert m["test_loss"] == pytest.approx(net.data_loss(t.X_test, t.Y_test), rel=1e-12)
    assert m["penalty"] == pytest.approx(net.penalty(), rel=1e-12) and m["penalty"] > 0
    assert m["test_loss"] + m["penalty"] == pytest.approx(net.loss(t.X_test, t.Y_test), rel=1e-12)
    pen = t.history.column("penalty")
    assert pen.size == 21 and np.all(pen > 0)
    snap = t.snapshot(grid_resolution=None)
    assert snap.penalty == m["penalty"] and snap.history["penalty"].size == 21
    plain = Trainer(TrainConfig(dataset="gauss"))
    plain.run(2)
    assert plain.metrics()["penalty"] == 0.0


def test_a_session_saved_before_the_penalty_column_still_loads():
    t = Trainer(TrainConfig(l2=0.01))
    t.run(5)
    state = t.state_dict()
    table = t.history.rows_since(0)
    assert table.shape == (6, len(t.history.names))
    state["history"] = table[:, : len(FIELDS) - 1]  # a session of format 1: the whole table, no penalty column
    u = Trainer(TrainConfig(l2=0.01))
    u.load_state_dict(state)
    assert u.epoch == 5 and np.isnan(u.history.column("penalty")).all()
    np.testing.assert_array_equal(u.history.column("train_loss"), t.history.column("train_loss"))
    u.run(1)
    assert u.history.last("penalty") > 0


@pytest.mark.parametrize("make_opt", [lambda: SGD(0.2), lambda: Momentum(0.1), lambda: Adam(0.05)])
def test_trace_takes_the_l1_step_the_engine_takes(make_opt):
    rng = np.random.default_rng(6)
    X, y = rng.normal(size=(12, 3)), rng.integers(0, 2, 12)
    net = MLP([3, 5, 1], l1=0.2, l2=0.01, seed=1)
    Y = net.encode_targets(y)
    opt = make_opt()
    for _ in range(3):
        net.train_step(X, Y, opt)
    tr = backprop_trace(net, X, Y, opt)
    net.train_step(X, Y, opt)
    zeros = 0
    for l, lt in enumerate(tr.layers):
        np.testing.assert_allclose(lt.W_new, net.weights[l], rtol=1e-10, atol=1e-14)
        np.testing.assert_array_equal(lt.W_new == 0, net.weights[l] == 0)
        crossed = np.abs(lt.W_data_step) <= lt.l1_step  # the L1 step would carry these across 0
        np.testing.assert_array_equal(lt.W_new == 0, crossed)
        zeros += int(crossed.sum())
    assert zeros > 0
    W = np.concatenate([lt.W.ravel() for lt in tr.layers])  # the weights before the step
    assert tr.penalty == pytest.approx(0.2 * np.abs(W).sum() + 0.005 * (W * W).sum(), rel=1e-12)
