"""The backprop trace (every number of one step) and stepping one mini-batch at a time."""

import dataclasses

import numpy as np
import pytest

from nnplay.engine import MLP, SGD, Adam, Momentum
from nnplay.engine.trace import backprop_trace
from nnplay.training import TrainConfig, Trainer
from nnplay.training.session import Session, load_session, save_session

from tests.oracle import _act, oracle_grads


@pytest.mark.parametrize("loss,activation,make_opt,l1,l2", [
    ("bce", "tanh", lambda: SGD(0.1), 0.0, 0.0),
    ("ce", "relu", lambda: Adam(0.01), 0.0, 0.01),
    ("mse", "sigmoid", lambda: Momentum(0.05), 0.001, 0.0),
    ("tanh_mse", "leaky_relu", lambda: SGD(0.2), 0.0, 0.0),
])
def test_trace_agrees_with_the_engine(loss, activation, make_opt, l1, l2):
    """The trace's plain equations and the fast engine are two implementations:
    their gradients and the weights after the step must agree."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(7, 3))
    n_out = 3 if loss == "ce" else 1
    y = rng.integers(0, 3, 7) if loss == "ce" else (rng.normal(size=(7, 1)) if loss.endswith("mse") else
                                                     rng.integers(0, 2, 7))
    net = MLP([3, 4, 5, n_out], activation=activation, loss=loss, l1=l1, l2=l2, seed=2)
    Y = net.encode_targets(y)
    opt = make_opt()
    for _ in range(2):  # give momentum and Adam some state
        net.train_step(X, Y, opt)
    before = net.params.copy()
    tr = backprop_trace(net, X, Y, opt)
    np.testing.assert_array_equal(net.params, before)  # tracing changes nothing
    J, dW, db = net.loss_and_grads(X, y)
    assert tr.J == pytest.approx(J, rel=1e-12)
    for l in range(3):
        lt = tr.layers[l]
        np.testing.assert_allclose(lt.dW, dW[l], rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(lt.db, db[l], rtol=1e-10, atol=1e-14)
        assert lt.dZ.shape == (net.sizes[l + 1], 7) and lt.A.shape == (net.sizes[l + 1], 7)
        assert lt.dW.shape == (net.sizes[l + 1], net.sizes[l])
        np.testing.assert_allclose(lt.dW_engine, dW[l], rtol=1e-12, atol=1e-15)  # shipped for the check
    net.train_step(X, Y, opt)  # what the run really does next
    for l in range(3):
        np.testing.assert_allclose(tr.layers[l].W_new, net.weights[l], rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(tr.layers[l].b_new, net.biases[l], rtol=1e-10, atol=1e-14)


def _case(loss, activation, l1=0.0, l2=0.0, m=6):
    rng = np.random.default_rng(5)
    X = rng.normal(size=(m, 3))
    n_out = 3 if loss == "ce" else 1
    y = {"ce": rng.integers(0, 3, m), "bce": rng.integers(0, 2, m)}.get(loss, rng.uniform(-0.9, 0.9, (m, 1)))
    net = MLP([3, 4, 3, n_out], activation=activation, loss=loss, l1=l1, l2=l2, seed=7)
    return net, X, y, backprop_trace(net, X, net.encode_targets(y), SGD(0.1))


@pytest.mark.parametrize("loss,activation,l1,l2", [
    ("bce", "tanh", 0.0, 0.1), ("ce", "sigmoid", 0.0, 0.0), ("mse", "leaky_relu", 0.01, 0.0),
    ("tanh_mse", "tanh", 0.0, 0.0),
])
def test_chain_rule_columns_agree_with_the_oracle_example_by_example(loss, activation, l1, l2):
    """Every column of the inspector's chain-rule table against the independent
    complex-step oracle: dZ[l]_ik is dJ_k/db[l]_i of example k alone, the product
    dZ A is dJ_k/dW[l]_ij, g' is the slope of g, the shown factors multiply out to
    dZ, and the sum is the oracle's dJ/dW[l]_ij, as is the engine's value."""
    net, X, y, tr = _case(loss, activation, l1, l2)
    Ws, bs, acts = list(net.weights), list(net.biases), net.activation_names
    gW, _ = oracle_grads(Ws, bs, X, y, acts, loss, l1, l2)
    alone = [oracle_grads(Ws, bs, X[k:k + 1], y[k:k + 1], acts, loss) for k in range(X.shape[0])]
    h = 1e-30
    for l, i, j in ((1, 2, 1), (2, 0, 3), (3, 0, 2)):
        c = tr.chain(l, i, j)
        dZ = np.array([gb[l - 1][i, 0] for _, gb in alone])
        np.testing.assert_allclose(c["dZ"], dZ, rtol=1e-9, atol=1e-13)
        np.testing.assert_allclose(c["terms"], [gw[l - 1][i, j] for gw, _ in alone], rtol=1e-9, atol=1e-13)
        z = tr.layer(l).Z[i] + 1j * h
        if l < 3:
            np.testing.assert_allclose(c["g_prime"], _act(activation, z).imag / h, rtol=1e-9)
            np.testing.assert_allclose(c["WT_dZ"] * c["g_prime"], dZ, rtol=1e-9, atol=1e-13)
        else:  # the output error from the columns shown: A - Y, times 1 - A^2 for tanh with squared error
            np.testing.assert_allclose(c["A_out"], net.forward(X)[:, i], rtol=1e-12)
            slope = np.tanh(z).imag / h if loss == "tanh_mse" else 1.0
            assert ("g_prime" in c) == (loss == "tanh_mse")
            np.testing.assert_allclose(c.get("g_prime", 1.0), slope, rtol=1e-9)
            np.testing.assert_allclose((c["A_out"] - c["Y"]) * c.get("g_prime", 1.0), dZ, rtol=1e-9, atol=1e-13)
        assert c["total"] == pytest.approx(gW[l - 1][i, j], rel=1e-9, abs=1e-13)
        assert c["engine"] == pytest.approx(gW[l - 1][i, j], rel=1e-9, abs=1e-13)
        assert c["agrees"] and c["difference"] < 1e-12


def test_the_chain_rule_check_fails_when_the_two_codes_disagree():
    """The check compares the sum of the table with the fast engine's dW: a wrong
    engine value, or a wrong dZ in the trace's equations, shows up."""
    net, X, y, tr = _case("bce", "tanh")
    assert tr.chain(2, 1, 0)["agrees"]
    lt = tr.layer(2)
    wrong = lt.dW_engine.copy()
    wrong[1, 0] += 1e-6
    c = dataclasses.replace(tr, layers=(tr.layers[0], dataclasses.replace(lt, dW_engine=wrong), tr.layers[2])) \
        .chain(2, 1, 0)
    assert not c["agrees"] and c["difference"] == pytest.approx(1e-6, rel=1e-6)
    dZ = lt.dZ.copy()
    dZ[1, 3] *= 1.001
    c = dataclasses.replace(tr, layers=(tr.layers[0], dataclasses.replace(lt, dZ=dZ), tr.layers[2])).chain(2, 1, 0)
    assert not c["agrees"] and c["difference"] > 0
    no_engine = dataclasses.replace(tr, layers=(tr.layers[0], dataclasses.replace(lt, dW_engine=None), tr.layers[2]))
    assert no_engine.chain(2, 1, 0)["agrees"] is None


def test_stepping_batch_by_batch_is_the_same_as_whole_epochs():
    cfg = TrainConfig(dataset="xor", hidden=(4, 3), batch_size=30, seed=4)
    a, b = Trainer(cfg), Trainer(cfg)
    a.run(2)
    k = b.batch_position[1]
    assert k == -(-b.X_train.shape[0] // 30)
    for n in range(k):
        tr = b.trace_next_batch()
        assert tr.batch == n and tr.batches == k and tr.epoch == 0
        assert b.batch_position == (n, k)
        assert b.step_batch()
    assert b.epoch == 1 and b.batch_position == (0, k)
    b.step_batch()
    b.step_batch()  # part-way through epoch 2 ...
    b.run(1)  # ... which run() finishes before anything else
    assert b.epoch == 2 and len(b.history) == 3
    np.testing.assert_allclose(a.net.params, b.net.params, rtol=1e-10)
    np.testing.assert_allclose(a.history.column("train_loss"), b.history.column("train_loss"), rtol=1e-10)


def test_the_traced_batch_is_the_one_that_is_stepped():
    t = Trainer(TrainConfig(dataset="circle", hidden=(3,), batch_size=10, seed=1))
    t.run(1)
    tr = t.trace_next_batch()
    assert tr.m == 10 and len(set(tr.examples.tolist())) == 10
    np.testing.assert_allclose(tr.X, t.X_train[tr.examples].T)
    t.step_batch()
    for l, lt in enumerate(tr.layers):
        np.testing.assert_allclose(lt.W_new, t.net.weights[l], rtol=1e-10)


def test_a_session_saved_mid_epoch_continues_identically(tmp_path):
    cfg = TrainConfig(dataset="spiral", hidden=(5,), batch_size=16, optimizer="adam", lr=0.01, seed=2)
    a = Trainer(cfg)
    a.run(1)
    a.step_batch()
    a.step_batch()
    path = tmp_path / "mid.nnplay"
    save_session(path, Session(cfg, a.data, a.state_dict()))
    b = Trainer(cfg, a.data)
    b.load_state_dict(load_session(path).state)
    assert b.batch_position == a.batch_position == (2, a.batch_position[1])
    a.run(2)
    b.run(2)
    np.testing.assert_array_equal(a.net.params, b.net.params)


def test_a_bad_saved_epoch_position_is_refused():
    t = Trainer(TrainConfig(dataset="xor", hidden=(2,), batch_size=10))
    st = t.state_dict()
    st["batch_order"], st["batch_at"] = np.zeros(t.X_train.shape[0], int), 10
    with pytest.raises(ValueError, match="position within an epoch"):
        t.load_state_dict(st)


def test_a_run_whose_next_batch_was_traced_saves_and_loads():
    """The inspector traces the next mini-batch before it is stepped: the epoch's order is
    drawn and none of it done (position 0). That state was refused when loaded, so Find
    learning rate (a copy from the state) failed with the inspector open."""
    t = Trainer(TrainConfig(dataset="xor", hidden=(2,), batch_size=10))
    t.trace_next_batch()
    assert t.batch_position[0] == 0
    twin = Trainer(t.config, t.data)
    twin.load_state_dict(t.state_dict())
    t.run(1)
    twin.run(1)
    np.testing.assert_array_equal(t.net.params, twin.net.params)


def _trace_arrays(tr) -> list:
    import numpy as np

    out = [(tr.J, tr.grad_norm, tr.clip_factor, tr.penalty)]
    for lt in tr.layers:
        out += [(name, None if v is None else np.asarray(v).tobytes()) for name, v in vars(lt).items()
                if v is None or isinstance(v, np.ndarray)]
    return out


def test_the_trace_takes_its_step_on_the_twin_of_its_gradient_check_to_the_bit(monkeypatch):
    """Issue 20: a float64 copy of the network is 0.46 ms of a trace's 2.6 (case B, four a second). Without
    dropout the engine's gradient pass changes only the twin's gradients, so the step is taken on that twin:
    every number of the trace is the one a second, fresh twin gives (pruned, frozen, L1, L2, momentum, Adam,
    clipping, dropout); one float64 copy is made, two with dropout."""
    import nnplay.engine.trace as trace_module
    from nnplay.engine.mlp import MLP
    from nnplay.training import TrainConfig, Trainer

    copies = []
    copy = MLP.copy
    monkeypatch.setattr(MLP, "copy", lambda self, dtype=None: copies.append(dtype) or copy(self, dtype))
    fresh = trace_module.engine_gradient
    for k, settings in enumerate([dict(hidden=(8,) * 6), dict(hidden=(5, 3), activation="relu", l1=0.01, l2=0.02),
                                  dict(hidden=(4,), activation="sigmoid", optimizer="momentum"),
                                  dict(hidden=(6, 4), activation="leaky_relu", optimizer="adam", l2=0.1, clip=0.01),
                                  dict(hidden=(6, 4), dropout=(0.3, 0.0))]):
        t = Trainer(TrainConfig(dataset="circle", batch_size=10, **settings))
        t.run(7)
        if k == 1:
            t.set_pruned(1, 0, 0, True)
            t.set_pruned(0, 2)
            t.set_frozen(0, 1, 1, True)
        copies.clear()
        shared = t.trace_next_batch()
        assert sum(dtype is not None for dtype in copies) == (2 if k == 4 else 1)  # (L1's step: a copy of its own)
        monkeypatch.setattr(trace_module, "engine_gradient", lambda twin, *a: fresh(copy(twin), *a))
        apart = t.trace_next_batch()  # (the same batch: nothing trained in between)
        monkeypatch.setattr(trace_module, "engine_gradient", fresh)
        assert _trace_arrays(shared) == _trace_arrays(apart)


def test_the_chain_rule_check_of_a_zero_sum_says_it_says_nothing():
    """All weights 0: every term of dW[1]'s sum is 0 and the engine's dW[1] is 0 too. The inspector
    said "✓ the same", true but empty; it says both are exactly 0, so it says nothing."""
    from nnplay.ui.chain_rule import verdict

    net, X, y, tr = _case("bce", "tanh")
    c = tr.chain(2, 1, 0)
    assert "✓ the same" in verdict(c, 2, 1, 0)  # a real agreement keeps its tick
    net.params[...] = 0.0
    tr = backprop_trace(net, X, net.encode_targets(y), SGD(0.1))
    c = tr.chain(1, 0, 0)
    assert c["agrees"] and c["engine"] == 0
    text = verdict(c, 1, 0, 0)
    assert "✓" not in text and "both exactly 0" in text and "says nothing" in text
