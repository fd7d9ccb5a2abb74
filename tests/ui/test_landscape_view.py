"""The loss landscape window: drawn from the frames, asked for only while open, stopped by
Stop, exported as PNG, SVG and CSV, and rendered from a saved session."""


import pickle

import numpy as np
import pandas as pd
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.landscape_live import LandscapeRequest, compute_landscape
from tests.image_colours import hex_colours


@pytest.fixture(scope="module")
def trained():
    t = Trainer(TrainConfig(hidden=(4, 2), optimizer="momentum", lr=0.1))
    t.run(40)
    return t


def test_the_view_draws_the_grid_the_path_and_says_what_it_is(qapp, trained):
    from nnplay.ui.landscape_view import LandscapeView

    land = compute_landscape(trained, LandscapeRequest(resolution=11))
    view = LandscapeView()
    view.show_landscape(land)
    image = view.image.image
    assert image.shape == (11, 11)
    np.testing.assert_allclose(image, np.log10(land.grid.loss))
    x, y = view.path.getData()
    np.testing.assert_array_equal(np.c_[x, y], land.path)
    assert tuple(view.current.getData()[0]) == (land.current[0],)
    assert view.plot.getAxis("bottom").labelText.startswith("PC1")
    text = view.caption.text()
    assert "principal directions" in text and "% of its variance" in text and not view.hatch.isVisible()
    lo, hi = view.bar.levels()
    assert lo == pytest.approx(image.min()) and hi == pytest.approx(image.max())
    overflowed = land.grid.loss.copy()
    overflowed[0, 0] = np.inf  # an overflow is hatched, never a colour
    from dataclasses import replace

    drawn = []
    draw = view._draw_grid
    view._draw_grid = lambda grid: (drawn.append(grid), draw(grid))
    view.show_landscape(pickle.loads(pickle.dumps(land)))  # the next frame's copy of the same grid: not redrawn
    assert drawn == []
    view.show_landscape(replace(land, grid=replace(land.grid, loss=overflowed, serial=land.grid.serial + 1)))
    assert len(drawn) == 1
    assert np.isnan(view.image.image[0, 0]) and view.hatch.isVisible() and "Hatched" in view.caption.text()
    view.close()


@pytest.mark.fresh_window  # it closes the window
def test_the_window_asks_while_open_draws_exports_and_stops(window, qtbot, tmp_path):
    from nnplay.training.commands import SetLandscape
    from nnplay.ui.landscape_view import export_landscape_csv

    sent = []
    send = window.controller.run.send
    window.controller.run.send = lambda cmd: (sent.append(cmd), send(cmd))[1]
    window.controller.step(5)
    qtbot.waitUntil(lambda: window.controller.last_frame.snapshot.epoch == 5, timeout=10000)
    assert not export_landscape_csv(window, str(tmp_path / "none.csv"))  # nothing computed: one line, no file
    assert "not computed yet" in window.errors[-1][1] and not (tmp_path / "none.csv").exists()
    window.landscape.resolution.setValue(9)
    window.landscape_action.trigger()
    assert window.landscape_window.isVisible()
    asked = [c for c in sent if isinstance(c, SetLandscape)]
    assert asked[-1].request == LandscapeRequest(resolution=9)
    qtbot.waitUntil(lambda: window.landscape.landscape is not None and window.landscape.landscape.grid is not None,
                    timeout=10000)
    assert window.landscape.landscape.grid.epoch == 5 and window.landscape.image.image.shape == (9, 9)
    for suffix in ("png", "svg"):
        assert window.export_panel("landscape", str(tmp_path / f"landscape.{suffix}")), window.errors
    assert b"<svg" in (tmp_path / "landscape.svg").read_bytes()
    assert export_landscape_csv(window, str(tmp_path / "landscape.csv"))
    table = pd.read_csv(tmp_path / "landscape.csv", comment="#")
    grid, path = table[table.kind == "grid"], table[table.kind == "path"]
    assert len(grid) == 81 and len(path) == 6 and list(path.epoch) == [0, 1, 2, 3, 4, 5]
    assert grid.loss.min() > 0
    assert not window.landscape.stop.isEnabled() and not window.landscape.progress.isVisible()  # nothing under way
    window.landscape.compute.click()
    assert [c for c in sent if isinstance(c, SetLandscape)][-1].request is not None
    window.landscape_window.close()  # a closed window asks for nothing
    assert [c for c in sent if isinstance(c, SetLandscape)][-1].request is None
    window.landscape_action.trigger()
    window.close()  # closing the playground closes the landscape too
    assert not window.landscape_window.isVisible()


def test_the_landscape_window_is_made_when_first_asked_for_and_follows_the_zoom(window, qtbot):
    from nnplay.ui.landscape_view import LandscapeWindow, landscape_made

    assert landscape_made(window) is None and not window.findChildren(LandscapeWindow)  # not made at start
    window.presentation.set_zoom(2.0)
    window.landscape_action.trigger()  # made now, after the zoom
    assert window.landscape_window.isVisible() and landscape_made(window) is window.landscape
    assert window.findChildren(LandscapeWindow) == [window.landscape_window]
    def tick_size(plot):
        return plot.getAxis("left").style["tickFont"].pointSizeF()

    assert tick_size(window.landscape.plot) == pytest.approx(tick_size(window.boundary.plot))  # zoomed as the rest
    window.landscape_window.close()


def test_render_draws_the_landscape_of_a_saved_session(qapp, trained, tmp_path):
    from PySide6.QtGui import QImage

    from nnplay.training.session import Session, save_session
    from nnplay.ui.render import render_session

    path = tmp_path / "run.nnplay"
    save_session(path, Session(trained.config, trained.data, trained.state_dict()))
    render_session(path, "landscape", tmp_path / "l.png", (800, 600))
    image = QImage(str(tmp_path / "l.png"))
    assert (image.width(), image.height()) == (800, 600)
    colours = hex_colours(image, step=20)
    assert len(colours) > 20  # a heatmap, not an empty canvas
    render_session(path, "landscape", tmp_path / "l.svg", (800, 600))
    assert "<image" in (tmp_path / "l.svg").read_text(encoding="utf-8")


def test_a_session_keeps_the_path(trained, tmp_path):
    from nnplay.training.session import (
        Session,
        load_session,
        restore_trainer,
        save_session,
    )

    path = tmp_path / "run.nnplay"
    save_session(path, Session(trained.config, trained.data, trained.state_dict()))
    again = restore_trainer(load_session(path))
    np.testing.assert_array_equal(again.trajectory.points, trained.trajectory.points)
    np.testing.assert_array_equal(again.trajectory.epochs, np.arange(41))


def test_progress_is_shown_row_by_row_and_cancel_is_enabled_only_while_computing(qtbot, trained):
    from dataclasses import replace

    from nnplay.ui.landscape_view import LandscapeView

    land = compute_landscape(trained, LandscapeRequest(resolution=11))
    view = LandscapeView()
    qtbot.addWidget(view)
    view.show()
    asked = []
    view.changed.connect(lambda: asked.append(view.request()))
    assert not view.stop.isEnabled() and not view.progress.isVisible()
    view.show_landscape(replace(land, grid=None, path=None, current=None, progress=12 / 41, rows=(12, 41)))
    assert view.stop.isEnabled() and view.progress.isVisible() and view.progress.text() == "row 12 of 41"
    assert "row 12 of 41" in view.caption.text()
    view.show_landscape(land)  # done: nothing to cancel
    assert not view.stop.isEnabled() and not view.progress.isVisible()
    view.show_landscape(replace(land, progress=0.5, rows=(6, 11)))  # a recomputation under way
    assert view.stop.isEnabled() and view.progress.text() == "row 6 of 11"
    view.stop.click()
    assert asked == [None] and not view.stop.isEnabled() and not view.progress.isVisible()
    view.show_landscape(replace(land, progress=0.5, rows=(6, 11)))  # a frame sent before the cancel arrived
    assert not view.stop.isEnabled()
    view.compute.click()
    assert asked[-1] == LandscapeRequest(resolution=21)


def test_the_caption_names_the_grid_shown_and_the_grid_under_way_never_a_mix(qtbot, trained):
    """A 41×41 grid on screen while a 101×101 one was computed: the caption said "41×41" beside
    "row 12 of 101". Each part of the caption must come from the grid it describes."""
    from nnplay.training.landscape_live import LiveLandscape
    from nnplay.ui.landscape_view import PROMPT, LandscapeView

    live = LiveLandscape()
    live.set_request(LandscapeRequest(resolution=11), trained)
    live.job.work(float("inf"))
    live.shown, live.job = live.job, None
    view = LandscapeView()
    qtbot.addWidget(view)
    view.show_landscape(live.frame(trained))
    assert view.caption.text().startswith("Shown: log₁₀ J over a 11×11 plane") and "Computing" not in view.caption.text()
    live.set_request(LandscapeRequest(resolution=21, directions="random"), trained)  # a new grid asked for
    live.job.work(0.0)  # one row of it
    view.show_landscape(live.frame(trained))
    text = view.caption.text()
    shown, under_way = text.split(" Computing ")
    assert "11×11" in shown and "21×21" not in shown and "principal directions" in shown
    assert under_way.startswith("a 21×21 grid along random") and "11×11" not in under_way
    assert under_way.endswith("row 1 of 21…") and view.progress.text() == "row 1 of 21"
    assert view.image.image.shape == (11, 11) and view.plot.getAxis("bottom").labelText.startswith("PC1")
    view.stop.click()  # cancelled: the caption no longer says anything is computed
    assert "Computing" not in view.caption.text() and "11×11" in view.caption.text()
    view.show_landscape(None)  # a new run: no picture, no axis names, no caption of the old grid
    assert view.caption.text() == PROMPT
    assert view.plot.getAxis("bottom").labelText == "" and view.plot.getAxis("left").labelText == ""
