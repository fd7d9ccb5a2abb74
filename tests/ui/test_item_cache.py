"""Axes blitted from a pixmap between their changes (issue 20): a plot's axis reaches
into its data area (its ticks), so every frame's new curve repainted the axis's
tick labels too; cached on screen (``ui/item_cache.py``) an axis is painted again
only when its ticks change, and an export still writes it as text."""

from __future__ import annotations

import collections
import re

import numpy as np
import pyqtgraph as pg
import pytest

from nnplay.ui.item_cache import ScreenCached
from nnplay.ui.plot_disposal import MenulessColorBar
from nnplay.ui.plots import plot_widget


@pytest.fixture
def painted(monkeypatch):
    """How many times each AxisItem was painted (its ``paint`` called by Qt), and every curve ("curves")."""
    count = collections.Counter()
    plain = pg.AxisItem.paint

    def paint(self, *args):
        count[id(self)] += 1
        return plain(self, *args)

    monkeypatch.setattr(pg.AxisItem, "paint", paint)
    curve_paint = pg.PlotCurveItem.paint

    def paint_curve(self, *args):
        count["curves"] += 1
        return curve_paint(self, *args)

    monkeypatch.setattr(pg.PlotCurveItem, "paint", paint_curve)
    return count


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(320, 220)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(60)


def test_a_new_curve_does_not_repaint_the_axes_until_their_ticks_change(qtbot, painted):
    plot = plot_widget()
    curve = plot.plot(np.arange(50.0), np.sin(np.arange(50.0)))
    plot.setXRange(0, 100, padding=0)
    plot.setYRange(-1, 1, padding=0)
    _shown(qtbot, plot)
    left, bottom = plot.getAxis("left"), plot.getAxis("bottom")
    assert isinstance(left, ScreenCached) and isinstance(bottom, ScreenCached)
    before = painted.copy()
    for step in range(5):  # frames: a longer curve from the left edge, the ranges unchanged
        curve.setData(np.arange(51.0 + step), np.cos(np.arange(51.0 + step)))
        plot.viewport().repaint()
    assert painted["curves"] >= before["curves"] + 5  # each frame's curve was painted
    assert painted[id(left)] == before[id(left)] and painted[id(bottom)] == before[id(bottom)]
    plot.setXRange(0, 200, padding=0)  # new ticks: the bottom axis is painted again
    plot.viewport().repaint()
    assert painted[id(bottom)] > before[id(bottom)]


def test_a_colour_bars_axes_are_cached_too(qtbot):
    bar = MenulessColorBar(values=(-1.0, 1.0), interactive=False, colorMapMenu=False, orientation="horizontal")
    assert all(bar.getAxis(side).cacheMode() == bar.getAxis(side).CacheMode.DeviceCoordinateCache
               for side in ("left", "bottom", "top", "right"))


def test_an_export_writes_the_axes_as_text_uncached(qtbot):
    """The app's SVG export (ui.export) turns the cache off while it paints: tick labels stay text."""
    from nnplay.ui.export import svg_bytes

    plot = plot_widget()
    plot.plot(np.arange(10.0), np.arange(10.0))
    plot.setXRange(0, 10, padding=0)
    _shown(qtbot, plot)
    axis = plot.getAxis("bottom")
    modes = []
    plain = axis.setCacheMode
    axis.setCacheMode = lambda mode: (modes.append(mode), plain(mode))
    svg = svg_bytes([plot]).decode()
    labels = re.findall(r"<text[^>]*>\s*([^<\s]*)\s*<", svg)
    assert {"2", "4", "6", "8"} <= set(labels)  # the bottom axis's tick labels, as text
    assert modes[0] == axis.CacheMode.NoCache and modes[-1] == axis.CacheMode.DeviceCoordinateCache
