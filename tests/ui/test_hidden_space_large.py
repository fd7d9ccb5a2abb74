"""Hidden space on a large CSV: it says it is computing until the layer's
picture arrives (an empty 0–1 plot stood there for over 3 s), draws a stated
random sample of the points with one brush per class, keeps its grid lines in
sight above them, and its key says what the grid is for data of more than two
inputs (it promised a grid "over the input plane" of a 6-input CSV)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from nnplay.data.dataset import Dataset
from nnplay.training import TrainConfig, Trainer


@pytest.fixture(scope="module")
def wide_run():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(24_000, 6))
    y = (X[:, 0] + X[:, 1] > 0).astype(int) + (X[:, 2] > 1)
    data = Dataset(X, y, name="wide")
    t = Trainer(TrainConfig(dataset="csv", hidden=(2,), train_ratio=0.9), data)
    return t, t.snapshot(grid_resolution=None, hidden_layer=1)


def test_computing_until_the_picture_then_a_stated_sample_under_the_grid(qtbot, wide_run):
    from nnplay.ui.hidden_space import HiddenSpaceView
    from nnplay.ui.scatter_sample import MAX_POINTS

    t, snap = wide_run
    view = HiddenSpaceView()
    qtbot.addWidget(view)
    view.set_run(t.run_info())
    assert "Computing" in view.message.text() and not view.message.isHidden()
    assert "other inputs" in view.key.text() and "over the input plane" not in view.key.text()
    view.set_frame(SimpleNamespace(snapshot=snap))
    assert view.message.isHidden()
    x, _ = view.points.getData()
    total = len(snap.hidden_space["points"])
    assert total > MAX_POINTS and len(x) == MAX_POINTS
    assert f"Showing a random {MAX_POINTS:,} of the {total:,} training points" in view.key.text()
    assert view.lines.zValue() > view.points.zValue()  # the grid is seen through a dense cloud
    brushes = {id(b) for b in view.points.data["brush"]}
    assert len(brushes) <= 3  # one brush per class, not one per point
    view.layer.activated.emit(0)  # another layer picked: computing again until its picture comes
    assert "Computing" in view.message.text() and not view.message.isHidden()


def test_two_inputs_keep_the_input_plane_words(qtbot):
    from nnplay.ui.hidden_space import HiddenSpaceView

    t = Trainer(TrainConfig(hidden=(2,)))
    view = HiddenSpaceView()
    qtbot.addWidget(view)
    view.set_run(t.run_info())
    assert "grid over the input plane" in view.key.text()
