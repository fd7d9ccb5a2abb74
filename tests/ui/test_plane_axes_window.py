"""A penguins-like CSV opens with its output view over two measurements, not
over the one-hot dummies of its first (text) column: in the window (the axis
menus, the titles and the pictures the training process draws) and in
``nnplay render``."""

import pytest

from nnplay.data.plane_axes import default_axes
from tests.data.penguins_like import MEASUREMENTS, write_penguins_like

pytestmark = pytest.mark.timeout(120)


def test_the_window_shows_a_penguins_like_file_over_two_measurements(window, qtbot, tmp_path):
    c, view = window.controller, window.boundary
    box = view.plot.getPlotItem().getViewBox()
    assert box.state["aspectLocked"]  # x1 and x2 of a built-in set: one scale
    assert c.load_csv(str(write_penguins_like(tmp_path / "penguins.csv")))
    qtbot.waitUntil(lambda: c.run_info.sizes[0] == 9 and c.last_frame is not None, timeout=10000)
    names = list(c.data.input_names)
    a, b = view.axis_x.currentIndex(), view.axis_y.currentIndex()
    assert (a, b) == default_axes(c.data.X) and {names[a], names[b]} <= set(MEASUREMENTS), names
    plot = view.plot.getPlotItem()
    assert (plot.getAxis("bottom").labelText, plot.getAxis("left").labelText) == (names[a], names[b])
    # the training process draws the pictures over the same two inputs: their extent spans those columns
    qtbot.waitUntil(lambda: _spans(c.last_frame.snapshot.grid_extent, c.data.X, (a, b)), timeout=10000)
    # a length across and a mass up: each axis its own scale, the plot filled (once that frame is drawn)
    qtbot.waitUntil(lambda: not box.state["aspectLocked"], timeout=10000)
    c.reset()  # a new run on the same data keeps the pair shown
    qtbot.waitUntil(lambda: c.last_frame is not None, timeout=10000)
    assert (view.axis_x.currentIndex(), view.axis_y.currentIndex()) == (a, b)


def _spans(extent, X, axes) -> bool:
    """Whether ``extent`` ((h_min, h_max), (v_min, v_max)) covers columns ``axes`` of X and no more than 25% over."""
    for (lo, hi), j in zip(extent, axes):
        col_lo, col_hi = float(X[:, j].min()), float(X[:, j].max())
        if not (lo <= col_lo and hi >= col_hi and (hi - lo) <= 1.25 * (col_hi - col_lo)):
            return False
    return True


def test_render_draws_the_output_over_the_same_two_measurements(tmp_path):
    from nnplay.data import load_csv
    from nnplay.training import TrainConfig, Trainer
    from nnplay.ui.render import panel_frame

    data = load_csv(write_penguins_like(tmp_path / "penguins.csv"))
    trainer = Trainer(TrainConfig(dataset="csv", hidden=(3,)), data)
    extent = panel_frame(trainer, "output").snapshot.grid_extent
    assert _spans(extent, data.X, default_axes(data.X))


def test_a_file_opens_over_its_first_two_inputs_not_a_pick_made_on_another(window, qtbot, tmp_path):
    """Round 21: a file of four measurements opened over b-d (the two with more distinct values), and a pick made
    on one file was kept for the next file with the same columns."""
    c, view = window.controller, window.boundary
    rows = "\n".join(f"{k % 7 / 10},{k * 1.37 % 11:.2f},{k % 5 / 10},{k * 2.71 % 13:.2f},{k % 2}" for k in range(60))
    for name in ("four.csv", "again.csv"):
        (tmp_path / name).write_text("a,b,c,d,label\n" + rows + "\n")
    assert c.load_csv(str(tmp_path / "four.csv"))
    qtbot.waitUntil(lambda: c.run_info.sizes[0] == 4 and c.last_frame is not None, timeout=10000)
    assert (view.axis_x.currentIndex(), view.axis_y.currentIndex()) == (0, 1)
    view.axis_y.setCurrentIndex(3)  # the user's pick: a-d (as the menu's activated signal tells it)
    view.axes_picked()
    assert view.shown_axes == (0, 3)
    assert c.load_csv(str(tmp_path / "again.csv"))
    qtbot.waitUntil(lambda: view.info.data.name == "again", timeout=10000)
    assert (view.axis_x.currentIndex(), view.axis_y.currentIndex()) == (0, 1) == view.shown_axes
