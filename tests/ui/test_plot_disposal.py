"""pyqtgraph plots are deleted C++ object first, and plots that never show a
context menu build none (nnplay/ui/plot_disposal.py: dropping a plot's last
Python reference first freed the wrappers of its menu's form and then let its
C++ destructor look them up, a segfault in PySide's BindingManager)."""

from __future__ import annotations

import pytest
import shiboken6

from nnplay.training import TrainConfig, Trainer
from nnplay.ui.plot_disposal import clear_layout


def test_clear_layout_deletes_the_plots_while_their_wrappers_are_alive(qtbot):
    import pyqtgraph as pg

    widget = pg.GraphicsLayoutWidget()
    qtbot.addWidget(widget)
    plots = [widget.addPlot(row=0, col=k) for k in range(3)]
    forms = [p.ctrl.transformGroup.layout() for p in plots]  # a wrapper of the plot's menu form
    clear_layout(widget)
    assert widget.ci.items == {}
    assert not any(shiboken6.isValid(p) for p in plots + forms)  # gone on the Qt side, with PySide told
    widget.addPlot(row=0, col=0)  # the layout is usable again
    assert len(widget.ci.items) == 1


def test_the_distributions_tab_deletes_the_plots_it_takes_out(qtbot):
    """Laid out again (two columns), it keeps its plots; the plots of a quantity no longer
    shown, and every plot of the run before a new one, are deleted C++ object first."""
    from nnplay.ui.distributions_view import MIN_COLUMN
    from tests.ui.test_distributions_view import all_quantities_view, frame_of

    t = Trainer(TrainConfig(hidden=(3,), activation="tanh"))
    t.run(2)
    view = all_quantities_view(qtbot, t, height=400)
    old = {key: plot for key, (plot, _, _) in view._items.items()}
    assert old and all(shiboken6.isValid(p) for p in old.values())
    assert all(p.getViewBox().menu is None for p in old.values())  # no ViewBox menu was built for them
    view.resize(2 * MIN_COLUMN + 60, 400)  # two columns now: the plots are laid out again, kept
    qtbot.waitUntil(lambda: view._columns == 2, timeout=3000)
    assert all(shiboken6.isValid(p) for p in old.values())
    view.quantity.setCurrentIndex(view.quantity.findData("A"))
    view.quantity.activated.emit(view.quantity.currentIndex())
    assert not any(shiboken6.isValid(p) for key, p in old.items() if key[1] != "A")
    view.set_run(t.run_info())  # a new run: its plots are made at its first frame drawn
    view.set_frame(frame_of(t))
    view._draw()
    assert not any(shiboken6.isValid(p) for p in old.values())
    assert all(shiboken6.isValid(plot) for plot, _, _ in view._items.values())


@pytest.fixture
def counted_menus(monkeypatch):
    """The pyqtgraph ViewBox menus built while the test runs: the class of the plot each belongs to."""
    import sys

    import pyqtgraph  # noqa: F401 (loads the module below; its package exports the class of the same name)

    viewbox_module = sys.modules["pyqtgraph.graphicsItems.ViewBox.ViewBox"]
    built = []

    class CountedMenu(viewbox_module.ViewBoxMenu):
        def __init__(self, view):
            built.append(type(view.parentItem()).__name__)  # the plot it belongs to
            super().__init__(view)

    monkeypatch.setattr(viewbox_module, "ViewBoxMenu", CountedMenu)
    return built


def test_the_panels_build_no_viewbox_menu(qtbot, counted_menus):
    from nnplay.ui.decision_boundary import DecisionBoundaryView
    from nnplay.ui.gradients import GradientView
    from nnplay.ui.hidden_space import HiddenSpaceView
    from nnplay.ui.landscape_view import LandscapeView
    from nnplay.ui.loss_curves import LossCurvesView
    from nnplay.ui.network_diagram import NetworkDiagram

    t = Trainer(TrainConfig(hidden=(3, 2)))
    for cls in (DecisionBoundaryView, GradientView, HiddenSpaceView, LandscapeView, LossCurvesView, NetworkDiagram):
        qtbot.addWidget(cls())
    gradients = GradientView()
    qtbot.addWidget(gradients)
    gradients.set_run(t.run_info())  # one heatmap (a ViewBox) per layer
    assert counted_menus == []  # (their colour keys too: a pg.ColorBarItem builds one and drops it at once)
