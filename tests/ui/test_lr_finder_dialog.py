"""Run > Find learning rate…: the range test on a copy, shown, applied; the run untouched."""

import numpy as np


def test_find_learning_rate_suggests_applies_and_leaves_the_run_alone(window, qtbot):
    from nnplay.ui.lr_finder_dialog import show_lr_finder

    c = window.controller
    c.step(2)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 2, timeout=10000)
    before = [w.copy() for w in c.last_frame.snapshot.weights]
    dialog = show_lr_finder(window)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    r = dialog.result
    assert r.suggested_lr is not None and dialog.apply_button.isEnabled()
    assert "Suggested learning rate" in dialog.status.text()
    x, _ = dialog.curve.getData()
    assert len(x) == len(r.lr) and np.allclose(dialog.mark.value(), np.log10(dialog.suggested()))
    c.step(0)  # a frame of the real run after the test: still epoch 2, the same weights
    c.set_view(quality=True)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.quality is not None, timeout=10000)
    assert c.last_frame.snapshot.epoch == 2
    assert all(np.array_equal(a, b) for a, b in zip(before, c.last_frame.snapshot.weights))
    dialog.apply_button.click()
    assert c.state.config.lr == dialog.suggested() and not dialog.isVisible()
    c.step(1)  # the training process trains at it
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 3, timeout=10000)
    assert window.curves.history.last("lr") == dialog.suggested()  # the rate epoch 3 was trained at
