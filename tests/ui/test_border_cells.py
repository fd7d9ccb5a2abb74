"""The output view's class border has no stairs at large sizes (issue 20): the class picture is coloured
from the grid's probabilities interpolated to a cell per pixel of the data area (at least
decision_boundary.FINE_GRID cells a side, at most MOST_FINE), so a border steps by a pixel at most, not by
two or three (a 1920x1080 window drew 199 cells over 415 pixels); Discretize keeps its hard edges."""

from types import SimpleNamespace

import pytest

from nnplay.training import TrainConfig, Trainer
from tests.sweep import sweep


@pytest.fixture(scope="module")
def spiral_run():
    t = Trainer(TrainConfig(dataset="spiral", hidden=(8, 8), seed=1))
    t.run(20)
    return t


@sweep("side", [260, 520, 800], default=0)
@pytest.mark.parametrize("resolution", [47, 100])
@pytest.mark.parametrize("discrete", [False, True])
def test_the_class_picture_has_a_cell_per_pixel_of_the_data_area(qtbot, spiral_run, side, resolution, discrete):
    from nnplay.ui.decision_boundary import FINE_GRID, MOST_FINE, DecisionBoundaryView

    view = DecisionBoundaryView(drawing=False)
    qtbot.addWidget(view)
    view.resize(side, side + 60)
    view.show()
    qtbot.waitExposed(view)
    view.set_run(spiral_run.run_info())
    view.discretize.setChecked(discrete)
    qtbot.wait(20)
    view.set_frame(SimpleNamespace(snapshot=spiral_run.snapshot(grid_resolution=resolution)))
    vb = view.plot.getPlotItem().getViewBox()
    rect = view.image.mapRectToScene(view.image.boundingRect())  # the picture on screen, in pixels
    pixels = max(rect.width(), rect.height()) * view.devicePixelRatioF()
    cells = view.image.image.shape[0]
    wanted = min(MOST_FINE, max(FINE_GRID, pixels))  # (the grid's step makes it about that: within 15%)
    assert cells >= 0.85 * wanted, (cells, pixels, vb.width())  # a border steps by ~a pixel (it was 2.2)
    assert cells <= 1.15 * wanted  # never far past it: the cost of a frame follows the cells
    step = (cells - 1) // (resolution - 1)
    assert cells == step * (resolution - 1) + 1  # the grid's own points among the cells
    assert view.image.smooth != discrete  # Discretize keeps hard edges
