"""Comparing two runs (pytest-qt, offscreen)."""

import numpy as np
import pytest

from nnplay.ui.compare import ForkDialog, describe


pytestmark = pytest.mark.timeout(120)


def _b_epoch(win):
    cw = win.compare_window
    return len(cw.curves["B"].history) - 1 if cw is not None else -1


def test_fork_trains_both_runs_side_by_side(window, qtbot):
    c = window.controller
    c.step(5)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 5, timeout=10000)
    assert c.fork(lr=0.3)
    qtbot.waitUntil(lambda: window.compare_window is not None and window.compare_window.isVisible(), timeout=10000)
    cw = window.compare_window
    assert "learning rate 0.03" in cw.headers["A"].text() and "learning rate 0.3" in cw.headers["B"].text()
    qtbot.waitUntil(lambda: _b_epoch(window) == 5, timeout=10000)  # B starts where A was ...
    assert cw.fork_line.isVisible() and cw.fork_line.value() == 5
    a_hist = cw.curves["A"].history.curve("train_loss")[1]
    b_hist = cw.curves["B"].history.curve("train_loss")[1]
    np.testing.assert_allclose(a_hist[:6], b_hist[:6])  # ... with the same history
    c.step(3)  # Step drives both
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 8 and _b_epoch(window) == 8, timeout=10000)
    a_loss, b_loss = cw.curves["A"].history.curve("train_loss")[1][-1], cw.curves["B"].history.curve("train_loss")[1][-1]
    assert a_loss != b_loss  # a different learning rate, a different run
    assert "Epoch <b>8</b>" in cw.stats["B"].text()
    c.set_speed(5)
    c.play()
    qtbot.waitUntil(lambda: _b_epoch(window) >= 30, timeout=15000)
    c.pause()
    assert cw.views["B"].image.image is not None and cw.views["A"].image.image is not None
    cw.log_scale.setChecked(True)  # small losses told apart; zeros or not, nothing breaks
    assert cw.plot.getPlotItem().ctrl.logYCheck.isChecked()
    twin = c.twin
    cw.stop_button.click()  # closing the comparison stops run B's process
    assert c.twin is None and not cw.isVisible()
    qtbot.waitUntil(lambda: not twin.worker.is_alive(), timeout=10000)


def test_restart_starts_both_from_the_same_weights(window, qtbot):
    c = window.controller
    c.step(10)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 10, timeout=10000)
    assert c.fork(True, optimizer="adam")
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 0, timeout=10000)
    qtbot.waitUntil(lambda: _b_epoch(window) == 0, timeout=10000)
    cw = window.compare_window
    assert not cw.fork_line.isVisible()
    # the same seed and shape: both begin with the same loss at epoch 0
    assert cw.curves["A"].history.curve("train_loss")[1][0] == pytest.approx(cw.curves["B"].history.curve("train_loss")[1][0])
    c.reset()  # Reset drives both
    qtbot.waitUntil(lambda: _b_epoch(window) == 0, timeout=10000)


def test_structural_change_ends_the_comparison(window, qtbot):
    c = window.controller
    assert c.fork(activation="relu")
    qtbot.waitUntil(lambda: c.twin is not None, timeout=10000)
    c.change(hidden=(3,))
    assert c.twin is None


def test_forks_that_cannot_be_made_are_refused(window):
    c = window.controller
    assert not c.fork(lr=c.config.lr)  # nothing changes
    assert not c.fork(hidden=(8, 8))  # another shape cannot go on from these weights ...
    assert c.twin is None and len(window.errors) == 2
    assert c.fork(True, hidden=(8, 8))  # ... but can start afresh
    c.stop_comparing()


def test_fork_dialog_offers_a_neighbouring_value(qtbot, window):
    d = ForkDialog(window.controller.config)
    qtbot.addWidget(d)
    changes, restart = d.result_changes()
    assert changes == {"lr": 0.1} and not restart  # the default 0.03's next step up
    d.setting.setCurrentIndex(d.setting.findData("optimizer"))
    assert d.result_changes()[0]["optimizer"] != window.controller.config.optimizer
    assert describe(window.controller.config, {"lr": 1}) == "learning rate 0.03"
    # a choice named as the window names it (tester 18: "activation relu ... leaky_relu")
    config = window.controller.config.with_changes(activation="leaky_relu", optimizer="sgd")
    assert describe(config, {"activation": 1, "optimizer": 1}) == "activation Leaky ReLU, optimizer Gradient descent"


@pytest.mark.slow  # plays two runs for seconds
def test_playing_keeps_both_runs_at_about_the_same_epoch(window, qtbot):
    c = window.controller
    assert c.fork(True, lr=0.1)
    qtbot.waitUntil(lambda: c.twin is not None and c.twin.last_frame is not None and c.last_frame is not None,
                    timeout=10000)
    c.set_speed(5)
    c.play()
    gaps = []
    for target in (40, 80, 120):
        qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch >= target, timeout=20000)
        gaps.append(abs(c.last_frame.snapshot.epoch - c.twin.last_frame.snapshot.epoch))
    c.pause()
    assert c.playing is False
    assert max(gaps) <= 4 * 5 + 10  # the one ahead waits (margin: two frames' worth) ...
    assert c.twin.last_frame.snapshot.epoch >= 100  # ... and both train


def test_a_paused_comparison_shows_both_runs_at_the_same_epoch(window, qtbot):
    from nnplay.ui.worker import MAX_SPEED

    c = window.controller
    assert c.fork(True, lr=0.1)
    qtbot.waitUntil(lambda: c.twin is not None and c.twin.last_frame is not None and c.last_frame is not None,
                    timeout=10000)
    c.set_speed(MAX_SPEED)  # at Max speed the two drift furthest apart
    c.play()
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch >= 300, timeout=30000)
    c.pause()
    same = lambda: (not c.last_frame.playing and not c.twin.last_frame.playing  # noqa: E731
                    and c.last_frame.snapshot.epoch == c.twin.last_frame.snapshot.epoch)
    qtbot.waitUntil(same, timeout=15000)
    qtbot.wait(300)  # and it stays so
    assert same() and "Epoch <b>%d</b>" % c.last_frame.snapshot.epoch in window.compare_window.stats["B"].text()


def test_space_in_the_comparison_window_plays_both_and_leaves_its_check_box_alone(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    c = window.controller
    assert c.fork(lr=0.3)
    qtbot.waitUntil(lambda: window.compare_window is not None and window.compare_window.isVisible(), timeout=10000)
    cw = window.compare_window
    cw.activateWindow()
    qtbot.waitUntil(cw.isActiveWindow, timeout=3000)
    qtbot.mouseClick(cw.log_scale, Qt.MouseButton.LeftButton)
    ticked = cw.log_scale.isChecked()
    qtbot.keyClick(QApplication.focusWidget() or cw, Qt.Key.Key_Space)
    assert c.playing and cw.log_scale.isChecked() == ticked
    qtbot.keyClick(QApplication.focusWidget() or cw, Qt.Key.Key_Space)
    assert not c.playing
    cw.stop_button.click()


@pytest.mark.parametrize("size", [(1100, 760), (1024, 768)])
def test_the_loss_plot_has_a_usable_height(qtbot, size):
    from nnplay.ui.compare import CompareWindow

    cw = CompareWindow()
    qtbot.addWidget(cw)
    cw.begin("learning rate 0.01", "learning rate 0.03", 372)
    cw.resize(*size)
    cw.show()
    qtbot.waitUntil(lambda: cw.plot.height() > 0, timeout=3000)
    qtbot.wait(50)
    # the plotting area itself, under the title and legend: was a 30-pixel strip with one y tick
    assert cw.plot.getPlotItem().getViewBox().height() >= 120
    assert cw.views["A"].height() >= 250  # and the boundaries keep most of the window
    cw.close_quietly()


def test_b_is_drawn_on_a_from_the_fork_and_a_reset_forgets_the_fork(window, qtbot):
    c = window.controller
    c.step(6)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 6, timeout=10000)
    assert c.fork(lr=0.3)
    qtbot.waitUntil(lambda: window.compare_window is not None and _b_epoch(window) == 6, timeout=10000)
    cw = window.compare_window
    assert "Epoch <b>6</b>" in cw.stats["A"].text()  # A's read-out from the start, not only after its next frame
    a, b = cw.curves["A"], cw.curves["B"]
    assert b.train_curve.zValue() > a.train_curve.zValue()  # B's narrow line on A's wide one
    assert b.train_curve.opts["pen"].widthF() < a.train_curve.opts["pen"].widthF()
    assert b.train_curve.getData()[0].min() == 6  # B's own curve begins at the fork (before it: A's)
    c.step(3)
    qtbot.waitUntil(lambda: _b_epoch(window) == 9 and c.last_frame.snapshot.epoch == 9, timeout=10000)
    assert cw.fork_line.isVisible()
    # its "fork" label above every curve, on the plot's background (it was drawn under them, unreadable)
    curves = [item for item in cw.plot.getPlotItem().items if item is not cw.fork_line]
    assert curves and all(cw.fork_line.zValue() > item.zValue() for item in curves)
    fill = cw.fork_line.label.fill.color()
    assert fill.alpha() >= 200 and fill.rgb() == cw.plot.backgroundBrush().color().rgb()
    c.reset()
    qtbot.waitUntil(lambda: _b_epoch(window) == 0 and len(a.history) == 1, timeout=10000)
    assert not cw.fork_line.isVisible()
    assert b.train_curve.getData()[0].min() == 0  # both afresh: B's curve from epoch 0
    c.step(2)
    qtbot.waitUntil(lambda: _b_epoch(window) == 2 and c.last_frame.snapshot.epoch == 2, timeout=10000)
    cw.plot.getPlotItem().getViewBox().updateAutoRange()
    x_range = cw.plot.getPlotItem().getViewBox().viewRange()[0]
    assert x_range[1] < 6  # the x range follows the new curves, not the old fork
    c.stop_comparing()


def test_a_fork_made_while_paused_starts_level_even_after_a_rebuild_stopped_a_playing_comparison(window, qtbot):
    c = window.controller
    assert c.fork(lr=0.3)
    qtbot.waitUntil(lambda: c.twin is not None and c.twin.last_frame is not None, timeout=10000)
    c.play()
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch >= 3, timeout=10000)
    c.change(hidden=(3,))  # a rebuild (as opening a session): the comparison ends, training stops
    assert c.twin is None and not c.playing
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 0
                    and not c.last_frame.playing, timeout=10000)
    c.step(4)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 4, timeout=10000)
    assert c.fork(lr=0.1)
    qtbot.waitUntil(lambda: c.twin is not None and c.twin.last_frame is not None, timeout=10000)
    qtbot.wait(1500)  # B was played by the stale "playing" of the first comparison: it ran 2-3 epochs ahead
    assert c.twin.last_frame.snapshot.epoch == 4 and not c.twin.last_frame.playing
    assert "Epoch <b>4</b>" in window.compare_window.stats["B"].text()
    c.stop_comparing()


def test_a_comparison_without_a_test_set_shows_the_missing_form_not_nan(window, qtbot):
    """Tester 21: with Training data 100% the comparison read "test loss nan" (the main window: "–")."""
    c = window.controller
    assert c.change(train_ratio=1.0)
    assert c.fork(True, lr=0.3)
    c.step(2)
    qtbot.waitUntil(lambda: _b_epoch(window) == 2 and c.last_frame is not None and c.last_frame.snapshot.epoch == 2,
                    timeout=15000)
    cw = window.compare_window
    for name in "AB":
        qtbot.waitUntil(lambda: "train loss" in cw.losses[name].text(), timeout=10000)
        text = cw.losses[name].text()
        assert "test loss –" in text and "nan" not in text, text
    assert "test <b>–</b>" in window.stats["loss"].text()  # as the main window says it


def _header_shows(cw, a, b):
    return (f"this run: {a}" in cw.headers["A"].text() and f"the fork: {b}" in cw.headers["B"].text()
            and f"Comparing <b>{a}</b> (A) with <b>{b}</b> (B)" in cw.title.text())


def test_the_header_names_what_each_run_uses_now(window, qtbot, tmp_path):
    """Tester 21 (79_compare_stale.png): comparing learning rates 0.1 and 0.3, a paste of lr=0.03 left the
    header at "learning rate 0.1 (A)". A live change of run A's settings (a control, a paste) relabels
    the header; one that rebuilds run A (a session opened, a drawing undone) ends the comparison."""
    c = window.controller
    assert c.change(lr=0.1) and c.fork(lr=0.3)
    qtbot.waitUntil(lambda: window.compare_window is not None and window.compare_window.isVisible(), timeout=10000)
    cw = window.compare_window
    assert _header_shows(cw, "learning rate 0.1", "learning rate 0.3")
    panel = window.network_panel.learning_rate  # the control
    panel.setCurrentIndex(panel.findData(0.01))
    panel.activated.emit(panel.currentIndex())
    assert c.config.lr == 0.01 and _header_shows(cw, "learning rate 0.01", "learning rate 0.3")
    assert c.apply_settings_text("lr=0.03")  # a paste
    assert _header_shows(cw, "learning rate 0.03", "learning rate 0.3")
    assert c.apply_settings_text("l2=0.001")  # another setting now differs as well: named, not "the same"
    assert _header_shows(cw, "learning rate 0.03, L2 0.001", "learning rate 0.3, L2 0")
    assert c.twin is not None
    path = tmp_path / "s.nnplay"
    with qtbot.waitSignal(c.session_saved, timeout=10000):
        c.save_session(str(path))
    c.open_session(str(path))  # a session loaded: a new run A, the comparison ends
    qtbot.waitUntil(lambda: c.twin is None and not cw.isVisible(), timeout=10000)
    assert c.fork(lr=0.3)
    qtbot.waitUntil(lambda: c.twin is not None and window.compare_window.isVisible(), timeout=10000)
    assert c.edit_data("add", (0.5, 0.5), 1)  # a drawing edit (and its undo) build run A anew: ended
    qtbot.waitUntil(lambda: c.twin is None, timeout=10000)
    assert c.fork(lr=0.3)
    qtbot.waitUntil(lambda: c.twin is not None, timeout=10000)
    assert c.edit_data("undo")
    qtbot.waitUntil(lambda: c.twin is None and not window.compare_window.isVisible(), timeout=10000)
