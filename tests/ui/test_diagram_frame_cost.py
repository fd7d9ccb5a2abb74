"""The network diagram's cheap frame (issue 20, case B: 48 thumbnails and 344
links a frame): a link's pen is set only when its step of |w| changes, yet every
link always shows its weight's pen; thumbnails are handed to Qt as RGBA."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnplay.training import TrainConfig, Trainer
from nnplay.training.pictures import symmetric_levels, unit_scale, unit_scale_each
from nnplay.ui import colors
from nnplay.ui.network_diagram import (
    EDGE_LEVELS,
    NetworkDiagram,
    _edge_pen_of,
    edge_keys,
)


@pytest.fixture(scope="module")
def run():
    t = Trainer(TrainConfig(dataset="xor", hidden=(4, 3)))
    return t, t.snapshot(grid_resolution=None, neuron_resolution=6)


@pytest.fixture
def diagram(qtbot, run):
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.set_run(run[0].run_info())
    return d


def drawn(d, snap) -> None:
    d.set_frame(SimpleNamespace(snapshot=snap))


def pens_match(d, weights) -> None:
    palette = (colors.positive(), colors.negative())
    for grid, W in zip(d.edges, weights):
        for (i, j), line in np.ndenumerate(grid):
            w = W[i, j]
            assert line.isVisible() == (w != 0)
            if w != 0:
                want = _edge_pen_of(int(edge_keys(W)[i, j]), palette)
                assert (line.pen().color(), line.pen().widthF()) == (want.color(), want.widthF()), (i, j, w)


weights = arrays(np.float64, 3, elements=st.sampled_from([0.0, -0.0, 1e-9, -0.3, 0.3, 0.31, -2.0, 5.0, 80.0]))


@given(st.lists(weights, min_size=1, max_size=4))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_link_shows_the_pen_of_its_latest_weight(qtbot, run, frames):
    t, snap = run
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.set_run(t.run_info())
    for values in frames:
        W = [np.resize(values, w.shape) for w in snap.weights]  # the same few values in every layer
        drawn(d, dataclasses.replace(snap, weights=W))
        pens_match(d, W)


def test_pens_follow_a_palette_change_and_a_weight_that_returns(diagram, run):
    _, snap = run
    drawn(diagram, snap)
    pens_match(diagram, snap.weights)
    before = colors.palette_name()
    other = next(name for name in colors.PALETTES if name != before)
    try:
        colors.set_palette(other)
        drawn(diagram, snap)  # the same weights: every pen changes colour all the same
        pens_match(diagram, snap.weights)
    finally:
        colors.set_palette(before)
    drawn(diagram, snap)
    pens_match(diagram, snap.weights)


def test_edge_keys_step_the_magnitude_and_keep_the_sign():
    W = np.array([[0.0, -0.0, 1e-12, -1e-12], [2.5, -2.5, 5.0, 1e6]])
    k = edge_keys(W)
    assert list(k[0]) == [-1, -1, 1, 0]  # no link; the faintest step, positive then negative
    assert k[1, 0] == 2 * round(0.5 * (EDGE_LEVELS - 1)) + 1 and k[1, 1] == k[1, 0] - 1
    assert k[1, 2] == k[1, 3] == 2 * (EDGE_LEVELS - 1) + 1  # 5 and over: the widest pen


def test_thumbnails_are_rgba_with_undefined_transparent(diagram, run):
    _, snap = run
    neurons = [a.copy() for a in snap.neurons]
    neurons[1][0, 0, 0] = np.nan
    drawn(diagram, dataclasses.replace(snap, neurons=neurons))
    img = diagram.nodes[1][0][0].image
    assert img.dtype == np.uint8 and img.shape == (6, 6, 4)
    assert img[0, 0, 3] == 0 and (img[..., 3] == 255).sum() == 35


values = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.floats(-3, 3))


@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 3), st.integers(0, 3)), elements=values),
       st.sampled_from([None, (-1.0, 1.0), (0.0, 1.0), (2.0, 2.0)]))
def test_a_layer_at_once_is_each_neuron_on_its_own(a, levels):
    with np.errstate(all="ignore"):
        each = unit_scale_each(a, levels)
    for k in range(a.shape[0]):
        with np.errstate(all="ignore"):
            alone = unit_scale(a[k], levels if levels is not None else symmetric_levels(a[k]))
        np.testing.assert_array_equal(each[k], alone)


def test_thumbnails_are_one_item_and_a_frame_repaints_them_in_place(diagram, run):
    """The atlas (one item for every thumbnail) shows each frame's colours: the
    QImages over its array see a frame's in-place write."""
    import pyqtgraph as pg

    _, snap = run
    assert not [item for item in diagram.view.addedItems if isinstance(item, pg.ImageItem)]
    diagram.resize(500, 400)
    diagram.show()
    rect = diagram.nodes[1][0][1]
    for value in (0.9, -0.9):
        neurons = [a.copy() for a in snap.neurons]
        neurons[1][:, :, 0] = value  # one flat colour: any pixel inside the square is it
        drawn(diagram, dataclasses.replace(snap, neurons=neurons))
        want = diagram.nodes[1][0][0].image[0, 0, :3]
        pos = diagram.view.mapViewToScene(rect.center())
        pixel = diagram.canvas.grab().toImage().pixelColor(diagram.canvas.mapFromScene(pos))
        assert (pixel.red(), pixel.green(), pixel.blue()) == tuple(int(c) for c in want), value


@given(arrays(np.float32, st.tuples(st.integers(1, 4), st.integers(1, 5)),
              elements=st.one_of(st.floats(0, 1, width=32), st.just(np.nan), st.just(np.inf),
                                 st.floats(-2, 2, width=32))))
def test_unit_colours_follow_the_rule(unit):
    """Each value's colour is the table's entry round(255 u), clipped; NaN is transparent."""
    from nnplay.ui.heatmap import diverging_rgba, unit_rgba

    rgba = unit_rgba(unit)
    table = diverging_rgba()
    for (i, j), u in np.ndenumerate(unit):
        if np.isnan(u):
            assert rgba[i, j, 3] == 0
        else:
            k = 255 if u == np.inf else int(np.clip(np.round(np.float32(u) * np.float32(255)), 0, 255))
            assert list(rgba[i, j]) == list(table[k]), (u, k)
