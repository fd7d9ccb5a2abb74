"""Which weights a picture is of, in its own corner: a view computed from the weights of one epoch
(the output, a focused neuron's output, the hidden space, the metrics, the gradient heatmaps, the
network diagram) said so nowhere but the
window's read-out, which a picture exported, or shown after the run moved on, does not carry
(the landscape's caption already named its epoch). ``EpochStamp`` is a small text in the top-left
corner of a plot's data area, in pixels (it does not move with the data, lays out no widget, and is
in the plot's PNG and SVG exports): a ``QGraphicsSimpleTextItem`` on a pale box, no text document
to lay out at every frame (pyqtgraph's TextItem cost the output view ~0.5 ms a frame); ``weights_text``
is its wording. Where every corner of the plot is data (a heatmap, the diagram's nodes and titles),
``stamp_above`` puts it in a strip of its own above the canvas's items instead."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QPalette
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsSimpleTextItem

from .result_age import position_text

STAMP_FONT = 0.8  # the stamp's text, a share of the window's font
PAD = 2  # pixels between the text and its box's edge, and the box and the view's corner


def weights_text(snapshot) -> str:
    """'weights after epoch 12', or '... epoch 12, mini-batch 3 of 8' part-way through an epoch."""
    return f"weights after {position_text(snapshot.epoch, *snapshot.batch_position)}"


class EpochStamp:
    """``weights_text`` of the snapshot shown (``show``) in the corner of ``view`` (a pg.ViewBox, or
    any graphics item: ``stamp_above``)."""

    def __init__(self, view):
        self.box = QGraphicsRectItem(view)  # (a child of the view: in its own pixels, not its data's)
        self.box.setPen(pg.mkPen(None))
        self.box.setZValue(1e6)
        self.box.setPos(PAD, PAD)
        self.item = QGraphicsSimpleTextItem(self.box)
        self.item.setPos(PAD, 0)
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * STAMP_FONT)  # (small: it stands over the picture's corner)
        self.item.setFont(font)
        self._ink = None
        self.refresh_colours()

    def refresh_colours(self) -> None:
        """The palette's text on its window colour, a little transparent (light or dark desktops)."""
        palette = QApplication.palette()
        self._ink = palette.color(QPalette.ColorRole.WindowText)
        self.item.setBrush(self._ink)
        back = palette.color(QPalette.ColorRole.Window)
        back.setAlpha(190)
        self.box.setBrush(back)

    def show(self, snapshot, what: str = "") -> None:
        """``what`` (say "dW at the ") before ``weights_text(snapshot)``."""
        if QApplication.palette().color(QPalette.ColorRole.WindowText) != self._ink:  # (a palette changed)
            self.refresh_colours()
        text = what + weights_text(snapshot)
        if not self.box.isVisible():
            self.box.setVisible(True)
        if self.item.text() != text:
            self.item.setText(text)
            shape = self.item.boundingRect()
            if shape.width() + 2 * PAD != self.box.rect().width():  # (its width changes with a digit more)
                self.box.setRect(QRectF(0, 0, shape.width() + 2 * PAD, shape.height()))

    def clear(self) -> None:
        """Nothing shown (a new run, until its first frame); its box keeps its size (the room kept for it)."""
        self.item.setText("")
        self.box.setVisible(False)

    @property
    def text(self) -> str:
        return self.item.text()

    @property
    def height(self) -> float:
        """Pixels from the top of its parent to the bottom of its box (the box is as high as a line)."""
        return PAD + QFontMetricsF(self.item.font()).height()


def stamp_above(layout: pg.GraphicsLayout) -> EpochStamp:
    """An EpochStamp at the top left of ``layout`` (a GraphicsLayoutWidget's ``ci``), in a strip of its own:
    the layout's top margin is made the stamp's height, so it covers no heatmap, title or neuron."""
    stamp = EpochStamp(layout)
    left, _, right, bottom = layout.layout.getContentsMargins()
    layout.setContentsMargins(left, stamp.height + PAD, right, bottom)
    return stamp


def stamp_of(view: pg.ViewBox) -> EpochStamp:
    """``view``'s stamp, made on the first call."""
    stamp = getattr(view, "_epoch_stamp", None)
    if stamp is None:
        stamp = view._epoch_stamp = EpochStamp(view)
    return stamp
