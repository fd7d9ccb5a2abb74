"""Wait for the window to settle, instead of sleeping a fixed time.

A layout test changes the window (a resize, a zoom, a tab) and then measures
what is drawn. Qt lays the change out and repaints it in events that follow,
some posted, some from zero-time timers, so the test used to sleep a fixed
150-400 ms "for the layout to settle": too long on a quiet machine (most of the
suite's sleeping), and maybe too short on a loaded one.

``settle(qtbot)`` runs the event loop until no widget has been resized, moved,
shown, hidden, laid out or painted for ``quiet_ms`` (and ``until()``, if given,
holds): the state the sleep was waiting for, reached as soon as it is. It
returns after ``most_ms`` in any case (a window that keeps repainting, e.g. a
playing run, never goes quiet), which is no shorter than the sleep it replaces.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QHideEvent, QMoveEvent, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QGraphicsSceneResizeEvent

QUIET_MS = 60  # no layout or paint event for this long: the change has been laid out and drawn

_BUSY = frozenset({QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show, QEvent.Type.Hide,
                   QEvent.Type.LayoutRequest, QEvent.Type.UpdateRequest, QEvent.Type.Paint,
                   QEvent.Type.GraphicsSceneResize, QEvent.Type.FontChange, QEvent.Type.StyleChange,
                   QEvent.Type.PolishRequest})


# The classes an event of a _BUSY type comes as (PySide wraps an event as its class; one it cannot
# tell, as QEvent): an event of any other class (a timer's, a mouse move's, a child added) is never
# busy, and its type, an enum made per call (2-5 us, for every event of the application), is not read.
_BUSY_CLASSES = frozenset({QEvent, QResizeEvent, QMoveEvent, QShowEvent, QHideEvent, QPaintEvent,
                           QGraphicsSceneResizeEvent})


class _Watch(QObject):
    """Notes the time of the last layout or paint event anywhere in the application."""

    def __init__(self):
        super().__init__()
        self.last = time.monotonic()

    def eventFilter(self, obj, event):
        if type(event) in _BUSY_CLASSES and event.type() in _BUSY:
            self.last = time.monotonic()
        return False


def settle(qtbot, quiet_ms: int = QUIET_MS, most_ms: int = 3000, until: Callable[[], bool] | None = None) -> bool:
    """Process events until ``quiet_ms`` have passed with no layout or paint event and
    ``until()`` (if given) is true; at most ``most_ms``. Returns whether it settled."""
    app = QApplication.instance()
    watch = _Watch()
    app.installEventFilter(watch)
    start = time.monotonic()
    try:
        while True:
            qtbot.wait(10)
            now = time.monotonic()
            if (now - watch.last) * 1000 >= quiet_ms and (until is None or until()):
                return True
            if (now - start) * 1000 >= most_ms:
                return False
    finally:
        app.removeEventFilter(watch)


def settle_window(qtbot, window, most_ms: int = 30000) -> None:
    """``settle`` until ``window`` has caught up, or fail the test: the training process's frame of
    the current run has come (a click that rebuilds the run is answered from another process, later
    than QUIET_MS on a loaded machine) and its column fit has nothing due (it waits SETTLE_MS after
    a resize, longer than QUIET_MS). A settle that ran out of time is not taken as settled."""
    c, columns = window.controller, window.presentation.columns
    caught_up = settle(qtbot, most_ms=most_ms, until=lambda: (
        c.last_frame is not None and c.last_frame.generation == c.generation and not columns.pending()))
    assert caught_up, f"the window did not settle within {most_ms} ms"
