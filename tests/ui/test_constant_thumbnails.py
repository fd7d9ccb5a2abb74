"""A thumbnail constant over the plane is coloured by its value on its layer's scale, not stretched
to the end colour (tester: a 4-input CSV on the a-d plane drew input b, held at its mean -0.014, as a
solid orange thumbnail, read as strongly negative)."""

from __future__ import annotations

import numpy as np
import pytest

from nnplay.ui.diagram_thumbnails import network_units
from nnplay.ui.heatmap import unit_rgba

pytestmark = pytest.mark.timeout(120)


def test_a_constant_picture_is_on_its_layers_scale():
    ramp = np.linspace(-4.0, 4.0, 36).reshape(6, 6)
    inputs = np.stack([ramp, np.full((6, 6), -0.014), ramp.T * 0.5])  # x, an input held at its mean, y
    hidden = np.stack([np.abs(ramp), np.full((6, 6), 2.0), np.zeros((6, 6))])  # ReLU: live, dead at 2, dead at 0
    units = network_units([inputs, hidden], [None, None])
    assert units[1].max() - units[1].min() == 0 and abs(units[1, 0, 0] - 0.5) < 0.01  # -0.014 of +-4: near white
    assert units[4, 0, 0] == pytest.approx(0.75)  # 2 on the layer's +-4
    assert units[5, 0, 0] == pytest.approx(0.5)
    assert (units[0].min(), units[0].max(), units[2].min(), units[2].max()) == (0.0, 1.0, 0.0, 1.0)  # own scales


def test_an_input_held_at_its_mean_is_a_pale_thumbnail(window, qtbot, tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(1500, 4))
    path = tmp_path / "four.csv"
    np.savetxt(path, np.c_[X, X[:, 0] * X[:, 1] > 0], delimiter=",", header="a,b,c,d,label", comments="",
               fmt="%.5f")
    c, view = window.controller, window.boundary
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.run_info.sizes[0] == 4 and c.last_frame is not None, timeout=10000)
    view.axis_x.setCurrentIndex(0)
    view.axis_y.setCurrentIndex(3)
    view.axis_y.activated.emit(3)  # the a-d plane: b and c held at their training means (about 0)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.grid_axes == (0, 3), timeout=10000)
    held = float(np.asarray(c.last_frame.snapshot.neurons[0])[0, 0, 1])
    assert abs(held) < 0.05
    white = unit_rgba(np.full((1, 1, 1), 0.5, np.float32))[0, 0, 0, :3].astype(int)
    qtbot.waitUntil(lambda: window.diagram.nodes[0][1][0].image is not None, timeout=10000)
    b = window.diagram.nodes[0][1][0].image[..., :3].astype(int)
    inner = b[1:-1, 1:-1] if b.shape[0] > 2 else b  # (within its frame)
    assert np.abs(inner - white).max() <= 8, (inner[0, 0], white)
    # hovered, its big picture too: pale, on the inputs' scale (it was solid orange on a +-0.014 bar)
    c.set_view(focus=(0, 1))
    qtbot.waitUntil(lambda: c.last_frame.snapshot.focus == (0, 1), timeout=10000)
    qtbot.waitUntil(lambda: view.image.key_levels[1] > 1.0, timeout=10000)
    lo, hi = view.image.key_levels
    assert lo == -hi and hi == pytest.approx(np.abs(np.asarray(c.last_frame.snapshot.neurons[0])).max())
    c.set_view(focus=None)
