"""Compare's run B draws its picture over the pair of inputs its pane shows (tester: with a
4-input CSV on the c-d plane, at the fork A's pane showed the c-d picture and B's, of the same
weights, an a-b one: four quadrants of a label that does not depend on c or d). Every picture
of a run spans the window's pair (``shared_plane``), and a view never draws a frame's pictures
under another pair's axes."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

pytestmark = pytest.mark.timeout(120)


def _four_inputs(path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(1500, 4))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    np.savetxt(path, np.c_[X, y], delimiter=",", header="a,b,c,d,label", comments="", fmt="%.5f")
    return str(path)


def _pick(view, axes) -> None:
    """The user picks ``axes`` in ``view``'s X/Y menus."""
    view.axis_x.setCurrentIndex(axes[0])
    view.axis_y.setCurrentIndex(axes[1])
    view.axis_y.activated.emit(axes[1])


def _same_pictures(a, b) -> None:
    np.testing.assert_allclose(a.snapshot.grid, b.snapshot.grid, atol=1e-5)


def test_both_panes_show_the_pictures_of_one_plane_at_the_fork(window, qtbot, tmp_path):
    c, main = window.controller, window.boundary
    assert c.load_csv(_four_inputs(tmp_path / "four.csv"))
    qtbot.waitUntil(lambda: c.run_info.sizes[0] == 4 and c.last_frame is not None, timeout=10000)
    _pick(main, (2, 3))  # c across, d up: the label does not depend on them
    c.step(5)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 5, timeout=10000)
    assert c.fork(lr=3.0)
    qtbot.waitUntil(lambda: c.twin is not None and c.twin.last_frame is not None, timeout=10000)
    cw, twin = window.compare_window, c.twin
    a, b = c.last_frame, twin.last_frame
    assert a.snapshot.epoch == b.snapshot.epoch == 5  # the same weights ...
    _same_pictures(a, b)  # ... the same picture (B's was of a-b)
    assert cw.views["A"].shown_axes == cw.views["B"].shown_axes == main.shown_axes == (2, 3)
    qtbot.waitUntil(lambda: cw.views["B"].image.image is not None, timeout=10000)
    np.testing.assert_allclose(cw.views["A"].image.image, cw.views["B"].image.image, atol=2)
    cd = a.snapshot.grid

    _pick(cw.views["B"], (0, 1))  # a pair picked in a pane: both panes, both runs and the window
    assert main.shown_axes == cw.views["A"].shown_axes == (0, 1)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.grid_axes == (0, 1) and twin.last_frame.snapshot.grid_axes == (0, 1),
                    timeout=10000)
    a, b = c.last_frame, twin.last_frame
    _same_pictures(a, b)
    assert not np.allclose(a.snapshot.grid, cd, atol=0.05)  # (a-b's four quadrants: another picture than c-d's)
    assert [v.plot.getPlotItem().getAxis("bottom").labelText for v in cw.views.values()] == ["a", "a"]
    c.stop_comparing()


def test_a_frame_of_another_plane_is_not_drawn(window, qtbot, tmp_path):
    c, view = window.controller, window.boundary
    assert c.load_csv(_four_inputs(tmp_path / "four.csv"))
    qtbot.waitUntil(lambda: c.run_info.sizes[0] == 4 and c.last_frame is not None, timeout=10000)
    # (a new run's first frame is of (0, 1): the view's default pair, here another, reaches the run after it)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.grid_axes == view.shown_axes, timeout=10000)
    frame, other = c.last_frame, (0, 1) if view.shown_axes != (0, 1) else (2, 3)
    view.set_frame(dataclasses.replace(frame, snapshot=dataclasses.replace(frame.snapshot, grid_axes=other)))
    assert view.image.image is None  # one pair's titles over another's picture: not drawn
    view.set_frame(frame)
    assert view.image.image is not None
