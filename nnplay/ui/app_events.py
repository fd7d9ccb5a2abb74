"""The application's one event filter, shared by the helpers that watch every widget.

Every event of the application (paints, timers, layouts, moves: about two million in
a run of the test suite) passes through each event filter installed on the
``QApplication``, and a filter written in Python costs about 1.4 µs an event to call
(PySide's call into Python, measured apart) before it looks at the event. Two
such filters (``spin_limits``: a number typed past a spin box's range;
``focus_keys``: a click outside a text field takes its focus) paid that twice.
``watch(kind, handler)`` adds ``handler(obj, event)`` for the events of class ``kind``
(``QKeyEvent``, ``QMouseEvent``...) to one filter, installed once: a handler sees only
the events of its class; one that returns True consumes the event (it goes no further:
``spin_limits`` shows a key it took as typed), any other answer lets it go on to its widget.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication


class ApplicationEvents(QObject):
    """The event filter on the application (``watch``); ``handlers`` holds (event class, handler) pairs."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.handlers: list[tuple[type, Callable[[QObject, QEvent], bool | None]]] = []
        self._for_class: dict[type, tuple] = {}  # an event's class -> the handlers it is for (found once a class)

    def eventFilter(self, obj, event) -> bool:
        # every event of the application passes here: one look-up of its class, nothing more for most
        cls = type(event)
        handlers = self._for_class.get(cls)
        if handlers is None:
            handlers = self._for_class[cls] = tuple(h for kind, h in self.handlers if issubclass(cls, kind))
        for handler in handlers:
            if handler(obj, event):
                return True  # consumed
        return False

    def add(self, kind: type, handler: Callable[[QObject, QEvent], bool | None]) -> None:
        """Call ``handler`` for the events of class ``kind`` too (once)."""
        if (kind, handler) not in self.handlers:
            self.handlers.append((kind, handler))
            self._for_class.clear()

    def remove(self, kind: type, handler: Callable[[QObject, QEvent], bool | None]) -> None:
        """Stop calling ``handler`` for the events of class ``kind``."""
        self.handlers.remove((kind, handler))
        self._for_class.clear()


def watch(kind: type, handler: Callable[[QObject, QEvent], bool | None], app: QApplication | None = None) -> bool:
    """Call ``handler(obj, event)`` for every event of class ``kind`` that any object of ``app``
    (the running application by default) receives, before the object does (True from the
    handler: the object never receives it); once per handler.
    Returns False when there is no application yet (nothing is watched)."""
    app = app or QApplication.instance()
    if app is None:
        return False
    events = getattr(app, "_nnplay_events", None)
    if events is None:
        events = app._nnplay_events = ApplicationEvents(app)
        app.installEventFilter(events)
    events.add(kind, handler)
    return True
