"""While a long epoch plays, its sample is measured at most every MEASURE_SECONDS (issue 20:
not at each of 60 frames a second); a frame in between carries that measurement whole (its
losses, accuracies and gradient, and the mini-batch it was taken at), and nothing stale is
ever carried after a pause, a step, a reset, an edit, a new network or new data
(``training.current_weights``)."""

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer, current_weights

CONFIG = TrainConfig(dataset="spiral", hidden=(6,), activation="tanh", batch_size=5, seed=4, lr=0.05)


@pytest.fixture
def playing(monkeypatch):
    """A Trainer part-way through an epoch, measured on a 40-row sample as while playing."""
    monkeypatch.setattr(current_weights, "SAMPLE_ROWS", 40)  # spiral's ~200 training rows count as large here
    t = Trainer(CONFIG)
    t.run(1)
    t.run_steps(3)
    t.measure_sample = True
    return t


def sample_measured(t) -> tuple:
    """(train loss, dW[0]) of ``t``'s current weights on its sample, measured afresh on a copy."""
    c = t.copy()
    c._current = None
    snap = c.snapshot(grid_resolution=None, neuron_resolution=None)
    return snap.train_loss, snap.dW[0]


def test_frames_between_measurements_carry_the_last_one_whole(playing, monkeypatch):
    t = playing
    first = t.snapshot(grid_resolution=None, neuron_resolution=None)
    assert first.measured_batch == 3 and first.sampled_rows == 40
    t.run_steps(4)  # the weights move on; the next frame comes within MEASURE_SECONDS
    between = t.snapshot(grid_resolution=None, neuron_resolution=None)
    assert between.batch_position[0] == 7 and between.measured_batch == 3
    assert between.train_loss == first.train_loss and between.test_loss == first.test_loss
    np.testing.assert_array_equal(between.dW[0], first.dW[0])  # the measured gradient, not the last mini-batch's
    np.testing.assert_array_equal(between.db[-1], first.db[-1])
    assert not np.array_equal(between.weights[0], first.weights[0])  # (the weights shown are the current ones)
    monkeypatch.setattr(current_weights, "MEASURE_SECONDS", 0.0)  # the next measurement is due
    t.run_steps(2)
    later = t.snapshot(grid_resolution=None, neuron_resolution=None)
    assert later.measured_batch == later.batch_position[0] == 9
    loss, dW0 = sample_measured(t)
    assert later.train_loss == loss and later.train_loss != first.train_loss
    np.testing.assert_array_equal(later.dW[0], dW0)


@pytest.mark.parametrize("change", ["pause", "step", "reset", "edit", "regularization", "freeze", "continue"])
def test_nothing_stale_after_a_change(playing, change):
    t = playing
    t.snapshot(grid_resolution=None, neuron_resolution=None)  # measured: the next frames would carry it
    t.run_steps(2)
    if change == "pause":
        t.measure_sample = False  # (the loop sets it from playing at every frame)
    elif change == "step":
        t.step_batch()
        t.measure_sample = False  # a step pauses
    elif change == "reset":
        t.reset()
        t.run_steps(3)
    elif change == "edit":
        t.set_parameter(0, "W", 0, 0, 0.5)
    elif change == "regularization":
        t.set_regularization(l2=0.01)
    elif change == "freeze":
        t.set_frozen(0, 1, None, True)
    elif change == "continue":  # new data, the same network going on (points drawn): a new Trainer
        other = Trainer(CONFIG.with_changes(data_seed=CONFIG.data_seed + 1))
        other.continue_from(t)
        other.run_steps(3)
        other.measure_sample = True
        t = other
    snap = t.snapshot(grid_resolution=None, neuron_resolution=None)
    assert snap.measured_batch in (0, snap.batch_position[0])  # of these weights
    c = t.copy()
    c._current = None
    fresh = c.snapshot(grid_resolution=None, neuron_resolution=None)
    assert snap.train_loss == fresh.train_loss and snap.test_loss == fresh.test_loss
    np.testing.assert_array_equal(snap.dW[0], fresh.dW[0])
