"""The window shows the data loss with the penalty apart, and the links L1 has
switched off as gone (headless, pytest-qt)."""

import numpy as np
import pytest

from nnplay.data import feature_label
from nnplay.numbers import format_number
from nnplay.ui.diagram_readout import describe_edge
from nnplay.ui.loss_text import loss_text, loss_tooltip, readout_parts

pytestmark = pytest.mark.timeout(120)

ALL_FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2")


def _epoch(c):
    return -1 if c.last_frame is None else c.last_frame.snapshot.epoch


def test_loss_words_keep_data_loss_and_penalty_apart_with_the_total_on_hover():
    assert "penalty" not in loss_text(0.0510, 0.0520, 0.0)
    shown = loss_text(0.0510, 0.0520, 0.0465)
    assert "train <b>0.05100</b>" in shown and "test <b>0.05200</b>" in shown and "penalty <b>0.04650</b>" in shown
    tip = loss_tooltip(0.0510, 0.0520, 0.0465)
    assert "train 0.09750, test 0.09850" in tip  # the totals, J_data + penalty (read-outs alike: 4 digits)
    assert "Total" not in loss_tooltip(0.0510, 0.0520, 0.0)
    assert readout_parts(0.05, 0.06, 0.01) == ["train loss 0.05000", "test loss 0.06000", "penalty 0.01000",
                                               "total train 0.06000 / test 0.07000"]
    assert readout_parts(0.05, float("nan"), float("nan")) == ["train loss 0.05000"]


def test_l1_switches_off_links_the_diagram_drops_and_counts(window, qtbot):
    """The issue's case: gauss, all seven features, hidden 4, L1 0.01, 300 epochs."""
    c = window.controller
    c.change(dataset="gauss", features=ALL_FEATURES, hidden=(4,))
    qtbot.waitUntil(lambda: c.run_info.sizes == (7, 4, 1) and _epoch(c) == 0, timeout=10000)
    c.set_regularization(0.01, 0.0)
    c.step(300)
    stat = window.stats["loss"]
    qtbot.waitUntil(lambda: _epoch(c) == 300 and "<b>300</b>" in window.stats["epoch"].text(), timeout=60000)
    snap = c.last_frame.snapshot
    W1 = snap.weights[0]
    zeros, total = snap.zero_weights
    assert total == 32 and zeros >= 14 and int((W1 == 0).sum()) >= 14
    diagram = window.diagram
    for grid, W in zip(diagram.edges, snap.weights):
        shown = np.vectorize(lambda line: line.isVisible())(grid)
        np.testing.assert_array_equal(shown, W != 0)  # a zero weight has no link
    assert diagram.zero_count.isVisibleTo(window) and f"{zeros} of 32" in diagram.zero_count.text()
    dead = [feature_label(name) for name, col in zip(ALL_FEATURES, W1.T) if not col.any()]  # as the diagram names them
    assert dead and all(name in diagram.zero_count.text() for name in dead)
    i, j = map(int, np.argwhere(W1 == 0)[0])
    describe_edge(diagram, 1, i, j)  # as hovering the link does
    assert "switched off" in diagram.readout.text()
    # the toolbar: the data loss, the penalty beside it, the total in the tooltip
    assert f"train <b>{format_number(snap.train_loss)}</b>" in stat.text()
    assert f"penalty <b>{format_number(snap.penalty)}</b>" in stat.text()
    assert f"train {format_number(snap.train_loss + snap.penalty)}" in window.loss_tip.text  # (set on the label when a hover asks)
    # the curves: data loss, the penalty as a curve of its own
    penalty_curve = window.curves.curves["penalty"]
    assert penalty_curve.isVisible() and penalty_curve.getData()[1].size > 0
    # drawn from the epoch it appeared, though the curve was not set while hidden
    np.testing.assert_array_equal(penalty_curve.given[1], window.curves.history.curve("penalty")[1])
    legend = window.curves.loss_plot.getPlotItem().legend
    assert "penalty" in legend.names()
    c.set_regularization(0.0, 0.0)
    c.step(1)
    qtbot.waitUntil(lambda: _epoch(c) == 301 and "penalty" not in stat.text(), timeout=10000)
    assert penalty_curve.isVisible()  # the history still holds the penalty of the first 300 epochs
    c.change(hidden=(3,))  # a new run, never regularised: no penalty curve
    qtbot.waitUntil(lambda: c.run_info.sizes == (7, 3, 1) and _epoch(c) == 0, timeout=10000)
    c.step(2)
    qtbot.waitUntil(lambda: _epoch(c) == 2 and len(window.curves.history) == 3, timeout=10000)
    assert not penalty_curve.isVisible() and "penalty" not in legend.names()
    assert not diagram.zero_count.isVisibleTo(window)
