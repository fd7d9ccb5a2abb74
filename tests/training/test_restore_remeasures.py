"""A session saved after its weights or data changed since the last recorded epoch
reads out, once opened, the figures of the weights and data restored, not the
history's last row (the tester: XOR with 9 points drawn, saved at 96.5% training
accuracy, reopened at 100%; a weight edited, 6.562 reopened as 1.774; ``nnplay
diagnose`` quoting the test loss from before the edit)."""

from __future__ import annotations

import numpy as np
import pytest

from nnplay.data import Dataset
from nnplay.numbers import format_number
from nnplay.training import TrainConfig, Trainer
from nnplay.training.health import diagnose
from nnplay.training.session import Session, open_trainer, save_session

from .test_health import overfitted


def _measured(t):
    return t._evaluate(t.X_train, t.Y_train, t.y_train), t._evaluate(t.X_test, t.Y_test, t.y_test)


def _reopened(t, tmp_path):
    path = tmp_path / "s.nnplay"
    save_session(path, Session(t.config, t.data, t.state_dict()))
    return open_trainer(path)


def test_a_session_saved_after_a_weight_edit_reopens_at_the_edited_weights(tmp_path):
    t = Trainer(TrainConfig(dataset="spiral", hidden=(4,), seed=3, l2=0.01))
    t.run(5)
    t.set_parameter(1, "b", 0, 0, 8.0)
    edited = t.metrics()
    back = _reopened(t, tmp_path)
    (train, train_acc), (test, test_acc) = _measured(back)
    m = back.metrics()
    assert m["train_loss"] == pytest.approx(train) == pytest.approx(edited["train_loss"])
    assert m["test_loss"] == pytest.approx(test) and m["train_accuracy"] == train_acc
    assert m["train_loss"] != pytest.approx(back.history.last("train_loss"))
    assert m["penalty"] == pytest.approx(back.net.penalty())
    assert back.snapshot(grid_resolution=None, neuron_resolution=None).train_loss == pytest.approx(train)


def test_a_session_saved_after_points_were_drawn_reopens_measured_on_them(tmp_path):
    config = TrainConfig(dataset="csv", hidden=(4,), seed=3)
    X = np.random.default_rng(0).normal(size=(80, 2))
    t = Trainer(config, Dataset(X, (X[:, 0] > 0).astype(int), name="drawn"))
    t.run(20)
    wrong = np.random.default_rng(1).uniform(1, 3, (9, 2))  # 9 points of class 0 where class 1 is
    t2 = Trainer(config, Dataset(np.vstack([X, wrong]), np.r_[(X[:, 0] > 0).astype(int), np.zeros(9, int)],
                                 name="drawn", edited=True))
    t2.continue_from(t)
    back = _reopened(t2, tmp_path)
    (train, train_acc), _ = _measured(back)
    assert back.metrics()["train_accuracy"] == train_acc == t2.metrics()["train_accuracy"]
    assert back.metrics()["train_loss"] == pytest.approx(train)


def test_diagnose_quotes_the_test_loss_of_the_weights_now():
    t = Trainer(TrainConfig(dataset="spiral", hidden=(4,), seed=3))
    t.epoch = len(overfitted(t)) - 1
    t.set_parameter(1, "b", 0, 0, 30.0)  # measured now: far above the history's last test loss
    now = t.metrics()["test_loss"]
    assert now > 5
    [over] = [f for f in diagnose(t) if f.kind == "overfitting"]
    assert f"rose to {format_number(now)} from" in over.message
    assert over.value == pytest.approx(now / 0.5)
