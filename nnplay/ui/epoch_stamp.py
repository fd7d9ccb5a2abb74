"""Which weights a picture is of, in its own corner: a view computed from the weights of one epoch
(the output, a focused neuron's output, the hidden space, the metrics, the gradient heatmaps, the
network diagram) said so nowhere but the
window's read-out, which a picture exported, or shown after the run moved on, does not carry
(the landscape's caption already named its epoch). ``EpochStamp`` is a small text in the top-left
corner of a plot's data area, in pixels (it does not move with the data, lays out no widget, and is
in the plot's PNG and SVG exports): a ``QGraphicsSimpleTextItem`` on a pale box, no text document
to lay out at every frame (pyqtgraph's TextItem cost the output view ~0.5 ms a frame); ``weights_text``
is its wording. Where every corner of the plot is data (a heatmap, the diagram's nodes and titles),
``stamp_above`` puts it in a strip of its own above the canvas's items instead, on one line."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPalette
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsSimpleTextItem

from .result_age import position_text

STAMP_FONT = 0.8  # the stamp's text, a share of the window's font
PAD = 2  # pixels between the text and its box's edge, and the box and the view's corner


def weights_text(snapshot) -> str:
    """'weights after epoch 12', or '... epoch 12, mini-batch 3 of 8' part-way through an epoch."""
    return f"weights after {position_text(snapshot.epoch, *snapshot.batch_position)}"


def stamp_layouts(snapshot, what: str = "", one_line: bool = False) -> list[list[str]]:
    """The stamp's lines, from the longest to the shortest: ``what`` + ``weights_text`` on one line; broken
    after its comma; without "weights after"; the mini-batch as "batch 3/8", then "3/8" (a narrow or
    zoomed plot). ``one_line``: the forms on one line alone (a strip one line high)."""
    epoch, (batch, batches) = snapshot.epoch, snapshot.batch_position
    whole, short = what + weights_text(snapshot), what.replace(" the ", " ")  # ("dW at epoch 12")
    e = f"{short}epoch {int(epoch):,}"
    if not 0 < batch < batches:
        return [[whole], [e]]
    head, tail = whole.split(", ", 1)
    b, of = f"{int(batch):,}", f"{int(batches):,}"
    if one_line:
        return [[whole], [f"{e}, {tail}"], [f"{e}, batch {b}/{of}"], [f"{e}, {b}/{of}"]]
    return [[whole], [head + ",", tail], [e + ",", tail], [e + ",", f"batch {b}/{of}"], [e + ",", f"{b}/{of}"]]


class EpochStamp:
    """``weights_text`` of the snapshot shown (``show``) in the corner of ``view`` (a pg.ViewBox, or a
    GraphicsLayout: ``stamp_above``), whole at every width and zoom: the first of ``stamp_layouts`` that
    fits, else its shortest with each line elided with "…" (the whole text in its tooltip); its font a
    share of the view's widget's (the zoom)."""

    def __init__(self, view, one_line: bool = False):
        self.view = view
        self.one_line = one_line
        view._epoch_stamp = self  # (stamp_of finds it; a zoom refits it: presentation.scale_view)
        self.box = QGraphicsRectItem(view)  # (a child of the view: in its own pixels, not its data's)
        self.box.setPen(pg.mkPen(None))
        self.box.setZValue(1e6)
        self.box.setPos(PAD, PAD)
        self.item = QGraphicsSimpleTextItem(self.box)
        self.item.setPos(PAD, 0)
        self._base = None  # the view's font the stamp's font was made from, that font, and its metrics
        self._zoomed: QFont | None = None
        self._metrics: QFontMetricsF | None = None
        self.fonts_made = 0  # fonts made (a zoom) and layouts made (a new text, width or font): tests count them
        self.layouts_made = 0
        self.item.setFont(self._font())
        self._text = ""  # the whole wording (the item may show it broken or elided)
        self._said = None  # (what, epoch, batch position) the wording was made of
        self._layouts: list[list[str]] = []
        self._fitted = None  # (text, width, font size) the item was last fitted to
        self._ink = None
        self.refresh_colours()
        (getattr(view, "sigResized", None) or view.geometryChanged).connect(self.fit)

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
        if not self.box.isVisible():
            self.box.setVisible(True)
        said = (what, snapshot.epoch, snapshot.batch_position)
        if said != self._said:  # (the same weights shown again: no wording made, nothing laid out)
            self._said = said
            self._text = what + weights_text(snapshot)
            self._layouts = stamp_layouts(snapshot, what, self.one_line)
        self.fit()

    def clear(self) -> None:
        """Nothing shown (a new run, until its first frame); its box keeps its size (the room kept for it)."""
        self._text, self._layouts, self._fitted, self._said = "", [], None, None
        self.item.setText("")
        self.box.setVisible(False)

    def _font(self) -> QFont:
        """The stamp's font: ``STAMP_FONT`` of its view's widget's (the window's zoomed font), made anew only
        when that font changed (a zoom), with its metrics."""
        scene = self.view.scene()
        views = scene.views() if scene is not None else []
        base = views[0].font() if views else QApplication.font()
        if base != self._base:
            self._base = base
            font = QFont(base)
            font.setPointSizeF(font.pointSizeF() * STAMP_FONT)  # (small: it stands over the picture's corner)
            self._zoomed, self._metrics = font, QFontMetricsF(font)
            self.fonts_made += 1
        return self._zoomed

    def fit(self, *_) -> None:
        """Lay the text out for the view's width and font now (a frame, a resize, a zoom)."""
        if not self._text:
            return
        font = self._font()
        room = max(1.0, self.view.size().width() - 4 * PAD)
        key = (self._text, round(room), self.fonts_made)  # (fonts_made: a new font, as a zoom makes)
        if key == self._fitted:
            return
        zoomed = self._fitted is None or key[2] != self._fitted[2]
        self._fitted = key
        self.layouts_made += 1
        metrics, layouts = self._metrics, self._layouts or [[self._text]]
        lines = next((lines for lines in layouts if max(map(metrics.horizontalAdvance, lines)) <= room), layouts[-1])
        lines = [line if metrics.horizontalAdvance(line) <= room else
                 metrics.elidedText(line, Qt.TextElideMode.ElideRight, room) for line in lines]
        if zoomed:
            self.item.setFont(font)
        self.item.setText("\n".join(lines))
        tip = self._text if lines != [self._text] else ""
        if tip != self.item.toolTip():
            self.item.setToolTip(tip)
        shape = self.item.boundingRect()
        rect = QRectF(0, 0, shape.width() + 2 * PAD, shape.height())
        if rect != self.box.rect():
            self.box.setRect(rect)
        if self.one_line and zoomed:  # (stamp_above: its strip as high as its line, in the font of now: a zoom)
            left, top, right, bottom = self.view.layout.getContentsMargins()
            if top != self.height + PAD:
                self.view.setContentsMargins(left, self.height + PAD, right, bottom)

    @property
    def text(self) -> str:
        """The whole wording ("weights after epoch 12, mini-batch 3 of 8"), however it is laid out."""
        return self._text

    @property
    def shown(self) -> str:
        """What the stamp shows: ``text``, or it broken onto two lines or elided to fit."""
        return self.item.text()

    @property
    def height(self) -> float:
        """Pixels from the top of its parent to the bottom of its box, one line high."""
        return PAD + (self._metrics or QFontMetricsF(self.item.font())).height()


def stamp_above(layout: pg.GraphicsLayout) -> EpochStamp:
    """An EpochStamp at the top left of ``layout`` (a GraphicsLayoutWidget's ``ci``), on one line in a strip
    of its own: the layout's top margin is made the stamp's height, so it covers no heatmap, title or neuron."""
    stamp = EpochStamp(layout, one_line=True)
    left, _, right, bottom = layout.layout.getContentsMargins()
    layout.setContentsMargins(left, stamp.height + PAD, right, bottom)
    return stamp


def stamp_of(view: pg.ViewBox) -> EpochStamp:
    """``view``'s stamp, made on the first call."""
    stamp = getattr(view, "_epoch_stamp", None)
    return EpochStamp(view) if stamp is None else stamp
