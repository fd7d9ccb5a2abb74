"""The window's first paint, before NumPy, pyqtgraph and the panels are loaded.

Building the playground window takes seconds on a slow machine: importing
NumPy and pyqtgraph, building every panel, starting the training process. A
user should see a window at once, so ``nnplay`` first shows a ``LaunchWindow``
(Qt only: nothing here imports NumPy or pyqtgraph) where the playground window
will be: the remembered geometry (QSettings "geometry", as
``window_settings`` saves it), or the playground's default size. Right after
its first paint (``after_first_paint``, a zero-time QTimer.singleShot so the
paint reaches the screen first) the real window is built, takes the launch
window's place and geometry, and the launch window closes.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow
from .screen_fit import fit_onto_screen, resize_within_screen

DEFAULT_SIZE = (1280, 800)  # PlaygroundWindow's own default size


class LaunchWindow(QMainWindow):
    """An empty window titled nnplay, saying it is starting, sized and placed as
    the playground window will be. ``first_paint_at``: time.time() of its first
    paint event (None before), as `nnplay bench --gui` reports it."""

    def __init__(self, settings=None):
        super().__init__()
        self.setWindowTitle("nnplay")
        self.setObjectName("nnplay_launch_window")
        resize_within_screen(self, *DEFAULT_SIZE)
        if settings is not None and settings.value("geometry") is not None:
            self.restoreGeometry(settings.value("geometry"))
            fit_onto_screen(self)  # saved on a bigger screen: brought onto this one
        label = QLabel("Starting nnplay…")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setEnabled(False)  # the palette's dimmed text: a note, not content
        self.setCentralWidget(label)
        self.first_paint_at: float | None = None
        self._then = []
        self._watch = _PaintWatch(self)
        self.installEventFilter(self._watch)

    def after_first_paint(self, callback) -> None:
        """Call ``callback()`` from the event loop once this window has been painted."""
        if self.first_paint_at is not None:
            QTimer.singleShot(0, callback)
        else:
            self._then.append(callback)

    def _painted(self) -> None:
        if self.first_paint_at is not None:
            return
        self.first_paint_at = time.time()
        for callback in self._then:
            QTimer.singleShot(0, callback)
        self._then.clear()

    def hand_over(self, window) -> None:
        """Show ``window`` (the playground window) where this one is, then close this one."""
        if self.isMaximized():
            window.showMaximized()
        else:
            window.setGeometry(self.geometry())
            window.show()
        self.removeEventFilter(self._watch)
        self.close()
        self.deleteLater()


class _PaintWatch(QObject):
    def __init__(self, window: LaunchWindow):
        super().__init__(window)
        self._window = window

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self._window._painted()
        return False
