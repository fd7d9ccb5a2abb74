"""TensorBoard's smoothing of a scalar curve: the debiased exponential moving
average of its scalars dashboard (the "Smoothing" slider, weight 0..0.99;
tensorboard/components/vz_line_chart2/line-chart.ts, ``resmoothDataset``):

    last_0 = 0
    last_k = w last_(k-1) + (1 - w) x_k          over the finite values x_1, x_2, ...
    s_k    = last_k / (1 - w^k)                  (the debiasing: s_1 = x_1)

A value that is not finite (NaN, ±inf) is kept as it is and does not enter the
average; a constant curve is returned as it is. Weight 0 gives the curve back.
"""

from __future__ import annotations

import numpy as np

MAX_WEIGHT = 0.99
_BLOCK = 64  # the recurrence is run in closed form over blocks of this many values


def debiased_ema(values, weight: float) -> np.ndarray:
    """The smoothed curve of ``values`` (1-D, any length) at ``weight`` in
    [0, MAX_WEIGHT], as a new float64 array of the same shape (see the module's
    docstring). ValueError for a weight outside that range.

    Vectorised: within a block of B values, last_k = w^k last_0 + (1 - w)
    sum_i w^(k-i) x_i is one product with a B x B lower-triangular matrix, so a
    curve of thousands of points costs a few matrix products, not a Python loop."""
    weight = float(weight)
    if not 0.0 <= weight <= MAX_WEIGHT:
        raise ValueError(f"smoothing must be between 0 and {MAX_WEIGHT}, got {weight}")
    y = np.array(values, dtype=np.float64).ravel()
    out = y.copy()
    finite = np.isfinite(y)
    x = y[finite]
    if weight == 0.0 or x.size == 0 or np.all(y == y[0]):
        return out
    k = np.arange(_BLOCK)
    lag = k[:, None] - k[None, :]
    decay = np.where(lag >= 0, weight ** np.maximum(lag, 0), 0.0)  # decay[k, i] = w^(k-i), i <= k
    carry = weight ** (k + 1.0)  # how much of the previous block's last value is left at k
    ema = np.empty_like(x)
    last = 0.0
    for start in range(0, x.size, _BLOCK):
        xb = x[start : start + _BLOCK]
        m = xb.size
        ema[start : start + m] = (1.0 - weight) * (decay[:m, :m] @ xb) + carry[:m] * last
        last = ema[start + m - 1]
    smoothed = ema / (1.0 - weight ** np.arange(1.0, x.size + 1.0))
    smoothed[0] = x[0]  # (1 - w) x_1 / (1 - w) is x_1: exactly, not to the last bit of the division
    out[finite] = smoothed
    return out
