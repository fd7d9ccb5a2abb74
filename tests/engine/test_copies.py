"""Copies and pickles of everything public that holds arrays (MLP, optimizers,
Trainer, History) are independent, working objects that predict, train and
reproduce bit for bit."""

import copy
import pickle

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnplay.engine import MLP, make_optimizer
from nnplay.training import TrainConfig, Trainer
from nnplay.training.history import History

COPIES = {
    "deepcopy": copy.deepcopy,
    "copy": copy.copy,  # documented as a deep copy
    "pickle": lambda obj: pickle.loads(pickle.dumps(obj)),
    "method": lambda obj: obj.copy(),
}


def _data(seed, m=17, n_in=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n_in))
    return X, (X[:, 0] > 0).astype(int), rng.normal(size=(5, n_in))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(how=st.sampled_from(sorted(COPIES)), opt=st.sampled_from(["sgd", "momentum", "adam"]),
       seed=st.integers(0, 1000), l1=st.sampled_from([0.0, 0.01]), l2=st.sampled_from([0.0, 0.01]),
       batch=st.sampled_from([0, 4]), dtype=st.sampled_from(["float64", "float32"]))
def test_a_copied_network_predicts_trains_and_reproduces_bit_for_bit(how, opt, seed, l1, l2, batch, dtype):
    X, y, B = _data(seed)
    net = MLP([3, 5, 1], activation="tanh", l1=l1, l2=l2, seed=seed, dtype=dtype)
    optimizer = make_optimizer(opt, 0.05)
    net.train_epoch(X, y, optimizer, batch, np.random.default_rng(seed))
    net.predict(X)  # fills the workspace for m = 17, which a broken copy would share
    twin, twin_opt = COPIES[how](net), copy.deepcopy(optimizer)
    assert twin.dtype == net.dtype and twin.sizes == net.sizes and (twin.l1, twin.l2) == (l1, l2)
    np.testing.assert_array_equal(twin.predict(B), net.predict(B))  # not the cached output for X
    np.testing.assert_array_equal(twin.params, net.params)
    r1, r2 = np.random.default_rng(7), np.random.default_rng(7)
    before = net.params.copy()
    for _ in range(3):
        twin.train_epoch(X, y, twin_opt, batch, r2)
    np.testing.assert_array_equal(net.params, before)  # training the copy leaves the original alone
    assert not np.array_equal(twin.params, before)
    for _ in range(3):
        net.train_epoch(X, y, optimizer, batch, r1)
    np.testing.assert_array_equal(twin.params, net.params)  # the same steps, bit for bit
    np.testing.assert_array_equal(twin.grads, net.grads)


@pytest.mark.parametrize("how", sorted(COPIES))
def test_a_copys_weights_are_its_own_and_assignable(how):
    net = MLP([2, 3, 1], seed=1)
    twin = COPIES[how](net)
    twin.weights[0] = 0
    assert np.all(twin.params[: twin.weights[0].size] == 0)  # the view into the parameter vector changed
    assert np.all(twin.weights[0] == 0) and not np.all(net.weights[0] == 0)
    np.testing.assert_array_equal(twin.forward([[1.0, 2.0]]), twin.forward([[0.0, 0.0]]))  # W[1] = 0: input ignored
    assert not np.array_equal(net.forward([[1.0, 2.0]]), net.forward([[0.0, 0.0]]))
    twin.biases[1][...] = 5.0
    assert np.all(twin.params[-1:] == 5.0) and net.biases[1][0, 0] != 5.0
    with pytest.raises(ValueError, match="shape"):
        twin.weights[0] = np.zeros((2, 2))


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam"])
@pytest.mark.parametrize("how", ["deepcopy", "copy", "pickle"])
def test_a_copied_optimizer_keeps_its_state_apart(name, how):
    net = MLP([2, 4, 1], seed=0)
    X, y = np.random.default_rng(0).normal(size=(9, 2)), np.arange(9) % 2
    opt = make_optimizer(name, 0.1)
    net.train_epoch(X, y, opt, 3, np.random.default_rng(0))
    clone = COPIES[how](opt)
    for k in opt.STATE:  # its own state arrays, also from copy.copy (a deep copy)
        assert getattr(clone, k) is not getattr(opt, k)
        np.testing.assert_array_equal(getattr(clone, k), getattr(opt, k))
    twin = net.copy()
    for _ in range(2):
        net.train_epoch(X, y, opt, 3, np.random.default_rng(1))
        twin.train_epoch(X, y, clone, 3, np.random.default_rng(1))
    np.testing.assert_array_equal(twin.params, net.params)
    assert clone.t == opt.t


@pytest.mark.parametrize("how", sorted(COPIES))
def test_a_copied_trainer_is_an_independent_run_that_goes_on_identically(how):
    t = Trainer(TrainConfig(dataset="xor", hidden=(4, 3), batch_size=10, optimizer="adam", lr=0.01, seed=2))
    t.run(3)
    t.step_batch()  # part-way through an epoch
    twin = COPIES[how](t)
    assert twin.net is not t.net and twin.optimizer is not t.optimizer and twin.history is not t.history
    twin.run(4)
    assert t.epoch == 3 and twin.epoch == 7 and len(t.history) == 4
    t.run(4)
    np.testing.assert_array_equal(twin.net.params, t.net.params)
    np.testing.assert_array_equal(twin.history.rows_since(0), t.history.rows_since(0))
    np.testing.assert_array_equal(twin.predict_classes(t.data.X), t.predict_classes(t.data.X))


def test_history_accessors_return_copies_that_survive_a_reset():
    t = Trainer(TrainConfig(dataset="xor", hidden=(3,), seed=1))
    t.run(5)
    saved = t.history.column("train_loss")
    kept = saved.copy()
    segments = t.history.segments()
    lo = segments[0].lo.copy()
    t.reset()
    t.run(2)
    np.testing.assert_array_equal(saved, kept)
    np.testing.assert_array_equal(segments[0].lo, lo)
    saved[0] = -1.0  # a copy the caller may write to
    assert t.history.column("train_loss")[0] != -1.0


def test_a_copied_history_is_independent():
    h = History()
    h.append(1, 2, 3, 4, 5)
    for twin in (copy.deepcopy(h), copy.copy(h), pickle.loads(pickle.dumps(h)), h.copy()):
        twin.append(6, 7, 8, 9, 10)
        assert len(h) == 1 and len(twin) == 2


@pytest.mark.parametrize("how", ["deepcopy", "copy", "pickle"])
def test_what_a_run_hands_its_views_copies_and_pickles_whole(how):
    """Snapshots (with a trace), run infos and data sets hold arrays too: their
    copies hold the same numbers, and a deep copy's arrays are not the original's."""
    t = Trainer(TrainConfig(dataset="circle", hidden=(3,), batch_size=10, seed=3))
    t.run(2)
    snap = t.snapshot(quality=True, hidden_layer=1, trace=True)
    for obj in (snap, t.run_info(), t.data, snap.trace):
        twin = COPIES[how](obj)
        assert type(twin) is type(obj)
        for name in ("weights", "grid", "X", "train_index", "examples"):
            if hasattr(obj, name):
                a, b = getattr(obj, name), getattr(twin, name)
                for x, y in zip(a if isinstance(a, tuple) else (a,), b if isinstance(b, tuple) else (b,)):
                    np.testing.assert_array_equal(x, y)
                    assert how == "copy" or not np.shares_memory(x, y)
    assert pickle.loads(pickle.dumps(snap.trace)).chain(1, 0, 1)["agrees"]
