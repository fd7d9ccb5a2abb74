"""The L1 and L2 penalties on the weights (never the biases), and the L1 step
that sets weights to exactly zero.

The objective is J = J_data + penalty with

    penalty = l1 sum|W| + (l2 / 2) sum W^2      d penalty / dW = l1 sign(W) + l2 W

L2 is smooth and enters training through its gradient. L1 is not: a
gradient step with l1 sign(W) overshoots zero by up to alpha l1 and flips the
weight's sign on the next step, so weights flicker around 0 and are never 0.
Training therefore takes the L1 term as a *proximal* step after the
optimizer's step on the data (and L2) gradient:

    W' = optimizer_step(W, dJ_data/dW + l2 W)
    W  = sign(W') max(|W'| - t, 0)             t = alpha l1 (per weight)

i.e. W' moves by t towards 0, and a weight that would cross 0 is set to
exactly 0 (soft thresholding, the proximal operator of t |W|; Parikh & Boyd,
"Proximal Algorithms", 2014, sec. 6.5.2). A weight at 0 stays 0 until the
data step alone moves it more than t away. TensorFlow Playground does the
same in ``updateWeights`` (src/nn.ts): after the data step the weight moves by
learningRate * regularizationRate * sign(w) and is set to 0 when that crosses 0
(there it then stays dead; here the data gradient can revive it). Tsuruoka,
Tsujii & Ananiadou (ACL 2009) give the cumulative form of this clipping for SGD.
The threshold t per optimizer is in ``Optimizer.l1_thresholds``.
"""

from __future__ import annotations

import numpy as np


def penalty(params: np.ndarray, weight_mask: np.ndarray, l1: float, l2: float) -> float:
    """l1 sum|W| + (l2 / 2) sum W^2 over the entries of ``params`` where
    ``weight_mask`` (same shape, 1 for a weight, 0 for a bias) is 1."""
    total = 0.0
    if l1:
        total += l1 * float(np.abs(params) @ weight_mask)
    if l2:
        total += 0.5 * l2 * float((params * params) @ weight_mask)
    return total


def add_penalty_gradient(params: np.ndarray, weight_mask: np.ndarray, l1: float, l2: float,
                         grads: np.ndarray, scratch: np.ndarray) -> None:
    """grads += l2 W + l1 sign(W) on the weights, in place (``scratch`` is
    overwritten). sign(0) = 0: at W = 0 the penalty has no derivative and this
    is its smallest subgradient."""
    if l2:
        np.multiply(params, weight_mask, out=scratch)
        scratch *= l2
        grads += scratch
    if l1:
        np.sign(params, out=scratch)
        scratch *= weight_mask
        scratch *= l1
        grads += scratch


def soft_threshold(params: np.ndarray, thresholds: np.ndarray, scratch: np.ndarray) -> None:
    """params := sign(params) max(|params| - thresholds, 0), in place.

    Computed as params - sign(params) min(|params|, t), bit for bit the same
    (|p| > t gives p -/+ t; |p| <= t gives p - p = +0.0 exactly, never -0.0)
    in four ufunc calls. Entries with threshold 0 (the biases) are unchanged.
    ``scratch`` (same shape) is overwritten.
    """
    np.abs(params, out=scratch)
    np.minimum(scratch, thresholds, out=scratch)
    np.copysign(scratch, params, out=scratch)
    np.subtract(params, scratch, out=params)


def zero_weights(weights) -> tuple[int, int]:
    """(how many weights are exactly 0, how many weights there are) over a
    sequence of weight matrices W[l]."""
    zeros = sum(int(np.count_nonzero(np.asarray(W) == 0)) for W in weights)
    return zeros, sum(int(np.size(W)) for W in weights)
