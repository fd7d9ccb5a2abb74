"""The cheap paths of a live frame: curves drawn with a cosmetic 1-px pen, no
antialiasing, and a y axis that moves in steps (not every frame) while the
curves stay exact."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from nnplay.ui.curve_paths import cheap_curve, live_pen
from nnplay.ui.stepped_range import (
    PAD,
    SHRINK_BELOW,
    STEPS,
    SteppedYRange,
    keeps,
    nice_step,
    stepped,
)

finite = st.floats(-1e6, 1e6, allow_nan=False)


@given(finite, finite)
@example(943824.0, -907437.0)  # a step of 5e5 for a padded span of 2.04e6: 1.62x wide
@example(0.0, 5e-324)  # a span too small for a step (its tenth is 0.0): math domain error before
@example(1e6, 999999.9999999999)  # a span of one float step: a step finer than a float could not pad it
def test_a_stepped_range_holds_its_data_and_is_not_far_wider(a, b):
    lo, hi = min(a, b), max(a, b)
    shown = stepped(lo, hi)
    assert shown[0] < lo and hi < shown[1]  # padded on both sides
    if hi - lo > 1e-9 * max(1.0, abs(lo), abs(hi)):
        assert keeps(shown, lo, hi)  # a range just fitted is kept while the data stays
        # the padded span plus at most a step on each side, a step at most 2.5x the padded span / STEPS
        # (1-2-5: from just over 2 up to 5): at most 1.1 * 1.5 = 1.65 of the data's span
        widest = (1 + 2 * PAD) * (1 + 2 * 2.5 / STEPS)
        assert shown[1] - shown[0] <= widest * (hi - lo) + 1e-9 * max(1.0, abs(hi))


def test_nice_steps_are_one_two_five():
    assert [nice_step(s) for s in (1.0, 1.5, 3.0, 7.0, 0.04)] == pytest.approx([0.1, 0.2, 0.5, 1.0, 0.005])


def test_a_range_is_refitted_when_data_leaves_it_or_fills_too_little_of_it():
    shown = (0.0, 1.0)
    assert keeps(shown, 0.1, 0.9)
    assert not keeps(shown, -0.1, 0.9) and not keeps(shown, 0.1, 1.2)
    assert not keeps(shown, 0.2, 0.2 + SHRINK_BELOW * 0.9)
    assert not keeps(shown, 0.005, 0.9) and not keeps(shown, 0.1, 0.995)  # data on an edge: fitted again
    assert keeps(shown, 0.0, 0.9, bounds=(0.0, math.inf))  # unless the edge is the quantity's bound (a loss of 0)


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


def _class_image_by_arithmetic(classes, confidence, k):
    """class_image's rule computed cell by cell in float64 (its docstring), to check the lookup table."""
    from nnplay.ui import colors

    base = colors.region_rgb(k).astype(np.float64)
    grey = (base @ colors.LUMA.astype(np.float64))[:, None] * np.ones(3)
    lo, hi = colors.CLASS_SATURATION
    c = np.maximum(classes, 0)
    return grey[c] + (base[c] - grey[c]) * (lo + (hi - lo) * confidence)[..., None]


def test_the_class_picture_from_its_lookup_table_is_the_rule_within_a_unit():
    from nnplay.ui import colors

    rng = np.random.default_rng(3)
    classes = rng.integers(-1, 3, (60, 70))
    confidence = rng.random((60, 70)).astype(np.float32)
    img = colors.class_image(classes, confidence, 3)
    assert img.shape == (60, 70, 4) and img.dtype == np.uint8
    ok = classes >= 0
    exact = _class_image_by_arithmetic(classes, confidence, 3)
    assert np.abs(img[..., :3][ok] - exact[ok]).max() <= 0.6  # rounding only
    assert (img[..., 3][ok] == 255).all() and (img[..., 3][~ok] == 0).all()  # undefined: transparent
    hard = colors.class_image(classes, confidence, 3, discrete=True)
    assert np.abs(hard[..., :3][ok] - _class_image_by_arithmetic(classes, np.ones_like(confidence), 3)[ok]).max() <= 0.5


def test_a_heatmap_is_handed_to_qt_as_rgba_and_reads_its_colours_and_nan_back(qtbot):
    from nnplay.ui.colors import diverging_lut
    from nnplay.ui.heatmap import HeatmapItem

    item = HeatmapItem()
    item.set_matrix(np.array([[-2.0, 0.0], [np.nan, 2.0]]), (-2.0, 2.0))
    assert item.image.shape == (2, 2, 4) and item.image.dtype == np.uint8 and item.lut is None  # no colour table
    lut = diverging_lut()
    colours = item.colours()
    assert tuple(colours[0, 0]) == tuple(lut[0]) and tuple(colours[1, 1]) == tuple(lut[-1])
    assert tuple(colours[1, 0]) == (-1, -1, -1) and item.image[1, 0, 3] == 0  # NaN: undefined, transparent
    assert tuple(item.image[0, 1, :3]) == tuple(lut[len(lut) // 2]) == (255, 255, 255)  # 0: the middle, white


@pytest.mark.parametrize("loss", ["bce", "tanh_mse", "ce"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("discrete", [False, True])
def test_the_class_picture_from_the_outputs_is_the_picture_of_their_classes_and_confidence(loss, dtype, discrete):
    """output_class_image (one output: a few passes over the cells) is pixel for pixel
    class_image of predicted_classes and class_confidence, ties, undefined cells and beyond-range outputs too."""
    from nnplay.training.pictures import class_confidence, predicted_classes
    from nnplay.ui import colors

    rng = np.random.default_rng(7)
    if loss == "ce":
        A = rng.random((40, 50, 3)).astype(dtype)
        A /= A.sum(axis=-1, keepdims=True)
        A[0, :2] = [[np.nan, 0.5, 0.5], [1 / 3, 1 / 3, 1 / 3]]
    else:
        A = (rng.random((40, 50)) if loss == "bce" else rng.normal(0, 1.5, (40, 50))).astype(dtype)
        A[1] = 0.5 if loss == "bce" else 0.0  # ties: the upper class, at no confidence
        A[2, :7] = [0, 1, -2, 2, np.nan, np.inf, -np.inf]
    k = 3 if loss == "ce" else 2
    classes = predicted_classes(A.reshape(40 * 50, -1), loss).reshape(40, 50)
    expected = colors.class_image(classes, class_confidence(A, loss), k, discrete)
    np.testing.assert_array_equal(colors.output_class_image(A, loss, k, discrete), expected)
    if loss != "ce":  # a single output as a trailing axis of one
        np.testing.assert_array_equal(colors.output_class_image(A[..., None], loss, k, discrete), expected)
