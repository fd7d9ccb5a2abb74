"""Finite-difference check of the analytic gradients."""

from __future__ import annotations

import numpy as np

from .mlp import MLP


def numerical_grads(net: MLP, X, y, eps: float = 1e-6) -> np.ndarray:
    """Central differences of J for every entry of ``net.params`` (float64)."""
    if net.dtype != np.float64:
        raise ValueError("gradient checking needs a float64 network")
    flat = net.params
    out = np.empty_like(flat)
    with np.errstate(all="ignore"):
        for i in range(flat.size):
            keep = flat[i]
            flat[i] = keep + eps
            up = net.loss(X, y)
            flat[i] = keep - eps
            down = net.loss(X, y)
            flat[i] = keep
            out[i] = (up - down) / (2 * eps)
    return out


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """|a - b| / max(|a| + |b|, tiny): 0 for equal vectors, 1 for opposite ones."""
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / denom) if denom > 1e-300 else 0.0


def gradient_check(net: MLP, X, y, eps: float = 1e-6) -> list[dict]:
    """Compare backprop with central differences, layer by layer.

    Returns one dict per layer: ``layer`` (1-based), ``dW_error`` and
    ``db_error`` (relative errors). Around 1e-7 or below means agreement; with
    relu or L1 a kink crossed by +/- eps can give a larger error at one entry.
    """
    _, dW, db = net.loss_and_grads(X, y)
    num = numerical_grads(net, X, y, eps)
    twin = net.copy()
    twin.grads[...] = num
    return [
        {"layer": l + 1, "dW_error": relative_error(dW[l], twin.dW[l]), "db_error": relative_error(db[l], twin.db[l])}
        for l in range(net.n_layers)
    ]
