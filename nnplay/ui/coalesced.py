"""Layouts run once, however many times they are asked for.

A change of font or network lays the window out in several passes (nested
layouts pass a change up one level per round: ``column_fit.least_width``), and
a view in it is resized through each intermediate size: the network diagram
was laid out five times per View › Zoom step, four of them for sizes it never
showed. ``Coalesced(fn, parent)``: ``request()`` posts one event (at normal
priority, so it is delivered before the window's paint, which Qt posts at low
priority) and calls ``fn`` once when it arrives, whatever the number of
requests in between; ``flush()`` calls it now if one is pending.

``Batched(fn)``: ``request()`` calls ``fn`` at once, except inside ``batch()``
(a zoom step, a new network), at whose end it is called once, in the sizes the
batch's layout passes settled on.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QCoreApplication, QEvent, QObject

_RUN = QEvent.Type(QEvent.registerEventType())


class Coalesced(QObject):
    """Calls ``fn()`` once, after the events posted so far, per burst of ``request()`` calls."""

    def __init__(self, fn, parent: QObject):
        super().__init__(parent)
        self._fn = fn
        self.pending = False

    def request(self, *_) -> None:
        """Ask for ``fn`` to run (once) when the events posted before this one have run
        (signal arguments, as sigResized's, are ignored)."""
        if not self.pending:
            self.pending = True
            QCoreApplication.postEvent(self, QEvent(_RUN))

    def flush(self) -> None:
        """Run ``fn`` now if it was asked for (a caller that reads what it lays out)."""
        if self.pending:
            self.pending = False
            self._fn()

    def event(self, event) -> bool:
        if event.type() == _RUN:
            self.flush()
            return True
        return super().event(event)


def run_pending() -> None:
    """Run every call requested and not yet run, now (``column_fit.least_width``
    brings the layouts up to date: the sizes these calls set are part of them)."""
    QCoreApplication.sendPostedEvents(None, _RUN)


_held: list = []  # [the Batched asked for inside the open batch(), in order] while a batch is open


class Batched:
    """Calls ``fn()`` on ``request()``, or once at the end of the ``batch()`` it was asked in."""

    def __init__(self, fn):
        self._fn = fn

    def request(self, *_) -> None:
        """Run ``fn`` now, or at the end of the open batch (signal arguments are ignored)."""
        if _held:
            if self not in _held[0]:
                _held[0].append(self)
        else:
            self._fn()


@contextlib.contextmanager
def batch():
    """Hold every ``Batched`` request made inside until the end, then run each once.
    Nested batches end with the outermost."""
    if _held:
        yield
        return
    _held.append([])
    try:
        yield
    finally:
        todo = _held.pop()
        for batched in todo:
            batched.request()
