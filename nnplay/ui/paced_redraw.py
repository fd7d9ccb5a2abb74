"""Redraw a costly view at most a few times a second, and only while it can be seen.

``PacedRedraw(widget, draw, seconds, seen)``: ``request()`` says the view has
something new to draw. It is drawn at once if it can be seen (``seen()``, by
default ``visibility.can_be_seen``) and the last drawing is at least ``seconds``
old; otherwise once, when the pause is over (a single-shot QTimer), or when
the widget is shown again. Frames that arrive in between cost nothing: only
the newest state is drawn. This bounds the GUI thread's share for views that
change slowly (the Distributions tab's bands, the loss-landscape window's
path) while training frames arrive many times a second.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QEvent, QObject, QTimer

from .visibility import can_be_seen

REDRAW_SECONDS = 0.5  # at most two redraws a second of a slowly changing view


class PacedRedraw(QObject):
    """Calls ``draw()`` for ``widget`` at most once every ``seconds``, only while it can be seen."""

    def __init__(self, widget, draw, seconds: float = REDRAW_SECONDS, seen=None):
        super().__init__(widget)
        self.widget = widget
        self._seen = seen or (lambda: can_be_seen(widget))  # () -> bool: whether a drawing now is seen
        self._draw = draw
        self.seconds = seconds
        self._due = False
        self._last = -math.inf
        self.draws = 0  # drawings made (tests and benchmarks read it)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._try)
        widget.installEventFilter(self)

    def request(self) -> None:
        """Something new to draw: drawn now, after the pause, or when the widget is shown."""
        self._due = True
        self._try()

    def flush(self) -> None:
        """Draw now what is due, whatever the pause (before an export, a screenshot)."""
        if self._due:
            self._timer.stop()
            self._run()

    @property
    def pending(self) -> bool:
        return self._due

    def _try(self) -> None:
        if not self._due or self._timer.isActive() or not self._seen():
            return
        wait = self._last + self.seconds - time.monotonic()
        if wait > 0:
            self._timer.start(max(1, math.ceil(wait * 1000)))
            return
        self._run()

    def _run(self) -> None:
        self._due = False
        self._last = time.monotonic()
        self.draws += 1
        self._draw()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Show and obj is self.widget:
            QTimer.singleShot(0, self._try)  # after the widget is on screen
        return False
