import warnings

import numpy as np
import pytest

from nnplay.engine import MLP, SGD, Adam, Momentum, make_optimizer
from nnplay.engine.losses import get_loss


def test_public_api_shapes():
    net = MLP([2, 4, 1], activation="tanh", loss="bce", seed=0)
    assert [w.shape for w in net.weights] == [(4, 2), (1, 4)]
    assert [b.shape for b in net.biases] == [(4, 1), (1, 1)]
    X = np.random.default_rng(0).normal(size=(7, 2))
    P = net.predict(X)
    assert P.shape == (7, 1) and np.all((P > 0) & (P < 1))
    loss, dW, db = net.loss_and_grads(X, np.array([0, 1, 0, 1, 1, 0, 1]))
    assert np.isfinite(loss) and [d.shape for d in dW] == [(4, 2), (1, 4)]
    assert len(net.parameters()) == 4
    assert "MLP([2, 4, 1]" in repr(net) and "tanh" in repr(net)


def test_zero_hidden_layers_is_logistic_regression():
    net = MLP([2, 1], loss="bce", seed=0)
    X = np.array([[1.0, 2.0], [3.0, -1.0]])
    z = X @ net.weights[0].T + net.biases[0].T
    np.testing.assert_allclose(net(X), 1 / (1 + np.exp(-z)))


def test_weights_are_views_into_one_parameter_vector():
    net = MLP([2, 3, 1], seed=0)
    net.weights[0] = np.ones((3, 2))  # assignment copies into the view
    assert np.shares_memory(net.weights[0], net.params) and np.shares_memory(net.biases[1], net.params)
    # layer 1 is stored as the block [W | b], column by column
    assert np.all(net.params[:9].reshape(3, 3, order="F")[:, :2] == 1.0)
    assert net.weights[0].flags.f_contiguous and net.biases[0].flags.f_contiguous
    # files hold it row by row, whatever the memory layout
    rows = net.params_in_rows()
    np.testing.assert_array_equal(rows[:9].reshape(3, 3), np.hstack([net.weights[0], net.biases[0]]))
    np.testing.assert_array_equal(rows[9:], np.hstack([net.weights[1], net.biases[1]]).ravel())
    np.testing.assert_array_equal(net.params_from_rows(rows), net.params)
    assert sum(w.size + b.size for w, b in zip(net.weights, net.biases)) == net.params.size
    with pytest.raises(ValueError, match="shape"):
        net.weights[0] = np.ones((2, 2))


def test_softmax_probabilities_sum_to_one():
    net = MLP([2, 5, 4], activation="relu", loss="ce", seed=0)
    P = net.predict(np.random.default_rng(1).normal(size=(10, 2)))
    np.testing.assert_allclose(P.sum(axis=1), 1.0)


@pytest.mark.parametrize("name", ["bce", "ce", "mse", "tanh_mse"])
def test_losses_are_finite_and_silent_for_huge_logits(name):
    loss = get_loss(name)
    z = np.array([[1e4, -1e4], [-800.0, 900.0]])
    if name == "bce":
        z = z[:, :1]
        y = np.array([[0.0], [1.0]])
    elif name == "ce":
        y = np.array([[0.0, 1.0], [1.0, 0.0]])
    else:
        y = np.zeros_like(z)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = loss.output(z)
        value = loss.value(z, a, y)
    assert np.isfinite(value) and np.all(np.isfinite(a))
    if name in ("bce", "ce"):
        assert value > 100  # confidently wrong costs a lot, not inf


def test_bce_loss_matches_the_textbook_formula():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(20, 1))
    y = rng.integers(0, 2, (20, 1)).astype(float)
    a = 1 / (1 + np.exp(-z))
    expected = -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))
    assert get_loss("bce").value(z, get_loss("bce").output(z), y) == pytest.approx(expected, rel=1e-12)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="activation"):
        MLP([2, 3, 1], activation="swish")
    with pytest.raises(ValueError, match="loss"):
        MLP([2, 1], loss="hinge")
    with pytest.raises(ValueError, match="sizes"):
        MLP([2])
    net = MLP([2, 3, 1], loss="bce")
    with pytest.raises(ValueError, match=r"\(m, 2\)"):
        net.predict(np.ones((4, 3)))
    with pytest.raises(ValueError, match="labels 0 and 1"):
        net.loss_and_grads(np.ones((2, 2)), np.array([0, 2]))


@pytest.mark.parametrize("activation,init", [("relu", "he"), ("tanh", "xavier")])
def test_default_initialiser_scale(activation, init):
    net = MLP([400, 300, 1], activation=activation, seed=0)
    std = net.weights[0].std()
    expected = np.sqrt(2 / 400) if init == "he" else np.sqrt(6 / 700) / np.sqrt(3)
    assert std == pytest.approx(expected, rel=0.05)


def test_uniform_initialiser_is_the_playgrounds():
    net = MLP([2, 50, 1], init="uniform", seed=0)
    assert net.weights[0].min() >= -0.5 and net.weights[0].max() <= 0.5
    assert np.all(net.biases[0] == 0.1)


def test_small_initialiser():
    net = MLP([100, 100, 1], init="small", seed=0)
    assert net.weights[0].std() == pytest.approx(0.01, rel=0.05)


def test_seed_makes_weights_reproducible():
    a, b, c = MLP([2, 8, 1], seed=5), MLP([2, 8, 1], seed=5), MLP([2, 8, 1], seed=6)
    assert np.array_equal(a.params, b.params) and not np.array_equal(a.params, c.params)


def _reference_adam(p, grads_seq, lr, b1=0.9, b2=0.999, eps=1e-8):
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    for t, g in enumerate(grads_seq, 1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mhat, vhat = m / (1 - b1**t), v / (1 - b2**t)
        p = p - lr * mhat / (np.sqrt(vhat) + eps)
    return p


def test_optimizers_follow_their_update_rules():
    rng = np.random.default_rng(0)
    p0 = rng.normal(size=6)
    grads = [rng.normal(size=6) for _ in range(5)]

    p = p0.copy()
    opt = Adam(lr=0.01)
    for g in grads:
        opt.step(p, g)
    np.testing.assert_allclose(p, _reference_adam(p0, grads, 0.01), rtol=1e-12)

    p, v, expected = p0.copy(), np.zeros(6), p0.copy()
    opt = Momentum(lr=0.1, momentum=0.9)
    for g in grads:
        opt.step(p, g)
        v = 0.9 * v + g
        expected = expected - 0.1 * v
    np.testing.assert_allclose(p, expected, rtol=1e-12)

    p = p0.copy()
    SGD(0.5).step(p, grads[0])
    np.testing.assert_allclose(p, p0 - 0.5 * grads[0])


def test_learning_rate_changes_between_steps_without_reset():
    p = np.ones(3)
    opt = make_optimizer("momentum", 0.1)
    opt.step(p, np.ones(3))
    velocity = opt.velocity.copy()
    opt.lr = 0.01
    opt.step(p, np.ones(3))
    assert opt.t == 2
    np.testing.assert_allclose(opt.velocity, 0.9 * velocity + 1)
    np.testing.assert_allclose(p, 1 - 0.1 * 1 - 0.01 * 1.9)


def test_regularisation_rate_changes_between_steps():
    net = MLP([2, 3, 1], seed=0)
    X, y = np.ones((4, 2)), np.array([0, 1, 0, 1])
    base = net.loss(X, y)
    net.l2 = 0.5
    W = np.concatenate([w.ravel() for w in net.weights])
    assert net.loss(X, y) == pytest.approx(base + 0.25 * np.sum(W * W))


def test_full_batch_when_batch_size_reaches_m():
    net = MLP([2, 3, 1], seed=0)
    X = np.random.default_rng(0).normal(size=(20, 2))
    Y = net.encode_targets((X[:, 0] > 0).astype(int))
    for bs in (20, 1000, 0):
        assert net.train_epoch(X, Y, SGD(0.1), bs, np.random.default_rng(0)) == 1
    assert net.train_epoch(X, Y, SGD(0.1), 7, np.random.default_rng(0)) == 3
    assert net.train_epoch(X, Y, SGD(0.1), 1, np.random.default_rng(0)) == 20


@pytest.mark.parametrize("loss,activation,make_opt,l2", [
    ("bce", "tanh", lambda: SGD(0.3), 0.0),
    ("bce", "sigmoid", lambda: Momentum(0.2), 0.01),
    ("ce", "relu", lambda: Adam(0.05), 0.0),
    ("mse", "leaky_relu", lambda: SGD(0.05), 0.1),
    ("tanh_mse", "linear", lambda: SGD(0.05), 0.0),
])
def test_minibatch_epoch_is_the_same_as_stepping_the_shuffled_batches(loss, activation, make_opt, l2):
    """train_epoch replays a fused tape per batch (output error straight from the
    logits); it must give what separate loss_and_grads + optimizer steps give."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(23, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    if loss == "ce":
        y = y + (X[:, 0] > 1).astype(int)
    elif loss.endswith("mse"):
        y = np.tanh(X[:, 0] - X[:, 1]).reshape(-1, 1)
    n_out = 3 if loss == "ce" else 1
    a, b = (MLP([2, 5, 4, n_out], activation=activation, loss=loss, l2=l2, seed=1) for _ in range(2))
    Y = a.encode_targets(y)
    opt_a, opt_b = make_opt(), make_opt()
    for epoch in range(3):
        a.train_epoch(X, Y, opt_a, 5, np.random.default_rng(epoch))
        perm = np.random.default_rng(epoch).permutation(23)
        for s in range(0, 23, 5):
            idx = perm[s : s + 5]
            b.loss_and_grads(X[idx], y[idx])
            opt_b.step(b.params, b.grads)
    np.testing.assert_allclose(a.params, b.params, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(a.grads, b.grads, rtol=1e-9, atol=1e-13)  # the last batch's gradients
    assert opt_a.t == opt_b.t == 15


def test_epoch_follows_learning_rate_and_regularisation_changes():
    """The per-batch tapes are cached; a new rate, a new penalty or a new
    optimizer must still take effect on the next epoch."""
    X = np.random.default_rng(0).normal(size=(12, 2))
    y = (X[:, 0] > 0).astype(int)
    a, b = MLP([2, 3, 1], seed=0), MLP([2, 3, 1], seed=0)
    Y = a.encode_targets(y)
    opt = SGD(0.1)
    a.train_epoch(X, Y, opt, 4, np.random.default_rng(0))
    opt.lr, a.l2 = 0.5, 0.2
    a.train_epoch(X, Y, opt, 4, np.random.default_rng(1))
    a.train_epoch(X, Y, Adam(0.01), 4, np.random.default_rng(2))
    ob = SGD(0.1)
    b.train_epoch(X, Y, ob, 4, np.random.default_rng(0))
    for seed, o in ((1, None), (2, Adam(0.01))):
        if o is None:
            ob.lr, b.l2, o = 0.5, 0.2, ob
        perm = np.random.default_rng(seed).permutation(12)
        for s in range(0, 12, 4):
            idx = perm[s : s + 4]
            b.loss_and_grads(X[idx], y[idx])
            o.step(b.params, b.grads)
    np.testing.assert_allclose(a.params, b.params, rtol=1e-10)


def test_float32_on_request_stays_float32():
    net = MLP([2, 8, 1], dtype="float32", seed=0)
    X = np.random.default_rng(0).normal(size=(30, 2))
    y = (X[:, 0] > 0).astype(int)
    Y = net.encode_targets(y)
    net.train_epoch(X.astype(np.float32), Y, Adam(0.01), 8, np.random.default_rng(0))
    assert net.params.dtype == np.float32 and net.grads.dtype == np.float32
    assert net.predict(X).dtype == np.float32
    assert all(w.dtype == np.float32 for w in net.weights)


def test_gradients_and_norms_are_kept_after_each_step():
    net = MLP([2, 4, 3, 1], seed=0)
    X = np.random.default_rng(0).normal(size=(10, 2))
    y = (X[:, 0] > 0).astype(int)
    _, dW, _ = net.loss_and_grads(X, y)
    np.testing.assert_array_equal(net.dW[1], dW[1])
    np.testing.assert_allclose(net.grad_norms(), [np.linalg.norm(d) for d in dW])
    net.train_step(X, net.encode_targets(y), SGD(0.1))
    assert np.all(net.grad_norms() > 0)


def test_copy_is_independent():
    net = MLP([2, 3, 1], seed=0)
    twin = net.copy()
    twin.params[:] = 0
    assert np.any(net.params != 0)
