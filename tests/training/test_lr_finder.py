"""The learning-rate range test (training.lr_finder) and `nnplay lr-find`."""

import json

import numpy as np
import pytest

from nnplay.cli import main
from nnplay.training import TrainConfig, Trainer
from nnplay.training.lr_finder import SKIP_START, find_learning_rate, rates, suggestion


@pytest.fixture(scope="module")
def found():
    t = Trainer(TrainConfig())  # the default problem: circle, 4-2 tanh, SGD, batches of 10
    return t, find_learning_rate(t)


def epochs_to(lr, target=0.1, most=150):
    t = Trainer(TrainConfig(lr=lr))
    t.run(most)
    loss = t.history.column("train_loss")
    reached = np.flatnonzero(loss < target)
    return (int(reached[0]) if reached.size else None), t


def test_the_suggestion_trains_faster_than_a_tenth_of_it_and_does_not_diverge(found):
    _, r = found
    assert r.suggested_lr is not None
    fast, t_fast = epochs_to(r.suggested_lr)
    slow, t_slow = epochs_to(r.suggested_lr / 10)
    assert not t_fast.diverged and np.all(np.isfinite(t_fast.history.column("train_loss")))
    assert fast is not None and (slow is None or fast < slow), (r.suggested_lr, fast, slow)
    assert t_fast.metrics()["train_loss"] < t_slow.metrics()["train_loss"]


def test_the_real_run_is_untouched_bit_for_bit():
    t = Trainer(TrainConfig(optimizer="momentum"))
    t.run(3)
    t.step_batch()  # part-way through an epoch, with optimizer state
    before = t.state_dict()
    twin = t.copy()
    find_learning_rate(t, steps=60)
    after = t.state_dict()
    assert np.array_equal(before["params"], after["params"]) and before["rng"] == after["rng"]
    assert all(np.array_equal(before["optimizer"][k], after["optimizer"][k]) for k in before["optimizer"])
    assert t.optimizer.lr == twin.optimizer.lr and t.epoch == twin.epoch
    t.run(2)
    twin.run(2)
    assert np.array_equal(t.net.params, twin.net.params)  # and it goes on exactly as it would have


def test_the_rates_grow_exponentially_and_the_test_stops_on_divergence(found):
    _, r = found
    assert r.lr[0] == pytest.approx(1e-6) and np.allclose(np.diff(np.log(r.lr)), np.log(r.lr[1] / r.lr[0]))
    assert np.allclose(rates(1e-6, 10, 200)[: len(r.lr)], r.lr)
    assert len(r.lr) == len(r.loss) == len(r.raw_loss)
    if len(r.lr) < 200:  # stopped early: the last smoothed loss is over 4 times the lowest
        assert r.loss[-1] > 4 * np.min(r.loss[:-1]) or not np.isfinite(r.loss[-1])
    assert r.suggested_lr <= r.min_loss_lr / 10 + 1e-12 and r.suggested_lr <= r.steepest_lr


def test_suggestion_is_the_steepest_descent_after_the_first_points():
    loss = np.concatenate([np.full(10, 5.0), np.linspace(5, 4, 20), np.linspace(4, 1, 10), np.linspace(1, 0.9, 20)])
    i = suggestion(loss)
    assert 30 <= i < 40  # the steepest stretch
    assert suggestion(np.linspace(1, 2, 50)) is None  # never falls
    assert suggestion(np.ones(12)) is None  # too short


def test_lr_find_cli_json_and_bad_range(capsys):
    assert main(["lr-find", "--layers", "3", "--steps", "40", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"suggested_lr", "lr", "loss"} <= set(out) and len(out["lr"]) == len(out["loss"]) <= 40
    assert main(["lr-find", "--start-lr", "1", "--end-lr", "0.1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rates must grow" in err


def test_a_flat_loss_gets_no_suggestion_and_says_why():
    """Fault: a dead ReLU layer (only the output's bias learns: the loss stays at 0.1156 until it
    diverges) had 0.0015 suggested "where the smoothed loss falls fastest": the steepest slope of noise."""
    t = Trainer(TrainConfig(dataset="plane", activation="relu", hidden=(4, 2), noise=0.0))
    t.net.biases[1][...] = -100.0  # layer 2's ReLUs output 0 for every example
    r = find_learning_rate(t)
    assert r.suggested_lr is None and r.steepest_lr is None
    assert "does not fall at any rate" in r.no_suggestion and "0.1156" in r.no_suggestion
    assert r.to_dict()["no_suggestion"] == r.no_suggestion


def test_a_loss_that_falls_less_than_2_percent_is_flat():
    from nnplay.training.lr_finder import MIN_FALL, falls

    noisy = 0.1156 - 0.0005 * np.abs(np.sin(np.arange(60.0)))  # wobbles 0.4% below its start
    assert not falls(noisy) and suggestion(noisy) is None
    falling = np.concatenate([np.full(15, 1.0), np.linspace(1.0, 1 - 2 * MIN_FALL, 30), np.full(15, 1 - 2 * MIN_FALL)])
    assert falls(falling) and 15 <= suggestion(falling) < 45


def test_the_steepest_descent_is_searched_before_the_lowest_loss():
    """Tester 17: the suggestion named a steep dip of the climb past the lowest loss (0.05607
    where the curve climbs 0.37 -> 2.1, the lowest at 0.01415)."""
    lr = rates(1e-6, 10.0, 100)
    loss = np.concatenate([np.linspace(1.0, 0.9, 30), np.linspace(0.9, 0.3, 20),  # the fall, lowest at 49
                           np.linspace(0.3, 1.5, 20), np.linspace(1.5, 0.8, 3), np.linspace(0.8, 1.9, 27)])
    lowest = int(np.argmin(loss))
    i = suggestion(loss)
    assert SKIP_START <= i <= lowest and 30 <= i < 50  # in the fall, not the dip at 70..72 past the lowest
    assert lr[i] <= lr[lowest]
    assert suggestion(np.r_[np.linspace(1, 0.5, 12), np.linspace(0.5, 3, 40)]) is None  # lowest within the skipped start
