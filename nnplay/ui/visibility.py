"""A panel that is not visible costs nothing: it is not drawn, and what only it
shows is not computed.

``PanelGate(widget, draw)`` stands between a panel and its frames:
``gate.offer(*args)`` calls ``draw(*args)`` at once while the widget can be
seen, and otherwise keeps only the latest arguments and draws them when the
widget appears (a hidden tab becomes current, a minimised window is restored).
Its ``seen_changed(bool)`` signal tells the owner when the widget appears or
disappears, so that it can stop asking the training process for what only this
panel draws (``controller.set_view(grid_resolution=None)``: see
``window_gates``), and ask again when it is seen.

A widget "can be seen" when it is visible (not in a hidden tab, not hidden
itself), its window is not minimised and some of it is not clipped away
(``QWidget.visibleRegion``). A widget whose window has never been shown (a
panel built by a test, the headless renderer of ``nnplay render``) counts as
seen: it draws everything, as before.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

WATCHED = (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.Resize, QEvent.Type.WindowStateChange)


def can_be_seen(widget) -> bool:
    """Whether any of ``widget`` is on screen now (see the module's docstring)."""
    window = widget.window()
    if not window.isVisible():
        return True  # never shown (tests, offscreen rendering): draw as before
    return widget.isVisible() and not window.isMinimized() and not widget.visibleRegion().isEmpty()


class PanelGate(QObject):
    """Draws a panel only while it can be seen; the latest frame when it appears."""

    seen_changed = Signal(bool)

    def __init__(self, widget, draw, parent=None):
        super().__init__(parent if parent is not None else widget)
        self.widget = widget
        self._draw = draw
        self._pending: tuple | None = None  # the latest arguments not drawn yet
        self._seen = True
        self.skipped = 0  # offers kept back while hidden (tests and benchmarks read it)
        widget.installEventFilter(self)
        self._window = None
        self._watch_window()

    def _watch_window(self) -> None:
        window = self.widget.window()
        if window is not self._window and window is not self.widget:
            window.installEventFilter(self)  # minimise and restore arrive at the window
            self._window = window

    @property
    def seen(self) -> bool:
        return self._seen

    def offer(self, *args) -> None:
        if can_be_seen(self.widget):
            self._pending = None
            self._draw(*args)
        else:
            self._pending = args
            self.skipped += 1

    def flush(self) -> None:
        """Draw what was kept back, if anything (before a hidden panel is exported)."""
        if self._pending is not None:
            args, self._pending = self._pending, None
            self._draw(*args)

    def eventFilter(self, obj, event) -> bool:
        if event.type() in WATCHED:
            QTimer.singleShot(0, self._check)  # after the change has taken effect
        return False

    def _check(self) -> None:
        self._watch_window()
        seen = can_be_seen(self.widget)
        if seen:
            self.flush()
        if seen != self._seen:
            self._seen = seen
            self.seen_changed.emit(seen)
