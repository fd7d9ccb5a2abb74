"""Tester's item 8: the curves' hover read-out follows the axis when training
rescales it under a still pointer (it kept "epoch 48" while the pointer came
to stand over epoch ~190)."""

from __future__ import annotations

import re

from PySide6.QtCore import QPointF

from nnplay.ui.loss_curves import LossCurvesView
from tests.ui.test_rate_axis import _history


def _epoch(text: str) -> int:
    return int(re.match(r"epoch (\d+)", text).group(1))


def _view_of_50_epochs(qtbot) -> LossCurvesView:
    view = LossCurvesView()
    qtbot.addWidget(view)
    view.resize(400, 250)
    view.show()
    qtbot.waitExposed(view)
    view.history = _history([0.03] * 50)
    view.draw()
    qtbot.wait(20)
    return view


def test_the_read_out_follows_the_axis_under_a_still_pointer(qtbot, monkeypatch):
    view = _view_of_50_epochs(qtbot)
    vb = view.loss_plot.getViewBox()
    pointer = vb.mapViewToScene(QPointF(48, 0.5))
    view._on_hover((pointer,))
    assert _epoch(view.readout.text()) == 48
    monkeypatch.setattr(view.loss_plot, "underMouse", lambda: True)  # the pointer stays where it is
    view.history = _history([0.03] * 400)
    view.draw()  # the epoch axis rescales to hold 400 epochs
    qtbot.wait(20)
    now = round(vb.mapSceneToView(pointer).x())
    assert now > 100 and _epoch(view.readout.text()) == now


def test_a_pointer_gone_from_the_plots_leaves_the_read_out(qtbot):
    view = _view_of_50_epochs(qtbot)
    view._on_hover((view.loss_plot.getViewBox().mapViewToScene(QPointF(20, 0.5)),))
    view.history = _history([0.03] * 400)
    view.draw()
    assert _epoch(view.readout.text()) == 20  # not under the pointer now: the last value read stays
