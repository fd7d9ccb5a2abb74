"""Every tick label of an axis in one format, reading its own value: powers of ten on a log axis
(the gradient-norm plot mixed "0.0001" and "10⁻⁶"), one style of decimals or of m·10ⁿ on a linear one."""

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnplay.ui.tick_labels import (
    linear_tick_strings,
    log_tick_strings,
    power_of_ten,
    scientific,
)
from tests.settle import settle

POWER = re.compile(r"^(?:(-?\d+(?:\.\d+)?)·)?10([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$")
_DIGITS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def value_of(text: str) -> float:
    """The number a label reads ("2·10⁻⁵", "10³", "0.25", "−0.5", "0"); a minus sign must be "−"."""
    assert "-" not in text, text  # (the minus sign of every number a user reads: "−", as in the read-outs)
    text = text.replace("−", "-")
    m = POWER.match(text)
    if m is None:
        return float(text)
    return float(m.group(1) or 1) * 10.0 ** int(m.group(2).translate(_DIGITS))


def test_powers_of_ten_and_mantissas():
    assert power_of_ten(-6) == "10⁻⁶" and power_of_ten(12) == "10¹²"
    assert scientific(2e-5) == "2·10⁻⁵" and scientific(1.5e-4, 1) == "1.5·10⁻⁴" and scientific(9.99e3, 1) == "1·10⁴"


@pytest.mark.parametrize("low", [1e-7, 3e-5])
def test_a_log_axis_labels_every_tick_as_a_power_of_ten(qtbot, low):
    import numpy as np
    import pyqtgraph as pg

    from nnplay.ui.plot_layout import tidy_axes
    from tests.layout_check import tick_labels

    p = pg.PlotWidget(axisItems=tidy_axes())
    qtbot.addWidget(p)
    p.setLogMode(y=True)
    p.plot(np.arange(50.0), np.geomspace(low, 1e-2, 50))
    p.resize(300, 400)
    p.show()
    assert settle(qtbot)  # laid out and drawn: the ticks are made in the paint
    labels = [text for _, _, text in tick_labels(p.getAxis("left")) if text]
    assert len(labels) >= 3 and "10⁻⁴" in labels and "0.0001" not in labels and "0.001" not in labels
    for text in labels:
        assert POWER.match(text), labels  # never "0.0001" beside "10⁻⁶"


def test_the_gradient_norm_axis_reads_powers_of_ten_and_its_floor_zero(qtbot):
    from nnplay.ui.gradients import GradientView

    view = GradientView()
    qtbot.addWidget(view)
    axis = view.norm_floor.axis
    axis.floor_log = -7.0
    values = [-7.0, -6.0, -5.0 + math.log10(2), -4.0, -3.0 + math.log10(3)]
    assert axis.tickStrings(values, 1.0, 1.0) == ["0", "10⁻⁶", "2·10⁻⁵", "10⁻⁴", ""]  # (3·10⁻³: a mark only)


@given(st.floats(-1e7, 1e7), st.floats(1e-7, 1e7), st.integers(60, 900))
def test_a_linear_axis_uses_one_style_and_every_label_reads_its_value(lo, span, size):
    from nnplay.ui.plot_layout import TidyAxis

    hi = lo + span
    if not (hi > lo and span > 1e-9 * max(abs(lo), abs(hi))):
        return
    axis = TidyAxis("bottom")
    axis.setRange(lo, hi)
    texts = []
    for spacing, values in axis.tickValues(lo, hi, size):
        for v, text in zip(values, linear_tick_strings(values, 1.0, spacing, (lo, hi))):
            texts.append(text)
            assert value_of(text) == pytest.approx(v, abs=spacing / 100), (text, v, spacing)
    styles = {"·" in t for t in texts if t != "0"}
    assert len(styles) <= 1, texts  # all m·10ⁿ or all decimals, never a mix


def test_small_values_on_a_linear_axis_are_not_a_mix_of_e_notation_and_decimals():
    texts = linear_tick_strings([0.0, 2e-5, 4e-5, 1e-4], 1.0, 2e-5, (0.0, 1.1e-4))
    assert texts == ["0", "0.2·10⁻⁴", "0.4·10⁻⁴", "1.0·10⁻⁴"]  # pyqtgraph: "0", "2e-05", "4e-05", "0.00010"
    assert linear_tick_strings([0.0, 0.25, 0.5], 1.0, 0.25, (0.0, 1.0)) == ["0.00", "0.25", "0.50"]
    assert log_tick_strings([-4.0, math.log10(2e-4)]) == ["10⁻⁴", "2·10⁻⁴"]
    # one format with the axis's other ticks: never "10⁻¹" beside "1.50·10⁻¹", nor a label twice
    assert log_tick_strings([-1.0], 1.0, [-1.0, math.log10(0.15)]) == ["1.0·10⁻¹"]
    assert log_tick_strings([math.log10(1.555e10), math.log10(1.56e10)]) == ["1.555·10¹⁰", "1.560·10¹⁰"]
    flat = [-1.3749963989851366, -1.3749912496857857]  # a flat loss: 0.0421700, 0.0421705 (read "4.2170·10⁻²" twice)
    assert log_tick_strings(flat) == ["4.21700·10⁻²", "4.21705·10⁻²"]


def test_two_ticks_far_apart_read_their_own_values():
    """An epoch axis 0…1000 about 190 px long falls back on the ticks 200 and 800
    (axis_ticks): the first was labelled "0", a value under half the spacing taken
    as a rounding residue of 0."""
    assert linear_tick_strings([200.0, 800.0], 1.0, 600.0, (0.0, 1000.0)) == ["200", "800"]
    assert linear_tick_strings([0.0, 5e-17, 0.2], 1.0, 0.1, (0.0, 1.0)) == ["0.0", "0.0", "0.2"]


def test_a_narrow_epoch_axis_labels_each_tick_with_its_value(qtbot):
    """The labels a plot draws stand at their values (the dark screenshot read "0" at epoch 200)."""
    from PySide6.QtGui import QImage, QPainter

    from nnplay.ui.plots import plot_widget

    w = plot_widget()
    qtbot.addWidget(w)
    w.resize(190, 170)
    w.show()
    item = w.getPlotItem()
    item.setLabel("bottom", "epoch")
    axis = item.getAxis("bottom")
    for hi in (1000.0, 920.0, 1450.0):
        item.setXRange(0, hi, padding=0)
        qtbot.waitUntil(lambda: abs(axis.range[1] - hi) < 1e-9, timeout=3000)
        image = QImage(4, 4, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        try:
            _, ticks, texts = axis.generateDrawSpecs(painter)
        finally:
            painter.end()
        labels = [float(t) for _, _, t in texts]
        assert len(labels) >= 2
        at = [a.x() for _, a, _ in ticks]  # tick marks' places along the axis (its own coordinates)
        width = axis.width()
        for label in labels:  # a tick mark stands where the label's value is
            assert min(abs(x - label / hi * width) for x in at) < 3, (hi, labels, at)
