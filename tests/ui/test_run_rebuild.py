"""The busy state after a CSV load (nnplay/ui/run_rebuild.py): once ended and
replaced by the next load's, nothing of it is called again. Its give-up timer was
a ``QTimer.singleShot`` on a bound method of a plain Python object: PySide kept the
method's ``self`` without a reference, so two loads within GIVE_UP_MS called ``end``
on freed memory when the first one's timer fired (a segfault of the shared test
window in ``run_rebuild.end``, and of a user's window two minutes after loading
a second CSV)."""

import gc

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from nnplay.ui import run_rebuild


class _Controller(QObject):
    frame_drawn = Signal(object)


class _SameSize:
    """Objects to take the freed busy state's memory (pymalloc hands it out again)."""

    def __init__(self):
        self.window, self.message = None, ""


@pytest.fixture
def win(qtbot, monkeypatch):
    """A window with a status bar and a controller's frame_drawn; a give-up time of 100 ms."""
    monkeypatch.setattr(run_rebuild, "GIVE_UP_MS", 100)
    window = QMainWindow()
    qtbot.addWidget(window)
    window.controller = _Controller()
    return window


def test_an_ended_busy_state_is_never_called_again(win, qtbot):
    first = run_rebuild.BusyUntilFirstFrame(win, 2, "a.csv")
    first.end()  # what the next load does: end the busy state...
    second = run_rebuild.BusyUntilFirstFrame(win, 2, "b.csv")  # ...and replace it
    del first
    gc.collect()
    others = [_SameSize() for _ in range(2000)]
    # the second one gives up, after the first's give-up time (started first) has passed too
    # (pytest-qt fails the test on an error in a slot)
    qtbot.waitUntil(lambda: not second.active and win.statusBar().currentMessage() == "", timeout=5000)
    qtbot.wait(20)  # (a first give-up posted at the same moment runs too)
    del others


def test_the_first_frame_ends_the_busy_state_and_the_give_up_time_changes_nothing_after(win, qtbot):
    busy = run_rebuild.BusyUntilFirstFrame(win, 3, "c.csv")
    assert busy.active and "c.csv (3 inputs)" in win.statusBar().currentMessage()
    win.controller.frame_drawn.emit(None)
    assert not busy.active and win.statusBar().currentMessage() == ""
    win.statusBar().showMessage("a later message")
    qtbot.wait(150)  # the give-up time (100 ms) and half again: the test is that nothing happens in it
    assert win.statusBar().currentMessage() == "a later message"
