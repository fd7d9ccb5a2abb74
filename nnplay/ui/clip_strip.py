"""The clipping strip: the epochs whose steps gradient clipping scaled down,
marked in a thin row of their own above the gradient-norm plot's curves.

The marks used to be drawn in the plot's own view, a factor above the largest
norm marked: an axis whose range reached higher (a log axis to 10⁰ with norms
of 3·10⁻²) put them among the curves. Here they live in their own ``ViewBox``,
a row of ``STRIP_HEIGHT`` pixels in the plot's layout just above its data
area, linked to it on x (pyqtgraph's linked views), so they sit above the curves
whatever the y range or scale, and move and zoom with the epochs."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from ..numbers import count

CLIP_RGB = (200, 40, 40)
CLIP_MARK_SIZE = 5  # pixels
STRIP_HEIGHT = 9  # pixels: the row of marks above the data area
STRIP_ROW = 1  # the PlotItem layout's row above its view box (the hidden top axis's, taken out)


class ClipMarks:
    """Marks at the epochs whose steps were clipped, in a strip above ``plot``'s
    (a gradient-norm PlotWidget's) curves. ``x``: the epochs, ``y``: each one's
    largest layer norm (for the tooltip and tests), ``counts``: its clipped steps.
    The strip is shown once there is a mark, hidden again by ``clear``."""

    def __init__(self, plot: pg.PlotWidget):
        self.plot = plot
        self.x: list[float] = []
        self.y: list[float] = []
        self.counts: list[int] = []
        item = plot.getPlotItem()
        self.strip = pg.ViewBox(enableMouse=False, enableMenu=False, defaultPadding=0)
        self.strip.setObjectName("clip_strip")
        self.strip.setFixedHeight(STRIP_HEIGHT)
        self.strip.setYRange(0, 1, padding=0)
        self.strip.disableAutoRange()  # its x range is the plot's (linked), never fitted to the marks
        self.strip.setXLink(item.getViewBox())
        top = item.getAxis("top")  # hidden on this plot: its cell, right above the data area, holds the strip
        if top.isVisible():
            raise ValueError("the clipping strip takes the top axis's place: the plot must not show a top axis")
        item.layout.removeItem(top)
        item.layout.addItem(self.strip, STRIP_ROW, 1)
        self.strip.hide()
        self.item = pg.ScatterPlotItem(symbol="t", size=CLIP_MARK_SIZE, pen=None, brush=pg.mkBrush(*CLIP_RGB))
        self.strip.addItem(self.item)

    def clear(self) -> None:
        """A new run: no marks, no strip."""
        self.x, self.y, self.counts = [], [], []
        self.item.setData([], [])
        self.item.setToolTip("")
        self.strip.hide()

    def add(self, snap) -> None:
        """The epochs of ``snap``'s history increment with clipped steps (its
        ``clipped`` series), with that epoch's largest layer norm."""
        clipped = snap.history.get("clipped") if isinstance(snap.history, dict) else None
        if snap.history_base is not None:
            self.x, self.y, self.counts = [], [], []  # the history was re-based: older marks are not sent again
        if clipped is None or len(clipped) == 0:
            return
        clipped = np.asarray(clipped, dtype=float)
        norms = np.asarray(snap.grad_norm_history, dtype=float)
        rows = np.flatnonzero(np.nan_to_num(clipped) > 0)
        if not len(rows):
            return
        for k in rows:
            if self.x and snap.history_start + k <= self.x[-1]:
                continue  # marked already (the same frame shown again, e.g. to redraw it in other colours)
            top = float(np.nanmax(norms[k])) if k < len(norms) and norms.shape[1] else np.nan
            if np.isfinite(top) and top > 0:
                self.x.append(float(snap.history_start + k))
                self.y.append(top)
                self.counts.append(int(clipped[k]))
        self.draw()

    def draw(self) -> None:
        self.item.setData(self.x, np.full(len(self.x), 0.5))
        self.strip.setVisible(bool(self.x))
        self.item.setToolTip(f"Clipped steps in {count(len(self.x), 'epoch')}: the gradient norm was scaled down "
                             "to the clipping threshold." if self.x else "")
