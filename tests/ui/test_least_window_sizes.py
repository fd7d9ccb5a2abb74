"""A window at its least size cuts nothing and crushes nothing (tester, round 22): the playground at 800 px
wide made as short as it goes squeezed its output plot to a strip (0 px of data area at 800x277); the
backprop inspector at its least, 515x284, cut its header ("Epoch 1, mini-batch 1 of 25 — m = 10 examples,
loss on this" and no more) and left its matrices no room at all."""

from __future__ import annotations

import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.ui.plot_room import MIN_VIEW_PX
from tests.layout_check import text_problems
from tests.settle import settle

pytestmark = pytest.mark.timeout(120)


def test_the_inspector_at_its_least_size_shows_its_header_whole_and_room_for_its_matrices(qtbot):
    from nnplay.ui.inspector import InspectorWindow

    t = Trainer(TrainConfig(dataset="xor", hidden=(4, 2), batch_size=10, seed=1))
    t.run(1)
    win = InspectorWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.set_trace(t.trace_next_batch())
    settle(qtbot)
    win.resize(10, 10)  # Qt keeps the least size
    settle(qtbot)
    try:
        assert text_problems(win) == [], win.size()
        assert win.scroll.viewport().height() >= MIN_VIEW_PX, (win.size(), win.scroll.viewport().height())
    finally:
        win.close()


def test_the_playground_at_its_least_height_keeps_its_output_plot_readable(window, qtbot):
    box = window.boundary.plot.getPlotItem().getViewBox()
    for width in (800, 1280):
        window.resize(width, 10)  # Qt keeps the least height
        settle(qtbot, most_ms=2000)
        window.resize(width, 10)  # (the least after the column fit has hidden or shown what fits)
        settle(qtbot, most_ms=2000)
        assert window.boundary.isVisible(), window.size()
        assert box.height() >= MIN_VIEW_PX, (window.size(), box.height())
        assert text_problems(window.boundary) == [], window.size()  # (its wrapped rows, its axes, its caption)


def test_the_output_plot_keeps_its_least_while_the_curves_are_hidden_and_not_while_they_are_shown(window, qtbot):
    """While the curves are shown, the column fit hides them before the plot is short; once they are hidden (by
    the fit or the View menu), the plot itself keeps MIN_VIEW_PX (so the window's least height is readable)."""
    box, curves = window.boundary.plot.getPlotItem().getViewBox(), window.presentation.panel_actions["curves"]
    assert curves.isChecked() and box.minimumHeight() == 0
    curves.setChecked(False)
    try:
        assert window.lower_tabs.isHidden() and box.minimumHeight() == MIN_VIEW_PX
    finally:
        curves.setChecked(True)
    assert box.minimumHeight() == 0


def test_the_guide_at_its_least_size_shows_its_tabs_whole_and_lines_of_its_page(qtbot):
    """At its least, 135x108, the guide read "Panels | Equ" over three words of a page."""
    from nnplay.ui.guide import GuideWindow

    g = GuideWindow()
    qtbot.addWidget(g)
    g.show()
    g.resize(10, 10)
    settle(qtbot)
    page = g.tabs.currentWidget()
    try:
        assert text_problems(g) == [], g.size()
        assert page.viewport().height() >= 10 * page.fontMetrics().lineSpacing(), g.size()
    finally:
        g.close()
