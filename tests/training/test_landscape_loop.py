"""The landscape in the training loop: asked for by SetLandscape, computed between
epochs with its progress in the frames, recomputed as training goes on, cancelled."""

import pytest

from nnplay.training import TrainConfig
from nnplay.training.commands import Build, Play, SetLandscape, SetSpeed, Step
from nnplay.training.landscape_live import LandscapeRequest

from .test_training_loop import Harness

pytestmark = pytest.mark.timeout(60)


def frames_until(h, done, limit=2000):
    for _ in range(limit):
        f = h.frame()
        if done(f):
            return f
    raise AssertionError("the frames never showed it")


def test_asked_computed_with_progress_then_cancelled(monkeypatch):
    from nnplay.training import landscape_live

    # a row of the grid a slice, so that its progress is seen whatever the machine's speed: in a slice of
    # SLICE_SECONDS a fast machine finished the grid at once, and no frame ever had a progress to show
    monkeypatch.setattr(landscape_live, "SLICE_SECONDS", 1e-9)
    h = Harness()
    try:
        h.send(Build(1, TrainConfig(hidden=(4,)), None))
        h.next("run_started")
        assert h.frame().landscape is None  # nothing asked: nothing computed
        h.send(Step(10))
        frames_until(h, lambda f: f.snapshot.epoch == 10)
        # and the finest grid (101 rows, about 0.4 s), so that a frame falls within its computation
        # even when this thread acknowledges frames late (a loaded machine): the loop goes on with
        # the rows while it waits, and a 21-row grid was done before a late acknowledgement
        h.send(SetLandscape(LandscapeRequest(resolution=101, every=5)))
        f = frames_until(h, lambda f: f.landscape is not None and f.landscape.progress is not None)
        assert 0 <= f.landscape.progress < 1
        f = frames_until(h, lambda f: f.landscape.grid is not None)
        assert f.landscape.grid.loss.shape == (101, 101)
        h.send(SetLandscape(LandscapeRequest(resolution=21, every=5)))  # a coarser grid for the live part
        f = frames_until(h, lambda f: f.landscape.grid is not None and f.landscape.grid.loss.shape == (21, 21))
        grid = f.landscape.grid
        assert grid.epoch == 10 and grid.directions == "pca" and grid.loss.shape == (21, 21)
        assert f.landscape.path.shape == (11, 2)
        h.send(SetSpeed(10))
        h.send(Play())  # the path extends live and the plane is recomputed every 5 epochs
        f = frames_until(h, lambda f: f.landscape.grid.epoch >= 15 and f.landscape.progress is None)
        assert f.landscape.path.shape[0] > 11
        h.send(SetLandscape(None))
        f = frames_until(h, lambda f: f.landscape.progress is None)
        epoch = f.landscape.grid.epoch
        f = frames_until(h, lambda f: f.snapshot.epoch > epoch + 50)
        assert f.landscape.grid.epoch == epoch and f.landscape.progress is None  # cancelled: no new grid
    finally:
        h.stop()
