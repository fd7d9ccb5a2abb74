"""A window of its own beside the playground (Run › Loss landscape, Compare
runs, the backprop inspector): ``SideWindow`` is a QWidget made with
``Qt.WindowType.Window`` that Esc closes, as Qt's own QDialog does (the
guide, the learning-rate finder, the record and import dialogs). Every
secondary window derives from it (or from QDialog), so none is left that Esc
does not close. It opens beside the window that made it (``screen_fit.place_beside``), or where it covers least of
it, each time it opens until the user moves it (``PlacedBeside``, also the non-modal dialogs': the
guide, the learning-rate finder, the recorder; placed once its size is known, never moved once the user
has moved it), not at the screen's corner where no window manager
places it, nor centred over the playground as Qt places a dialog."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QWidget

from .screen_fit import place_beside


class PlacedBeside:
    """A top-level window (a QWidget or a QDialog, this first among its bases) placed by
    ``place_beside`` each time it opens, until the user moves it: a window first opened over the
    playground (no room beside it) went on covering it once the playground was made smaller or
    moved (fault 5 of round 15); a place the user chose is kept.

    It is placed once its size is known (its layout run before it is shown), and again only when
    what it was placed for changes while it stays where it was put: once shown, by its real frame
    (before, the style's estimate: 6-28 px off, openbox's or none); when its frame arrives from a
    window manager; when its own layout resizes it (a dialog that grows as its contents fill). Never
    once it has been moved from there (it was placed again 0, 300 and 600 ms after opening, whatever
    the user did: a window dragged meanwhile jumped back), nor for a resize the user makes."""

    _placed_at = None  # where place_beside last put it (None: never placed)
    _margins = None  # its frame's margins (QSize) it was last placed by; None: estimated, not yet shown
    _moved = False  # moved by the user since it was placed
    _placing = False

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt's name; show() comes here)
        if visible and not self.isVisible() and self.parentWidget() is not None and \
                not self._moved and self._placed_at in (None, self.pos()):
            if self.layout() is not None:
                self.layout().activate()  # its size known before it is placed
            if not self.testAttribute(Qt.WidgetAttribute.WA_Resized):
                self.adjustSize()  # (the size show() gives it: placed at the size of a dialog never laid out, a
                # dialog grew past the screen's edge, the learning-rate finder 662x512 at 916,710 of 1024x768)
            self._place()
        super().setVisible(visible)

    def event(self, event) -> bool:  # noqa: D102 (Qt's: placed again where what it was placed for changed)
        done = super().event(event)
        if event.type() in _PLACING and self._placed_at is not None and self.isVisible() and not self._placing:
            margins = self.frameGeometry().size() - self.size()
            if margins != self._margins:  # shown, or framed by a window manager (which may move it as it does)
                self._margins, self._placed_at = margins, self.pos()  # (its frame's move: not the user's)
                QTimer.singleShot(0, self, self._place_by_frame)  # once the frame's move is done
            elif self.pos() != self._placed_at:
                self._moved = True  # by the user: never placed again
            elif event.type() == QEvent.Type.Resize and not event.spontaneous() and not self._moved:
                self._place()  # its own layout grew it (a resize the user makes comes from the window system)
        return done

    def _place_by_frame(self) -> None:
        if self.isVisible() and not self._moved:
            self._place()

    def _place(self) -> None:
        if self.parentWidget() is None:
            return
        self._placing = True
        try:
            self._placed_at = place_beside(self, self.parentWidget().window())
        finally:
            self._placing = False
        self._moved = False
        self._margins = self.frameGeometry().size() - self.size() if self.isVisible() else None


_PLACING = (QEvent.Type.Show, QEvent.Type.Move, QEvent.Type.Resize)  # its frame known, or its size changed


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
