"""Every axis label a user reads writes a negative number with the minus sign "−" that the read-outs
use: a TidyAxis (it wrote "-0.5" beside "(−1.149)"), and the axes of the plots with pyqtgraph's own
tick spacing (the output view, the comparison's output views, the hidden space), which wrote "-9".
Those are ``SignedAxis`` on the left and at the bottom only: pyqtgraph shows every axis handed to a
PlotItem, and top and right ones narrowed the output view's data area (a point at its edge was cut)."""

import pyqtgraph as pg
import pytest

from nnplay.numbers import MINUS
from nnplay.ui.plots import plot_widget


@pytest.mark.parametrize("tidy", [True, False])
def test_negative_tick_labels_of_every_kind_of_axis_have_the_minus_sign(qtbot, tidy):
    widget = plot_widget(tidy=tidy)
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.setXRange(-8, 8, padding=0)
    widget.setYRange(-0.5, 0.5, padding=0)
    widget.show()
    qtbot.waitExposed(widget)
    for side in ("bottom", "left"):
        axis = widget.getPlotItem().getAxis(side)
        levels = axis.tickValues(*axis.range, axis.geometry().width() if side == "bottom" else axis.geometry().height())
        values = [v for _, vs in levels for v in vs if v < 0]
        assert values, side
        texts = axis.tickStrings(values, 1.0, levels[0][0])
        assert all(t.startswith(MINUS) and "-" not in t for t in texts), (side, texts)


def test_a_plot_with_pyqtgraphs_tick_spacing_shows_its_left_and_bottom_axes_only(qtbot):
    widget = plot_widget(tidy=False)
    qtbot.addWidget(widget)
    item = widget.getPlotItem()
    assert [side for side in ("left", "bottom", "top", "right") if item.getAxis(side).isVisibleTo(item)] \
        == ["left", "bottom"]


def _shown_labels(axis: pg.AxisItem) -> list[str]:
    """The labels ``axis`` writes for negative values: its fixed ticks' (a colour bar's), else its
    tickStrings of -9 and -0.5."""
    if axis._tickLevels is not None:
        return [text for level in axis._tickLevels for _, text in level]
    return axis.tickStrings([-9.0, -0.5], 1.0, 0.5)


def test_no_axis_of_any_window_writes_a_hyphen_for_a_minus(window, qtbot):
    """The kind: every AxisItem in every window (the output view, hidden space, landscape, comparison,
    rate finder, the colour bars)."""
    from PySide6.QtWidgets import QApplication

    from nnplay.ui.compare import CompareWindow
    from nnplay.ui.lr_finder_dialog import LrFinderDialog

    window.controller.step(1)
    qtbot.waitUntil(lambda: window.controller.last_frame is not None, timeout=10000)
    window.landscape_action.trigger()
    others = [CompareWindow(window), LrFinderDialog(window.controller, window)]
    window.distributions._rebuild()
    axes = [i for w in QApplication.allWidgets() if isinstance(w, pg.GraphicsView) and w.scene() is not None
            for i in w.scene().items() if isinstance(i, pg.AxisItem) and i.isVisible() and not i.logMode]
    assert len(axes) > 20
    hyphens = [(a.orientation, type(a).__name__, a.getViewWidget().objectName(), t)
               for a in axes for t in _shown_labels(a) if "-" in t]
    assert hyphens == [], "\n".join(map(str, sorted(set(h[:3] for h in hyphens))))
    for w in others:
        w.close()
        w.deleteLater()
