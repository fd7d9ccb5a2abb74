"""A window of its own beside the playground (Run › Loss landscape, Compare
runs, the backprop inspector): ``SideWindow`` is a QWidget made with
``Qt.WindowType.Window`` that Esc closes, as Qt's own QDialog does (the
guide, the learning-rate finder, the record and import dialogs). Every
secondary window derives from it (or from QDialog), so none is left that Esc
does not close."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


class SideWindow(QWidget):
    """A top-level window (``parent`` only owns it) closed by Esc.

    As QDialog.keyPressEvent: an Esc no child used (an open editor cancels its
    edit first) reaches the window, which closes (``close``: its closeEvent runs)."""

    def __init__(self, parent=None):
        super().__init__(parent, Qt.WindowType.Window)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.close()
            return
        super().keyPressEvent(event)
