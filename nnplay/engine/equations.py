"""Backpropagation in plain NumPy, one line per equation of docs/equations.md.

Column layout, one example per column: X is A[0], shaped (n[0], m); W[l] is
(n[l], n[l-1]), b[l] is (n[l], 1), Z[l], A[l] and dZ[l] are (n[l], m); Y holds
the encoded targets, (n[L], m). Lists are 0-based: ``W[0]`` is W[1] of the
equations, ``A[0]`` is the input X.

This is the readable copy of the equations: the backprop inspector's trace
(``engine.trace``) is this module keeping its intermediates, the benchmark's
"plain loop" is ``sgd_epoch``, and the fast engine (``engine.mlp``) is tested
against it and against an independent complex-step oracle. Of the arithmetic,
only the numerically safe sigmoid is shared with the fast engine; the order of
an epoch's examples (``epoch_order``) is shared by every training path.
"""

from __future__ import annotations

import numpy as np

from ..user_text import shown
from .activations import LEAKY_SLOPE, sigmoid

OUTPUT_ACTIVATION = {"bce": "sigmoid", "ce": "softmax", "mse": "linear", "tanh_mse": "tanh"}  # g[L] of each loss


def g(name: str, Z: np.ndarray) -> np.ndarray:
    """A = g(Z), element by element (softmax: column by column)."""
    if name == "tanh":
        return np.tanh(Z)
    if name == "sigmoid":
        return sigmoid(Z)  # 1 / (1 + e^-z), computed without overflow
    if name == "relu":
        return np.maximum(Z, 0.0)
    if name == "leaky_relu":
        return np.where(Z > 0, Z, LEAKY_SLOPE * Z)
    if name == "linear":
        return Z.copy()
    if name == "softmax":
        E = np.exp(Z - Z.max(axis=0, keepdims=True))
        return E / E.sum(axis=0, keepdims=True)
    raise ValueError(f"unknown activation {shown(name)}")


def g_prime(name: str, Z: np.ndarray, A: np.ndarray) -> np.ndarray:
    """g'(Z), written with A = g(Z) where that is the usual form."""
    if name == "tanh":
        return 1 - A**2
    if name == "sigmoid":
        return A * (1 - A)
    if name == "relu":
        return np.where(Z > 0, 1.0, 0.0)  # relu'(0) taken as 0
    if name == "leaky_relu":
        return np.where(Z > 0, 1.0, LEAKY_SLOPE)
    if name == "linear":
        return np.ones_like(Z)
    raise ValueError(f"unknown activation {shown(name)}")


def cost(loss: str, Z: np.ndarray, A: np.ndarray, Y: np.ndarray) -> float:
    """J_data of the batch, the mean over its m columns, from the logits Z = Z[L]
    in the stable forms of docs/equations.md."""
    m = Z.shape[1]
    if loss == "bce":  # -(1/m) sum [Y log A + (1-Y) log(1-A)] = (1/m) sum [softplus(Z) - Y Z]
        return float(np.sum(np.logaddexp(0.0, Z) - Y * Z) / m)
    if loss == "ce":  # -(1/m) sum log A_y, with log A = (Z - max) - log sum exp(Z - max)
        shifted = Z - Z.max(axis=0, keepdims=True)
        return float(-np.sum(Y * (shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True)))) / m)
    return float(np.sum((A - Y) ** 2) / (2 * m))  # mse, tanh_mse


def output_error(loss: str, A: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """dZ[L] = dJ/dZ[L] per example: A[L] - Y for the matched pairs, times
    g'(Z[L]) = 1 - A[L]^2 for tanh with squared error."""
    dZ = A - Y
    return dZ * (1 - A**2) if loss == "tanh_mse" else dZ


def forward(W, b, X, activations, loss, masks=None):
    """Z[l] = W[l] A[l-1] + b[l], A[l] = g(Z[l]): returns the lists Z (L matrices)
    and A (L + 1, A[0] = X). ``masks`` (one per hidden layer, None or an array
    that broadcasts to (n[l], m)) multiplies A[l] = M[l] * g(Z[l]): pruned
    neurons (0) and dropout (docs/equations.md, "Masks")."""
    Z, A = [], [X]
    names = [*activations, OUTPUT_ACTIVATION[loss]]
    for l in range(len(W)):
        Z.append(W[l] @ A[l] + b[l])
        a = g(names[l], Z[l])
        A.append(a if masks is None or l >= len(masks) or masks[l] is None else a * masks[l])
    return Z, A


def backward(W, Z, A, Y, activations, loss, masks=None):
    """The chain rule from the output back to layer 1. Returns lists, one entry
    per layer: dZ, dW = (1/m) dZ A[l-1]^T, db = (1/m) sum of dZ's columns, and
    for the hidden layers dA = W[l+1]^T dZ[l+1] and g'(Z[l]) (None at the output).
    With the ``masks`` of ``forward``, dZ[l] = dA[l] * g'(Z[l]) * M[l]."""
    L, m = len(W), Y.shape[1]
    dZ, dW, db, dA, gp = [None] * L, [None] * L, [None] * L, [None] * L, [None] * L
    dZ[L - 1] = output_error(loss, A[L], Y)
    for l in range(L - 1, -1, -1):
        dW[l] = dZ[l] @ A[l].T / m
        db[l] = dZ[l].sum(axis=1, keepdims=True) / m
        if l > 0:
            mask = None if masks is None else masks[l - 1]
            name = activations[l - 1]
            dA[l - 1] = W[l].T @ dZ[l]
            gp[l - 1] = g_prime(name, Z[l - 1], A[l] if mask is None else g(name, Z[l - 1]))
            dZ[l - 1] = dA[l - 1] * gp[l - 1] if mask is None else dA[l - 1] * gp[l - 1] * mask
    return dZ, dW, db, dA, gp


def penalty_gradient(W: np.ndarray, l1: float, l2: float) -> np.ndarray:
    """d/dW of l1 sum|W| + (l2/2) sum W^2: l1 sign(W) + l2 W."""
    return l1 * np.sign(W) + l2 * W


def epoch_order(m: int, batch_size: int, rng: np.random.Generator) -> tuple[np.ndarray, int]:
    """(the order of the m examples in one epoch, the mini-batch size). A batch
    size of 0 or at least m is full batch, taken in order without drawing from
    ``rng``; otherwise one permutation is drawn. Every training path (the fast
    engine, the trainer's step by step, ``sgd_epoch``) orders its epochs here."""
    bs = m if batch_size <= 0 or batch_size >= m else int(batch_size)
    return (rng.permutation(m) if bs < m else np.arange(m)), max(bs, 1)


def epoch_batches(m: int, batch_size: int, rng: np.random.Generator):
    """The example indices of each mini-batch of one epoch (see ``epoch_order``);
    the last batch holds what is left."""
    order, bs = epoch_order(m, batch_size, rng)
    for start in range(0, m, bs):
        yield order[start : start + bs]


def sgd_epoch(W, b, X, Y, lr, batch_size, rng, activations, loss):
    """One epoch of plain gradient descent, W := W - alpha dW, b := b - alpha db,
    in place on the lists W and b (no regularisation)."""
    for idx in epoch_batches(X.shape[1], batch_size, rng):
        Z, A = forward(W, b, X[:, idx], activations, loss)
        _, dW, db, _, _ = backward(W, Z, A, Y[:, idx], activations, loss)
        for l in range(len(W)):
            W[l] -= lr * dW[l]
            b[l] -= lr * db[l]
