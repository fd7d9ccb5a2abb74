"""Case B's network-size panels cut again (issue 20): every thumbnail of the
diagram coloured in one pass and its hatches set only when they change, the
marks skipped while nothing is marked, and the gradient panel's heatmaps
coloured in one pass. Each cut keeps the picture exact: these tests fail if it
does not."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import numpy as np
import pytest
import shiboken6
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnplay.training import TrainConfig, Trainer
from nnplay.training.pictures import symmetric_levels, unit_scale, unit_scale_each
from nnplay.ui.diagram_thumbnails import network_units
from nnplay.ui.gradients import GradientView
from nnplay.ui.heatmap import colour_matrices, unit_rgba
from nnplay.ui.network_diagram import NetworkDiagram

values = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.floats(-3, 3))


@pytest.fixture(scope="module")
def run():
    t = Trainer(TrainConfig(dataset="circle", hidden=(4, 3), activation="tanh"))
    t.run(3)
    return t, t.snapshot(grid_resolution=None, neuron_resolution=6)


def new_diagram(qtbot, run) -> tuple:
    """A diagram of ``run``'s network, and its snapshot."""
    t, snap = run
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.set_run(t.run_info())
    return d, snap


def drawn(panel, snap) -> None:
    panel.set_frame(SimpleNamespace(snapshot=snap))


@given(st.lists(st.tuples(arrays(np.float64, st.tuples(st.integers(1, 3), st.just(3), st.just(2)), elements=values),
                          st.sampled_from([None, (-1.0, 1.0), (0.0, 1.0), (2.0, 2.0)])), min_size=1, max_size=4))
def test_the_whole_network_at_once_is_each_layer_on_its_own(layers):
    every = network_units([a for a, _ in layers], [lv for _, lv in layers])  # (and warns of nothing: pyproject)
    each = np.concatenate([unit_scale_each(a, lv) for a, lv in layers])
    np.testing.assert_array_equal(every, each)
    assert every.dtype == np.float32


def test_every_thumbnail_is_its_layers_colours(qtbot, run):
    d, snap = new_diagram(qtbot, run)
    drawn(d, snap)
    for l, col in enumerate(d.nodes):
        acts = np.moveaxis(np.asarray(snap.neurons[l]), 2, 0)[:len(col)]
        want = unit_rgba(unit_scale_each(acts, d._levels[l]))
        for k, (thumb, _) in enumerate(col):
            np.testing.assert_array_equal(thumb.image, want[k], err_msg=f"layer {l}, neuron {k}")


@given(st.lists(st.lists(st.booleans(), min_size=12, max_size=12), min_size=1, max_size=5))
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_hatch_shows_exactly_while_its_neuron_is_undefined(qtbot, run, frames):
    """Frame after frame, each neuron's hatch is shown exactly when its output has a non-finite value
    (its hatch is set only when that changes)."""
    d, snap = new_diagram(qtbot, run)
    flat = [(l, k) for l, col in enumerate(d.nodes) for k in range(len(col))]
    assert len(flat) == sum(d.sizes) <= 12  # every neuron drawn
    for bad in frames:
        bad = bad[:len(flat)]
        neurons = [np.array(a, dtype=np.float64) for a in snap.neurons]
        for (l, k), b in zip(flat, bad):
            if b:
                neurons[l][1, 2, k] = np.inf
        drawn(d, dataclasses.replace(snap, neurons=neurons))
        assert [h.isVisible() for h in d._hatches] == bad
        assert d.undefined_label.isVisibleTo(d) == any(bad)


def test_a_frame_of_another_network_leaves_the_thumbnails_as_they_are(qtbot, run):
    d, snap = new_diagram(qtbot, run)
    drawn(d, snap)
    before = d.atlas.rgba.copy()
    neurons = [a[:, :, :1] for a in snap.neurons]  # one neuron a layer: not this diagram's
    drawn(d, dataclasses.replace(snap, neurons=neurons))
    np.testing.assert_array_equal(d.atlas.rgba, before)


def test_marks_come_and_go_though_unmarked_frames_skip_them(qtbot, run):
    """A pruned neuron greys its thumbnail and dashes its links; the next frame without marks
    puts both back, and frames after it (which skip the marks) keep them so."""
    d, snap = new_diagram(qtbot, run)
    drawn(d, snap)
    pruned = [np.zeros(len(b), bool) for b in snap.biases[:-1]]
    pruned[0][1] = True
    drawn(d, dataclasses.replace(snap, pruned_neurons=pruned))
    assert d.nodes[1][1][0].opacity() == pytest.approx(0.2) and d.marks.greyed == [(1, 1)]
    assert d.marks.pruned_links == len(d.edges[1][:, 1])
    for _ in range(2):
        drawn(d, snap)
        assert {thumb.opacity() for col in d.nodes for thumb, _ in col} == {1.0}
        assert d.marks.pruned_links == 0 and not d.links.own_pens and not d.marks.greyed


def test_every_heatmap_coloured_at_once_is_each_on_its_own():
    rng = np.random.default_rng(3)
    mats = [rng.normal(size=(4, 2)), rng.normal(size=(3, 4)) * 1e-4, np.array([[np.nan, np.inf, -0.5]])]
    for scales in ([2.0, 2.0, 2.0], [symmetric_levels(m)[1] for m in mats], [0.0, 1e-300, 5.0]):
        for m, s, (unit, rgba) in zip(mats, scales, colour_matrices(mats, scales)):
            want = unit_scale(m, (-s, s))
            np.testing.assert_array_equal(unit, want)
            np.testing.assert_array_equal(rgba, unit_rgba(want))


def test_a_scale_as_wide_as_the_floats_places_every_finite_value():
    """A diverged run's gradient of -1.79e308 beside one of 1e308: on hi - lo = inf every value sat at
    0 (orange) and a - lo = inf made the finite values transparent (undefined)."""
    big = np.finfo(np.float64).max
    m = np.array([[-big, 0.0, big], [1e308, -1e308, np.nan]])
    (unit, rgba), = colour_matrices([m], [big])
    np.testing.assert_allclose(unit[0], [0.0, 0.5, 1.0])
    assert 0.77 < unit[1, 0] < 0.78 and 0.22 < unit[1, 1] < 0.23 and np.isnan(unit[1, 2])
    assert (rgba[0, :, 3] == 255).all() and rgba[1, 2, 3] == 0  # only the NaN is transparent


@given(st.lists(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)), elements=values),
                min_size=1, max_size=4), st.lists(st.floats(0, 1.7976931348623157e308), min_size=4, max_size=4))
def test_colouring_matrices_together_follows_the_rule(mats, scales):
    for m, s, (unit, rgba) in zip(mats, scales, colour_matrices(mats, scales[:len(mats)])):
        want = unit_scale(m, (-s, s))
        np.testing.assert_array_equal(unit, want)
        np.testing.assert_array_equal(rgba, unit_rgba(want))


@pytest.mark.parametrize("own", [False, True])
def test_the_gradient_panels_heatmaps_are_each_matrix_on_its_scale(qtbot, run, own):
    t, snap = run
    g = GradientView()
    qtbot.addWidget(g)
    g.set_run(t.run_info())
    g.per_layer.setChecked(own)
    dW = [np.array(m, dtype=np.float64) for m in snap.dW]
    dW[1][0, 0] = np.nan
    g.set_frame(SimpleNamespace(snapshot=dataclasses.replace(snap, dW=dW)))
    largest = max(symmetric_levels(m)[1] for m in dW)
    for item, m in zip(g._maps, dW):
        s = symmetric_levels(m)[1] if own else g.key_scale.fit(largest)
        assert item.key_levels == (-s, s)
        with np.errstate(all="ignore"):
            np.testing.assert_array_equal(item.image, unit_rgba(unit_scale(m, (-s, s))))
        np.testing.assert_array_equal(item.values, m)


def test_a_new_run_of_the_same_sizes_keeps_the_heatmaps_blank_until_its_first_frame(qtbot, run):
    """A new run whose layers have the sizes laid out reuses the heatmaps (a new layout was half of
    drawing a new run) but shows nothing of the last run: no picture, no values, no "dW = 0"."""
    t, snap = run
    g = GradientView()
    qtbot.addWidget(g)
    g.set_run(t.run_info())
    dead = [np.zeros_like(snap.dW[0]), *snap.dW[1:]]
    g.set_frame(SimpleNamespace(snapshot=dataclasses.replace(snap, dW=dead)))
    g._maps[1].select((0, 0))
    items, labels = list(g._maps), list(g._labels)
    assert "dW = 0" in labels[0].text and all(m.image is not None for m in items)
    g.set_run(t.run_info())
    assert [id(m) for m in g._maps] == [id(m) for m in items] and len(g._labels) == len(labels)
    assert all(m.image is None and m.values is None and not m.outline.isVisible() for m in g._maps)
    assert ["dW = 0" in label.text for label in g._labels] == [False] * len(labels)
    drawn(g, snap)
    for item, m in zip(g._maps, snap.dW):
        np.testing.assert_array_equal(item.values, m)
    other = Trainer(TrainConfig(dataset="circle", hidden=(5,), activation="tanh"))
    g.set_run(other.run_info())  # a layer less ("-"): the layers left in their cells kept, the last one removed
    assert [id(m) for m in g._maps] == [id(m) for m in items[:2]] and g._labels == labels[:2]
    assert labels[2].scene() is None and (not shiboken6.isValid(items[2]) or items[2].scene() is None)  # (removed)
    assert all(m.image is None and m.values is None for m in g._maps)
    assert [label.text for label in g._labels] == ["layer 1<br>5×2", "output<br>1×5"]
    assert key_cell(g) == (2 * ((2 - 1) // g._columns + 1), 0, g._columns)
    other_snap = other.snapshot(grid_resolution=None, neuron_resolution=6)
    drawn(g, other_snap)  # the kept heatmaps show the new shapes
    for item, m in zip(g._maps, other_snap.dW):
        np.testing.assert_array_equal(item.values, m)
    g.set_run(t.run_info())  # a layer more ("+"): the two kept, a third made, the key moved under it
    assert [id(m) for m in g._maps[:2]] == [id(m) for m in items[:2]] and g._maps[2] is not items[2]
    assert [label.text.split("<br>")[0] for label in g._labels] == ["layer 1", "layer 2", "output"]
    assert key_cell(g) == (2 * ((3 - 1) // g._columns + 1), 0, g._columns)
    assert all(m.values is None for m in g._maps)
    drawn(g, snap)
    for item, m in zip(g._maps, snap.dW):
        np.testing.assert_array_equal(item.values, m)


def key_cell(g) -> tuple[int, int, int]:
    """The colour key's row, first column and columns spanned in the heatmaps' layout."""
    cells = g.maps_widget.ci.items[g.key]
    return cells[0][0], cells[0][1], len(cells)


def test_a_new_network_reuses_the_diagrams_titles_and_names(qtbot, run):
    """A "+"/"-" layer click draws a new network: the layer titles and input names of the last one
    are shown again in the new texts (a new TextItem was a fifth of drawing the diagram), none left over."""
    d, _ = new_diagram(qtbot, run)
    titles, names = [t[0] for t in d.titles], list(d._labels)
    d.set_run(Trainer(TrainConfig(dataset="circle", hidden=(5, 4, 3), activation="tanh")).run_info())  # "+"
    assert [t[0] for t in d.titles][:len(titles)] == titles and d._labels == names
    assert [t[0].toPlainText() for t in d.titles] == ["inputs", "layer 1", "layer 2", "layer 3", "output"]
    assert all(t[0].scene() is d.view.scene() for t in d.titles)
    d.set_run(Trainer(TrainConfig(dataset="circle", hidden=(5,), activation="tanh")).run_info())  # "-" twice
    assert [t[0] for t in d.titles] == titles[:3]
    assert [t[0].toPlainText() for t in d.titles] == ["inputs", "layer 1", "output"]
    texts = {i for i in d.view.addedItems if isinstance(i, type(titles[0]))}  # none of the last network's left over
    assert texts == {t[0] for t in d.titles} | set(d._labels) | {a[0] for a in d.activation_labels.items}
