"""Never lose work: the session is saved in the background every few seconds,
and after an unclean exit (a crash, a killed process) the next start offers to
restore it.

``Autosaver`` asks the training worker for the run's state every
AUTOSAVE_SECONDS (not when nothing has changed since the last save) and writes
the session file on a background thread, so the window keeps painting; the
file is replaced atomically (``save_session``). With Options > Restore last
session at start off, nothing is saved (as before).

``RunningMarker`` is a ``QLockFile`` held while the window runs and removed
when it closes properly. Finding it at start, left by a process that no longer
runs, means the last exit was unclean. A lock held by a live process means
another nnplay window is running: this one then neither autosaves nor asks.
"""

from __future__ import annotations

import itertools
import os
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QLockFile, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from ..file_write import leftovers
from ..training.session import SessionError, load_session, save_session
from .widgets import on_event

AUTOSAVE_SECONDS = 15.0
AUTOSAVE_ENV = "NNPLAY_AUTOSAVE_SECONDS"
STATE_TIMEOUT_S = 10.0  # a state asked for and not answered by then is given up on


def autosave_seconds(environ=None) -> float:
    """The autosave interval in seconds: AUTOSAVE_SECONDS, or the NNPLAY_AUTOSAVE_SECONDS
    environment variable (a positive number; anything else is reported in one line and ignored)."""
    text = (os.environ if environ is None else environ).get(AUTOSAVE_ENV, "").strip()
    if not text:
        return AUTOSAVE_SECONDS
    try:
        value = float(text)
        if not 0 < value < 1e6:
            raise ValueError
        return value
    except ValueError:
        print(f"nnplay: {AUTOSAVE_ENV}={text!r} is not a positive number of seconds; "
              f"autosaving every {AUTOSAVE_SECONDS:g} s", file=sys.stderr)
        return AUTOSAVE_SECONDS


class RunningMarker:
    """A lock file held while the window runs (``QLockFile``, which knows a lock
    left by a dead process from one held by a live one, on every platform)."""

    def __init__(self, path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        left_behind = Path(path).exists()
        self._lock = QLockFile(str(path))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, however old
        self.acquired = self._lock.tryLock(0)
        self.unclean_exit = self.acquired and left_behind  # the file was there, and its owner is gone

    def release(self) -> None:
        """Remove the marker: this run ends cleanly."""
        if self.acquired:
            self._lock.unlock()
            self.acquired = False


class Autosaver(QObject):
    """Saves ``controller``'s session to ``path`` in the background while
    ``enabled()`` is true; ``stop`` ends that and saves one last time."""

    saved = Signal(str)  # path, after each background save
    _written = Signal(object, object)  # (what was saved, error message or None), from the writing thread

    def __init__(self, controller, path: str, enabled=lambda: True, interval_s: float | None = None):
        super().__init__(controller)
        self.controller = controller
        self.path = str(path)
        self.enabled = enabled
        self.active = False
        self.saves = 0
        self._timer = QTimer(self)
        self._timer.setInterval(int(1000 * (autosave_seconds() if interval_s is None else interval_s)))
        self._timer.timeout.connect(self.save_if_changed)
        self._tokens = itertools.count(-1, -1)  # the controller's own requests count up from 1
        self._asked: tuple | None = None  # (token, change key, when)
        self._saved_key = None
        self._writer: threading.Thread | None = None
        self._writing = None  # the state the writer is saving
        self._last_error = None
        controller.run.state_ready.connect(self._on_state, Qt.ConnectionType.QueuedConnection)
        self._written.connect(self._on_written, Qt.ConnectionType.QueuedConnection)
        controller.run.resumed.connect(lambda epoch: controller.view.show_status(  # (from the state saved here)
            f"A new training process goes on from epoch {epoch:,}, the run's last background save."))

    def start(self, periodic: bool = True) -> None:
        """From now on ``stop`` saves; with ``periodic``, so does a timer every few seconds."""
        self.active = True
        if periodic:  # the only writer (the lock's holder): a temporary file is one a killed run left
            for leftover in leftovers(self.path):  # (file_write's temporary files)
                leftover.unlink(missing_ok=True)
            self._timer.start()

    def _change_key(self):
        """What a save depends on; None while a new run has not shown its first frame yet."""
        c = self.controller
        if c.last_frame is None:
            return None
        snap = c.last_frame.snapshot
        return c.generation, snap.epoch, snap.batch_position, c.config, id(c.data), c.data.n_examples

    def save_if_changed(self) -> bool:
        """Ask the worker for the state if anything changed since the last save; True if asked."""
        if self._asked is not None and time.monotonic() - self._asked[2] < STATE_TIMEOUT_S:
            return False
        # a write counts as under way until its result has been taken in (_on_written): the
        # thread may have ended with its signal still queued, and _saved_key not yet set
        if not (self.active and self.enabled()) or self._writer is not None:
            return False
        key = self._change_key()
        if key is None or key == self._saved_key or not self.controller.run.is_alive():
            return False
        token = next(self._tokens)
        self._asked = (token, key, time.monotonic())
        self.controller.run.request_state(token)
        return True

    def _on_state(self, token: int, state) -> None:
        if self._asked is None or token != self._asked[0] or not self.active:  # (stopped since: the final save wins)
            return
        if not self.enabled():  # the option was turned off while the state was on its way
            self._asked = None
            return
        key, self._asked = self._asked[1], None
        if key == self._saved_key:  # asked for before the last write was acknowledged: saved already
            return
        session = self.controller.session(state)  # references only; the writing is what takes time
        self._writing = state
        self._writer = threading.Thread(target=self._write, args=(session, key), name="nnplay-autosave")
        self._writer.start()

    def _write(self, session, key) -> None:
        error = f"{self.path}: the save did not finish"  # said if anything unforeseen ends it
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            save_session(self.path, session)
            error = None
        except (OSError, TypeError, ValueError) as exc:
            error = f"{self.path}: {exc}"
        finally:  # always answered: the next save waits for it
            self._written.emit(key, error)

    def _on_written(self, key, error) -> None:
        self._writer = None
        if error is not None:
            if error != self._last_error:  # once, not every few seconds
                self.controller.view.show_status(f"Could not save the session in the background: {error}")
            self._last_error = error
            return
        self._saved_key, self._last_error = key, None
        self.controller.run.saved = (key[0], self._writing)  # a new process goes on from it, should this one die
        self.saves += 1
        self.saved.emit(self.path)

    def stop(self, final_save: bool = True) -> None:
        """Stop saving in the background, wait for a save in progress, and (if
        ``final_save`` and autosaving was on) save the session once more, now."""
        was_active, self.active = self.active, False  # a state asked for earlier is dropped when it comes
        self._timer.stop()
        if self._writer is not None:
            self._writer.join()
            self._writer = None
        if final_save and was_active and self.enabled():
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.controller.save_session_at_close(self.path)


def restore_question(path) -> str:
    """'nnplay did not close properly. Restore the session from 14:05 (epoch 1200)?';
    SessionError if the file cannot be read."""
    session = load_session(path)
    when = datetime.fromtimestamp(Path(path).stat().st_mtime).strftime("%H:%M")
    epoch = f" (epoch {session.state['epoch']})" if session.state is not None else ""
    return f"nnplay did not close properly. Restore the session from {when}{epoch}?"


SECOND_WINDOW = ("Another nnplay window is running: this one saves its session only when it closes, "
                 "not every few seconds (File › Save session… keeps it now)")


def restore_at_start(window, autosaver: Autosaver | None, unclean_exit: bool, restore: bool = True,
                     periodic: bool = True) -> None:
    """At start, with Restore last session on (and ``restore``): reopen the last
    session, asking first after an unclean exit; then ``autosaver`` starts
    (``periodic``: saving every few seconds too, not only at the end)."""
    path = window.autosave_path

    def begin():
        if autosaver is not None:
            autosaver.start(periodic)
            if not periodic:
                window.show_status(SECOND_WINDOW)

    if not (restore and path and window.restore_action.isChecked() and Path(path).exists()):
        return begin()
    if not unclean_exit:
        window.controller.open_session(path, quiet=True)
        return begin()

    def ask():  # once the window is up, so the question has it as its parent
        try:
            question = restore_question(path)
        except SessionError as exc:
            window.show_status(f"The last session could not be restored: {exc}")
            question = None
        if question is not None:
            answer = QMessageBox.question(window, "Restore the last session?", question,
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.Yes)
            if not window.isVisible():  # closed while asking (a signal, say): leave the file as it is
                return
            if answer == QMessageBox.StandardButton.Yes:
                window.controller.open_session(path, quiet=True)
        begin()

    asked = []

    def ask_once_shown():
        # asked before the window was on screen (it is built behind the launch window), the modal
        # question could sit behind it, unseen, and the window it blocked stood empty and did not train
        if window.isVisible() and not asked:
            asked.append(True)
            QTimer.singleShot(0, window, ask)

    on_event(window, (QEvent.Type.Paint,), ask_once_shown)  # on screen: its first paint
    ask_once_shown()
