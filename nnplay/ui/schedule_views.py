"""Where the learning-rate schedule and gradient clipping act, drawn beside the
curves they change: ``LearningRateAxis``, the rate each epoch trained with,
on the loss plot's right axis, dotted, sharing its epoch axis (shown while the
rate varies: a schedule other than constant, or a rate changed mid-run); and
``ClipMarks``, a triangle on the gradient-norm plot at each epoch in which
clipping scaled at least one step down, placed at that epoch's largest layer
norm. Both read the run's history series ``lr`` and ``clipped``."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from ..numbers import count, format_number
from .curve_paths import cheap_curve, live_pen
from .plot_layout import TidyAxis

RATE_RGB = (140, 60, 170)  # purple, dotted: apart from the penalty's grey dashes
CLIP_RGB = (200, 40, 40)


class LearningRateAxis:
    """The learning rate per epoch on ``plot``'s (the loss plot's) right axis:
    a second ViewBox over the plot's own, linked on x, with its own y range
    (pyqtgraph's MultiplePlotAxes example). Shown while the rate varies."""

    def __init__(self, plot: pg.PlotWidget):
        item = self.item = plot.getPlotItem()
        self.view = pg.ViewBox(enableMenu=False)
        self.view.setMouseEnabled(False, False)
        self.view.setZValue(-100)  # under the plot's own view, which keeps the pointer (zoom, hover)
        item.scene().addItem(self.view)
        item.setAxisItems({"right": TidyAxis("right")})
        self.axis = item.getAxis("right")
        self.axis.linkToView(self.view)
        self.axis.enableAutoSIPrefix(False)
        self.axis.setLabel("rate", color=RATE_RGB)  # short: a narrow loss plot keeps its width
        self.axis.setToolTip("The learning rate each epoch trained with, as the schedule set it.")
        self.view.setXLink(item)
        self.curve = pg.PlotDataItem(pen=live_pen(RATE_RGB, style=Qt.PenStyle.DotLine))
        cheap_curve(self.curve)
        self.view.addItem(self.curve)
        item.vb.sigResized.connect(self._follow)
        self._top = None
        self._follow()
        self._show(False)

    def _follow(self, *_) -> None:
        """Over the plot's view, exactly (it moved or was resized)."""
        self.view.setGeometry(self.item.vb.sceneBoundingRect())
        self.view.linkedViewChanged(self.item.vb, self.view.XAxis)

    def _show(self, on: bool) -> None:
        if on != self.view.isVisible() or on != self.axis.isVisible():
            self.view.setVisible(on)
            self.item.showAxis("right", on)
            legend = getattr(self.item, "legend", None)
            if legend is not None:  # the dashed curve named with the others (the axis's own title may not fit)
                legend.removeItem(self.curve)
                if on:
                    legend.addItem(self.curve, "rate (right axis)")
            if legend is not None and hasattr(legend, "fit"):
                legend.fit()  # the axis takes width from the legend's row

    def isVisible(self) -> bool:
        return self.view.isVisible()

    def show_history(self, history) -> None:
        """Draw ``history``'s ``lr`` series; hidden while the rate has been constant."""
        if "lr" not in history.names or not len(history):
            self.curve.setData([], [])
            self._top = None
            self._show(False)
            return
        lo, hi = history.extremes("lr")
        varies = bool(np.isfinite(lo) and hi > lo)
        self._show(varies)
        if varies:
            x, y = history.curve("lr")
            self.curve.setData(x, y, connect="finite")
            if hi != self._top:  # (the range, and so the axis, changes only with the largest rate)
                self._top = hi
                self.view.setYRange(0, hi * 1.05, padding=0)
                self.axis.setToolTip(f"The learning rate each epoch trained with: from {format_number(lo)} "
                                     f"to {format_number(hi)}.")


CLIP_MARK_LIFT = 2.0  # the strip of marks sits this factor above the largest norm marked (0.3 decade on a log axis)
CLIP_MARK_SIZE = 5  # pixels


class ClipMarks:
    """Marks on a gradient-norm plot at the epochs whose steps were clipped: small
    triangles in one strip above every curve, so that a run clipped nearly every
    epoch shows a dotted strip over its curves, not a band hiding them (they were
    drawn on each epoch's largest norm). ``y`` holds each epoch's largest norm."""

    def __init__(self, plot: pg.PlotWidget):
        self.plot = plot
        self.x: list[float] = []
        self.y: list[float] = []
        self.counts: list[int] = []
        self.item = pg.ScatterPlotItem(symbol="t", size=CLIP_MARK_SIZE, pen=None, brush=pg.mkBrush(*CLIP_RGB))
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
        level = np.full(len(self.y), max(self.y, default=1.0) * CLIP_MARK_LIFT)  # above the curves, never on them
        self.item.setData(self.x, np.log10(level) if log and self.y else level)
        self.item.setToolTip(f"Clipped steps in {count(len(self.x), 'epoch')}: the gradient norm was scaled down "
                             "to the clipping threshold." if self.x else "")
