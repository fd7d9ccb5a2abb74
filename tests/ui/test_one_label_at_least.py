"""Every axis keeps at least one labelled value where one label fits: a log axis within
one decade (3…4, 2…9) a hundred pixels long was left without any label (two did not fit
and the fallback wanted two), so a reader could not read it."""

import math

import pytest


@pytest.mark.parametrize("lo, hi", [(3, 4), (2, 9), (5, 9), (1.2, 1.5), (2e-5, 9e-5), (200, 900)])
@pytest.mark.parametrize("log", [True, False])
def test_a_short_axis_keeps_one_labelled_value(qtbot, lo, hi, log):
    from nnplay.ui.plot_layout import labelled
    from nnplay.ui.plots import plot_widget
    from tests.ui.test_tick_labels import value_of

    p = plot_widget()
    qtbot.addWidget(p)
    p.setLogMode(x=log)
    p.resize(150, 150)
    p.show()
    qtbot.waitExposed(p)
    p.setXRange(*((math.log10(lo), math.log10(hi)) if log else (lo, hi)), padding=0)
    qtbot.wait(20)
    from PySide6.QtGui import QImage, QPainter

    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        labels = labelled(p.getAxis("bottom").generateDrawSpecs(painter))
    finally:
        painter.end()
    assert labels, (lo, hi, log)
    assert all(lo <= value_of(t.replace("−", "-")) <= hi for t in labels), labels  # each reads a value in view


def test_one_tick_is_the_roundest_value_in_reach():
    from nnplay.ui.axis_ticks import inner_ticks, one_tick

    assert one_tick(3.36, 3.57) == [3.5]
    assert one_tick(2.2, 8.7) == [5.0]
    assert one_tick(0.0012, 0.0019) == pytest.approx([0.0015])
    assert one_tick(3.36, 3.57, whole=True) == []
    assert inner_ticks(0.4771, 0.6021, 103.0, 69.8, log=True) == pytest.approx([math.log10(3.5)])
