"""Exact zeros on a logarithmic axis: drawn on a floor marked "0".

A log axis has no place for 0, and pyqtgraph simply leaves such points out,
so a loss that reaches exactly 0 or a layer whose gradient is exactly 0 made
its curve stop without a word. Here zeros are drawn at a floor one decade
below the smallest positive value shown (a "broken" axis, as in many papers'
log plots): the axis labels that floor "0", a dashed line marks it, and no
tick below it is labelled.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from .plot_layout import TidyAxis

FLOOR_PEN = pg.mkPen(130, 130, 130, 200, width=1, style=Qt.PenStyle.DashLine)


class ZeroFloorAxis(TidyAxis):
    """A left axis whose tick at ``floor_log`` (log10 of the floor) reads "0"
    and whose ticks below it are blank. On a log scale, ticks between decades
    are labelled only at 2 and 5 times a power of ten (pyqtgraph labels all of
    2..9, which overlap on a short axis); no two labels overlap (TidyAxis)."""

    floor_log: float | None = None

    def tickValues(self, minVal, maxVal, size):
        levels = super().tickValues(minVal, maxVal, size)
        f = self.floor_log
        if f is not None and self.logMode and levels and minVal <= f <= maxVal:
            spacing, values = levels[0]
            levels[0] = (spacing, sorted({*values, f}))
        return levels

    def tickStrings(self, values, scale, spacing):
        strings = super().tickStrings(values, scale, spacing)
        if not self.logMode:
            return strings
        f = -math.inf if self.floor_log is None else self.floor_log
        out = []
        for v, s in zip(values, strings):
            mantissa = round(10 ** (v - math.floor(v)), 6)
            if math.isclose(v, f, abs_tol=1e-9):
                s = "0"
            elif v < f or (mantissa not in (1.0, 2.0, 5.0) and self._fallback is None):  # (else all are needed)
                s = ""
            out.append(s)
        return out


class ZeroFloor:
    """Gives ``plot`` (a PlotWidget) a ZeroFloorAxis on the left and moves exact
    zeros to the floor while the y axis is logarithmic. Call ``place`` with
    the curves' y arrays before ``setData``."""

    def __init__(self, plot):
        item = plot.getPlotItem()
        old = item.getAxis("left")
        self.axis = ZeroFloorAxis("left")
        item.setAxisItems({"left": self.axis})
        self.axis.setLogMode(item.ctrl.logYCheck.isChecked())
        self.axis.enableAutoSIPrefix(False)
        if old.labelText:
            item.setLabel("left", old.labelText)
        self.line = pg.InfiniteLine(angle=0, movable=False, pen=FLOOR_PEN)
        self.line.setVisible(False)
        item.addItem(self.line, ignoreBounds=True)
        self.item = item
        self.floor: float | None = None  # where zeros are drawn now (None: nowhere, no zeros or a linear axis)

    def place(self, ys: list[np.ndarray]) -> list[np.ndarray]:
        """``ys`` with every exact 0 replaced by the floor, when the axis is
        logarithmic and some value is 0; the floor is 10^(k-1) for the decade
        10^k holding the smallest positive value (1 when there is none)."""
        if self.line.scene() is None:  # (the plot was cleared, its items with it: a new run's norms)
            self.item.addItem(self.line, ignoreBounds=True)
        log = bool(self.item.ctrl.logYCheck.isChecked())
        zero = log and any(np.any(y == 0) for y in ys)
        floor = None
        if zero:
            positive = [float(np.min(y[y > 0])) for y in ys if np.any(y > 0)]
            floor = 10.0 ** (math.floor(math.log10(min(positive))) - 1) if positive else 1.0
        if floor != self.floor:
            self.floor = floor
            self.axis.floor_log = None if floor is None else math.log10(floor)
            self.axis.picture = None  # redraw the tick labels
            self.axis.update()
            self.line.setVisible(floor is not None)
            if floor is not None:
                self.line.setPos(math.log10(floor))
        if floor is None:
            return list(ys)
        return [np.where(y == 0, floor, y) for y in ys]

    def clear(self) -> None:
        """No zeros drawn (the curves emptied: a new run): no floor, no "0" on the axis.
        A floor kept from the last run labelled a tick of the new, zero-free one "0"."""
        self.place([])
