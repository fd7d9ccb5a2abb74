"""Frozen parameters (engine.masks): excluded from the update by every
optimizer, their optimizer state left as it was, bit-identical over any number
of steps, L1/L2 included; unfreezing resumes."""

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from nnplay.engine import MLP, OPTIMIZERS, make_optimizer


def _data(net, m, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, net.sizes[0]))
    return X, net.encode_targets(rng.integers(0, 2, m))


def _held(net):
    return net.masks.hold_index


@st.composite
def frozen_runs(draw):
    hidden = draw(st.lists(st.integers(1, 5), min_size=0, max_size=3))
    sizes = [draw(st.integers(1, 4)), *hidden, 1]
    layer = draw(st.integers(0, len(sizes) - 2))
    kind = draw(st.sampled_from(["layer", "neuron", "weight"]))
    row = draw(st.integers(0, sizes[layer + 1] - 1))
    col = draw(st.integers(0, sizes[layer] - 1))
    where = (layer, None, None) if kind == "layer" else (layer, row, None) if kind == "neuron" else (layer, row, col)
    return {"sizes": sizes, "where": where, "optimizer": draw(st.sampled_from(OPTIMIZERS)),
                "l1": draw(st.sampled_from([0.0, 0.01])), "l2": draw(st.sampled_from([0.0, 0.05])),
                "batch": draw(st.sampled_from([0, 4])), "seed": draw(st.integers(0, 1000)),
                "activation": draw(st.sampled_from(["tanh", "relu", "sigmoid"]))}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frozen_runs())
@example({"sizes": [4, 1, 1, 1, 1], "where": (0, 0, 0), "optimizer": "adam", "l1": 0.01, "l2": 0.0,
          "batch": 0, "seed": 0, "activation": "tanh"})  # a weight L1 holds at 0 stays there unfrozen
@example({"sizes": [1, 1, 1, 1, 1], "where": (3, None, None), "optimizer": "sgd", "l1": 0.0, "l2": 0.0,
          "batch": 0, "seed": 0, "activation": "relu"})  # dead ReLUs, the output layer frozen: nothing can train
def test_a_frozen_parameter_and_its_optimizer_state_stay_bit_identical_under_every_optimizer(run):
    net = MLP(run["sizes"], run["activation"], loss="bce", l1=run["l1"], l2=run["l2"], seed=run["seed"])
    X, Y = _data(net, 12, run["seed"])
    opt = make_optimizer(run["optimizer"], 0.05)
    rng = np.random.default_rng(run["seed"])
    net.train_epoch(X, Y, opt, run["batch"], rng)  # some optimizer state to keep
    net.masks.set_frozen(*run["where"])
    idx = _held(net)
    assert idx.size > 0
    params, state = net.params[idx].copy(), {k: v[idx].copy() for k, v in opt.state().items()}
    free = np.setdiff1d(np.arange(net.params.size), idx)
    before_free = net.params[free].copy()
    for _ in range(3):
        net.train_epoch(X, Y, opt, run["batch"], rng)
    net.train_step(X[:5], Y[:5], opt)  # the step-by-step path holds them too
    np.testing.assert_array_equal(net.params[idx], params)
    for k, v in opt.state().items():
        np.testing.assert_array_equal(v[idx], state[k])
    if free.size and (net.params[free] == before_free).all():
        net.loss_and_grads(X, Y)  # fills net.grads, aligned with net.params
        if net.grads[free].any():  # (all zero: e.g. every ReLU dead, nothing could train)
            pytest.fail("nothing trained beside the frozen parameters")
    net.masks.set_frozen(*run["where"], frozen=False)  # unfreeze: it trains again
    for _ in range(3):
        net.train_epoch(X, Y, opt, run["batch"], rng)
    resting = (net.grads[idx] == 0).all() and all((v[idx] == 0).all() for v in opt.state().values())
    # L1's proximal step keeps a weight at exactly 0 while its step is smaller than lr * l1
    held_at_zero_by_l1 = run["l1"] > 0 and (net.params[idx] == 0).all() and (params == 0).all()
    assert not np.array_equal(net.params[idx], params) or resting or held_at_zero_by_l1  # (a dead relu unit has nothing to learn)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_freezing_from_the_first_step_leaves_the_optimizer_state_at_zero(optimizer):
    net = MLP([2, 3, 1], seed=1, l2=0.1, l1=0.01)
    X, Y = _data(net, 10, 1)
    net.masks.set_frozen(0, 1)  # neuron 1 of the first layer: its two weights and its bias
    idx = _held(net)
    assert idx.size == 3
    W = net.params[idx].copy()
    opt = make_optimizer(optimizer, 0.1)
    for _ in range(20):
        net.train_step(X, Y, opt)
    np.testing.assert_array_equal(net.params[idx], W)
    for v in opt.state().values():
        assert (v[idx] == 0).all() and (v != 0).any()


def test_frozen_training_equals_training_with_those_parameters_put_back_each_step():
    """Frozen is exactly 'the others train as before': plain SGD without momentum
    gives the same free parameters as an unmasked run whose frozen entries are
    written back after every step."""
    a = MLP([2, 4, 1], seed=5)
    b = a.copy()
    X, Y = _data(a, 8, 2)
    a.masks.set_frozen(1)
    idx = _held(a)
    keep = b.params[idx].copy()
    oa, ob = make_optimizer("sgd", 0.1), make_optimizer("sgd", 0.1)
    for _ in range(10):
        a.train_epoch(X, Y, oa, 0, None)  # full batch: no generator needed
        b.train_epoch(X, Y, ob, 0, None)
        b.params[idx] = keep
    np.testing.assert_array_equal(a.params, b.params)
