"""The network diagram's cheap frame (issue 20, case B: 48 thumbnails and 344
links a frame): every link is drawn by one item (``DiagramLinks``) from the
frame's edge keys, one ``drawLines`` per pen in use, no pen set per link, yet
every link always shows its weight's pen; thumbnails are handed to Qt as RGBA."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsLineItem

from nnplay.training import TrainConfig, Trainer
from nnplay.training.pictures import symmetric_levels, unit_scale, unit_scale_each
from nnplay.ui import colors
from nnplay.ui.diagram_links import EDGE_LEVELS, DiagramLinks, LinkHandle, edge_keys
from nnplay.ui.diagram_links import edge_pen as _edge_pen_of
from nnplay.ui.diagram_marks import pruned_pen
from nnplay.ui.network_diagram import NetworkDiagram


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


@pytest.fixture
def shown(qtbot, diagram):
    diagram.resize(520, 420)
    diagram.show()
    qtbot.waitExposed(diagram)
    return diagram


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
    each = unit_scale_each(a, levels)  # (and warns of nothing: pyproject makes a RuntimeWarning an error)
    for k in range(a.shape[0]):
        # a constant picture (every finite value the same) is on its layer's scale (pictures.half_widths)
        finite = a[k][np.isfinite(a[k])]
        with np.errstate(all="ignore"):  # (1e308 - -1e308 is inf: not constant)
            own = a if finite.size and finite.max() - finite.min() <= 1e-6 * np.abs(finite).max() else a[k]
        alone = unit_scale(a[k], levels if levels is not None else symmetric_levels(own))
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
    """Each value's colour is the table's entry round((LUT_SIZE - 1) u), clipped (0.5, a signed scale's 0, the
    middle entry: white); NaN is transparent."""
    from nnplay.ui.colors import LUT_SIZE
    from nnplay.ui.heatmap import diverging_rgba, unit_rgba

    rgba = unit_rgba(unit)
    table = diverging_rgba()
    for (i, j), u in np.ndenumerate(unit):
        if np.isnan(u):
            assert rgba[i, j, 3] == 0
        else:
            top = LUT_SIZE - 1
            k = top if u == np.inf else int(np.clip(np.round(np.float32(u) * np.float32(top)), 0, top))
            assert list(rgba[i, j]) == list(table[k]), (u, k)


def test_one_item_holds_every_link(shown, run):
    _, snap = run
    drawn(shown, snap)
    items = shown.canvas.scene().items()
    assert [item for item in items if isinstance(item, DiagramLinks)] == [shown.links]
    assert not [item for item in items if isinstance(item, QGraphicsLineItem)]  # no item per link (no summary links here)
    links = shown.links
    assert len(links.lines) == sum(W.size for W in snap.weights)  # one line per weight
    assert sum(len(lines) for _, _, lines in links.groups) == links.visible_count() == sum(int((W != 0).sum()) for W in snap.weights)
    for k, (grid, W) in enumerate(zip(shown.edges, snap.weights)):
        assert grid.shape == W.shape and links.visible_count(k) == int((W != 0).sum())
        np.testing.assert_array_equal(links.layer_keys(k), edge_keys(W))
        i, j = 0, W.shape[1] - 1  # a handle's line runs from neuron j of layer k to neuron i of layer k+1
        line = grid[i, j].line()
        assert line.p1() == QPointF(shown.nodes[k][j][1].right(), shown.nodes[k][j][1].center().y())
        assert line.p2() == QPointF(shown.nodes[k + 1][i][1].left(), shown.nodes[k + 1][i][1].center().y())


def test_a_frame_sets_no_pen_per_link_and_paints_one_call_per_pen(shown, run, monkeypatch):
    _, snap = run
    calls = []
    monkeypatch.setattr(LinkHandle, "setPen", lambda self, pen: calls.append(self.n))
    rng = np.random.default_rng(0)
    for _ in range(3):
        W = [rng.normal(0, 2, w.shape) for w in snap.weights]
        W[0][0, 0] = 0.0  # no link
        drawn(shown, dataclasses.replace(snap, weights=W))
        shown.canvas.grab()  # a paint pass
        keys = np.concatenate([edge_keys(w).ravel() for w in W])
        assert shown.links.draws == len(np.unique(keys[keys >= 0])) > 1  # one drawLines per pen in use
    assert calls == []


def test_a_link_is_drawn_in_its_pen_where_it_runs(shown, run):
    """One weight of 5 (the widest, most opaque pen), every other 0: the middle of
    its line is its sign's colour; with that weight 0 too, the background."""
    _, snap = run
    mid = shown.edges[0][1, 0].line().center()

    def pixel(value):
        W = [np.zeros_like(w) for w in snap.weights]
        W[0][1, 0] = value
        drawn(shown, dataclasses.replace(snap, weights=W))
        pos = shown.canvas.mapFromScene(shown.view.mapViewToScene(mid))
        c = shown.canvas.grab().toImage().pixelColor(pos)
        return np.array([c.red(), c.green(), c.blue()])

    background = pixel(0.0)
    for value, rgb in ((5.0, colors.positive()), (-5.0, colors.negative())):
        seen = pixel(value)
        want = 0.9 * np.array(rgb[:3]) + 0.1 * background  # the pen's opacity over the background
        assert np.abs(seen - want).max() <= 8, (value, seen, want)
        assert np.abs(seen - background).max() > 40


def test_a_marks_pen_replaces_the_weights_for_one_frame(shown, run):
    """A pruned link's dashes (diagram_marks) over a weight of 5: its solid pen is
    not drawn under them (the gaps show the background); the next frame without
    the mark draws it solid again."""
    _, snap = run
    W = [np.zeros_like(w) for w in snap.weights]
    drawn(shown, dataclasses.replace(snap, weights=W))
    handle, links = shown.edges[0][1, 0], shown.links
    line = handle.line()
    points = [shown.canvas.mapFromScene(shown.view.mapViewToScene(line.pointAt(t))) for t in np.linspace(0.2, 0.8, 40)]

    def colours():
        image = shown.canvas.grab().toImage()
        return {image.pixelColor(p).rgb() for p in points}

    background = colours()
    W[0][1, 0] = 5.0
    frame = dataclasses.replace(snap, weights=W)
    drawn(shown, frame)
    assert not colours() & background  # solid
    handle.setPen(pruned_pen())
    assert handle.pen().style() == pruned_pen().style() and handle.isVisible()
    assert colours() & background  # dashed: the weight's own pen is left out
    assert links.draws == len(links.groups) + 1  # the mark drawn on its own, on top
    drawn(shown, frame)  # a frame without marks: the weight's own pen again
    assert handle.n not in links.own_pens and handle.pen().style() != pruned_pen().style()
    assert not colours() & background


def test_links_are_drawn_again_only_when_a_pen_changes(shown, run):
    """The links are kept as Qt's cached pixmap: a frame whose weights keep every link's pen (new
    thumbnails, weights within the same step) repaints the diagram without drawing a line, and the
    links still show; a weight that crosses a step, a mark or a palette draws them again."""
    _, snap = run
    W = [np.full_like(w, 2.0) for w in snap.weights]
    drawn(shown, dataclasses.replace(snap, weights=W))
    mid = shown.canvas.mapFromScene(shown.view.mapViewToScene(shown.edges[0][1, 0].line().center()))

    def painted():
        before = shown.links.paints
        image = shown.canvas.grab().toImage()
        c = image.pixelColor(mid)
        return shown.links.paints - before, (c.red(), c.green(), c.blue())

    first = painted()
    assert first[0] == 1
    neurons = [-a for a in snap.neurons]  # new thumbnails, the same pens (2.0 -> 2.001: the same step of |w|)
    drawn(shown, dataclasses.replace(snap, weights=[w + 0.001 for w in W], neurons=neurons))
    again = painted()
    assert again == (0, first[1])  # not drawn, and the link's pixel as it was
    assert shown.atlas.rgba.any()  # (the thumbnails were repainted from the new frame)
    W2 = [w.copy() for w in W]
    W2[0][1, 0] = -2.0  # one link's sign
    drawn(shown, dataclasses.replace(snap, weights=W2))
    changed = painted()
    assert changed[0] == 1 and changed[1] != first[1]
    shown.edges[0][0, 0].setPen(pruned_pen())  # a mark
    assert painted()[0] == 1
