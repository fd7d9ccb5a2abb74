"""Finite-difference check of the analytic gradients."""

from __future__ import annotations

import numpy as np

from .mlp import MLP
from .norms import norm2


def numerical_grads(net: MLP, X, y, eps: float = 1e-6, entries=None) -> np.ndarray:
    """Central differences of J for the entries ``entries`` of ``net.params``
    (all by default; the others are left NaN), in float64."""
    if net.dtype != np.float64:
        raise ValueError("gradient checking needs a float64 network")
    flat = net.params
    out = np.full_like(flat, np.nan)
    with np.errstate(all="ignore"):
        for i in range(flat.size) if entries is None else entries:
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
    denom = norm2(a) + norm2(b)
    return float(norm2(a - b) / denom) if denom > 1e-300 else 0.0


def gradient_check(net: MLP, X, y, eps: float = 1e-6, max_entries: int | None = None, seed: int = 0) -> list[dict]:
    """Compare backprop with central differences, layer by layer.

    Returns one dict per layer: ``layer`` (1-based), ``dW_error`` and
    ``db_error`` (relative errors) and ``checked`` (entries compared). Around
    1e-7 or below means agreement; with relu or L1 a kink crossed by +/- eps
    can give a larger error at one entry. ``max_entries`` caps the entries
    compared per layer (chosen at random with ``seed``) for large networks.
    Pruned weights and the parameters of pruned neurons (``engine.masks``) are
    left out: the mask makes both gradients exactly 0 there. The check uses the
    network without dropout (its evaluation pass): dropout's random masks are
    not a function of the weights that differences could check.
    """
    _, dW, db = net.loss_and_grads(X, y)
    twin = net.copy()
    index = np.arange(net.params.size)
    twin.params[...] = index  # which flat entries belong to which layer's W and b
    picks = []
    rng = np.random.default_rng(seed)
    for l in range(net.n_layers):
        for block in (twin.weights[l], twin.biases[l]):
            ids = block.ravel().astype(np.intp)
            ids = ids[~net.masks.dead[ids]]  # pruned: nothing to check
            if max_entries is not None and ids.size > max_entries:
                ids = rng.choice(ids, max_entries, replace=False)
            picks.append(ids)
    num = numerical_grads(net, X, y, eps, np.concatenate(picks).astype(np.intp))
    twin.params[...] = net.params
    twin.grads[...] = num
    out = []
    for l in range(net.n_layers):
        row = {"layer": l + 1}
        for key, analytic, numeric in (("dW_error", dW[l], twin.dW[l]), ("db_error", db[l], twin.db[l])):
            mask = ~np.isnan(numeric)
            row[key] = relative_error(analytic[mask], numeric[mask])
        row["checked"] = int((~np.isnan(twin.dW[l])).sum() + (~np.isnan(twin.db[l])).sum())
        out.append(row)
    return out
