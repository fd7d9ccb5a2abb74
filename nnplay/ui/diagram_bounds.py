"""A layer wider than the network diagram can show (a CSV with 3,000 input
columns, a 256-neuron layer) drawn bounded: its first N neurons, then one
"+2,976 more inputs" node standing for the rest. The links of the neurons not
drawn are summarised, one dashed link per pair of drawn node and "more" node,
coloured by the sign of the mean weight and as thick as the root mean square
of the weights it stands for; hovering it or the "more" node says which.

N is fitted to the diagram's height (``cap_for``): a drawing with thousands
of squares and tens of thousands of links would take the window seconds to
build and to restyle each frame, and could not be read anyway."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from ..numbers import format_number
from ..training.snapshot import THUMBNAILS_PER_LAYER
from .colors import negative, positive
from .diagram_links import SmoothLine
from .elide import short_name

MIN_SHOWN = 16  # a layer of up to 16 neurons (the Neurons control's range) is always drawn whole
MAX_SHOWN = THUMBNAILS_PER_LAYER  # the training side sends thumbnails of these first neurons only
PITCH_PX = 18.0  # the least room, in pixels, one drawn neuron takes in the diagram's height
CAPTION_GAP_PX = 8.0  # the least space, in pixels, between two "more" captions side by side under the drawing


def cap_for(height_px: float) -> int:
    """How many neurons of one layer to draw in a diagram ``height_px`` pixels
    high: one per PITCH_PX, between MIN_SHOWN and MAX_SHOWN."""
    return int(max(MIN_SHOWN, min(MAX_SHOWN, height_px // PITCH_PX)))


def shown_units(n: int, cap: int) -> np.ndarray:
    """The indices of the neurons drawn of a layer of ``n``: all of them when
    they fit in ``cap`` rows, else the first ``cap - 1`` (the last row is the
    "more" node)."""
    return np.arange(n if n <= cap else cap - 1)


def more_text(hidden: int, layer: int, n_layers: int) -> str:
    """The "more" node's caption: "+2,976 more inputs", "+240 more neurons"."""
    what = "inputs" if layer == 0 else ("outputs" if layer == n_layers else "neurons")
    return f"+{hidden:,} more {what}"


class LayerBounds:
    """Which neurons of each layer a ``NetworkDiagram`` draws, the "more" nodes
    and the summary links standing for the rest."""

    def __init__(self, diagram):
        self.diagram = diagram
        self.shown: list[np.ndarray] = []  # per layer, the indices of the neurons drawn
        self.more: list[tuple | None] = []  # per layer, (rect, frame item, caption item) or None
        self.links: list[list[tuple]] = []  # per weight layer, (line, rows, cols) of W each summary link stands for

    def set_sizes(self, sizes, cap: int) -> None:
        self.shown = [shown_units(n, cap) for n in sizes]
        self.more, self.links = [None] * len(sizes), [[] for _ in sizes[1:]]

    def rows(self, l: int) -> int:
        """How many rows layer ``l`` takes in the drawing (its "more" node is one)."""
        return len(self.shown[l]) + (self.hidden(l) > 0)

    def hidden(self, l: int) -> int:
        return self.diagram.sizes[l] - len(self.shown[l])

    def position(self, l: int, i: int) -> int | None:
        """The row of neuron ``i`` of layer ``l`` in the drawing, None when it is not drawn."""
        return i if i < len(self.shown[l]) else None

    def rest(self, l: int) -> np.ndarray:
        """The indices of the neurons of layer ``l`` that are not drawn."""
        return np.arange(len(self.shown[l]), self.diagram.sizes[l])

    def add_more_node(self, l: int, rect: QRectF, colour: QColor) -> None:
        """The "more" node of layer ``l`` at ``rect``: a dashed square with its count left of it (the inputs',
        among their names) or under it (a hidden or the output layer's: ``fit_captions``)."""
        d = self.diagram
        frame = QGraphicsRectItem(rect)
        pen = pg.mkPen(140, 140, 140, width=1)
        pen.setStyle(Qt.PenStyle.DashLine)
        frame.setPen(pen)
        frame.setZValue(3)
        d.view.addItem(frame)
        text = more_text(self.hidden(l), l, len(d.sizes) - 1)
        caption = pg.TextItem(text, anchor=(1.0, 0.5) if l == 0 else (0.0, 0.0), color=colour)
        if l == 0:
            caption.setPos(rect.left() - 0.1, rect.center().y())
        caption.setZValue(3.5)
        d.view.addItem(caption)
        self.more[l] = (rect, frame, caption)

    def under_captions(self) -> list:
        """The hidden and output layers' "more" captions, (layer, rect of its node, caption)."""
        return [(l, more[0], more[2]) for l, more in enumerate(self.more) if more and l > 0]

    def caption_row_px(self) -> float:
        """The height in pixels of the row of captions under the drawing (0: no hidden or output layer has a
        "more" node), in the diagram's font (``follow_font``)."""
        return max((c.textItem.boundingRect().height() for _, _, c in self.under_captions()), default=0.0)

    def fit_captions(self, gap: float, px: float, top: float) -> None:
        """Each hidden or output layer's "more" caption on a row of its own under the drawing, its top at ``top``
        (view units): every "more" node is in the lowest row of the drawing (a layer with one is as tall as the
        tallest), so nothing is drawn under it, and a caption there hides no neuron and no link (left of its
        node, among the links converging on it, it hid them: a 50-class output's over the output column).
        Each is centred under its node where it can be, else moved along (never off its node's centre) to keep
        CAPTION_GAP_PX from the caption before it, right of the inputs' column and left of the output's right
        edge (layers ``gap`` view units apart, ``px`` view units a pixel). All "+241 more neurons", else all
        "+241"; one that still does not fit is hidden (its node's hover still says it)."""
        captions = self.under_captions()
        if not captions:
            return
        node = captions[0][1].width()
        last = len(self.more) - 1
        for short in (False, True):
            placed = []  # (caption, left edge or None: hidden)
            edge = node + CAPTION_GAP_PX * px  # the inputs' column's right edge, and a gap
            for l, rect, caption in captions:
                text = f"+{self.hidden(l):,}" if short else more_text(self.hidden(l), l, last)
                if caption.toPlainText() != text:
                    caption.setText(text)
                m = caption.textItem.document().documentMargin()
                width = (caption.textItem.boundingRect().width() - 2 * m) * px
                centre = rect.center().x()
                left = min(max(centre - width / 2, edge), last * gap + node - width)  # within the row's ends
                fits = edge <= left <= centre <= left + width
                placed.append((caption, left - m * px if fits else None))
                edge = left + width + CAPTION_GAP_PX * px if fits else edge
            if all(left is not None for _, left in placed):
                break
        for caption, left in placed:
            caption.setVisible(left is not None)
            caption.setAnchor((0.0, 0.0))
            caption.setPos(left if left is not None else 0.0, top)

    def add_summary_links(self, l: int, rect_of) -> None:
        """The summary links into layer ``l`` (``l`` >= 1): between each pair of
        drawn rows where one is a "more" node. ``rect_of(l, row)`` is a row's rect."""
        sources = [(k, np.array([i])) for k, i in enumerate(self.shown[l - 1])]
        targets = [(k, np.array([i])) for k, i in enumerate(self.shown[l])]
        if self.hidden(l - 1):
            sources.append((len(self.shown[l - 1]), self.rest(l - 1)))
        if self.hidden(l):
            targets.append((len(self.shown[l]), self.rest(l)))
        for kt, rows in targets:
            for ks, cols in sources:
                if len(rows) == 1 and len(cols) == 1:
                    continue  # a drawn link
                a, b = rect_of(l - 1, ks), rect_of(l, kt)
                line = SmoothLine(QLineF(a.right(), a.center().y(), b.left(), b.center().y()))
                line.setZValue(0.9)
                self.diagram.view.addItem(line)
                self.links[l - 1].append((line, rows, cols))

    def show_weights(self, weights) -> None:
        """Restyle each summary link for the weights W[1..L] of a frame."""
        for links, W in zip(self.links, weights):
            for line, rows, cols in links:
                block = W[np.ix_(rows, cols)]
                line.setPen(summary_pen(float(block.mean()), float(np.sqrt(np.mean(block ** 2)))))

    def describe(self, hit) -> str:
        """The read-out for a hovered ("more", l) or ("summary", l, k)."""
        d = self.diagram
        L = len(d.sizes) - 1
        if hit[0] == "more":
            l = hit[1]
            rest = self.rest(l)
            first, last = int(rest[0]), int(rest[-1])
            if l == 0:
                names = ", ".join(short_name(d.names[i]) for i in rest[:3]) + (", …" if len(rest) > 3 else "")
                return (f"Inputs {first + 1} to {last + 1} ({len(rest):,}) are not drawn, to keep the diagram "
                        f"readable: {names}. Their links are summarised by dashed lines.")
            return (f"{more_text(len(rest), l, L)[1:].capitalize()} ({first + 1} to {last + 1}) of layer {l} "
                    "are not drawn; their links are summarised by dashed lines.")
        _, l, k = hit
        _, rows, cols = self.links[l - 1][k]
        if d.weights is None:
            return ""
        block = d.weights[l - 1][np.ix_(rows, cols)]
        return (f"{block.size:,} weights of W[{l}] (rows {_span(rows)}, columns {_span(cols)}) summarised: "
                f"mean {format_number(float(block.mean()))}, RMS {format_number(float(np.sqrt(np.mean(block ** 2))))}")


def _span(idx: np.ndarray) -> str:
    return f"{idx[0] + 1}" if len(idx) == 1 else f"{idx[0] + 1} to {idx[-1] + 1}"


def summary_pen(mean: float, rms: float) -> QPen:
    """A dashed cosmetic pen: the sign of ``mean`` gives the colour, ``rms`` the width."""
    mag = min(rms, 5.0) / 5.0
    color = QColor(*(positive() if mean >= 0 else negative()))
    color.setAlphaF(0.25 + 0.6 * math.sqrt(mag))
    pen = QPen(color)
    pen.setCosmetic(True)
    pen.setWidthF(0.8 + 3.0 * mag)
    pen.setStyle(Qt.PenStyle.DashLine)
    return pen
