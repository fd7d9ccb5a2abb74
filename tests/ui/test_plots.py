"""No plot shows pyqtgraph's auto-range "A" button: every PlotItem is made by ui.plots, which hides it
(our plots manage their own ranges; the button appeared on hover and undid them)."""

import ast
from pathlib import Path

import pyqtgraph as pg
import pytest

import nnplay

PLOTS_MODULE = "plots.py"


def _plot_items():
    """Every PlotItem (not a colour bar's: pyqtgraph hides those itself) in a scene of any window."""
    from PySide6.QtWidgets import QApplication

    items = []
    for w in QApplication.allWidgets():
        if isinstance(w, pg.GraphicsView) and w.scene() is not None:
            items += [i for i in w.scene().items()
                      if isinstance(i, pg.PlotItem) and not isinstance(i, pg.ColorBarItem)]
    return items


def test_no_plot_in_the_window_shows_the_auto_range_button_on_hover(window, qtbot):
    from nnplay.ui.compare import CompareWindow
    from nnplay.ui.lr_finder_dialog import LrFinderDialog

    window.controller.step(2)
    qtbot.waitUntil(lambda: window.controller.last_frame is not None, timeout=10000)
    window.landscape_action.trigger()  # the landscape window, the comparison, the rate finder, the distributions
    others = [CompareWindow(window), LrFinderDialog(window.controller, window)]
    window.distributions._rebuild()
    items = _plot_items()
    names = {i.getViewWidget().objectName() for i in items if i.getViewWidget() is not None}
    assert {"loss_plot", "accuracy_plot", "gradient_norms", "decision_boundary", "landscape_plot",
            "compare_loss", "lr_finder_plot", "hidden_space_plot"} <= names, names
    assert len(items) > len(names)  # and the Distributions tab's plots (one layout widget, many PlotItems)
    for item in items:
        item.vb.enableAutoRange(enable=False)  # (the button shows only while auto-range is off)
        item.mouseHovering = True  # as pyqtgraph's hoverEvent sets it
        item.updateButtons()
        assert not item.autoBtn.isVisible(), item.getViewWidget()
    for w in others:
        w.close()
        w.deleteLater()


def test_every_plot_is_made_by_ui_plots():
    """A pg.PlotWidget, PlotItem or addPlot anywhere else would bring the button back."""
    made = []
    for path in Path(nnplay.__file__).parent.rglob("*.py"):
        if path.name == PLOTS_MODULE and path.parent.name == "ui":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                    "PlotWidget", "PlotItem", "addPlot"):
                made.append(f"{path.name}:{node.lineno}")
    assert made == []


def _axes_of_every_plot():
    from PySide6.QtWidgets import QApplication

    axes = []
    for w in QApplication.allWidgets():
        if isinstance(w, pg.GraphicsView) and w.scene() is not None:
            axes += [i for i in w.scene().items() if isinstance(i, pg.AxisItem)]
    return axes


def test_no_axis_scales_its_values_by_an_si_prefix(window, qtbot):
    """Tester's item 6: the rate finder's loss axis read "(x0.001)" with ticks 650-692."""
    from nnplay.ui.compare import CompareWindow
    from nnplay.ui.lr_finder_dialog import LrFinderDialog

    window.controller.step(1)
    qtbot.waitUntil(lambda: window.controller.last_frame is not None, timeout=10000)
    window.landscape_action.trigger()
    others = [CompareWindow(window), LrFinderDialog(window.controller, window)]
    window.distributions._rebuild()
    axes = _axes_of_every_plot()
    assert len(axes) > 20
    scaled = [(a.orientation, a.parentItem()) for a in axes if a.autoSIPrefix]
    assert scaled == []
    for w in others:
        w.close()
        w.deleteLater()


def test_a_plot_of_small_values_labels_them_unscaled(qtbot):
    from nnplay.ui.plots import plot_widget

    p = plot_widget()
    qtbot.addWidget(p)
    p.setLabel("left", "loss")
    p.plot([0, 1, 2], [0.650, 0.670, 0.692])
    p.resize(300, 200)
    p.show()
    qtbot.waitExposed(p)
    qtbot.wait(50)
    axis = p.getAxis("left")
    assert axis.range[0] == pytest.approx(0.65, abs=0.01)  # (the axis has its range: the prefix is chosen by it)
    assert axis.autoSIPrefixScale == 1.0 and "x0" not in axis.labelString() and "µ" not in axis.labelString()
