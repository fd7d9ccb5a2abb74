"""A window of its own beside the playground (Run › Loss landscape, Compare
runs, the backprop inspector): ``SideWindow`` is a QWidget made with
``Qt.WindowType.Window`` that Esc closes, as Qt's own QDialog does (the
guide, the learning-rate finder, the record and import dialogs). Every
secondary window derives from it (or from QDialog), so none is left that Esc
does not close. It opens beside the window that made it (``screen_fit.place_beside``), or where it covers least of
it, each time it opens until the user moves it (``PlacedBeside``, also the non-modal dialogs': the
guide, the learning-rate finder, the recorder), not at the screen's corner where no window manager
places it, nor centred over the playground as Qt places a dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget

from .screen_fit import place_beside

FRAME_KNOWN_MS = (0, 300, 600)  # after showing: no frame is known at once, a window manager's in a moment


class PlacedBeside:
    """A top-level window (a QWidget or a QDialog, this first among its bases) placed by
    ``place_beside`` each time it opens, until the user moves it: a window first opened over the
    playground (no room beside it) went on covering it once the playground was made smaller or
    moved (fault 5 of round 15); a place the user chose is kept."""

    _placed_at = None  # where place_beside last put it (None: never placed)

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt's name; show() comes here)
        if visible and not self.isVisible() and self.parentWidget() is not None and \
                self._placed_at in (None, self.pos()):
            if not self.testAttribute(Qt.WidgetAttribute.WA_Resized):
                self.adjustSize()  # (the size show() gives it: placed at the size of a dialog never laid out, a
                # dialog grew past the screen's edge, the learning-rate finder 662x512 at 916,710 of 1024x768)
            place_beside(self, self.parentWidget().window())
            self._placed_at = self.pos()
            super().setVisible(visible)
            for ms in FRAME_KNOWN_MS:  # placed again by its real frame (the estimate's title bar and border were
                QTimer.singleShot(ms, self, self._place_again)  # 6-28 px off, or a dialog grew as it opened)
            return
        super().setVisible(visible)

    def _place_again(self) -> None:
        """(Within FRAME_KNOWN_MS of showing, whatever its position: the window manager moves it as it frames it.)"""
        if self.isVisible() and self.parentWidget() is not None:
            place_beside(self, self.parentWidget().window())
            self._placed_at = self.pos()


class SideWindow(PlacedBeside, QWidget):
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
