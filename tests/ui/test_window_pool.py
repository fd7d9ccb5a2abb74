"""The shared test window's reset (tests/window_pool.py): what a test changes is
undone, and a window the reset could not bring back to new is replaced, never
handed to the next test."""

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox, QTabWidget

from nnplay.training import TrainConfig
from tests.window_pool import SharedWindow, fingerprint

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
    for tabs in win.findChildren(QTabWidget):
        if tabs.count() > 1 and tabs.window() is win:
            tabs.setCurrentIndex(tabs.count() - 1)
    win.presentation.set_zoom(1.5)
    win.lessons_action.setChecked(True)
    win.lessons_dock.show()
    win.lessons_dock.widget().show_lesson(1)
    QDialog(win).show()
    win.show_inspector()
    win.speed.setCurrentIndex(0)
    win._speed_chosen()
    win.colorblind_action.setChecked(True)
    win.set_colorblind(True)
    win.resize(1000, 700)
    win.statusBar().showMessage("a test's message")


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


def test_a_change_the_reset_does_not_undo_gets_the_next_test_a_new_window(pool, qtbot):
    win = _use(pool, qtbot, "third")
    rebuilds = pool.rebuilds
    new = fingerprint(win)
    win.curves.hide()  # hidden directly, not through its View menu action: nothing in the reset shows it again
    pool.park()
    again = _use(pool, qtbot, "fourth")
    assert again is not win and pool.rebuilds == rebuilds + 1
    assert fingerprint(again) == new
