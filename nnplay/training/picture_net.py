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
from ..engine.validation import check_X
from .packed_arrays import weight_bounds

FLOAT32_INPUT = 1e30  # past this |input| (or NaN), the run's own numbers: float32 ends near 3.4e38
FLOAT32_SAFE = 1e4  # past this |param|, float32 rounding of the weights alone may change the picture
TOLERANCE_PER_ULP = 100.0  # margin bound = this * eps32 * prod_l (1 + max|W[l]|)


def decision_margin(A: np.ndarray, loss: str) -> np.ndarray:
    """How far each row of outputs A (m, n[L]) is from a change of class:
    |P - 1/2| for 'bce', |A| for 'tanh_mse', top-1 minus top-2 probability for
    'ce', |A| (a value, no class) for regression ('mse'); NaN where not finite.
    (float64, (m,); all finite, the usual case, costs one check of A.)"""
    with np.errstate(invalid="ignore"):
        if loss == "ce" and A.shape[1] > 1:
            part = np.partition(A, A.shape[1] - 2, axis=1)
            margin = part[:, -1] - part[:, -2]
        elif loss == "bce":
            margin = np.abs(A[:, 0] - 0.5)
        else:
            margin = np.abs(A[:, 0])
    margin = margin.astype(np.float64)
    if not np.isfinite(A).all():
        margin[~np.isfinite(A).all(axis=1)] = np.nan
    return margin


def tolerance(largest) -> float:
    """The margin under which a float32 class is checked by the run's own network, from
    the largest |weight| of each layer (``largest``, one number a layer, first to last)."""
    growth = float(np.prod(1.0 + np.asarray(largest, np.float64)))
    return TOLERANCE_PER_ULP * float(np.finfo(np.float32).eps) * growth


class PictureNetwork:
    """A float32 twin of a network for pictures, its parameters copied from
    the run's network before each use (a copy of the parameter vector, no
    rebuild). ``forward``/``hidden_outputs`` take the run's network and its
    inputs X (m, n[0]) in the run's dtype."""

    def __init__(self):
        self._twin = None
        self._source = None  # (the network the twin is of, its masks' version then): the twin is rebuilt when either changes
        self._inputs = (None, None)  # the last X asked for, and its float32 copy (a grid's points: every frame the same)

    def _twin_of(self, net) -> tuple:
        """(the float32 twin with ``net``'s parameters now, ``tolerance``) from one pass
        over the parameters, or (None, None) when float32 cannot stand in for ``net``
        (it is float32 itself, or its weights are not finite or too large)."""
        if net.dtype == np.float32:
            return None, None
        size = np.abs(net.params)
        if not size.max(initial=0.0) <= FLOAT32_SAFE:  # (NaN too: max propagates it)
            return None, None
        twin = self._twin
        source = self._source
        if twin is None or source[0] is not net or source[1] != net.masks.version:  # another network, or masks edited
            twin = self._twin = net.copy(dtype="float32")  # (its pruned neurons and weights too)
            self._source = (net, net.masks.version)
        else:
            twin.params[...] = net.params
        return twin, tolerance(np.maximum.reduceat(size, weight_bounds(net))[::2])

    def _float32(self, X: np.ndarray, net) -> np.ndarray | None:
        """X as float32, checked as ``net``'s inputs are (the engine's ValueError naming what is
        wrong); None when X holds a number float32 cannot stand in for (beyond ``FLOAT32_INPUT``:
        its cast would overflow, with NumPy's warning in the terminal), so the run's own numbers
        are used. Kept for the next call with the same X and width (a grid's points: checked
        once, not at every frame)."""
        kept = self._inputs
        if kept[0] is not X or (kept[1] is not None and kept[1].shape[1] != net.sizes[0]):
            fits = np.abs(X).max(initial=0.0) <= FLOAT32_INPUT
            self._inputs = kept = (X, check_X(X.astype(np.float32), net.sizes[0], np.float32) if fits else None)
        return kept[1]

    def _twin_and_inputs(self, net, X: np.ndarray) -> tuple:
        """(twin, tolerance, X as float32) as ``_twin_of`` and ``_float32`` give them, or
        (None, None, None) when either says float32 cannot stand in."""
        twin, tol = self._twin_of(net)
        X32 = None if twin is None else self._float32(X, net)
        return (None, None, None) if X32 is None else (twin, tol, X32)

    def forward(self, net, X: np.ndarray, loss: str) -> np.ndarray:
        """A[L] for X, (m, n[L]): float32 where that cannot change a class, the
        run's own numbers (and dtype) elsewhere (see the module's docstring). ``loss`` names
        how outputs become classes ('bce', 'ce', 'tanh_mse'; 'mse' for values)."""
        twin, tol, X32 = self._twin_and_inputs(net, X)
        if twin is None or tol >= 0.25:
            return net.forward(X)
        return self._checked(net, X, twin.forward(X32), loss, tol)

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
        twin, _, X32 = self._twin_and_inputs(net, X)
        if twin is None:
            return net.hidden_outputs(X)
        acts = twin.hidden_outputs(X32)
        if not all(np.isfinite(a).all() for a in acts):
            return net.hidden_outputs(X)
        return acts

    def forward_and_subgrid(self, net, X: np.ndarray, loss: str, resolution: int, step: int) -> tuple:
        """(``forward(net, X, loss)``, ``hidden_outputs`` at every ``step``-th point of
        the grid) from one forward pass over X, the ``resolution`` x ``resolution`` grid's
        points (the output view's grid and the neuron thumbnails, whose points are some of
        them): the two calls' numbers (to the last bit of rounding), at the cost of one.
        The hidden outputs are (k, k, n[l]) arrays, new, the whole of one buffer one after
        another (see ``engine.mlp.forward_and_subgrid``)."""
        twin, tol, X32 = self._twin_and_inputs(net, X)
        if twin is None:
            return forward_and_subgrid(net, X, resolution, step)
        A, hidden = forward_and_subgrid(twin, X32, resolution, step, check_input=False)
        A = net.forward(X) if tol >= 0.25 else self._checked(net, X, A, loss, tol)
        if not np.isfinite(hidden[0].base).all():  # (the buffer of them all)
            k = hidden[0].shape[0]
            sub = X.reshape(resolution, resolution, -1)[::step, ::step].reshape(k * k, -1)
            hidden = forward_and_subgrid(net, sub, k, 1)[1]  # the run's own numbers
        return A, hidden
