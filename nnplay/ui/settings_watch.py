"""The window's remembered settings (``window_settings``) written when they
change, not only on a clean close: after ``kill -9`` and the restore prompt,
"Show test data" came back unticked and the window at an older size.

A change (a remembered check box or action toggled, the pace, the smoothing, a
splitter dragged, the window moved or resized) starts a short timer; when it
runs out the settings are saved (``save_settings``) and QSettings writes them
to disk, so a burst of changes (a window dragged larger) is one write."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer

from .window_settings import remembered_toggles, save_settings

SAVE_AFTER_MS = 400  # after the last change


class SettingsWatch(QObject):
    """Saves ``win``'s settings SAVE_AFTER_MS after each change (nothing without ``win.settings``)."""

    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_AFTER_MS)
        self.timer.timeout.connect(self.save)
        if win.settings is None:
            return
        for _key, control, _default in remembered_toggles(win):
            control.toggled.connect(self.changed)
        win.speed.currentIndexChanged.connect(self.changed)
        win.curves.smoothing.changed.connect(self.changed)
        for splitter in (win.splitter, win.output_split):
            splitter.splitterMoved.connect(self.changed)
        win.installEventFilter(self)

    def changed(self, *_args) -> None:
        self.timer.start()

    def save(self) -> None:
        """Save now, once the window is shown and its splitters have their remembered sizes."""
        win = self.win
        if win.settings is None or not win.isVisible() or getattr(win, "_splitter_states", None) is not None:
            return
        save_settings(win)

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.WindowStateChange):
            self.timer.start()
        return False
