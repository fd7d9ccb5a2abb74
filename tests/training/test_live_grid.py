"""The output grid of a frame while playing (nnplay/training/live_grid.py):
LIVE_GRID cells a side, interpolated by the window; paused, stepped and for an
export, the grid asked for."""

from dataclasses import replace

import numpy as np
import pytest

from nnplay.training import TrainConfig
from nnplay.training.commands import Build, Pause, Play, SetSpeed, SetView
from nnplay.training.live_grid import LIVE_GRID, SCREEN_GRID, frame_request
from nnplay.training.loop import MAX_SPEED
from nnplay.training.probes import ViewRequest
from tests.training.test_training_loop import Harness

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize("asked, playing, built", [
    (SCREEN_GRID, True, LIVE_GRID), (SCREEN_GRID, False, SCREEN_GRID),
    (800, True, 800),  # an export's fine grid is never coarsened
    (LIVE_GRID // 2, True, LIVE_GRID // 2), (None, True, None),  # coarser, or none: as asked
])
def test_the_grid_a_frame_is_built_at(asked, playing, built):
    view = ViewRequest(grid_resolution=asked, trace=True, focus=(1, 0))
    request = frame_request(view, playing)
    assert request.grid_resolution == built
    assert replace(request, grid_resolution=asked) == view  # nothing else changes
    assert view.grid_resolution == asked  # the loop's own request is left as it is


def test_frames_while_playing_carry_the_live_grid_and_a_pause_the_full_one():
    h = Harness()
    try:
        h.send(Build(1, TrainConfig(dataset="spiral", hidden=(8, 8)), None))
        h.next("run_started")
        assert h.frame().snapshot.grid.shape == (SCREEN_GRID, SCREEN_GRID)
        h.send(SetSpeed(MAX_SPEED))
        h.send(Play())
        playing = [h.frame() for _ in range(4)][1:]
        assert all(f.playing and f.snapshot.grid.shape == (LIVE_GRID, LIVE_GRID) for f in playing)
        assert all(f.snapshot.grid_classes.shape == (LIVE_GRID, LIVE_GRID) for f in playing)
        h.send(Pause())
        f = h.frame()
        while f.playing:
            f = h.frame()
        assert f.snapshot.grid.shape == (SCREEN_GRID, SCREEN_GRID)  # paused: every cell the network's own
        h.send(SetView({"grid_resolution": None}))  # the output view hidden: no grid at all
        h.send(Play())
        f = h.frame()
        while not f.playing:
            f = h.frame()
        assert h.frame().snapshot.grid is None
    finally:
        h.stop()


def test_the_live_grid_is_the_full_grid_at_its_own_points():
    """The coarse grid's points are points of the network's own picture (no other function is drawn)."""
    from nnplay.training import Trainer

    t = Trainer(TrainConfig(dataset="circle", hidden=(4, 2)))
    t.run(5)
    live = t.snapshot(frame_request(ViewRequest(), True)).grid
    (x0, x1), (y0, y1) = t.grid_extent()
    h, v = np.meshgrid(np.linspace(x0, x1, LIVE_GRID), np.linspace(y0, y1, LIVE_GRID))
    with np.errstate(all="ignore"):
        direct = t.net.forward(t.prepare_inputs(np.column_stack([h.ravel(), v.ravel()])))[:, 0]
    np.testing.assert_allclose(live.ravel(), direct, atol=1e-5)
