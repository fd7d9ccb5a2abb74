"""Inverted dropout per hidden layer (engine.dropout): the expectation of the
dropped activation, reproducibility from the seed, evaluation without dropout."""

import numpy as np
import pytest

from nnplay.engine import MLP, make_optimizer
from nnplay.engine.dropout import Dropout
from nnplay.training import TrainConfig, Trainer


@pytest.mark.parametrize("p", [0.2, 0.5, 0.9])
def test_the_mean_of_the_dropped_activation_is_the_undropped_one(p):
    d = Dropout(1)
    d.set_rates([p])
    d.rng = np.random.default_rng(0)
    A = np.random.default_rng(1).normal(size=(1, 6))
    mask = np.empty((20000, 6))
    d.draw(0, mask)
    assert set(np.unique(mask)) == {0.0, 1.0 / (1.0 - p)}
    assert abs((mask == 0).mean() - p) < 0.01  # each unit dropped with probability p
    np.testing.assert_allclose((mask * A).mean(axis=0), A[0], rtol=0.1, atol=0.03)  # E[D * A] = A


def test_same_seed_same_run_bit_for_bit_and_another_seed_differs():
    config = TrainConfig(dataset="spiral", hidden=(6, 4), dropout=(0.5, 0.2), batch_size=10, seed=7)
    a, b, c = Trainer(config), Trainer(config), Trainer(config.with_changes(seed=8))
    for t in (a, b, c):
        t.run(3)
    np.testing.assert_array_equal(a.net.params, b.net.params)
    np.testing.assert_array_equal(a.history.column("train_loss"), b.history.column("train_loss"))
    assert not np.array_equal(a.net.params, c.net.params)


def test_stepping_batch_by_batch_trains_the_same_as_whole_epochs_with_dropout():
    config = TrainConfig(dataset="xor", hidden=(5,), dropout=(0.4,), batch_size=50, seed=3)
    whole, steps = Trainer(config), Trainer(config)
    whole.run(2)
    while steps.epoch < 2:
        steps.step_batch()
    np.testing.assert_allclose(steps.net.params, whole.net.params, rtol=1e-12, atol=1e-15)


def test_dropout_acts_in_training_only_and_changes_the_steps():
    net = MLP([2, 8, 1], seed=0)
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(20, 2)), net.encode_targets(rng.integers(0, 2, 20))
    before = net.forward(X)
    net.dropout.set_rates([0.5])
    np.testing.assert_array_equal(net.forward(X), before)  # evaluation: the full network
    np.testing.assert_array_equal(net.hidden_outputs(X)[0], MLP([2, 8, 1], seed=0).hidden_outputs(X)[0])
    plain = MLP([2, 8, 1], seed=0)
    net.train_epoch(X, Y, make_optimizer("sgd", 0.1), 0, np.random.default_rng(5))
    plain.train_epoch(X, Y, make_optimizer("sgd", 0.1), 0, np.random.default_rng(5))
    assert not np.array_equal(net.params, plain.params)
    net.dropout.set_rates([0.0])  # off again: the same step as a network that never had it
    a, b = net.copy(), plain.copy()
    b.params[...] = a.params
    a.train_epoch(X, Y, make_optimizer("sgd", 0.1), 0, None)
    b.train_epoch(X, Y, make_optimizer("sgd", 0.1), 0, None)
    np.testing.assert_array_equal(a.params, b.params)


def test_the_gradient_check_of_a_run_with_dropout_says_it_ran_without():
    t = Trainer(TrainConfig(dataset="xor", hidden=(3,), dropout=(0.3,)))
    result = t.gradient_check()
    assert "dropout off" in result["note"] and all(r["dW_error"] < 1e-6 for r in result["layers"])
    assert "note" not in Trainer(TrainConfig(dataset="xor", hidden=(3,))).gradient_check()
