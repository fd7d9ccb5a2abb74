"""The network as the pictures evaluate it: a float32 twin of the run's network.

A picture over the plane (the output view's grid, the neuron thumbnails) is
100 x 100 forward passes and more at every frame; in float32 it costs about a
quarter of float64 (NumPy's tanh, exp and matrix products run at twice the
width, and half the memory moves). It is a picture: its colours do not need
float64. Its *classes* do: a cell painted in class c must be a cell the run's
own network predicts as c (see ``pictures``). So the float32 answer is trusted
only where it cannot have picked another class than the run's own dtype would:

- a cell whose float32 output is not finite, or whose decision margin (see
  ``decision_margin``) is below an error bound, is evaluated again by the run's
  own network, and takes that answer (value and class);
- a network whose weights are so large that float32 changes the function
  (``max |param| > FLOAT32_SAFE``, or a bound on the rounding error that
  reaches the whole range of the margin) is evaluated in its own dtype whole.

The error bound follows the usual forward error analysis of a product of
layers (Higham, *Accuracy and Stability of Numerical Algorithms*, 2002, ch. 3):
the rounding error of the output grows at most like prod_l (1 + max|W[l]|)
times the unit roundoff; ``TOLERANCE_PER_ULP`` is a generous constant on it.
"""

from __future__ import annotations

import numpy as np

from ..engine.mlp import forward_and_subgrid

FLOAT32_INPUT = 1e30  # past this |input| (or NaN), the run's own numbers: float32 ends near 3.4e38
FLOAT32_SAFE = 1e4  # past this |param|, float32 rounding of the weights alone may change the picture
TOLERANCE_PER_ULP = 100.0  # margin bound = this * eps32 * prod_l (1 + max|W[l]|)


def decision_margin(A: np.ndarray, loss: str) -> np.ndarray:
    """How far each row of outputs A (m, n[L]) is from a change of class:
    |P - 1/2| for 'bce', |A| for 'tanh_mse', top-1 minus top-2 probability for
    'ce', |A| (a value, no class) for regression ('mse'); NaN where not finite."""
    with np.errstate(invalid="ignore"):
        if loss == "ce" and A.shape[1] > 1:
            part = np.partition(A, A.shape[1] - 2, axis=1)
            margin = part[:, -1] - part[:, -2]
        elif loss == "bce":
            margin = np.abs(A[:, 0] - 0.5)
        else:
            margin = np.abs(A[:, 0])
    margin = margin.astype(np.float64)
    margin[~np.isfinite(A).all(axis=1)] = np.nan
    return margin


class PictureNetwork:
    """A float32 twin of a network for pictures, its parameters copied from
    the run's network before each use (a copy of the parameter vector, no
    rebuild). ``forward``/``hidden_outputs`` take the run's network and its
    inputs X (m, n[0]) in the run's dtype."""

    def __init__(self):
        self._twin = None

    def _twin_of(self, net, X: np.ndarray | None = None):
        """The float32 twin with ``net``'s parameters now, or None when float32
        cannot stand in for it (it is float32 itself, or its weights, or the inputs ``X``,
        are too large: an input beyond float32's range overflowed its cast, with NumPy's
        warning in the terminal)."""
        if net.dtype == np.float32 or not np.all(np.isfinite(net.params)) or \
                np.abs(net.params).max(initial=0.0) > FLOAT32_SAFE:
            return None
        if X is not None and not np.abs(X).max(initial=0.0) <= FLOAT32_INPUT:
            return None
        twin = self._twin
        if twin is None or list(twin.sizes) != list(net.sizes) or twin.activation_names != net.activation_names \
                or twin.loss_fn.name != net.loss_fn.name:
            twin = self._twin = net.copy(dtype="float32")
        else:
            twin.params[...] = net.params
        return twin

    def tolerance(self, net) -> float:
        """The margin under which a float32 class is checked by the run's own network."""
        growth = float(np.prod([1.0 + float(np.abs(W).max(initial=0.0)) for W in net.weights]))
        return TOLERANCE_PER_ULP * float(np.finfo(np.float32).eps) * growth

    def forward(self, net, X: np.ndarray, loss: str) -> np.ndarray:
        """A[L] for X, (m, n[L]): float32 where that cannot change a class, the
        run's own numbers (and dtype) elsewhere (see the module's docstring). ``loss`` names
        how outputs become classes ('bce', 'ce', 'tanh_mse'; 'mse' for values)."""
        twin = self._twin_of(net, X)
        tol = None if twin is None else self.tolerance(net)
        if twin is None or tol >= 0.25:
            return net.forward(X)
        return self._checked(net, X, twin.forward(X.astype(np.float32)), loss, tol)

    def _checked(self, net, X: np.ndarray, A: np.ndarray, loss: str, tol: float) -> np.ndarray:
        """The float32 outputs A (m, n[L]) of X with every row whose class float32 may
        have changed (or that is not finite) evaluated again by the run's own network
        (the margin under ``tol``, see ``tolerance``)."""
        margin = decision_margin(A, loss)
        recheck = np.flatnonzero(~(margin >= tol))  # (NaN: not finite)
        if recheck.size:  # those rows in the run's own numbers (a cast would undo a tie's winner)
            A = A.astype(net.dtype)
            A[recheck] = net.forward(X[recheck])
        return A

    def hidden_outputs(self, net, X: np.ndarray) -> list[np.ndarray]:
        """[A[1], ..., A[L]] for X: float32 unless some number is not finite in
        float32, then the run's own numbers (so "undefined" is the run's)."""
        twin = self._twin_of(net, X)
        if twin is None:
            return net.hidden_outputs(X)
        acts = twin.hidden_outputs(X.astype(np.float32))
        if not all(np.isfinite(a).all() for a in acts):
            return net.hidden_outputs(X)
        return acts

    def forward_and_subgrid(self, net, X: np.ndarray, loss: str, resolution: int, step: int) -> tuple:
        """(``forward(net, X, loss)``, ``hidden_outputs`` at every ``step``-th point of
        the grid) from one forward pass over X, the ``resolution`` x ``resolution`` grid's
        points (the output view's grid and the neuron thumbnails, whose points are some of
        them): the two calls' numbers (to the last bit of rounding), at the cost of one.
        The hidden outputs are (k, k, n[l]) arrays (see ``engine.mlp.forward_and_subgrid``)."""
        twin = self._twin_of(net, X)
        if twin is None:
            return forward_and_subgrid(net, X, resolution, step)
        A, hidden = forward_and_subgrid(twin, X.astype(np.float32), resolution, step)
        tol = self.tolerance(net)
        A = net.forward(X) if tol >= 0.25 else self._checked(net, X, A, loss, tol)
        if not all(np.isfinite(a).all() for a in hidden):
            k = hidden[0].shape[0]
            sub = X.reshape(resolution, resolution, -1)[::step, ::step].reshape(k * k, -1)
            hidden = [a.reshape(k, k, -1) for a in net.hidden_outputs(sub)]
        return A, hidden
