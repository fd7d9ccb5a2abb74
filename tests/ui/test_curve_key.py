"""Tester's item 5: the Curves panel's key never covers the curves nor is cut
(a four-entry legend inside the plot took ~3/4 of the loss plot at 1280x800,
and "penalty" was cut to "p"), penalty and rate are told apart, and the rate
axis's title is whole."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF

from nnplay.ui.curve_key import CurveKey, pen_sample
from nnplay.ui.loss_curves import LossCurvesView
from tests.ui.test_rate_axis import _history

NAMES = ["train", "test", "penalty", "rate (right axis)"]


@pytest.mark.parametrize("size", [(330, 190), (400, 250), (560, 330)])  # the Curves tab at 1100x680, 1280x800, 1920
def test_the_key_is_above_the_plots_whole_and_short(qtbot, size):
    view = LossCurvesView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.history = _history([0.03] * 10 + [0.01] * 10)  # a penalty (0.5) and a varying rate
    view.draw()
    view._show_penalty(True)  # (as add_frame does for a history with a penalty)
    qtbot.wait(50)
    key, plot = view.key, view.loss_plot
    assert sorted(key.names()) == sorted(NAMES)
    assert key.geometry().bottom() < plot.geometry().top()  # outside the plot: covers nothing
    assert key.heightForWidth(key.width()) <= 2 * key.fontMetrics().lineSpacing() + 4  # at most two lines
    for name in NAMES:
        assert name.replace(" ", "&nbsp;") in key.text()  # each name whole (no break inside one)
    box = plot.getPlotItem().vb.sceneBoundingRect()
    assert box.height() >= 0.5 * plot.height()  # the curves keep most of the plot (the axis takes the rest)
    label = view.lr_axis.axis.label
    assert label.isVisible() and "rate" in label.toPlainText()
    inside = QRectF(plot.viewport().rect())
    m = label.document().documentMargin()  # (blank: the glyphs lie within the text item's margins)
    assert inside.contains(label.sceneBoundingRect().adjusted(m, m, -m, -m))  # the rate axis's title whole


def test_penalty_and_rate_are_drawn_differently():
    view = LossCurvesView()
    penalty = pg.mkPen(view.curves["penalty"].opts["pen"])
    rate = pg.mkPen(view.lr_axis.curve.opts["pen"])
    assert penalty.style() != rate.style() and penalty.color() != rate.color()
    assert pen_sample(penalty) != pen_sample(rate)


def test_a_key_follows_its_curves_and_their_colours(qtbot):
    key = CurveKey()
    qtbot.addWidget(key)
    a, b = pg.PlotDataItem(pen="r"), pg.PlotDataItem(pen=pg.mkPen("b", style=pg.QtCore.Qt.PenStyle.DashLine))
    key.addItem(a, "one")
    key.addItem(b, "two words")
    assert key.names() == ["one", "two words"] and "╌╌" in key.text() and "two&nbsp;words" in key.text()
    a.setPen("g")
    key.refresh()
    assert pg.mkColor("g").name() in key.text()
    key.removeItem(a)
    assert key.names() == ["two words"]
    key.clear()
    assert key.names() == [] and key.text() == ""
