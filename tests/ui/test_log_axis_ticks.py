"""A log axis's tick marks never merge (fault 2: a loss over ~300 decades after a
divergence drew its minor ticks, eight a decade, as one black bar): majors at a
readable spacing, minor marks only as dense as they can be told apart."""

from __future__ import annotations

import numpy as np
import pytest

from nnplay.ui.plot_layout import MIN_TICK_GAP
from nnplay.ui.plots import plot_widget
from tests.ui.test_axis_labels import draw_specs, drawn_labels


def tick_marks(axis) -> list[float]:
    """The positions (pixels along the axis) of every tick mark ``axis`` draws."""
    return sorted(p.y() for _, p, _ in draw_specs(axis)[1])


def log_plot(qtbot, lo: float, hi: float, height: int):
    w = plot_widget()
    qtbot.addWidget(w)
    w.setLogMode(y=True)
    w.plot([0.0, 1.0], [10.0 ** lo, 10.0 ** hi])
    w.setYRange(lo, hi, padding=0)  # (view coordinates: log10 of the values)
    w.resize(300, height)
    w.show()
    qtbot.waitExposed(w)
    return w  # (held by the test: its axis goes with it)


@pytest.mark.parametrize("lo, hi, height", [(-300, 10, 200), (-300, 10, 700), (-20, 2, 160), (-8, 1, 200)])
def test_a_log_axis_over_many_decades_draws_apart_ticks_and_decade_labels(qtbot, lo, hi, height):
    plot = log_plot(qtbot, lo, hi, height)
    axis = plot.getAxis("left")
    marks = tick_marks(axis)
    assert len(marks) >= 2 and np.min(np.diff(marks)) >= MIN_TICK_GAP - 0.5, np.min(np.diff(marks))
    labels = drawn_labels(axis)
    assert len(labels) >= 2 and all(t.startswith("10") for t in labels), labels  # decades only: 10ⁿ


def test_a_log_axis_over_two_decades_keeps_its_minor_marks(qtbot):
    plot = log_plot(qtbot, -2, 0, 400)
    assert len(tick_marks(plot.getAxis("left"))) >= 3 + 2 * 8  # the decades and each one's 2..9
