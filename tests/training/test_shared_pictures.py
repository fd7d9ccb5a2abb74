"""The output grid and the neuron thumbnails of a frame while playing from one
forward pass (probes.output_and_neurons, engine.mlp.forward_and_subgrid): the
same pictures as each computed on its own."""

import numpy as np
import pytest

from nnplay.engine.mlp import MLP, forward_and_subgrid
from nnplay.training import TrainConfig, Trainer
from nnplay.training.live_grid import LIVE_GRID, frame_request
from nnplay.training.packed_arrays import copies
from nnplay.training.picture_net import FLOAT32_SAFE
from nnplay.training.probes import ViewRequest

SETTINGS = [
    dict(dataset="circle", hidden=(8,) * 6, activation="tanh", batch_size=10),  # bench case B: bce
    dict(dataset="spiral-k", classes=4, hidden=(8, 5), activation="relu"),  # ce, 4 outputs
    dict(dataset="multigauss", hidden=(6, 3), activation="sigmoid"),  # regression
]


def shared_buffer(arrays):
    """The 1-D array whose whole ``arrays`` are, C-ordered views one after another, or None."""
    base = arrays[0].base
    if base is None or base.ndim != 1:
        return None
    at = base.__array_interface__["data"][0]
    for a in arrays:
        if a.base is not base or not a.flags.c_contiguous or a.__array_interface__["data"][0] != at:
            return None
        at += a.nbytes
    return base if at == base.__array_interface__["data"][0] + base.nbytes else None


def alone(t, res, n):
    """The grid and the thumbnails each from a snapshot of its own (the code path without the shared pass)."""
    grid = t.snapshot(ViewRequest(grid_resolution=res, neuron_resolution=None))
    thumbs = t.snapshot(ViewRequest(grid_resolution=None, neuron_resolution=n))
    return grid, thumbs


def assert_same_pictures(shared, grid, thumbs):
    np.testing.assert_array_equal(shared.grid, grid.grid)
    if grid.grid_classes is None:
        assert shared.grid_classes is None
    else:
        np.testing.assert_array_equal(shared.grid_classes, grid.grid_classes)
    assert len(shared.neurons) == len(thumbs.neurons)
    for a, b in zip(shared.neurons, thumbs.neurons):
        assert a.shape == b.shape and a.dtype == b.dtype
        np.testing.assert_array_equal(np.isnan(a), np.isnan(b))
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)  # float32: the last bit of a product's rounding


def test_the_live_grid_is_a_grid_the_thumbnails_are_every_other_point_of():
    n = ViewRequest().neuron_resolution
    assert (LIVE_GRID - 1) % (n - 1) == 0  # else a frame while playing takes two forward passes
    t = Trainer(TrainConfig(dataset="circle", hidden=(4, 2)))
    assert t.probes.output_and_neurons(LIVE_GRID, n) is not None
    assert t.probes.output_and_neurons(50, n) is None  # not aligned: each on its own
    assert t.probes.output_and_neurons(LIVE_GRID, 1) is None


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: s["dataset"])
def test_a_playing_frames_pictures_are_those_computed_alone(settings):
    t = Trainer(TrainConfig(**settings))
    t.run(15)
    view = frame_request(ViewRequest(), True)
    assert view.grid_resolution == LIVE_GRID
    assert_same_pictures(t.snapshot(view), *alone(t, LIVE_GRID, view.neuron_resolution))


def test_a_network_float32_cannot_picture_is_pictured_by_its_own_numbers_in_one_pass_too():
    t = Trainer(TrainConfig(dataset="circle", hidden=(3, 3), activation="relu"))
    t.net.weights[0][...] = 10 * FLOAT32_SAFE
    view = frame_request(ViewRequest(), True)
    shared = t.snapshot(view)
    assert shared.neurons[1].dtype == np.float64  # the run's own numbers
    assert_same_pictures(shared, *alone(t, LIVE_GRID, view.neuron_resolution))


def test_undefined_cells_stay_undefined_in_both():
    t = Trainer(TrainConfig(dataset="circle", hidden=(2, 2), activation="relu"))
    t.net.weights[0][...] = [[1e300, 0.0], [0.0, 1e300]]  # relu(1e300 x1), relu(1e300 x2)
    t.net.weights[1][...] = [[1.0, 0.0], [0.0, 1.0]]
    t.net.weights[2][...] = [[1e300, -1e300]]  # inf - inf where both are positive: NaN, "undefined"
    view = frame_request(ViewRequest(), True)
    shared = t.snapshot(view)
    assert np.isnan(shared.grid).any() and not np.isnan(shared.grid).all()
    assert (shared.grid_classes == -1).any()
    assert_same_pictures(shared, *alone(t, LIVE_GRID, view.neuron_resolution))


@pytest.mark.parametrize("res, step", [(7, 2), (7, 3), (5, 1), (9, 4)])
def test_forward_and_subgrid_is_forward_and_the_hidden_outputs_at_every_step_th_point(res, step):
    net = MLP([2, 5, 4, 3], activation="tanh", loss="ce", seed=1)
    X = np.random.default_rng(0).normal(size=(res * res, 2))
    out, acts = forward_and_subgrid(net, X, res, step)
    np.testing.assert_array_equal(out, net.forward(X))
    whole = net.hidden_outputs(X)
    assert len(acts) == len(whole)
    k = (res - 1) // step + 1
    rows = [i * res + j for i in range(0, res, step) for j in range(0, res, step)]  # row-major grid points
    for a, b in zip(acts, whole):
        assert a.shape == (k, k, b.shape[1]) and a.flags.c_contiguous
        np.testing.assert_array_equal(a.reshape(k * k, -1), b[rows])
    assert shared_buffer(acts) is not None  # one new buffer, the layers one after another (one check, one send)
    out[...] = 0  # copies, not views into the network's workspace
    acts[0][...] = 0
    np.testing.assert_array_equal(forward_and_subgrid(net, X, res, step)[1][0].reshape(k * k, -1), whole[0][rows])


def test_forward_and_subgrid_refuses_what_is_not_such_a_grid():
    net = MLP([2, 3, 1], activation="tanh", loss="bce", seed=1)
    X = np.zeros((12, 2))
    with pytest.raises(ValueError, match="not a 3 x 3 grid"):
        forward_and_subgrid(net, X, 3, 1)
    with pytest.raises(ValueError):
        forward_and_subgrid(net, np.zeros((9, 1)), 3, 1)


def test_forward_and_subgrid_of_a_grid_larger_than_a_chunk(monkeypatch):
    import nnplay.engine.mlp as mlp

    net = MLP([2, 4, 2], activation="relu", loss="ce", seed=3)
    X = np.random.default_rng(1).normal(size=(49, 2))
    expected = forward_and_subgrid(net, X, 7, 3)
    monkeypatch.setattr(mlp, "CHUNK_ROWS", 10)  # the grid's 49 points in chunks: the subgrid run on its own
    out, acts = forward_and_subgrid(net, X, 7, 3)
    np.testing.assert_allclose(out, expected[0], rtol=1e-12)
    for a, b in zip(acts, expected[1]):
        assert a.shape == b.shape
        np.testing.assert_allclose(a, b, rtol=1e-12)
    assert shared_buffer(acts) is not None


def test_a_hovered_neuron_while_playing_is_the_grid_and_the_thumbnails_take_their_own_pass():
    t = Trainer(TrainConfig(dataset="spiral", hidden=(6, 4)))
    t.run(10)
    view = frame_request(ViewRequest(focus=(1, 2)), True)
    shared = t.snapshot(view)
    focused = t.snapshot(ViewRequest(grid_resolution=LIVE_GRID, neuron_resolution=None, focus=(1, 2)))
    np.testing.assert_array_equal(shared.grid, focused.grid)  # the neuron's output, not the network's
    assert shared.focus == (1, 2) and shared.grid_classes is None
    thumbs = t.snapshot(ViewRequest(grid_resolution=None, neuron_resolution=view.neuron_resolution))
    for a, b in zip(shared.neurons, thumbs.neurons):
        np.testing.assert_array_equal(a, b)


def test_other_axes_share_the_pass_too():
    from nnplay.data import Dataset

    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 5)) * [1, 100, 1, 1, 1] + [0, 500, 0, 0, 0]  # a CSV's five inputs
    y = (X[:, 0] + (X[:, 1] - 500) / 100 > 0).astype(int)
    t = Trainer(TrainConfig(dataset="csv", hidden=(5, 3), standardize=True), Dataset(X, y, name="mine"))
    t.run(10)
    view = frame_request(ViewRequest(axes=(1, 3)), True)
    grid = t.snapshot(ViewRequest(grid_resolution=LIVE_GRID, neuron_resolution=None, axes=(1, 3)))
    thumbs = t.snapshot(ViewRequest(grid_resolution=None, neuron_resolution=view.neuron_resolution, axes=(1, 3)))
    assert_same_pictures(t.snapshot(view), grid, thumbs)


def test_the_shared_passs_thumbnails_are_sent_as_the_buffer_they_were_computed_in_and_only_then():
    """A playing frame's layer thumbnails are the one buffer the shared pass made (no second copy);
    layers wider than the thumbnails kept, or arrays of another buffer, are copied."""
    t = Trainer(TrainConfig(**SETTINGS[0]))
    t.run(3)
    snap = t.snapshot(frame_request(ViewRequest(), True))
    layers = snap.neurons[1:]
    assert shared_buffer(layers) is not None and not shared_buffer(layers).flags.writeable
    flat = np.arange(12.0)
    a, b = flat[:4].reshape(2, 2), flat[4:].reshape(2, 2, 2)
    assert copies([a, b], np.float64, whole_of=flat)[0][0] is flat  # the whole buffer: taken
    for arrays in ([a, b[:, :, :1]], [a], [a, b.T]):  # a slice, a part of it, not C-ordered: copied
        parts = copies(arrays, np.float64, whole_of=flat)
        assert parts[0][0] is not flat
        for x, (buf, start, stop, shape, _) in zip(arrays, parts):
            np.testing.assert_array_equal(buf[start:stop].reshape(shape), x)
    assert copies([a, b], np.float32, whole_of=flat)[0][0] is not flat  # another dtype asked for
    assert copies([a, b], np.float64)[0][0] is not flat  # not the caller's to take
    inf = np.array([1.0, np.inf, -np.inf, 2.0])
    buf = copies([inf[:2], inf[2:]], np.float64, whole_of=inf)[0][0]
    np.testing.assert_array_equal(np.isnan(buf), [False, True, True, False])  # undefined is NaN, as before
