"""Where the learning-rate schedule and gradient clipping act, drawn beside the
curves they change: ``LearningRateStrip``, the rate each epoch trained with,
in a low plot under the loss curve sharing its epoch axis (shown while the
rate varies: a schedule other than constant, or a rate changed mid-run); and
``ClipMarks``, a triangle on the gradient-norm plot at each epoch in which
clipping scaled at least one step down, placed at that epoch's largest layer
norm. Both read the run's history series ``lr`` and ``clipped``."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from ..numbers import format_number
from .plot_layout import tidy_axes
from .widgets import named

STRIP_HEIGHT = 52  # a strip: the loss plot above keeps the room (its epoch axis serves both)
CLIP_RGB = (200, 40, 40)


class LearningRateStrip(pg.PlotWidget):
    """The learning rate per epoch, under the loss plot (``x_link``)."""

    def __init__(self, x_link: pg.PlotWidget):
        super().__init__(axisItems=tidy_axes())
        named(self, "lr_curve", "The learning rate each epoch trained with, as the schedule set it.")
        self.setMenuEnabled(False)
        self.setMouseEnabled(False, False)
        self.setFixedHeight(STRIP_HEIGHT)
        self.setLabel("left", "rate")
        self.hideAxis("bottom")  # x is linked to the loss plot just above, whose axis names the epochs
        self.getAxis("left").enableAutoSIPrefix(False)
        self.getAxis("bottom").enableAutoSIPrefix(False)
        self.hideButtons()
        self.setXLink(x_link)
        self.curve = self.plot(pen=pg.mkPen((90, 90, 90), width=1.5))
        self.setVisible(False)

    def show_history(self, history) -> None:
        """Draw ``history``'s ``lr`` series; hidden while the rate has been constant."""
        if "lr" not in history.names or not len(history):
            self.curve.setData([], [])
            self.setVisible(False)
            return
        lo, hi = history.extremes("lr")
        varies = np.isfinite(lo) and hi > lo
        self.setVisible(bool(varies))
        if varies:
            x, y = history.curve("lr")
            self.curve.setData(x, y, connect="finite")
            self.setYRange(0, hi * 1.05, padding=0)
            self.setToolTip(f"The learning rate each epoch trained with: from {format_number(lo)} to "
                            f"{format_number(hi)}.")


class ClipMarks:
    """Marks on a gradient-norm plot at the epochs whose steps were clipped."""

    def __init__(self, plot: pg.PlotWidget):
        self.plot = plot
        self.x: list[float] = []
        self.y: list[float] = []
        self.counts: list[int] = []
        self.item = pg.ScatterPlotItem(symbol="t", size=9, pen=pg.mkPen(CLIP_RGB), brush=pg.mkBrush(*CLIP_RGB))
        self.item.setZValue(5)
        self._added = False

    def clear(self) -> None:
        """A new run (the plot may have been cleared: the item is added again when needed)."""
        self.x, self.y, self.counts = [], [], []
        self.item.setData([], [])
        self._added = False

    def add(self, snap) -> None:
        """The epochs of ``snap``'s history increment with clipped steps, placed on
        the largest layer norm of that epoch."""
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
            top = float(np.nanmax(norms[k])) if k < len(norms) and norms.shape[1] else np.nan
            if np.isfinite(top) and top > 0:
                self.x.append(float(snap.history_start + k))
                self.y.append(top)
                self.counts.append(int(clipped[k]))
        self.draw()

    def draw(self) -> None:
        if not self._added:
            self.plot.addItem(self.item)
            self._added = True
        log = self.plot.getPlotItem().ctrl.logYCheck.isChecked()
        y = np.log10(self.y) if log and self.y else self.y
        self.item.setData(self.x, y)
        self.item.setToolTip(f"Clipped steps in {len(self.x)} epoch(s): the gradient norm was scaled down "
                             "to the clipping threshold." if self.x else "")
