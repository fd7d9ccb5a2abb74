"""A plot's value axis never shows an impossible value: a loss below 0 (the loss plot's stepped range
reached -0.5 for a loss from 5 down to 0.01), a gradient norm below 0, an accuracy outside [0, 1]."""

import math

import numpy as np
import pyqtgraph as pg
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnplay.ui.stepped_range import SteppedYRange, keeps, stepped

values = st.floats(0, 1e6, allow_nan=False)


@given(values, values, st.sampled_from([(0.0, math.inf), (0.0, 1.0), (-math.inf, math.inf)]))
def test_a_bounded_stepped_range_holds_its_data_and_stays_within_the_bounds(a, b, bounds):
    lo, hi = min(a, b), max(a, b)
    if bounds[1] == 1.0:
        lo, hi = lo / 1e6, hi / 1e6  # an accuracy
    shown = stepped(lo, hi, bounds)
    assert bounds[0] <= shown[0] <= lo and hi <= shown[1] <= bounds[1] and shown[0] < shown[1]
    if hi - lo > 1e-9 * max(1.0, hi):
        assert keeps(shown, lo, hi, bounds)  # kept while the data stays


def test_a_loss_that_fell_from_5_to_001_is_shown_from_0():
    assert stepped(0.01, 5.0)[0] < 0  # the fault: unbounded, the padding and rounding went below 0
    assert stepped(0.01, 5.0, (0.0, math.inf)) == pytest.approx((0.0, 6.0))
    assert stepped(0.0, 0.0, (0.0, math.inf))[0] == 0.0  # a loss of exactly 0: the axis starts at 0


def test_on_a_log_axis_a_bound_of_zero_bounds_nothing(qtbot):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.setLogMode(y=True)
    curve = plot.plot()
    stepper = SteppedYRange(plot, bounds=(0.0, math.inf))
    curve.setData(np.arange(3.0), [1e-3, 1e-1, 10.0])
    stepper.update()
    assert stepper.shown[0] < -3 and stepper.shown[1] > 1


def _fall(curve, stepper, plot):
    x = np.arange(50.0)
    curve.setData(x, 0.01 + 4.99 * np.exp(-x / 3))  # 5 falling to 0.01 (after a learning-rate change)
    stepper.update()
    return plot.getViewBox().viewRange()[1]


def test_the_loss_and_gradient_norm_plots_never_go_below_zero(qtbot):
    from nnplay.ui.gradients import GradientView
    from nnplay.ui.loss_curves import LossCurvesView

    loss = LossCurvesView()
    qtbot.addWidget(loss)
    lo, hi = _fall(loss.curves["train_loss"], loss.loss_range, loss.loss_plot)
    assert lo == 0.0 and hi >= 5.0
    assert loss.acc_plot.getViewBox().viewRange()[1][0] == 0.0  # accuracy: a fixed range from 0
    grads = GradientView()
    qtbot.addWidget(grads)
    grads.norm_plot.setLogMode(y=False)  # (its axis is logarithmic; linear, the bound still holds)
    curve = grads.norm_plot.plot()
    lo, _ = _fall(curve, grads.norm_range, grads.norm_plot)
    assert lo == 0.0
