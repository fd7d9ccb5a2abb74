"""A regression on one input: the output view's vertical axis (the target) was in
standardised units (a price of 500 ± 300 drawn from −1.7 to 1.7) while its colour
key and the RMSE were in the target's units. Every axis and read-out of the view
is in the target's own units."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from nnplay.data import load_csv
from nnplay.data.columns import ImportOptions
from nnplay.training import TrainConfig
from nnplay.training.trainer import Trainer

MEAN, SPREAD = 500.0, 300.0


@pytest.fixture(scope="module")
def one_input(tmp_path_factory):
    rng = np.random.default_rng(2)
    x = rng.uniform(-1, 1, 80)
    y = MEAN + SPREAD * x + rng.normal(0, 20, 80)
    path = tmp_path_factory.mktemp("units") / "price.csv"
    np.savetxt(path, np.column_stack([x, y]), delimiter=",", header="size,price", comments="")
    data = load_csv(path, options=ImportOptions(standardize_target=True))
    assert data.target_scale is not None and data.n_inputs == 1
    t = Trainer(TrainConfig(dataset="csv", hidden=(3,), lr=0.05), data=data)
    t.run(3)
    return t, y


def test_the_vertical_axis_and_the_points_are_in_the_target_s_units(one_input, qtbot):
    from nnplay.ui.app import configure_pyqtgraph
    from nnplay.ui.decision_boundary import DecisionBoundaryView

    configure_pyqtgraph()
    t, y_file = one_input
    view = DecisionBoundaryView()
    qtbot.addWidget(view)
    view.resize(400, 400)
    view.show()
    view.set_run(t.run_info())
    view.set_frame(SimpleNamespace(snapshot=t.snapshot(grid_resolution=20)))
    qtbot.wait(20)
    (_, _), (bottom, top) = view.plot.getViewBox().viewRange()
    assert bottom <= y_file.min() and top >= y_file.max()  # the axis spans the prices, not −1.7..1.7
    assert top - bottom < 3 * (y_file.max() - y_file.min())
    heights = np.concatenate([item.getData()[1] for item in (view.train_points, view.test_points)
                              if item.getData()[1] is not None])
    assert np.isin(np.round(heights, 6), np.round(y_file, 6)).all()  # each point at its own price
    assert view.value_bar.levels() == pytest.approx((y_file.min(), y_file.max()), rel=1e-6)  # the key, as before
    image = view.image.mapRectToParent(view.image.boundingRect())
    assert image.top() <= y_file.min() and image.bottom() >= y_file.max()  # the picture under the points too


def test_the_hidden_space_caption_names_the_targets_in_their_units(one_input, qtbot):
    from nnplay.numbers import format_number
    from nnplay.ui.hidden_space import HiddenSpaceView

    t, y_file = one_input
    view = HiddenSpaceView()
    qtbot.addWidget(view)
    view.set_run(t.run_info())
    text = view.key.text()
    assert f"({format_number(y_file.min())})" in text and f"({format_number(y_file.max())})" in text


def test_the_targets_range_is_found_once_per_data_set_not_at_every_frame(one_input, qtbot, monkeypatch):
    """The output view's key and caption need the targets' range: it was two passes over every row
    at every frame (100,000 of a large CSV); now once per data set (``target_axis.target_range``),
    the same numbers, and new data (a new target array) gets its own range, never the last one's."""
    from nnplay.data.dataset import Dataset
    from nnplay.ui import target_axis
    from nnplay.ui.app import configure_pyqtgraph
    from nnplay.ui.decision_boundary import DecisionBoundaryView

    configure_pyqtgraph()
    t, y_file = one_input
    view = DecisionBoundaryView()
    qtbot.addWidget(view)
    view.set_run(t.run_info())
    passes = []
    plain = target_axis.in_target_units

    def counted(values, scale):
        if np.shape(values) == np.shape(t.data.y):
            passes.append(1)
        return plain(values, scale)

    from nnplay.ui import decision_boundary

    for module in (target_axis, decision_boundary):  # (wherever the view converts the targets)
        monkeypatch.setattr(module, "in_target_units", counted)
    target_axis._RANGES.clear()
    for _ in range(5):  # five frames
        t.run(1)
        view.set_frame(SimpleNamespace(snapshot=t.snapshot(grid_resolution=20)))
    assert len(passes) == 1  # once, for the five frames
    assert view.value_bar.levels() == pytest.approx((y_file.min(), y_file.max()), rel=1e-6)
    assert target_axis.target_range(t.data, units=False) == (t.data.y.min(), t.data.y.max())
    doubled = Dataset(t.data.X, t.data.y * 2.0, t.data.task, input_names=list(t.data.input_names),
                      target_scale=t.data.target_scale)  # new data: a new target array, twice as wide
    lo, hi = target_axis.target_range(doubled)
    y2 = doubled.y * doubled.target_scale[1] + doubled.target_scale[0]
    assert (lo, hi) == pytest.approx((y2.min(), y2.max()))
    assert target_axis.target_range(t.data) == pytest.approx((y_file.min(), y_file.max()), rel=1e-6)


@pytest.fixture(scope="module")
def constant(tmp_path_factory):
    """A regression CSV whose target is 0.5 on every row (tester, round 20)."""
    rng = np.random.default_rng(0)
    path = tmp_path_factory.mktemp("constant") / "flat.csv"
    np.savetxt(path, np.column_stack([rng.uniform(-3, 3, (60, 2)), np.full(60, 0.5)]), delimiter=",",
               header="x1,x2,y", comments="")
    t = Trainer(TrainConfig(dataset="csv", hidden=(2,)), data=load_csv(path))
    t.run(3)
    return t


def _brush_rgb(item) -> set:
    return {tuple(b.color().getRgb()[:3]) for b in item.data["brush"]}


def test_a_constant_target_s_caption_bar_and_points_agree(constant, qtbot):
    """The caption said "orange low (0.5) to blue high (0.5)" while the bar ran -0.5..1.5 and the points (all
    0.5) were drawn orange, the bar's low end, where 0.5 is the bar's middle colour."""
    from nnplay.ui.app import configure_pyqtgraph
    from nnplay.ui.colors import diverging_lut, lookup_table, lut_index, value_maps
    from nnplay.ui.decision_boundary import DecisionBoundaryView
    from nnplay.ui.hidden_space import HiddenSpaceView

    configure_pyqtgraph()
    view = DecisionBoundaryView()
    qtbot.addWidget(view)
    view.set_run(constant.run_info())
    view.set_frame(SimpleNamespace(snapshot=constant.snapshot(grid_resolution=9)))
    text = view.caption.text()
    assert "every target is 0.5" in text and "low (0.5)" not in text, text
    assert view.value_bar.levels() == pytest.approx((-0.5, 1.5))
    middle = tuple(int(c) for c in lookup_table(value_maps()[0])[lut_index(0.5)][:3])  # the bar's colour at 0.5
    assert _brush_rgb(view.train_points) == {middle}  # one colour, the bar's at 0.5 (was its orange end)
    hidden = HiddenSpaceView()
    qtbot.addWidget(hidden)
    hidden.set_run(constant.run_info())
    hidden.set_frame(SimpleNamespace(snapshot=constant.snapshot(grid_resolution=9, hidden_layer=1)))
    assert "every target 0.5 (one colour)" in hidden.key.text() and "lowest" not in hidden.key.text()
    assert _brush_rgb(hidden.points) == {tuple(int(c) for c in diverging_lut()[lut_index(0.5)][:3])}  # its middle
