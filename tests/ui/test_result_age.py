"""A one-off result says which weights it is of: the gradient check (a tester: after
training further the old result still showed as if current) and the learning-rate
range test give their epoch, and the check is marked stale once the weights change
(trained on, or a weight edited in place at the same epoch)."""

from types import SimpleNamespace

import numpy as np

from nnplay.ui.result_age import ResultAge, position_text


def epoch(win):
    frame = win.controller.last_frame
    return -1 if frame is None else frame.snapshot.epoch


def _frame(epoch, batch=0, w=1.0, run_id=1):
    snap = SimpleNamespace(epoch=epoch, batch_position=(batch, 4), run_id=run_id,
                           weights=(np.full((2, 2), w),), biases=(np.zeros(2),))
    return SimpleNamespace(snapshot=snap)


def test_a_result_goes_stale_when_the_weights_change():
    age = ResultAge()
    age.stamp(3, 0, 4, frame=_frame(3))
    assert age.text() == "At epoch 3."
    assert not age.follow(_frame(3)) and not age.stale  # the same weights, paused
    assert age.follow(_frame(3, w=2.0)) and age.stale  # a weight edited at the same epoch
    assert "changed since" in age.text()
    for moved in (_frame(4), _frame(3, batch=1), _frame(3, run_id=2)):  # trained on, a mini-batch, a new run
        age.stamp(3, 0, 4, frame=_frame(3))
        assert age.follow(moved) and age.stale
    age.stamp(3, 2, 4, frame=None)  # stamped while the window's frame was elsewhere: digest taken when it comes
    assert not age.follow(_frame(3, batch=2)) and age.follow(_frame(3, batch=2, w=5.0))
    assert position_text(3, 2, 4) == "epoch 3, mini-batch 2 of 4"


def test_the_gradient_check_says_its_epoch_and_when_it_is_stale(window, qtbot):
    c = window.controller
    c.step(3)
    qtbot.waitUntil(lambda: epoch(window) == 3, timeout=20000)
    with qtbot.waitSignal(c.gradient_checked, timeout=20000):
        window.gradients.check_button.click()
    label = window.gradients.check_result
    assert "backprop agrees" in label.text() and "At epoch 3." in label.text()
    c.step(2)
    qtbot.waitUntil(lambda: epoch(window) == 5, timeout=20000)
    assert "backprop agrees" in label.text()  # the result stays, said to be of epoch 3's weights
    assert "weights at epoch 3, which have changed since" in label.text()
    assert "Check again" in label.text()


def test_the_range_test_says_the_epoch_it_started_from(window, qtbot):
    from nnplay.ui.lr_finder_dialog import show_lr_finder

    c = window.controller
    c.step(2)
    qtbot.waitUntil(lambda: epoch(window) == 2, timeout=20000)
    dialog = show_lr_finder(window)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    assert "At epoch 2." in dialog.status.text()
    c.step(1)
    qtbot.waitUntil(lambda: epoch(window) == 3, timeout=20000)
    assert "weights at epoch 2, which have changed since" in dialog.status.text()
    dialog.reject()
