"""The cheap paths of a live frame: curves drawn with a cosmetic 1-px pen, no
antialiasing, and a y axis that moves in steps (not every frame) while the
curves stay exact."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnplay.ui.curve_paths import cheap_curve, live_pen
from nnplay.ui.stepped_range import (
    SHRINK_BELOW,
    SteppedYRange,
    keeps,
    nice_step,
    stepped,
)

finite = st.floats(-1e6, 1e6, allow_nan=False)


@given(finite, finite)
def test_a_stepped_range_holds_its_data_and_is_not_far_wider(a, b):
    lo, hi = min(a, b), max(a, b)
    shown = stepped(lo, hi)
    assert shown[0] < lo and hi < shown[1]  # padded on both sides
    if hi - lo > 1e-9 * max(1.0, abs(lo), abs(hi)):
        assert keeps(shown, lo, hi)  # a range just fitted is kept while the data stays
        assert shown[1] - shown[0] <= 1.6 * (hi - lo) + 1e-9 * max(1.0, abs(hi))


def test_nice_steps_are_one_two_five():
    assert [nice_step(s) for s in (1.0, 1.5, 3.0, 7.0, 0.04)] == pytest.approx([0.1, 0.2, 0.5, 1.0, 0.005])


def test_a_range_is_refitted_when_data_leaves_it_or_fills_too_little_of_it():
    shown = (0.0, 1.0)
    assert keeps(shown, 0.1, 0.9)
    assert not keeps(shown, -0.1, 0.9) and not keeps(shown, 0.1, 1.2)
    assert not keeps(shown, 0.2, 0.2 + SHRINK_BELOW * 0.9)


@pytest.fixture
def plot(qtbot):
    p = pg.PlotWidget()
    qtbot.addWidget(p)
    return p


def test_the_axis_moves_in_steps_while_a_live_loss_falls(plot):
    curve = plot.plot()
    stepper = SteppedYRange(plot)
    y = np.exp(-np.arange(400) / 100.0)
    changes, last = 0, None
    for n in range(20, 400):
        curve.setData(np.arange(n), y[:n])
        stepper.update()
        lo, hi = plot.getViewBox().viewRange()[1]
        assert lo <= y[:n].min() and y[:n].max() <= hi  # every point of the curve in view, every frame
        changes += stepper.shown != last
        last = stepper.shown
    assert changes < 20  # 380 frames: the axis was redrawn a handful of times, not per frame


def test_on_a_log_axis_the_range_steps_in_log10_of_the_values(plot):
    plot.setLogMode(y=True)
    curve = plot.plot()
    stepper = SteppedYRange(plot)
    curve.setData(np.arange(5.0), [1e-3, 1e-2, 1e-1, 1.0, 10.0])
    stepper.update()
    lo, hi = stepper.shown
    assert lo < -3 and 1 < hi < 2  # decades, not the values themselves


def test_a_live_pen_is_cosmetic_and_one_pixel_and_a_cheap_curve_is_not_antialiased(plot):
    pen = live_pen((10, 20, 30))
    assert pen.isCosmetic() and pen.widthF() == 1 and pen.color().getRgb()[:3] == (10, 20, 30)
    curve = cheap_curve(plot.plot(pen=pen))
    assert curve.opts["antialias"] is False and curve.curve.opts["antialias"] is False
    assert curve.opts["clipToView"] and curve.opts["autoDownsample"]
