"""A weight typed or a neuron pruned while paused is measured at once: the
read-outs (``Trainer.metrics``, the snapshot's losses) are those of the network
now, as the Metrics tab's are (the tester: Metrics showed the new RMSE while the
read-out bar kept the old train loss, unmarked)."""

from __future__ import annotations

import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.probes import ViewRequest

NO_PICTURES = ViewRequest(grid_resolution=None, neuron_resolution=None)


def _measured(t):
    return t._evaluate(t.X_train, t.Y_train, t.y_train)[0], t._evaluate(t.X_test, t.Y_test, t.y_test)[0]


@pytest.mark.parametrize("edit", ["weight", "prune"])
def test_an_edit_between_epochs_is_read_out_at_the_new_weights(edit):
    t = Trainer(TrainConfig(dataset="plane", hidden=(4,), seed=1))
    t.run(3)
    before = t.metrics()["train_loss"]
    if edit == "weight":
        t.set_parameter(1, "W", 0, 0, 4.0)
    else:
        t.set_pruned(0, 0)
    train, test = _measured(t)
    m = t.metrics()
    assert m["train_loss"] != before
    assert m["train_loss"] == pytest.approx(train) and m["test_loss"] == pytest.approx(test)
    snap = t.snapshot(NO_PICTURES)
    assert snap.train_loss == pytest.approx(train)
    t.run(1)  # the next epoch is recorded and read out as before
    assert t.metrics()["train_loss"] == pytest.approx(t.history.last("train_loss"))
