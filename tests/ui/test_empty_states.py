"""Every epoch plot's empty state: after a Reset (the Distributions tab's epoch axis read
0.2…0.8), in the comparison at epoch 0 (its epoch axis had no tick), and with no point
at all: an axis from 0, at least one epoch wide, labelled in two or more whole numbers,
and a "No data yet" note exactly while the plot has no point."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest

from nnplay.ui.plot_layout import TidyAxis
from tests.settle import settle
from tests.ui.test_axis_formats import format_problems
from tests.ui.test_axis_labels import drawn_labels

pytestmark = pytest.mark.timeout(120)


def epoch_plots(top):
    """(where, plot item) of every plot shown in ``top`` whose bottom axis counts epochs."""
    for view in top.findChildren(pg.GraphicsView):
        if not view.isVisible():
            continue
        for item in view.scene().items():
            if isinstance(item, pg.PlotItem) and item.isVisible():
                axis = item.getAxis("bottom")
                if isinstance(axis, TidyAxis) and axis.whole and axis.isVisible():
                    yield f"{view.parentWidget().objectName() or type(view.parentWidget()).__name__}", item


def drawn(item) -> bool:
    """Whether a data item draws a mark: a line needs two finite points, a scatter (or a live
    curve, which dots a lone point) one."""
    x, y = item.getData()[:2]
    if x is None or y is None:
        return False
    finite = int(np.count_nonzero(np.isfinite(np.asarray(x, float)) & np.isfinite(np.asarray(y, float))))
    return item.isVisible() and finite >= (
        1 if isinstance(item, pg.ScatterPlotItem) or getattr(item, "marks_lone_point", False) else 2)


def empty_state_problems(top, qtbot) -> list[str]:
    from nnplay.ui.plot_layout import EPOCH_PAD

    found, seen = [], 0
    for where, item in epoch_plots(top):
        seen += 1
        axis = item.getAxis("bottom")
        lo, hi = axis.range
        labels = drawn_labels(axis)
        if lo < -EPOCH_PAD * (hi - lo) or hi - lo < 1 - 1e-9:  # (a pad left of 0: a dot at epoch 0 whole)
            found.append(f"{where}: epochs {lo:g}…{hi:g}")
        if len(labels) < 2 or not all(t.replace(",", "").isdigit() for t in labels):
            found.append(f"{where}: epoch labels {labels} over {lo:g}…{hi:g}")
        note = getattr(item, "empty_note", None)
        empty = not any(drawn(d) for d in item.listDataItems())
        if note is None or note.shown != empty:
            found.append(f"{where}: no data {empty}, note {None if note is None else note.shown}")
    return found if seen else ["no epoch plot found"]


def test_every_epoch_plot_after_a_reset_is_from_0_whole_and_labelled(window, qtbot):
    c = window.controller
    window.resize(1024, 768)
    c.step(3)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 3, timeout=20000)
    c.reset()
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 0, timeout=20000)
    found = []
    tabs = window.lower_tabs
    for tab in range(tabs.count()):
        tabs.setCurrentIndex(tab)
        qtbot.wait(200)  # (settle() measured slower here: a tab keeps painting for 250-300 ms on a loaded machine)
        found += [f"tab {tabs.tabText(tab)}: {p}" for p in empty_state_problems(window, qtbot)]
    assert found == []


def test_the_comparison_at_epoch_0_has_a_whole_epoch_axis_from_0(window, qtbot):
    c = window.controller
    assert c.fork(lr=0.3)
    qtbot.waitUntil(lambda: window.compare_window is not None and window.compare_window.isVisible(), timeout=10000)
    cw = window.compare_window
    qtbot.waitUntil(lambda: all(len(cw.curves[k].history) >= 1 for k in "AB"), timeout=10000)
    assert settle(qtbot)
    assert empty_state_problems(cw, qtbot) == []  # from epoch 0, at least one epoch wide, two whole labels
    # fault 1: one point per curve drew no line and the plot said nothing ("No data yet" beside the
    # read-outs' epoch-0 losses after that): each lone point is a dot, as in the main window's plots
    assert all(len(cw.curves[k].history) == 1 for k in "AB")
    assert not cw.plot.getPlotItem().empty_note.shown
    assert all(cw.curves[k].train_curve._lone is not None for k in "AB")
    # fault 4: auto-ranged on those points, its log axis was squeezed to one value ("7.375·10⁻¹ / 7.370·10⁻¹")
    cw.log_scale.setChecked(True)
    assert settle(qtbot)  # the log axis drawn
    assert format_problems(drawn_labels(cw.plot.getAxis("left"))) == []
    c.step(1)
    qtbot.waitUntil(lambda: all(len(cw.curves[k].history) >= 2 for k in "AB"), timeout=10000)
    assert not cw.plot.getPlotItem().empty_note.shown
    assert settle(qtbot)
    x_auto, y_auto = cw.plot.getViewBox().autoRangeEnabled()
    assert x_auto and y_auto  # fitted to the curves again
    cw.stop_button.click()


def test_a_plot_without_a_point_says_so_and_with_one_does_not(qtbot):
    from nnplay.ui.plot_layout import epoch_axis
    from nnplay.ui.plots import plot_widget

    w = plot_widget()
    qtbot.addWidget(w)
    item = w.getPlotItem()
    epoch_axis(item)
    curve = item.plot([], [])
    w.resize(300, 200)
    w.show()
    qtbot.wait(50)
    assert item.empty_note.shown and item.empty_note.label.text() == "No data yet"
    axis = item.getAxis("bottom")
    assert axis.range[0] >= 0 and axis.range[1] - axis.range[0] >= 1
    curve.setData([0.0, 1.0], [0.5, 0.4])
    assert not item.empty_note.shown
    curve.setData([0.0], [0.5])  # one point: a line draws nothing (the comparison at epoch 0)
    assert item.empty_note.shown
    curve.setData([], [])
    assert item.empty_note.shown
    curve.setData([0.0, 1.0], [0.5, float("nan")])  # one drawable point: no line
    assert item.empty_note.shown
    curve.setData([0.0, 1.0], [0.5, 0.4])
    assert not item.empty_note.shown
    item.setLogMode(y=True)
    curve.setData([0.0, 1.0], [0.0, 0.4])  # a log axis draws no 0
    assert item.empty_note.shown
    dots = item.plot([2.0], [0.3], pen=None, symbol="o")  # one dot is a mark
    assert not item.empty_note.shown
    item.removeItem(dots)
    assert item.empty_note.shown
    box, note = item.getViewBox().sceneBoundingRect(), item.empty_note.label.sceneBoundingRect()
    assert box.contains(note)  # across the data area, whole


def test_the_learning_rate_finder_plot_says_no_data_yet_until_its_curve(window, qtbot):
    from nnplay.ui.lr_finder_dialog import LrFinderDialog

    dialog = LrFinderDialog(window.controller, window)
    qtbot.addWidget(dialog)
    note = dialog.plot.getPlotItem().empty_note
    assert note.shown and note.label.text() == "No data yet"
    dialog.curve.setData([1e-4, 1e-3, 1e-2], [0.7, 0.5, 0.9])
    assert not note.shown
