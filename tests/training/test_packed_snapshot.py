"""A frame's arrays as views of a few buffers (training.packed_arrays, Snapshot.__reduce__):
the window receives every array as the training process had it (dtype, shape, order,
values, read-only), none of them a view of the live network, and nothing stale."""

import dataclasses
import pickle

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.frame_pipe import message_bytes
from nnplay.training.live_grid import frame_request
from nnplay.training.live_pictures import LivePictures
from nnplay.training.loop import Frame
from nnplay.training.probes import ViewRequest

SETTINGS = [
    dict(dataset="circle", hidden=(8,) * 6, activation="tanh", batch_size=10),  # bench case B
    dict(dataset="spiral-k", classes=4, hidden=(8, 5), activation="relu"),  # ce, 4 outputs
    dict(dataset="multigauss", hidden=(6, 3), activation="sigmoid"),  # regression
    dict(dataset="xor", hidden=(3,), dtype="float32"),  # a float32 network
]


def fields(snap) -> dict:
    return {f.name: getattr(snap, f.name) for f in dataclasses.fields(snap)}


def assert_same(a, b, where=""):
    """``b`` (received) holds what ``a`` (sent) holds, array by array."""
    if isinstance(a, np.ndarray):
        assert isinstance(b, np.ndarray), where
        assert a.dtype == b.dtype and a.shape == b.shape, where
        np.testing.assert_array_equal(a, b, err_msg=where)
    elif isinstance(a, (tuple, list)):
        assert type(a) is type(b) and len(a) == len(b), where
        for k, (x, y) in enumerate(zip(a, b)):
            assert_same(x, y, f"{where}[{k}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            assert_same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, float) and np.isnan(a):
        assert np.isnan(b), where
    else:
        assert a == b, where


def received(snap):
    """``snap`` sent as the training process sends a frame and read as the window reads it."""
    return pickle.loads(message_bytes(("frame", Frame(1, snap, True, 0.0))))[1].snapshot


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: s["dataset"])
@pytest.mark.parametrize("playing", [True, False], ids=["playing", "paused"])
def test_every_array_arrives_as_it_was_sent(settings, playing):
    t = Trainer(TrainConfig(**settings))
    t.run(3)
    t.set_frozen(0, 1, None, True)  # masks too (views of the same blocks)
    t.set_pruned(0, 0, None, True)
    snap = t.snapshot(frame_request(ViewRequest(), playing), 1)
    got = received(snap)
    for name, value in fields(snap).items():
        assert_same(value, getattr(got, name), name)
    # the weights as the network lays them out: W column by column, as engine.workspace keeps them
    for w, g in zip(t.net.weights, got.weights):
        np.testing.assert_array_equal(w, g)
        assert g.flags.f_contiguous == w.flags.f_contiguous and g.flags.c_contiguous == w.flags.c_contiguous
    assert len(got.history["train_loss"]) == len(t.history) - 1


def test_the_snapshot_is_a_copy_not_the_live_network():
    """Training on after a frame changes neither the frame nor what the window receives of it."""
    t = Trainer(TrainConfig(dataset="circle", hidden=(5, 5), batch_size=10))
    t.run(2)
    snap = t.snapshot(frame_request(ViewRequest(), True), 0)
    kept = {name: [np.array(a, copy=True) for a in getattr(snap, name)] for name in ("weights", "biases", "dW", "db")}
    history = {k: v.copy() for k, v in snap.history.items()}
    neurons = [a.copy() for a in snap.neurons]
    t.run(5)
    assert not np.array_equal(t.net.weights[0], kept["weights"][0])  # (it did train)
    for got in (snap, received(snap)):
        for name, arrays in kept.items():
            for a, b in zip(arrays, getattr(got, name)):
                np.testing.assert_array_equal(a, b)
        for k, v in history.items():
            np.testing.assert_array_equal(v, got.history[k])
        for a, b in zip(neurons, got.neurons):
            np.testing.assert_array_equal(a, b)
    for got in (snap, received(snap)):  # read-only, on both sides
        for arrays in (got.weights, got.biases, got.dW, got.db, got.neurons, tuple(got.history.values())):
            assert not any(a.flags.writeable for a in arrays)


def test_a_snapshot_changed_by_replace_is_sent_as_changed():
    """A Snapshot made from another (dataclasses.replace) carries its own fields, not the
    packing of the one it was made from."""
    t = Trainer(TrainConfig(dataset="circle", hidden=(4,)))
    t.run(1)
    snap = t.snapshot(frame_request(ViewRequest(), True), 0)
    other = tuple(np.full_like(w, 7.0) for w in snap.weights)
    got = received(dataclasses.replace(snap, weights=other, neurons=None))
    for a, b in zip(other, got.weights):
        np.testing.assert_array_equal(a, b)
    assert got.neurons is None
    assert_same(snap.dW, got.dW, "dW")


def test_undefined_thumbnails_arrive_as_nan():
    """A thumbnail that overflows is NaN (undefined) on both sides, the rest its numbers."""
    t = Trainer(TrainConfig(dataset="circle", hidden=(4, 4), activation="relu"))
    t.net.weights[0][...] = 1e300  # relu's outputs overflow float64 at the second hidden layer
    t.net.weights[1][...] = 1e300
    snap = t.snapshot(frame_request(ViewRequest(), False), 0)
    got = received(snap)
    assert np.isnan(got.neurons[2]).any() and not np.isinf(got.neurons[2]).any()
    for a, b in zip(snap.neurons, got.neurons):
        np.testing.assert_array_equal(np.isnan(a), np.isnan(b))


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: s["dataset"])
def test_zero_weights_and_zero_gradients_counted_in_one_pass_as_layer_by_layer(settings):
    """The frame's zero-weight count and its zero-gradient check (packed_arrays.zero_weights,
    some_dW_all_zero) against the layer-by-layer rules they replace, with weights and a
    bias at exactly 0 and one layer's dW all zero."""
    from nnplay.engine.regularization import zero_weights as layer_by_layer
    from nnplay.training.packed_arrays import some_dW_all_zero, zero_weights

    t = Trainer(TrainConfig(**settings))
    t.run(2)
    net = t.net
    assert zero_weights(net, net.params.copy()) == layer_by_layer(net.weights)
    assert not some_dW_all_zero(net, net.grads.copy())
    net.weights[0][0, :] = 0.0
    net.biases[-1][...] = 0.0  # (a bias is not a weight)
    assert zero_weights(net, net.params.copy()) == layer_by_layer(net.weights)
    assert zero_weights(net, net.params.copy())[0] == net.weights[0].shape[1]
    for l in range(net.n_layers):
        grads = net.grads.copy()
        net.dW[l][...] = 0.0
        assert some_dW_all_zero(net, net.grads.copy()) == any(not np.any(d) for d in net.dW)
        net.db[l][...] = 0.0  # its bias gradient too: still that layer's dW
        assert some_dW_all_zero(net, net.grads.copy())
        net.grads[...] = grads
        net.db[l][...] = 0.0  # only db all zero: no dW is
        assert not some_dW_all_zero(net, net.grads.copy())
        net.grads[...] = grads


@pytest.mark.parametrize("protocol", [2, 4, 5])
def test_a_snapshot_pickles_whole_under_any_protocol(protocol):
    """The frame pipe's protocol 5 writes the packed buffers' bytes straight (pickled_buffers); any
    other protocol (copy, a user's pickle) the arrays as numpy pickles them: the same fields."""
    import copy

    t = Trainer(TrainConfig(**SETTINGS[0]))
    t.run(3)
    snap = t.snapshot(frame_request(ViewRequest(quality=True), True), 1)
    got = pickle.loads(pickle.dumps(snap, protocol))
    for name, value in fields(snap).items():
        assert_same(value, getattr(got, name), name)
    for name, value in fields(snap).items():
        assert_same(value, getattr(copy.deepcopy(snap), name), name)


def test_the_pipes_frame_arrays_are_read_only_aligned_views_of_its_bytes():
    t = Trainer(TrainConfig(**SETTINGS[0]))
    t.run(3)
    snap = t.snapshot(frame_request(ViewRequest(), True), 1)
    blob = message_bytes(("frame", Frame(1, snap, True, 0.0)))
    assert len(blob) < sum(b.nbytes for b in snap._packing.buffers) + 6000  # each buffer's bytes once
    got = pickle.loads(blob)[1].snapshot
    for name in ("grid", "grid_classes", "grad_norms", "weights", "neurons"):
        value = getattr(got, name)
        for a in value if isinstance(value, tuple) else (value,):
            assert not a.flags.writeable and a.flags.aligned, name
            assert isinstance(a.base, (bytes, np.ndarray)), name


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: s["dataset"])
def test_a_snapshot_for_the_pipe_arrives_as_the_whole_snapshot(settings):
    """take_snapshot's for_pipe (the training process's frames): no array views on the sending side,
    and what the window unpickles, its pictures made by its relay thread (live_pictures), is the
    snapshot made with them, field by field."""
    t = Trainer(TrainConfig(**settings))
    t.run(3)
    t.set_frozen(0, 1, None, True)
    view = frame_request(ViewRequest(quality=True), True)
    whole, piped = t.snapshot(view, 1), t.snapshot(view, 1, for_pipe=True)
    assert piped.weights is None and piped.neurons is None and piped.grid is None and piped.history is None
    got = received(piped)
    LivePictures().finish(got)
    for name, value in fields(whole).items():
        assert_same(value, getattr(got, name), name)
