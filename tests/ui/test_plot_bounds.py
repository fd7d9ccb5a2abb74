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


def test_one_value_on_a_log_axis_is_shown_a_share_of_a_decade_wide():
    """Fault 4: a gradient norm near 1 alone on a log axis got a range a share of its logarithm
    (near 0): "1.686·10⁰ / 1.685·10⁰", two labels for one value."""
    lo, hi = stepped(0.0003, 0.0003, log=True)  # log10 of 1.0007
    assert hi - lo >= 0.2 and lo < 0.0003 < hi  # (old: 1.0006 … 1.0008)
    assert stepped(5.0, 5.0) == pytest.approx((4.0, 6.0))  # a linear axis: a share of the value, as before


def test_a_plot_emptied_after_a_partial_epoch_shows_the_empty_range(window, qtbot):
    """Fault 6: the Curves plot, emptied by a Reset after a partial epoch, kept the old run's range."""
    from nnplay.ui.stepped_range import EMPTY_RANGE

    c = window.controller
    c.step_batch(3)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.batch_position is not None, timeout=20000)
    c.step(2)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 2, timeout=20000)
    window.curves.set_run(c.run_info)  # what a Reset does before the new run's first frame
    window.gradients.set_run(c.run_info)
    for plot in (window.curves.loss_plot, window.gradients.norm_plot):
        (x0, x1), (y0, y1) = plot.getViewBox().viewRange()
        assert (x0, x1) == pytest.approx(EMPTY_RANGE) and (y0, y1) == pytest.approx(EMPTY_RANGE), plot.objectName()
        assert plot.getPlotItem().empty_note.shown


def test_the_comparison_emptied_shows_the_empty_range(window, qtbot):
    from nnplay.ui.stepped_range import EMPTY_RANGE

    c = window.controller
    assert c.fork(lr=0.3)
    qtbot.waitUntil(lambda: window.compare_window is not None and window.compare_window.isVisible(), timeout=10000)
    cw = window.compare_window
    c.step(3)
    qtbot.waitUntil(lambda: all(len(cw.curves[k].history) >= 4 for k in "AB"), timeout=20000)
    cw.begin("A", "B")  # a new comparison: both runs' curves emptied
    assert cw.plot.getViewBox().viewRange() == [pytest.approx(EMPTY_RANGE), pytest.approx(EMPTY_RANGE)]
    cw.stop_button.click()


def test_a_new_run_keeps_no_zero_floor_of_the_last_one(window, qtbot):
    """Fault 3: the gradient-norm plot's log axis read "0" on a run without a zero norm: the
    floor of the last run's zeros was kept (and the plot's clear took its dashed line away)."""
    import math

    from tests.ui.test_axis_labels import drawn_labels

    c = window.controller
    window.curves.log_scale.setChecked(True)  # (the norms' axis is always logarithmic)
    for view, floor, plot in ((window.gradients, window.gradients.norm_floor, window.gradients.norm_plot),
                              (window.curves, window.curves.loss_floor, window.curves.loss_plot)):
        floor.place([np.array([0.0, 1.0, 3.0])])  # the last run's zeros: a floor at 10⁻¹ marked 0
        assert floor.axis.floor_log == -1.0
        view.set_run(c.run_info)  # a new run, no zero yet
        plot.getPlotItem().setYRange(-1.5, 0.5, padding=0)  # the old floor in view
        assert floor.floor is None and floor.axis.floor_log is None
        assert "0" not in drawn_labels(floor.axis), drawn_labels(floor.axis)
        floor.place([np.array([0.0, 0.5])])  # a zero of the new run: its floor and dashed line
        assert floor.line.scene() is not None and floor.line.isVisible() and floor.line.value() == math.log10(0.01)
