"""Which weights a picture is of, in its own corner: a view computed from the weights of one epoch
(the output, a focused neuron's output, the hidden space, the metrics) said so nowhere but the
window's read-out, which a picture exported, or shown after the run moved on, does not carry
(the landscape's caption already named its epoch). ``EpochStamp`` is a small text item in the
top-left corner of a plot's data area, in pixels (it does not move with the data, lays out no
widget, and is in the plot's PNG and SVG exports); ``weights_text`` is its wording."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from .result_age import position_text

STAMP_FONT = 0.8  # the stamp's text, a share of the window's font


def weights_text(snapshot) -> str:
    """'weights after epoch 12', or '... epoch 12, mini-batch 3 of 8' part-way through an epoch."""
    return f"weights after {position_text(snapshot.epoch, *snapshot.batch_position)}"


class EpochStamp:
    """``weights_text`` of the snapshot shown (``show``) in the corner of ``view`` (a pg.ViewBox)."""

    def __init__(self, view: pg.ViewBox):
        self.item = pg.TextItem("", anchor=(0, 0))
        self.item.setParentItem(view)  # (in the view's own pixels, not its data's coordinates)
        self.item.setPos(2, 2)
        self.item.setZValue(1e6)
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * STAMP_FONT)  # (small: it stands over the picture's corner)
        self.item.setFont(font)
        self.refresh_colours()

    def refresh_colours(self) -> None:
        """The palette's text on its window colour, a little transparent (light or dark desktops)."""
        palette = QApplication.palette()
        self._ink = palette.color(QPalette.ColorRole.WindowText)
        self.item.setColor(self._ink)
        back = palette.color(QPalette.ColorRole.Window)
        back.setAlpha(190)
        self.item.fill = pg.mkBrush(back)

    def show(self, snapshot) -> None:
        if QApplication.palette().color(QPalette.ColorRole.WindowText) != self._ink:  # (a palette changed)
            self.refresh_colours()
        text = weights_text(snapshot)
        if self.item.toPlainText() != text:  # (a text set anew repaints the item alone)
            self.item.setText(text)

    @property
    def text(self) -> str:
        return self.item.toPlainText()


def stamp_of(view: pg.ViewBox) -> EpochStamp:
    """``view``'s stamp, made on the first call."""
    stamp = getattr(view, "_epoch_stamp", None)
    if stamp is None:
        stamp = view._epoch_stamp = EpochStamp(view)
    return stamp
