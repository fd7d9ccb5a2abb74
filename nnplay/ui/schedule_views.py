"""Where the learning-rate schedule and gradient clipping act, drawn beside the
curves they change: ``LearningRateAxis``, the rate each epoch trained with,
on the loss plot's right axis, dotted, sharing its epoch axis (shown while the
rate varies: a schedule other than constant, or a rate changed mid-run); and
``ClipMarks`` (``clip_strip.py``), a triangle at each epoch in which clipping
scaled at least one step down, in a strip above the gradient-norm curves.
They read the run's history series ``lr`` and ``clipped``."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from ..numbers import format_number
from .clip_strip import ClipMarks
from .curve_paths import cheap_curve, live_pen
from .plot_layout import TidyAxis

__all__ = ["ClipMarks", "LearningRateAxis"]

RATE_RGB = (140, 60, 170)  # purple, dotted: apart from the penalty's grey dashes


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
        if varies:
            x, y = history.curve("lr")
            if len(x) > 1 and x[0] == 0 and x[1] == 1:  # epoch 0 trained with no rate: at the first epoch's, not at
                y = y.copy()  # the rate before a change made ahead of the first step (a line from the old one)
                y[0] = y[1]
                lo, hi = float(np.nanmin(y)), float(np.nanmax(y))
                varies = hi > lo
        self._show(varies)
        if varies:
            self.curve.setData(x, y, connect="finite")
            if hi != self._top:  # (the range, and so the axis, changes only with the largest rate)
                self._top = hi
                self.view.setYRange(0, hi * 1.05, padding=0)
                self.axis.setToolTip(f"The learning rate each epoch trained with: from {format_number(lo)} "
                                     f"to {format_number(hi)}.")
