"""Pruned neurons and weights (engine.masks) in the forward and backward passes,
the gradient check and the inspector's trace; restoring brings the old value."""

import numpy as np
import pytest

from nnplay.engine import MLP, gradient_check, make_optimizer
from nnplay.engine.trace import backprop_trace
from nnplay.training import TrainConfig, Trainer


def _net(activation="tanh", **kw):
    net = MLP([3, 4, 3, 2], activation, loss="ce", seed=4, **kw)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(9, 3))
    return net, X, net.encode_targets(rng.integers(0, 2, 9))


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_a_pruned_neuron_outputs_exactly_zero_and_its_links_carry_nothing(activation):
    net, X, Y = _net(activation)
    plain = net.copy()
    net.masks.set_pruned(0, 2)
    A1 = net.hidden_outputs(X)[0]
    assert (A1[:, 2] == 0).all() and (A1[:, [0, 1, 3]] != 0).any()
    plain.weights[1][:, 2] = 0.0  # the same network with its outgoing weights cut by hand
    np.testing.assert_allclose(net.forward(X), plain.forward(X), rtol=1e-13, atol=1e-15)
    _, dW, db = net.loss_and_grads(X, Y)
    assert (dW[0][2] == 0).all() and db[0][2, 0] == 0 and (dW[1][:, 2] == 0).all()
    assert (dW[0][[0, 1, 3]] != 0).any()


def test_a_pruned_weight_acts_as_zero_and_gets_no_gradient():
    net, X, Y = _net()
    plain = net.copy()
    stored = net.weights[1][1, 3]
    net.masks.set_pruned(1, 1, 3)
    plain.weights[1][1, 3] = 0.0
    np.testing.assert_array_equal(net.forward(X), plain.forward(X))
    _, dW, _ = net.loss_and_grads(X, Y)
    assert dW[1][1, 3] == 0 and net.weights[1][1, 3] == stored  # the stored value is kept


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_pruned_parameters_keep_their_values_through_training_and_restore_brings_them_back(optimizer):
    net, X, Y = _net(l2=0.1, l1=0.01)
    net.masks.set_pruned(0, 1)
    net.masks.set_pruned(2, 0, 2)
    held = net.masks.hold_index
    assert held.size == 4 + 3 + 1  # neuron 1: 3 inputs + bias, 3 outgoing weights; one weight
    old = net.params[held].copy()
    opt = make_optimizer(optimizer, 0.05)
    for _ in range(5):
        net.train_epoch(X, Y, opt, 4, np.random.default_rng(1))
    np.testing.assert_array_equal(net.params[held], old)
    net.masks.set_pruned(0, 1, pruned=False)
    net.masks.set_pruned(2, 0, 2, pruned=False)
    assert not net.masks.any
    np.testing.assert_array_equal(net.params[held], old)
    assert (net.hidden_outputs(X)[0][:, 1] != 0).any()  # the neuron speaks again


def test_the_gradient_check_agrees_with_masks_and_leaves_the_pruned_entries_out():
    net, X, Y = _net()
    full = gradient_check(net, X, Y)
    net.masks.set_pruned(0, 3)
    net.masks.set_pruned(1, 0, 1)
    rows = gradient_check(net, X, Y)
    assert all(r["dW_error"] < 1e-7 and r["db_error"] < 1e-7 for r in rows)
    left_out = [f["checked"] - r["checked"] for f, r in zip(full, rows)]
    assert left_out == [3 + 1, 3 + 1, 0]  # neuron 3: its inputs and bias, its outgoing weights and W[2][0, 1]


def test_the_trace_shows_the_masks_and_agrees_with_the_engine():
    net, X, Y = _net(l2=0.05)
    net.masks.set_pruned(0, 1)
    net.masks.set_pruned(1, 2, 0)
    net.masks.set_frozen(2, 1)
    tr = backprop_trace(net, X, Y, make_optimizer("momentum", 0.1))
    lt1, lt2, lt3 = tr.layers
    assert (lt1.A[1] == 0).all() and lt1.mask is not None and lt1.mask[1].max() == 0
    assert lt2.W_keep[2, 0] == 0 and lt2.dW_data[2, 0] == 0 and lt2.W_new[2, 0] == lt2.W[2, 0]
    np.testing.assert_array_equal(lt3.W_new[1], lt3.W[1])  # frozen neuron 1 of the output layer
    np.testing.assert_array_equal(lt3.b_new[1], lt3.b[1])
    for l, lt in enumerate(tr.layers, start=1):
        np.testing.assert_allclose(lt.dW, lt.dW_engine, rtol=1e-10, atol=1e-13)
        assert all(tr.chain(l, i, j)["agrees"] for i in range(lt.W.shape[0]) for j in range(lt.W.shape[1]))


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_the_trace_predicts_the_masked_step_with_dropout_and_clipping(optimizer):
    t = Trainer(TrainConfig(dataset="xor", hidden=(4, 3), batch_size=8, seed=2, optimizer=optimizer,
                            dropout=(0.5, 0.25), clip=0.05, l2=0.01))
    t.set_pruned(0, 0)
    t.set_frozen(1, 2)
    t.run(1)
    tr = t.trace_next_batch()
    assert tr.layers[0].mask.shape == (4, 8) and set(np.unique(tr.layers[0].mask)) <= {0.0, 2.0}
    assert (tr.layers[0].mask[0] == 0).all() and (tr.layers[0].mask[1:] == 2.0).any()
    t.step_batch()
    for lt, W, b in zip(tr.layers, t.net.weights, t.net.biases):
        np.testing.assert_allclose(lt.W_new, W, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(lt.b_new, b, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(lt.dW, lt.dW_engine, rtol=1e-10, atol=1e-13)
