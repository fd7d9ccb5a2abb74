"""Where every pyqtgraph plot of nnplay is made: ``plot_widget`` (a PlotWidget)
and ``add_plot`` (a PlotItem in a GraphicsLayoutWidget).

Each has ``TidyAxis`` axes on the left and at the bottom (``plot_layout``: tick
labels that never collide, in one format per axis) unless asked otherwise,
no context menu (none is even built: ``plot_disposal`` says why that matters),
no SI-prefix scaling of an axis's values, and no auto-range button: pyqtgraph shows an "A" in a plot's corner on hover
whenever its auto-range is off, and nnplay's plots manage their own ranges
(stepped, fixed or fitted to the data), so the button would only undo them.
A test walks every PlotItem of the window to check they all came from here.
"""

from __future__ import annotations

import pyqtgraph as pg

from .plot_layout import signed_axes, tidy_axes


AXES = ("left", "bottom", "top", "right")


def managed(item: pg.PlotItem) -> pg.PlotItem:
    """``item`` without pyqtgraph's auto-range button (``PlotItem.hideButtons``) and
    without SI-prefix scaling on any axis: a student reads the values as they are
    (pyqtgraph relabelled a loss of 650..692 as "(x0.001)" with the ticks scaled)."""
    item.hideButtons()
    for side in AXES:
        item.getAxis(side).enableAutoSIPrefix(False)
    return item


def plot_widget(tidy: bool = True, **options) -> pg.PlotWidget:
    """A pg.PlotWidget (``options`` as pyqtgraph's), with TidyAxis axes unless
    ``tidy`` is False or ``axisItems`` are given, and no auto-range button."""
    options.setdefault("axisItems", tidy_axes() if tidy else signed_axes())
    options.setdefault("enableMenu", False)  # no context menu is built (plot_disposal)
    widget = pg.PlotWidget(**options)
    managed(widget.getPlotItem())
    return widget


def add_plot(layout: pg.GraphicsLayoutWidget, tidy: bool = True, **options) -> pg.PlotItem:
    """``layout.addPlot(**options)`` (row, col...), with TidyAxis axes unless
    ``tidy`` is False or ``axisItems`` are given, and no auto-range button."""
    options.setdefault("axisItems", tidy_axes() if tidy else signed_axes())
    options.setdefault("enableMenu", False)  # no context menu is built (plot_disposal)
    return managed(layout.addPlot(**options))
