"""The window's busy state between loading a file and the first frame of the
run built for it: a wait cursor and a status line saying what is being built,
so the views that still show the previous run are never silently stale (a CSV
of 3000 columns takes seconds to rebuild the network diagram and the panels)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from ..numbers import count

GIVE_UP_MS = 120_000  # the cursor comes back even if no frame ever arrives


class BusyUntilFirstFrame(QObject):
    """Set on ``window`` after its controller accepted new data; ends at the
    controller's next ``frame_drawn`` (or after GIVE_UP_MS, or when the window goes).

    A QObject, child of the window, so that its connections and its give-up timer
    end with it: a ``QTimer.singleShot`` on a bound method of a plain Python object
    kept the method's ``self`` without a reference, and the busy state of one CSV
    replaced by the next load's was called in freed memory when its time came."""

    def __init__(self, window, n_inputs: int, name: str):
        super().__init__(window)
        self.window, self.active = window, True
        self.message = (f"Building the run for {name} ({count(n_inputs, 'input')})… "
                        "the views show the previous run until its first frame")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.before = window.statusBar().currentMessage()  # (what loading said: shown again after)
        window.statusBar().showMessage(self.message)
        window.statusBar().repaint()  # painted now: the rebuild that follows holds the event loop
        window.controller.frame_drawn.connect(self.end)
        window.destroyed.connect(self.end)
        self._give_up = QTimer(self)
        self._give_up.setSingleShot(True)
        self._give_up.timeout.connect(self.end)
        self._give_up.start(GIVE_UP_MS)

    def end(self, *_args) -> None:
        if not self.active:
            return
        self.active = False
        QApplication.restoreOverrideCursor()
        try:
            self._give_up.stop()
            self.window.controller.frame_drawn.disconnect(self.end)
            if self.window.statusBar().currentMessage() == self.message:  # what loading said comes back
                self.window.statusBar().showMessage(self.before, 10000) if self.before else \
                    self.window.statusBar().clearMessage()
        except (RuntimeError, TypeError):  # the window is being destroyed
            pass
