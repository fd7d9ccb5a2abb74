"""The network diagram's links as one item (issue 20, case B).

Every link of the diagram (per weight layer l, W[l] is (n[l], n[l-1]): one
line from neuron j of layer l-1 to neuron i of layer l) is drawn by a single
``DiagramLinks`` item: a frame hands it the edge keys of the new weights
(``edge_keys``, one int per weight: its pen's sign and step of
|w|, -1 for no link) as NumPy arrays, and its ``paint`` draws the lines
grouped by key, one ``QPainter.drawLines`` per pen in use. One item per link
(344 in case B) each had its own ``setPen`` and its own paint call with a
wide pen; the look is the same pens (``edge_pen``), drawn in order of the
step of |w| (the widest on top) rather than of the neurons where links cross.
The lines are kept in Qt's device-coordinate cache: a frame whose keys are
those of the last (about half of case B's at Max speed) repaints the diagram's
thumbnails over the cached lines without drawing a line (issue 20, round 19).

A few links carry a pen of their own: the frozen and pruned marks
(``diagram_marks``) set it through the link's ``LinkHandle`` for one frame; a
new frame's keys clear them. ``LinkHandle`` is what ``NetworkDiagram.edges``
holds per link, for hit-testing and the marks: ``line()``, ``pen()``,
``setPen``, ``isVisible``, ``setVisible``, named as ``QGraphicsLineItem``'s.
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem


class DiagramLinks(QGraphicsItem):
    """Every link of a diagram: ``grids`` holds per weight layer a (rows, cols)
    object array of ``QLineF`` (view units); ``pen_of(key, palette)`` is the pen
    of an edge key; ``margin`` (view units) is kept round the lines for the
    widest pen (its width is in pixels)."""

    def __init__(self, grids: list[np.ndarray], pen_of, margin: float, parent=None):
        super().__init__(parent)
        self.shapes = [g.shape for g in grids]
        self.offsets = np.cumsum([0] + [g.size for g in grids])  # layer k's links are offsets[k]:offsets[k + 1]
        self.lines = np.concatenate([g.ravel() for g in grids]) if grids else np.empty(0, object)
        self._pen_of = pen_of
        self.keys = np.full(len(self.lines), -1, np.int64)  # nothing drawn before the first frame
        self.palette = None
        self.own_pens: dict[int, QPen] = {}  # link (flat index) -> the marks' pen, for this frame
        self.groups: list = []  # (key, its links' flat indices, their QLineFs), built when the keys change
        self.draws = 0  # drawLines and drawLine calls of the last paint (tests)
        bounds = QRectF()
        for line in self.lines:
            bounds = bounds.united(QRectF(line.p1(), line.p2()).normalized())
        self._bounds = bounds.adjusted(-margin, -margin, margin, margin)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, False)
        # the lines kept as Qt's pixmap at the view's scale, drawn again only when they change (update():
        # new keys, a palette, a mark) or the scale does: the thumbnails under them change at every frame and
        # the diagram is repainted whole, but about half of case B's frames leave every link's pen as it was
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.paints = 0  # paint calls: the lines drawn (tests)

    def handles(self, k: int) -> np.ndarray:
        """Weight layer ``k``'s links as a (rows, cols) object array of ``LinkHandle``."""
        grid = np.empty(self.shapes[k], dtype=object)
        for n, (i, j) in enumerate(np.ndindex(self.shapes[k])):
            grid[i, j] = LinkHandle(self, int(self.offsets[k]) + n)
        return grid

    def layer_keys(self, k: int) -> np.ndarray:
        """Weight layer ``k``'s edge keys as drawn, (rows, cols) int."""
        return self.keys[self.offsets[k]:self.offsets[k + 1]].reshape(self.shapes[k])

    def set_keys(self, keys: list[np.ndarray], palette) -> None:
        """A frame's edge keys, one (rows, cols) int array per weight layer (or
        arrays of them all raveled in that order), in ``palette``; the marks' own pens are dropped (they set them again after).
        Repaints only when something changed."""
        if self.own_pens:
            self.own_pens = {}
            self.update()
        flat = np.concatenate([np.asarray(k).ravel() for k in keys]) if keys else self.keys
        if palette != self.palette or not np.array_equal(flat, self.keys):
            self.keys, self.palette = flat.astype(np.int64), palette
            self._regroup()

    def clear_keys(self) -> None:
        """No link drawn, no mark's pen, no palette: as a new item before its first frame (a new run
        drawn in these links: ``diagram_keep``)."""
        self.keys.fill(-1)
        self.own_pens, self.palette, self.groups = {}, None, []
        self.update()

    def _regroup(self) -> None:
        """The drawn links grouped by key, in order of key (NumPy: no loop per link)."""
        order = np.argsort(self.keys, kind="stable")
        order = order[self.keys[order] >= 0]
        bounds = [0, *(np.flatnonzero(np.diff(self.keys[order])) + 1).tolist(), len(order)]
        lines = self.lines[order].tolist()
        self.groups = [(int(self.keys[order[a]]), order[a:b], lines[a:b]) for a, b in itertools.pairwise(bounds) if b > a]
        self.update()

    def visible_count(self, k: int | None = None) -> int:
        """The links drawn (of weight layer ``k``, or all): a nonzero weight's, or one with a pen of its own."""
        shown = self.keys >= 0
        shown[list(self.own_pens)] = True
        return int(shown.sum() if k is None else shown[self.offsets[k]:self.offsets[k + 1]].sum())

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter, *_) -> None:
        self.draws = 0
        self.paints += 1
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)  # (jagged at an angle, 3 px wide: tester 22)
        owned = np.fromiter(self.own_pens, np.int64, len(self.own_pens))
        for key, idx, lines in self.groups:
            if len(owned):
                lines = self.lines[idx[~np.isin(idx, owned)]].tolist()
            painter.setPen(self._pen_of(key, self.palette))
            painter.drawLines(lines)
            self.draws += 1
        for n, pen in self.own_pens.items():  # the marks on top
            painter.setPen(pen)
            painter.drawLine(self.lines[n])
            self.draws += 1


class SmoothLine(QGraphicsLineItem):
    """A ``QGraphicsLineItem`` drawn antialiased, as the links are (the diagram's view is not: its
    thumbnails' frames stay sharp): a bounded layer's dashed summary links."""

    def paint(self, painter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        super().paint(painter, option, widget)


class LinkHandle:
    """Link ``n`` (flat index) of a ``DiagramLinks``: its line, pen and visibility,
    named as ``QGraphicsLineItem``'s."""

    __slots__ = ("links", "n")

    def __init__(self, links: DiagramLinks, n: int):
        self.links, self.n = links, n

    def line(self) -> QLineF:
        return self.links.lines[self.n]

    def pen(self) -> QPen:
        own = self.links.own_pens.get(self.n)
        return own if own is not None else self.links._pen_of(max(int(self.links.keys[self.n]), 0), self.links.palette)

    def setPen(self, pen: QPen) -> None:
        """This link drawn with ``pen``, on top, until the next frame (a mark)."""
        self.links.own_pens[self.n] = QPen(pen)
        self.links.update()

    def isVisible(self) -> bool:
        return self.n in self.links.own_pens or self.links.keys[self.n] >= 0

    def setVisible(self, visible: bool) -> None:
        if visible and not self.isVisible():
            self.setPen(self.pen())
        elif not visible:
            self.links.own_pens.pop(self.n, None)
            self.links.keys[self.n] = -1
            self.links._regroup()


MAX_EDGE_PX = 5.0  # the widest link, at |w| of 5 and over
EDGE_LEVELS = 64  # steps of |w| from 0 to 5 (and over) in a link's pen: width and opacity


def edge_keys(W: np.ndarray) -> np.ndarray:
    """(rows, cols) int: a key per weight of its link's pen: -1 for a weight of 0
    (no link), else 2 * level + (w >= 0) with level the step of min(|w|, 5) in
    ``EDGE_LEVELS``. The links are drawn grouped by key (``diagram_links``)."""
    W = np.asarray(W, dtype=np.float64)
    level = np.rint(np.minimum(np.abs(np.nan_to_num(W, nan=0.0)), 5.0) / 5.0 * (EDGE_LEVELS - 1)).astype(np.int64)
    return np.where(W == 0.0, -1, 2 * level + (W >= 0))


@functools.lru_cache(maxsize=4 * EDGE_LEVELS)
def edge_pen(key: int, palette) -> QPen:
    """The pen of edge key ``key`` (``edge_keys``) in ``palette`` = (positive, negative)
    colours: opacity and width grow with |w| (up to 5)."""
    level, positive_w = divmod(key, 2)
    mag = level / (EDGE_LEVELS - 1)
    color = QColor(*(palette[0] if positive_w else palette[1]))
    color.setAlphaF(0.2 + 0.7 * math.sqrt(mag))
    pen = QPen(color)
    pen.setCosmetic(True)
    pen.setWidthF(0.6 + (MAX_EDGE_PX - 0.6) * mag)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen
