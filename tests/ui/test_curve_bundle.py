"""The gradient norms as one item (curve_bundle): the same picture as one LiveCurve
per layer, exact for the frame shown, and the lanes' data as each curve's would be."""

from __future__ import annotations

import numpy as np
import pytest

from nnplay.ui.curve_bundle import CurveBundle
from nnplay.ui.curve_paths import live_pen
from nnplay.ui.live_curve import LiveCurve
from nnplay.ui.plots import plot_widget


def _lanes_data():
    rng = np.random.default_rng(3)
    n = 3000  # more points than the plot's pixel columns: decimated, spikes kept
    x = np.arange(n, dtype=np.float64)
    busy = np.exp(rng.normal(0, 1, n))
    busy[500:520] = np.nan  # a gap
    busy[900] = 0.0  # not drawable on a log axis: a gap too
    small = 10 ** rng.uniform(-4, -2, 40)
    lone = np.full(40, np.nan)
    lone[7] = 0.5  # its only drawable point: a dot
    return [(x, busy, (31, 119, 180)), (x[:40], small, (255, 127, 14)), (x[:40], lone, (44, 160, 44))]


def _picture(plot):
    plot.repaint()
    return plot.grab().toImage()


@pytest.mark.parametrize("log", [False, True])
def test_a_bundle_draws_what_one_live_curve_per_lane_draws(qtbot, log):
    plot = plot_widget()
    qtbot.addWidget(plot)
    plot.resize(420, 260)
    plot.setLogMode(y=log)
    plot.show()
    qtbot.waitExposed(plot)
    data = _lanes_data()
    plot.setXRange(0, 3000, padding=0)
    plot.setYRange(-5, 2, padding=0) if log else plot.setYRange(0, 12, padding=0)
    bundle = CurveBundle()
    plot.addItem(bundle)
    lanes = [bundle.add_lane(live_pen(rgb), f"lane {i}") for i, (_, _, rgb) in enumerate(data)]
    bundle.set_lanes([(lane, x, y) for lane, (x, y, _) in zip(lanes, data)])
    got = _picture(plot)
    bundle.setVisible(False)
    curves = []
    for x, y, rgb in data:
        curve = LiveCurve(live_pen(rgb))
        plot.addItem(curve)
        curve.setData(x, y)
        curves.append(curve)
    want = _picture(plot)
    assert got == want
    for lane, curve in zip(lanes, curves):  # the points drawn, lane by lane
        for a, b in zip(lane.getData(), curve.getData()):
            np.testing.assert_array_equal(a, b)
    assert lanes[2].lone is not None and lanes[2].lone == curves[2]._lone  # a dot
    # a narrower view: decimated again, to its new columns, as the curves are
    plot.resize(300, 260)
    qtbot.wait(20)
    bundle.setVisible(True)
    for curve in curves:
        curve.setVisible(False)
    got = _picture(plot)
    bundle.setVisible(False)
    for curve in curves:
        curve.setVisible(True)
    assert got == _picture(plot)


def test_a_hidden_lane_is_neither_drawn_nor_in_the_bounds(qtbot):
    plot = plot_widget()
    qtbot.addWidget(plot)
    bundle = CurveBundle()
    plot.addItem(bundle)
    a, b = bundle.add_lane(live_pen("r")), bundle.add_lane(live_pen("b"), z=-1)
    bundle.set_lanes([(a, [0, 1, 2], [1.0, 2.0, 3.0]), (b, [0, 1, 2], [-5.0, 0.0, 9.0])])
    assert bundle.dataBounds(1) == (-5.0, 9.0)
    assert bundle.lanes == [b, a]  # drawn in z order: the twin behind
    b.setVisible(False)
    assert bundle.dataBounds(1) == (1.0, 3.0)
    assert len(bundle.getData()[0]) == 3
    a.setVisible(False)
    assert bundle.dataBounds(1) == (None, None)


def _fresh_draw_equals(plot, old) -> None:
    """``plot``'s picture with bundle ``old`` equals its lanes set at once into a new bundle."""
    plot.repaint()
    before = plot.grab().toImage()
    fresh = CurveBundle()
    for lane in old.lanes:
        copy = fresh.add_lane(lane.opts["pen"], lane.name(), lane.zValue())
        copy.setVisible(lane.isVisible())
    plot.addItem(fresh)
    old.setVisible(False)
    fresh.set_lanes([(c, *lane.given) for c, lane in zip(fresh.lanes, old.lanes)])
    try:
        plot.repaint()
        assert plot.grab().toImage() == before
    finally:
        plot.removeItem(fresh)
        old.setVisible(True)


def test_the_curves_after_the_last_frame_are_a_fresh_draw_of_them(window, qtbot):
    """Frame after frame (smoothing off, then on), the norm, loss and accuracy plots' lanes are
    the values recorded, and each picture equals the same data drawn afresh."""
    g, curves = window.gradients, window.curves
    for weight in (0, 60):
        curves.smoothing.slider.setValue(weight)
        window.controller.step(30)
        qtbot.waitUntil(lambda: window.controller.last_frame.snapshot.epoch >= 30 * (1 + (weight > 0)),
                        timeout=20000)
        qtbot.wait(50)
        recorded = [(g.norms, name, lane) for name, lane in zip(g.norms.names, g._norm_curves)]
        recorded += [(curves.history, name, curves.curves[name])
                     for name in ("train_loss", "test_loss", "train_accuracy", "test_accuracy")]
        for history, name, lane in recorded:
            x, y = history.curve(name)
            np.testing.assert_array_equal(lane.given[0], x)
            if not weight:
                np.testing.assert_array_equal(lane.given[1], y)
            else:
                smoother = g.smoother if history is g.norms else curves.smoother
                raw = smoother._raw[id(lane)]
                assert raw.isVisible() and raw.bundle is lane.bundle
                np.testing.assert_array_equal(raw.given[1], y)
        for plot, bundle in ((g.norm_plot, g.norm_bundle), (curves.loss_plot, curves.bundles["loss"]),
                             (curves.acc_plot, curves.bundles["accuracy"])):
            _fresh_draw_equals(plot, bundle)
    curves.smoothing.slider.setValue(0)


@pytest.mark.parametrize("n", [0, 1, 7, 600, 601, 3001])
def test_peak_decimate_of_rows_is_each_row_decimated(n):
    from nnplay.ui.live_curve import peak_decimate

    rng = np.random.default_rng(n)
    x = np.arange(n, dtype=np.float64)
    y = rng.normal(size=(3, n))
    if n > 10:
        y[1, 3:9] = np.nan
    xs, ys = peak_decimate(x, y, 300)
    for row, got in zip(y, ys):
        want_x, want_y = peak_decimate(x, row, 300)
        np.testing.assert_array_equal(xs, want_x)
        np.testing.assert_array_equal(got, want_y)


@pytest.mark.parametrize("per", [1, 2, 3, 16, 17, 40])
def test_bucket_extremes_are_numpys_reductions(per):
    from nnplay.ui.live_curve import _bucket_extremes

    ys = np.random.default_rng(per).normal(size=(3, 50, per))
    ys[0, 4, :] = np.nan  # an all-NaN bucket stays NaN
    ys[1, :, 0] = np.nan  # a NaN among numbers is ignored
    lo, hi = _bucket_extremes(ys)
    with np.errstate(invalid="ignore"):
        np.testing.assert_array_equal(lo, np.fmin.reduce(ys, axis=-1))
        np.testing.assert_array_equal(hi, np.fmax.reduce(ys, axis=-1))
