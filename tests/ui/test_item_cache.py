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


def _key_image(qtbot, bar, view):
    """The colour key ``bar`` as painted on screen in ``view``, as an array."""
    view.viewport().repaint()
    return pg.imageToArray(view.grab().toImage(), copy=True)


def _key_in_view(qtbot, levels):
    from nnplay.ui.heatmap import colour_bar

    view = pg.GraphicsLayoutWidget()
    bar = colour_bar(levels)
    view.addItem(bar)
    qtbot.addWidget(view)
    view.resize(360, 70)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(30)
    return bar, view


def test_a_colour_key_stepped_back_replays_its_drawing_pixel_for_pixel(qtbot, monkeypatch):
    """A colour key whose scale steps back to an earlier bound replays that bound's drawing
    (``item_cache.remember_pictures``: no tick labels generated again), and paints exactly what
    a key drawn afresh at that bound paints; a pen of another colour is a drawing of its own."""
    from nnplay.ui.heatmap import set_bar

    bar, view = _key_in_view(qtbot, (-0.25, 0.25))
    generated = collections.Counter()
    plain = bar.axis.generateDrawSpecs  # (the key's own: tidy_labels')

    def counting(p):
        generated[id(bar.axis)] += 1
        return plain(p)

    monkeypatch.setattr(bar.axis, "generateDrawSpecs", counting)
    for bound in (0.25, 0.4, 0.2, 0.4, 0.25, 0.2):  # a stepped scale's bounds, frame after frame
        set_bar(bar, (-bound, bound))
        shown = _key_image(qtbot, bar, view)
    assert generated[id(bar.axis)] == 2  # 0.4 and 0.2 once each; 0.25 and every step back replayed
    fresh, fresh_view = _key_in_view(qtbot, (-0.2, 0.2))
    assert np.array_equal(shown, _key_image(qtbot, fresh, fresh_view))  # the uncut path's pixels
    set_bar(bar, (-0.4, 0.4))
    grey = _key_image(qtbot, bar, view)
    assert np.array_equal(grey, _key_image(qtbot, *_key_in_view(qtbot, (-0.4, 0.4))))
    before = generated[id(bar.axis)]
    bar.axis.setTextPen(pg.mkPen("r"))  # (as a palette change restyles it): drawn anew, in red
    red = _key_image(qtbot, bar, view)
    assert generated[id(bar.axis)] == before + 1
    assert not np.array_equal(red, grey)
    view.resize(300, 70)  # another size: drawn anew too, as a fresh key of that size
    qtbot.wait(30)
    bar.axis.setTextPen(pg.mkPen("r"))
    fresh_view.resize(300, 70)
    fresh.axis.setTextPen(pg.mkPen("r"))
    set_bar(fresh, (-0.4, 0.4))
    qtbot.wait(30)
    assert np.array_equal(_key_image(qtbot, bar, view), _key_image(qtbot, fresh, fresh_view))


def test_a_colour_key_keeps_a_bounded_number_of_drawings(qtbot):
    from nnplay.ui.heatmap import set_bar
    from nnplay.ui.item_cache import KEPT_PICTURES

    bar, view = _key_in_view(qtbot, (-1.0, 1.0))
    for k in range(KEPT_PICTURES + 10):
        set_bar(bar, (-1.0 - k, 1.0 + k))
        view.viewport().repaint()
    assert len(bar.axis._nnplay_pictures) == KEPT_PICTURES
