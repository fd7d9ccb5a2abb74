"""An independent oracle for the engine: the equations written out in column
layout with complex-safe functions, differentiated by the complex-step method
(d f / d p = Im f(p + i h) / h), which is exact to rounding for analytic code."""

import numpy as np


def _act(name, z):
    if name == "tanh":
        return np.tanh(z)
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "relu":
        return np.where(z.real > 0, z, 0)
    if name == "leaky_relu":
        return np.where(z.real > 0, z, 0.01 * z)
    if name == "linear":
        return z
    raise ValueError(name)


def oracle_loss(Ws, bs, X, y, activations, loss, l1=0.0, l2=0.0):
    A = X.T.astype(complex)
    L = len(Ws)
    for l in range(L):
        Z = Ws[l] @ A + bs[l]
        A = _act(activations[l], Z) if l < L - 1 else Z
    Z = A
    m = X.shape[0]
    if loss == "bce":
        Y = y.reshape(1, -1)
        J = np.sum(np.log(1 + np.exp(-Z)) + (1 - Y) * Z) / m  # = -(y log s + (1-y) log(1-s))
    elif loss == "ce":
        k = Z.shape[0]
        onehot = np.eye(k)[y].T
        shift = Z.real.max(axis=0)
        lse = np.log(np.exp(Z - shift).sum(axis=0)) + shift
        J = np.sum(lse - np.sum(onehot * Z, axis=0)) / m
    elif loss in ("mse", "tanh_mse"):
        Y = y.reshape(m, -1).T
        A = np.tanh(Z) if loss == "tanh_mse" else Z
        J = 0.5 * np.sum((A - Y) ** 2) / m
    for W in Ws:
        J = J + l1 * np.sum(np.sign(W.real) * W) + 0.5 * l2 * np.sum(W * W)
    return J


def oracle_grads(Ws, bs, X, y, activations, loss, l1=0.0, l2=0.0, h=1e-30):
    """Complex-step gradients, shaped like Ws and bs."""
    Ws = [W.astype(complex) for W in Ws]
    bs = [b.astype(complex) for b in bs]
    out_W, out_b = [], []
    for group, out in ((Ws, out_W), (bs, out_b)):
        for P in group:
            G = np.empty(P.shape)
            for idx in np.ndindex(P.shape):
                keep = P[idx]
                P[idx] = keep + 1j * h
                G[idx] = oracle_loss(Ws, bs, X, y, activations, loss, l1, l2).imag / h
                P[idx] = keep
            out.append(G)
    return out_W, out_b
