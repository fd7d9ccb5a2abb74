"""After a data change a run goes on from its weights (``Trainer.continue_from``):
what it reports must be measured on the new data, not the history's last point,
which was measured on the data before."""

import math

import numpy as np
import pytest

from nnplay.data import Dataset
from nnplay.data.drawing import DataEditor
from nnplay.training import TrainConfig, Trainer
from nnplay.training.gradient_flow import NO_DATA_NOTE, zero_gradient_notes

pytestmark = pytest.mark.timeout(60)

CONFIG = TrainConfig(dataset="csv", hidden=(4,), seed=3)


def _data(n, flip=False, seed=0):
    X = np.random.default_rng(seed).normal(size=(n, 2))
    y = ((X[:, 0] > 0) ^ flip).astype(int)
    return Dataset(X, y, name="drawn")


def _trained():
    old = Trainer(CONFIG, _data(80))
    old.run(20)
    return old


def test_metrics_after_a_data_change_are_measured_on_the_new_data():
    old = _trained()
    new = Trainer(CONFIG, _data(80, flip=True))  # the same points, every label flipped
    new.continue_from(old)
    assert new.epoch == old.epoch
    loss, acc = new._evaluate(new.X_train, new.Y_train, new.y_train)
    m = new.metrics()
    assert m["train_loss"] == pytest.approx(loss) and m["train_accuracy"] == pytest.approx(acc)
    assert m["train_accuracy"] < 0.5 < old.metrics()["train_accuracy"]  # not the old data's numbers
    new.run(1)  # the next recorded epoch is the history's again
    assert new.metrics()["train_loss"] == pytest.approx(new.history.last("train_loss"))


def test_a_run_with_no_points_reports_no_numbers_and_says_why_dw_is_zero():
    old = _trained()
    cleared = DataEditor(_data(80), CONFIG.train_ratio, CONFIG.data_seed).clear()  # Clear in the drawing tools
    assert cleared.n_examples == 0
    empty = Trainer(CONFIG, cleared)
    empty.continue_from(old)
    m = empty.metrics()
    assert m["train_loss"] is None and m["test_loss"] is None and m["train_accuracy"] is None
    snap = empty.snapshot()
    assert math.isnan(snap.train_loss) and snap.train_accuracy is None
    assert zero_gradient_notes(empty.net, empty.X_train, empty.Y_train, empty.net.dW) == (NO_DATA_NOTE,)
    assert snap.gradient_notes == (NO_DATA_NOTE,)
