"""Every axis's labels are distinct, in one format, and at least two: over ranges tiny and
huge, spanning decades or within one, and a flat loss's, on linear and log axes (the loss's
with its zero floor, an epoch axis, the rate's right axis) and on colour bars.
The log loss axis read "1.56·10¹⁰" twice, and "1.50·10⁻¹" beside "10⁻¹"."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.layout_check import tick_labels

POWER = re.compile(r"^(?:−?-?(\d+)(?:\.(\d+))?·)?10[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$")
DECIMAL = re.compile(r"^[−-]?\d+(?:\.(\d+))?([kMG]?)$")


def label_format(text: str) -> tuple:
    """The format of one label: ("power", mantissa decimals) for m·10ⁿ and 10ⁿ,
    ("decimal", places, SI suffix) for 0.25 or 350k."""
    m = POWER.match(text)
    if m:
        return "power", len(m.group(2) or "")
    m = DECIMAL.match(text)
    assert m, f"a label neither m·10ⁿ nor a decimal: {text!r}"
    return "decimal", len(m.group(1) or ""), m.group(2)


def format_problems(labels: list[str]) -> list[str]:
    """What is wrong with one axis's labels: under two, a repeat, two formats ("0" is any)."""
    found = []
    if len(labels) < 2:
        found.append(f"under two labels: {labels}")
    if len(set(labels)) != len(labels):
        found.append(f"a label repeated: {labels}")
    formats = {label_format(t) for t in labels if t not in ("0", "0.0")}
    if len(formats) > 1:
        found.append(f"formats {sorted(formats)} mixed: {labels}")
    return found


def test_the_faults_seen_are_caught():
    assert format_problems(["1.56·10¹⁰", "1.56·10¹⁰"])
    assert format_problems(["10⁻¹", "1.50·10⁻¹"])
    assert format_problems(["1.55·10¹⁰", "1.552·10¹⁰"])
    assert format_problems(["800", "1.0k"])
    assert format_problems(["0.4"])
    assert not format_problems(["10⁻⁴", "2·10⁻⁴", "5·10⁻⁴", "10⁻³"])
    assert not format_problems(["0", "0.95·10⁻⁹", "1.00·10⁻⁹"])


@pytest.fixture(scope="module")
def plots(qapp):
    """A loss-like plot (its zero floor axis on the left) and a narrow epoch plot with the rate's right axis."""
    import pyqtgraph as pg
    from PySide6.QtGui import QFont

    from nnplay.ui.log_floor import ZeroFloor
    from nnplay.ui.plot_layout import TidyAxis
    from nnplay.ui.plots import plot_widget

    loss = plot_widget()
    ZeroFloor(loss)
    loss.setLabel("left", "loss")
    loss.resize(300, 240)
    epochs = plot_widget()
    epochs.getPlotItem().setAxisItems({"right": TidyAxis("right")})
    epochs.getPlotItem().showAxis("right")
    epochs.setLabel("bottom", "epoch")
    epochs.resize(220, 170)
    font = QFont(qapp.font())
    font.setPixelSize(12)  # the same font whatever another test left the application's (zoom)
    for w in (loss, epochs):
        for name in ("left", "bottom", "right"):
            w.getPlotItem().getAxis(name).setStyle(tickFont=font)
        w.show()
    qapp.processEvents()
    yield loss.getPlotItem(), epochs.getPlotItem()
    for w in (loss, epochs):
        w.close()
        w.deleteLater()
    qapp.processEvents()
    assert pg  # (imported for its Qt setup)


def settled_labels(qapp, axis) -> list[str]:
    """The labels ``axis`` draws once its width fits them (pyqtgraph widens it a frame later)."""
    for _ in range(3):
        tick_labels(axis)
        qapp.processEvents()
    return [t for _, _, t in tick_labels(axis) if t.strip()]


def show_range(qapp, item, axis_name: str, lo: float, hi: float, log: bool) -> list[str]:
    axis = item.getAxis(axis_name)
    vertical = axis_name in ("left", "right")
    item.setLogMode(**({"y": log} if vertical else {"x": log}))
    if hasattr(axis, "floor_log"):
        axis.setLogMode(log)
    a, b = (math.log10(lo), math.log10(hi)) if log else (lo, hi)
    (item.setYRange if vertical else item.setXRange)(a, b, padding=0)
    qapp.processEvents()
    assert axis.range == pytest.approx([a, b], rel=1e-9, abs=1e-12)
    return settled_labels(qapp, axis)


@pytest.mark.parametrize("lo, hi", [(1.55e10, 1.57e10), (0.09, 0.2), (0.1, 0.16), (0.3, 0.9), (0.5, 0.5000001)])
def test_the_log_loss_axes_seen(qapp, plots, lo, hi):
    """A diverged loss (1.56·10¹⁰ read twice), one within 10⁻¹…2·10⁻¹ ("1.50·10⁻¹" beside "10⁻¹"), a flat one."""
    assert format_problems(show_range(qapp, plots[0], "left", lo, hi, True)) == []


RANGES = st.tuples(st.floats(-12, 12), st.sampled_from([1e-5, 1e-4, 1e-3, 0.01, 0.1, 0.5, 1, 2, 4, 12]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(RANGES, st.booleans())
def test_a_loss_axis_labels_are_distinct_in_one_format_and_two_or_more(qapp, plots, at, log):
    """Tiny and huge losses, a span of a hundred-thousandth of a decade (a flat loss) to twelve decades."""
    exponent, decades = at
    lo, hi = 10.0 ** exponent, 10.0 ** (exponent + decades)
    labels = show_range(qapp, plots[0], "left", lo, hi, log)
    assert format_problems(labels) == [], (lo, hi, log)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(RANGES)
def test_a_rate_axis_labels_are_distinct_in_one_format_and_two_or_more(qapp, plots, at):
    exponent, decades = at
    lo, hi = 10.0 ** exponent, 10.0 ** (exponent + decades)
    assert format_problems(show_range(qapp, plots[1], "right", lo, hi, False)) == [], (lo, hi)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 5000), st.integers(1, 100000))
def test_an_epoch_axis_labels_are_whole_distinct_and_two_or_more(qapp, plots, first, span):
    """Epochs 0…1 (an empty plot's) to 0…100,000. (A zoom under three epochs wide far from 0,
    999…1001, has no room for two labels of four digits: not asked.)"""
    if span < 3 and first + span >= 100:
        return
    # the rate's axis at a learning rate's range: the rate test's last random range was left there, and one
    # of 1.000000·10⁻¹² … 1.000010·10⁻¹² (97 px of labels) left this axis 24 px of the plot's 220 (flaky)
    show_range(qapp, plots[1], "right", 0.01, 0.1, False)
    labels = show_range(qapp, plots[1], "bottom", float(first), float(first + span), False)
    assert format_problems(labels) == [], (first, span)
    # whole numbers, or a narrow axis's compact ones of at most a decimal (12.5k: a step of 500 past 10,000)
    assert all(label_format(t)[0] == "decimal" and label_format(t)[1] <= (1 if label_format(t)[2] else 0)
               for t in labels), labels


@given(st.floats(-1e7, 1e7), st.floats(-12, 8))
def test_a_colour_bar_labels_are_distinct_in_one_format(lo, decades):
    from nnplay.ui.bar_labels import bar_ticks

    hi = lo + 10.0 ** decades
    if not hi - lo > 1e-9 * max(abs(lo), abs(hi)):
        return
    labels = [text for _, text in bar_ticks(lo, hi)]
    assert format_problems(labels) == [], (lo, hi)


def test_labels_growing_wider_are_drawn_in_the_very_next_frame(qapp, plots):
    """pyqtgraph drops a vertical axis's labels wider than the axis is now, and widens it at the
    next layout: the labels vanished for a frame whenever they grew (gradient norms 10⁻³ … 2·10⁻⁵
    after a session was opened). The first specs after the change carry them."""
    item = plots[0]
    axis = item.getAxis("left")
    show_range(qapp, item, "left", 0.2, 0.8, False)  # "0.2" … "0.8": a narrow axis
    width = axis.width()
    item.setYRange(1e6 + 0.25, 1e6 + 0.75, padding=0)  # "1.000000250·10⁶": far wider
    item.getViewBox().updateMatrix()
    assert axis.width() == width  # (not laid out yet)
    labels = [t for _, _, t in tick_labels(axis) if t.strip()]
    assert len(labels) >= 2 and format_problems(labels) == [], labels
