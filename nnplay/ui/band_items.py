"""The Distributions tab's percentile bands of one plot, filled straight from the percentiles.

A band between two edges was a ``pg.FillBetweenItem`` over two invisible
``PlotCurveItem``\\ s: each drawing set the six edge curves' data and then
rebuilt every band from its two curves' painter paths (``updatePath``: both
paths to polygons, one reversed, joined), 0.8 ms a band, three bands a plot,
seven plots in case B: 20 ms of the GUI thread per drawing of the tab
(issue 20). ``PercentileBands`` keeps one ``QGraphicsPathItem`` per band and
sets its outline at once: the upper edge left to right, the lower edge back
(``pg.arrayToQPath``, closed) — the same polygon, one NumPy concatenation and
one path per band.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsPathItem

EDGES = ((0, 6), (1, 5), (2, 4))  # percentile columns of each band, outermost first: 0–100, 7–93, 16–84


class PercentileBands:
    """Three filled bands on ``plot`` (a pg.PlotItem) in colour ``rgb`` with ``alphas`` (outermost first).

    ``set_data(x, p)``: ``x`` (n,) epochs, ``p`` (n, 7) the percentiles 0, 7, 16, 50, 84, 93, 100
    (training.distributions); column 3, the median, is not a band's edge."""

    def __init__(self, plot, rgb, alphas):
        self.items = []
        for alpha in alphas:
            item = QGraphicsPathItem()
            item.setPen(pg.mkPen(None))
            item.setBrush(pg.mkBrush(*rgb[:3], alpha))
            plot.addItem(item)
            self.items.append(item)
        self._x = np.empty(0)
        self._p = np.empty((0, 7))

    def set_data(self, x, p) -> None:
        x, p = np.asarray(x, dtype=np.float64), np.asarray(p, dtype=np.float64)
        self._x, self._p = x, p
        back = x[::-1]
        for item, (lo, hi) in zip(self.items, EDGES):
            path = pg.arrayToQPath(np.concatenate([x, back]), np.concatenate([p[:, hi], p[::-1, lo]]), connect="all")
            if len(x):
                path.closeSubpath()
            path.setFillRule(Qt.FillRule.WindingFill)
            item.setPath(path)

    def edge(self, column: int) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) of percentile column ``column`` as last set (0: the minimum ... 6: the maximum)."""
        return self._x, self._p[:, column]
