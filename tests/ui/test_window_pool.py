"""The shared test window's reset (tests/window_pool.py): what a test changes is
undone, and a window the reset could not bring back to new is replaced, never
handed to the next test."""

import threading

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox, QTabWidget

from nnplay.training import TrainConfig
from nnplay.ui.inspector import InspectorWindow
from nnplay.ui.recorder import show_recorder
from nnplay.ui.side_windows import inspector_made
from nnplay.ui.steady_label import SteadyLabel
from tests.settle import settle
from tests.window_pool import SharedWindow, fingerprint
from tests.window_pool_sides import side_windows_made

pytestmark = [pytest.mark.timeout(180), pytest.mark.slow]  # two window builds and a rebuilt run: ~10 s of CPU


@pytest.fixture(scope="module")
def pool(qapp):
    """A pool of its own (whatever NNPLAY_SHARE_TEST_WINDOW says), one window for the module."""
    from unittest.mock import patch

    with patch.object(QMessageBox, "warning", lambda *a: None):
        own = SharedWindow()
        yield own
        own.close()


def _use(pool, qtbot, test: str):
    """What the ``window`` fixture does around a test: get the (reset) window, park it after."""
    win = pool.get(test)
    qtbot.waitUntil(lambda: win.controller.last_frame is not None, timeout=20000)
    return win


def _change_everything(win, qtbot) -> None:
    """Settings, data, tabs, zoom, lesson, a dialog, the inspector, speed, palette, size."""
    c = win.controller
    generation = c.generation
    assert c.change(hidden=(5, 3), activation="relu", dataset="xor")
    c.set_learning_rate(0.3)
    qtbot.waitUntil(lambda: c.generation != generation and c.last_frame is not None
                    and c.last_frame.generation == c.generation, timeout=20000)
    c.edit_data("add", (0.5, 0.5), 1)
    c.session_path = "/tmp/saved-by-a-test.nnplay"  # as saving or opening a session leaves it
    for tabs in win.findChildren(QTabWidget):
        if tabs.count() > 1 and tabs.window() is win:
            tabs.setCurrentIndex(tabs.count() - 1)
    win.presentation.set_zoom(1.5)
    win.lessons_action.setChecked(True)
    win.lessons_dock.show()
    win.lessons_dock.widget().show_lesson(1)
    QDialog(win).show()
    win.show_inspector()  # a side window made when first asked for, then stepped
    win.inspector.step_batch_requested.emit()
    win.landscape_action.trigger()
    win.show_guide()
    assert c.fork(lr=0.03)  # the comparison's window, made by the first comparison (kept, it carried a test's
    qtbot.waitUntil(lambda: win.compare_window is not None and win.compare_window.isVisible(), timeout=20000)
    win.compare_window.plot.getViewBox().setLimits(xMin=-1000)  # state to the next: test_axis_labels' limits)
    win.speed.setCurrentIndex(0)
    win._speed_chosen()
    win.colorblind_action.setChecked(True)
    win.set_colorblind(True)
    win.resize(1000, 700)
    win.statusBar().showMessage("a test's message")
    win.findChild(SteadyLabel, "stat_epoch").setText("Epoch <b>123,456,789</b>")  # a read-out only grows in a run


def test_everything_a_test_changes_is_undone_by_the_reset(pool, qtbot):
    win = _use(pool, qtbot, "first")
    new = fingerprint(win)
    _change_everything(win, qtbot)
    assert fingerprint(win) != new  # (the changes are ones the fingerprint sees)
    pool.park()
    again = _use(pool, qtbot, "second")
    assert again is win and pool.rebuilds == 0, "the reset missed something: the window was replaced"
    assert fingerprint(again) == new
    assert again.controller.config.to_text() == TrainConfig().to_text()
    assert not again.lessons_dock.isVisible() and again.presentation.zoom == 1.0
    assert side_windows_made(again) == (False,) * 5  # made again when first asked for: new
    assert inspector_made(again) is None and not again.findChildren(InspectorWindow)


def test_a_recording_left_going_is_finished_and_its_dialog_dropped(pool, qtbot, tmp_path):
    win = _use(pool, qtbot, "recording")
    rebuilds = pool.rebuilds
    rec = show_recorder(win)
    rec.play.setChecked(False)
    rec.path.setText(str(tmp_path / "left.gif"))
    before = set(threading.enumerate())
    assert rec.start()
    qtbot.waitUntil(lambda: rec.writer.queued >= 2, timeout=10000)
    pool.park()  # the test ends while it records
    again = _use(pool, qtbot, "after the recording")
    assert again is win and pool.rebuilds == rebuilds
    assert (tmp_path / "left.gif").stat().st_size > 0  # the file was finished, as closing the window does
    assert [t for t in set(threading.enumerate()) - before if t.is_alive()] == []  # its writer's threads ended
    assert getattr(again, "recorder", None) is None
    fresh = show_recorder(again)  # a new dialog: nothing of the last test's file or choices
    assert fresh is not rec and fresh.play.isChecked() and fresh.finished_file is None
    fresh.close()


def test_a_change_the_reset_does_not_undo_gets_the_next_test_a_new_window(pool, qtbot):
    win = _use(pool, qtbot, "third")
    rebuilds = pool.rebuilds
    new = fingerprint(win)
    win.curves.hide()  # hidden directly, not through its View menu action: nothing in the reset shows it again
    pool.park()
    again = _use(pool, qtbot, "fourth")
    assert again is not win and pool.rebuilds == rebuilds + 1
    assert fingerprint(again) == new


def test_a_zoom_in_and_out_comes_back_as_new(pool, qtbot):
    """The reset zooms out; a label whose size hint kept the zoomed width (QLabel caches
    it) would differ from a new window's, and get the next test a new window."""
    win = _use(pool, qtbot, "zoomed")
    rebuilds = pool.rebuilds
    win.lower_tabs.setCurrentWidget(win.curves)  # its smoothing value label is fitted to its font
    win.presentation.set_zoom(2.0)
    assert settle(qtbot)  # the zoomed window laid out and drawn
    pool.park()
    again = _use(pool, qtbot, "after the zoom")
    assert again is win and pool.rebuilds == rebuilds


def _touch(how: str, win, qtbot) -> None:
    c = win.controller
    drawn = c.run.frames_drawn
    if how == "stepped":
        c.step(3)
        qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 3, timeout=20000)
    elif how == "played and paused":
        c.play()
        qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch > 0, timeout=20000)
        c.pause()
    elif how == "a rate set":
        assert c.set_learning_rate(0.3)
    elif how == "a tab asking for more":
        win.lower_tabs.setCurrentWidget(win.distributions)  # the frames carry the distributions now
        qtbot.waitUntil(lambda: c.run.frames_drawn > drawn, timeout=20000)


@pytest.mark.parametrize("how", ["stepped", "played and paused", "a rate set", "a tab asking for more"])
def test_a_run_no_command_touched_is_kept_and_any_other_is_built_again(pool, qtbot, how):
    """A test that only lays the window out (resize, zoom) leaves the run as the reset built it:
    the next reset keeps it (no new run, no wait for its first frame); a run a test trained, or
    sent any command, is built again, as new, from epoch 0 (tests/window_pool_run.py)."""
    win = _use(pool, qtbot, "laid out only")
    c, kept = win.controller, pool.kept
    generation = c.generation
    win.resize(1000, 700)
    win.presentation.set_zoom(1.5)
    assert settle(qtbot)
    pool.park()
    win = _use(pool, qtbot, how)
    assert pool.kept == kept + 1 and c.generation == generation and c.last_frame.generation == generation
    _touch(how, win, qtbot)
    pool.park()
    again = _use(pool, qtbot, f"after {how}")
    assert again is win and pool.kept == kept + 1, "a touched run was kept"
    assert c.generation > generation and c.last_frame.generation == c.generation
    assert c.last_frame.snapshot.epoch == 0 and fingerprint(again) == pool.expected


def test_a_kept_run_whose_panels_do_not_look_new_is_built_anew_not_the_window(pool, qtbot):
    """A hover's read-out stays after the pointer has gone (no command sent): the run kept
    would leave it, so that reset builds the run anew, which redraws every panel."""
    win = _use(pool, qtbot, "hovered")
    rebuilds, kept, generation = pool.rebuilds, pool.kept, win.controller.generation
    win.diagram.readout.setText("Weight W[1][2, 1] from X₁ to neuron 2 of layer 1: −0.9181")  # as a hover leaves it
    pool.park()
    again = _use(pool, qtbot, "after the hover")
    assert again is win and pool.rebuilds == rebuilds and pool.kept == kept
    assert win.controller.generation > generation and fingerprint(again) == pool.expected
