"""Every layer's Z, A and slope g'(Z) on a bounded sample of the training set,
for the diagnosis (``health``) and the distributions over time
(``distributions``). One forward pass by the network's own equations
(docs/equations.md): Z[l] = A[l-1] W[l]^T + b[l]^T, A[l] = g(Z[l]), rows are examples."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_ROWS = 2000  # the sample's size bound: the cost of a diagnosis does not grow with the data


@dataclass(frozen=True)
class LayerValues:
    """Z[l], A[l] (each (m, n[l]), l = 1..L at index l - 1) and, for the hidden
    layers, slope[l] = g'(Z[l]) (l = 1..L-1); ``rows`` examples of ``total``."""

    Z: list
    A: list
    slope: list
    rows: int
    total: int


def sample_rows(m: int, limit: int = MAX_ROWS) -> np.ndarray:
    """Indices of at most ``limit`` of m rows, evenly spaced (every row when m <= limit)."""
    if m <= limit:
        return np.arange(m)
    return np.linspace(0, m - 1, limit).round().astype(np.intp)


def layer_values(net, X: np.ndarray, limit: int = MAX_ROWS, slopes: bool = True) -> LayerValues:
    """Z, A and (with ``slopes``, else []) g'(Z) of engine MLP ``net`` on up to
    ``limit`` rows of X (m, n[0])."""
    total = X.shape[0]
    X = X[sample_rows(total, limit)]
    with np.errstate(all="ignore"):
        A = net.hidden_outputs(X) if X.shape[0] else [np.empty((0, n)) for n in net.sizes[1:]]
        inputs = [X, *A[:-1]]
        Z = [inputs[l] @ net.weights[l].T + net.biases[l].T for l in range(net.n_layers)]
        slope = []
        for l, act in enumerate(net.activations if slopes else ()):
            s = np.ones_like(Z[l])
            act.derivative_mul(Z[l], A[l], s, np.empty_like(s))
            slope.append(s)
    return LayerValues(Z, A, slope, X.shape[0], total)
