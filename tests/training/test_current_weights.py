"""Part-way through an epoch (Shift+Right, or a pause between the parts of a
long epoch) every picture and read-out is of the current weights: the gradient
is the whole training set's, not the last mini-batch's, the accuracy read-out
agrees with the Metrics panel, and the same weights give the same pictures
after saving and reopening the session (``training.current_weights``)."""

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.session import Session, open_trainer, save_session

CONFIG = TrainConfig(dataset="spiral", hidden=(6,), activation="tanh", batch_size=10, seed=4, lr=0.05)


@pytest.fixture(scope="module")
def mid_epoch() -> Trainer:
    t = Trainer(CONFIG)
    t.run(2)
    for _ in range(3):
        t.step_batch()
    t.run_steps(4)
    assert t.batch_position[0] == 7
    return t




def test_the_gradient_shown_mid_epoch_is_the_whole_training_sets(mid_epoch):
    expected = mid_epoch.copy().net.loss_and_grads(mid_epoch.X_train, mid_epoch.Y_train)[1]
    snap = mid_epoch.snapshot(grid_resolution=None)
    for shown, whole in zip(snap.dW, expected):
        np.testing.assert_allclose(shown, whole, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(snap.grad_norms, [np.linalg.norm(d) for d in expected], rtol=1e-10)


def test_one_accuracy_for_the_current_weights_everywhere(mid_epoch):
    snap = mid_epoch.snapshot(grid_resolution=None, quality=True)
    assert snap.train_accuracy == snap.quality["train"]["accuracy"]
    assert snap.test_accuracy == snap.quality["test"]["accuracy"]
    loss, _ = mid_epoch.copy().net.evaluate(mid_epoch.X_train, mid_epoch.Y_train)
    assert snap.train_loss == pytest.approx(loss, rel=1e-12)
    assert snap.train_loss != mid_epoch.history.last("train_loss")  # the last epoch's end is not now


def test_the_same_weights_give_the_same_pictures_after_reopening(mid_epoch, tmp_path):
    before = mid_epoch.snapshot(grid_resolution=None)
    path = tmp_path / "mid.nnplay"
    save_session(path, Session(mid_epoch.config, mid_epoch.data, mid_epoch.state_dict()))
    after = open_trainer(path).snapshot(grid_resolution=None)
    assert after.batch_position == before.batch_position
    for a, b in zip(after.dW, before.dW):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)
    assert (after.train_accuracy, after.train_loss) == pytest.approx((before.train_accuracy, before.train_loss))


def test_measuring_mid_epoch_changes_nothing_the_run_trains():
    looked, unseen = Trainer(CONFIG), Trainer(CONFIG)
    for t in (looked, unseen):
        t.run(1)
    for _ in range(5):
        looked.step_batch()
        unseen.step_batch()
        looked.snapshot(grid_resolution=None)
    looked.run(2)
    unseen.run(2)
    np.testing.assert_array_equal(looked.net.params, unseen.net.params)
    assert looked.history.column("train_loss").tolist() == unseen.history.column("train_loss").tolist()


def test_between_epochs_the_record_is_the_measurement():
    t = Trainer(CONFIG)
    t.run(1)
    assert t.measure_current() == {}
    assert t.snapshot(grid_resolution=None).train_loss == t.history.last("train_loss")


def test_while_playing_a_large_part_is_measured_on_a_fixed_sample_and_paused_on_all_of_it(monkeypatch):
    from nnplay.training import current_weights

    monkeypatch.setattr(current_weights, "SAMPLE_ROWS", 40)  # spiral's ~200 training rows count as large here
    t = Trainer(CONFIG)
    t.run(1)
    t.run_steps(3)
    rows = t.X_train.shape[0]
    t.measure_sample = True  # as the training loop sets it while playing
    sampled = t.snapshot(grid_resolution=None)
    assert t.measured_rows == 40 < rows and sampled.sampled_rows == 40  # (the window says so: epoch_readout)
    again = t.snapshot(grid_resolution=None)  # the same rows: the same numbers
    assert again.train_loss == sampled.train_loss
    t.measure_sample = False  # paused: the whole part
    whole = t.snapshot(grid_resolution=None)
    assert t.measured_rows == rows and whole.sampled_rows == 0
    loss, _ = t.copy().net.evaluate(t.X_train, t.Y_train)
    assert whole.train_loss == pytest.approx(loss, rel=1e-12) and sampled.train_loss != whole.train_loss
