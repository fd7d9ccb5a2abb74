"""No curve lies on its plot's edge (the tester: after one step the loss axis ran
0.71–0.77 and the train loss, 0.7103, lay on the bottom edge: the range fitted to
epoch 0 was kept while the data stayed inside it, however close to the edge)."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

from nnplay.ui.stepped_range import EDGE, SteppedYRange


def test_a_loss_falling_towards_the_bottom_edge_refits_the_range(qtbot):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    train, test = plot.plot(), plot.plot()
    stepper = SteppedYRange(plot, bounds=(0.0, math.inf))
    train.setData([0.0], [0.7135])
    test.setData([0.0], [0.7613])
    stepper.update()
    train.setData([0.0, 1.0], [0.7135, 0.7103])  # one step later
    test.setData([0.0, 1.0], [0.7613, 0.7601])
    stepper.update()
    a, b = plot.getPlotItem().getViewBox().viewRange()[1]
    assert 0.7103 - a >= EDGE * (b - a) and b - 0.7613 >= EDGE * (b - a)


def test_a_loss_of_zero_on_its_bound_keeps_the_range(qtbot):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    curve = plot.plot()
    stepper = SteppedYRange(plot, bounds=(0.0, math.inf))
    curve.setData(np.arange(3.0), [0.5, 0.1, 0.0])
    stepper.update()
    shown = stepper.shown
    curve.setData(np.arange(4.0), [0.5, 0.1, 0.0, 0.0])
    stepper.update()
    assert stepper.shown == shown and shown[0] == 0.0  # nothing lies below a loss of 0: not refitted each frame
