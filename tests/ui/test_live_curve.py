"""LiveCurve (issue 20: a PlotDataItem's setData per curve per frame was a share
of the frame): what it draws is the curve given, on a log axis too, decimated
to the view's pixel columns without losing a spike."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnplay.ui.live_curve import LiveCurve, peak_decimate

values = st.one_of(st.floats(-1e6, 1e6), st.just(np.nan))


@given(arrays(np.float64, st.integers(1, 400), elements=values), st.integers(1, 60))
def test_decimation_keeps_every_spike_and_at_most_two_points_a_column(y, columns):
    x = np.arange(len(y), dtype=np.float64)
    dx, dy = peak_decimate(x, y, columns)
    if len(y) <= 2 * columns:
        assert dx is x and dy is y
        return
    assert len(dx) == len(dy) <= 2 * columns
    assert set(dx) <= set(x) and np.all(np.diff(dx) >= 0)
    if np.isnan(y).all():
        assert np.isnan(dy).all()
    else:
        assert np.nanmax(dy) == np.nanmax(y) and np.nanmin(dy) == np.nanmin(y)
    per = -(-len(y) // columns)
    for k, start in enumerate(range(0, len(y), per)):  # each bucket: its own extremes, or a gap
        bucket = y[start:start + per]
        if np.isnan(bucket).all():
            assert np.isnan(dy[2 * k]) and np.isnan(dy[2 * k + 1])
        else:
            assert (dy[2 * k], dy[2 * k + 1]) == (np.nanmin(bucket), np.nanmax(bucket))


def test_a_live_curve_draws_the_data_given_on_a_log_axis_and_at_the_views_width(qtbot):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(300, 200)
    plot.show()
    qtbot.waitExposed(plot)
    curve = LiveCurve(pg.mkPen("r"), "train")
    plot.addItem(curve)
    assert curve.opts["name"] == "train" and curve.opts["connect"] == "finite"
    y = np.array([1.0, 10.0, 0.0, np.nan, 100.0])
    curve.setData(np.arange(5.0), y)
    np.testing.assert_array_equal(curve.getData()[1], y)
    plot.setLogMode(y=True)  # as the "Log scale" box does: log10, and a gap where a value is not positive
    np.testing.assert_array_equal(curve.getData()[1], [0.0, 1.0, np.nan, np.nan, 2.0])
    np.testing.assert_array_equal(curve.given[1], y)  # the data given, kept
    plot.setLogMode(y=False)
    long = np.sin(np.arange(20_000.0))
    curve.setData(np.arange(20_000.0), long)
    narrow = len(curve.getData()[0])
    assert narrow <= 2 * curve.getViewBox().width() + 2 and np.nanmax(curve.getData()[1]) == long.max()
    plot.resize(600, 200)
    qtbot.waitUntil(lambda: len(curve.getData()[0]) > narrow)  # wider: decimated again to the new columns
    assert len(curve.getData()[0]) <= 2 * curve.getViewBox().width() + 2


@given(arrays(np.float64, st.integers(1, 60), elements=st.one_of(values, st.just(np.inf), st.just(-np.inf))))
def test_a_live_curves_bounds_are_pyqtgraphs_for_the_points_it_draws(y):
    """LiveCurve keeps its bounds when the data is set (no scan per frame); they are the ones
    pyqtgraph's own PlotCurveItem computes for the same points (NaN and infinities left out)."""
    curve = LiveCurve(pg.mkPen("b", width=1))
    curve.setData(np.arange(len(y), dtype=np.float64), y)
    plain = pg.PlotCurveItem(*curve.getData(), pen=pg.mkPen("b", width=1))
    for ax in (0, 1):
        np.testing.assert_array_equal(curve.dataBounds(ax), plain.dataBounds(ax))


def test_a_live_curves_bounds_are_not_scanned_again_after_setdata(monkeypatch):
    scans = []
    plain = pg.PlotCurveItem.dataBounds
    monkeypatch.setattr(pg.PlotCurveItem, "dataBounds", lambda self, *a, **k: scans.append(a) or plain(self, *a, **k))
    curve = LiveCurve(pg.mkPen("b", width=1))
    curve.setData(np.arange(5.0), np.array([1.0, np.nan, -2.0, 4.0, 0.5]))
    assert curve.dataBounds(0) == (0.0, 4.0) and curve.dataBounds(1) == (-2.0, 4.0)
    assert curve.boundingRect().height() >= 6.0  # (no view: no pixel padding)
    assert scans == []


def _red_pixels(plot) -> int:
    image = plot.grab().toImage()
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if (c := image.pixelColor(x, y)).red() > 200 and c.green() < 60 and c.blue() < 60)


def test_a_lone_point_is_drawn_as_a_dot_and_the_plot_is_not_called_empty(qtbot):
    """The first epoch's loss, or the last finite one before a divergence: one point, which a
    line does not draw; the plot read "No data yet" beside a loss read-out of 14.6."""
    from nnplay.ui.empty_note import note_when_empty

    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(300, 200)
    plot.show()
    qtbot.waitExposed(plot)
    note = note_when_empty(plot.getPlotItem())
    curve = LiveCurve(pg.mkPen("r"), "train")
    plot.addItem(curve)
    plot.setXRange(0, 10, padding=0)
    plot.setYRange(13, 16, padding=0)
    curve.setData([0.0, 1.0], [14.6, np.inf])  # a diverged run: epoch 1's loss is not a number
    qtbot.wait(50)
    assert not note.shown and curve._lone == (0.0, 14.6)
    dot = _red_pixels(plot)
    assert dot >= 9  # a dot of about 3 px radius
    curve.setData([0.0, 1.0, 2.0], [14.6, 14.0, 13.5])  # a line now: no dot, the line itself
    qtbot.wait(50)
    assert curve._lone is None and not note.shown
    curve.setData([], [])
    qtbot.wait(50)
    assert note.shown and _red_pixels(plot) == 0  # nothing left drawn, the note back
