"""Vector and matrix 2-norms that neither overflow nor warn.

``np.linalg.norm`` squares before it adds: a weight of 1e300 (typed in the
weight editor) makes ``x.dot(x)`` overflow, NumPy prints "RuntimeWarning:
overflow encountered in dot" to the user's terminal, and the norm reads inf
although it is 1e300. Here the values are scaled by their largest |value|
first, as LAPACK's ``dnrm2`` does, so the norm is exact to rounding for any
finite values up to the largest float (and inf beyond, without a warning).
"""

from __future__ import annotations

import math

import numpy as np


SAFE_SQUARES = (1e-280, 1e300)  # a sum of squares between these is neither under- nor overflowed (float64)


def norm2(a) -> float:
    """The 2-norm (Frobenius for a matrix) of ``a``, any shape: sqrt(sum a²); where that sum
    under- or overflows (or in float32), m·sqrt(sum (a/m)²) with m = max |a|. 0 for an empty
    or all-zero ``a``, NaN when ``a`` holds a NaN, inf when it holds an inf or the norm
    exceeds the largest float. Never warns."""
    a = np.asarray(a)
    if a.size == 0:
        return 0.0
    if a.dtype == np.float64:
        squares = float(np.vdot(a, a))  # (BLAS: no warning on overflow; the usual case, 8 times cheaper)
        if SAFE_SQUARES[0] < squares < SAFE_SQUARES[1]:
            return math.sqrt(squares)
    a = a.astype(np.float64, copy=False)
    with np.errstate(all="ignore"):
        top = float(np.max(np.abs(a)))
        if not 0.0 < top < np.inf:
            return top if top == top else float("nan")  # 0, inf, or NaN (max propagates NaN)
        scaled = a / top
        return float(top * np.sqrt(np.vdot(scaled, scaled)))


def row_norms(a) -> np.ndarray:
    """The 2-norm of each row of the 2-D ``a``, (rows, 1), as ``norm2`` (no overflow, no warning)."""
    a = np.asarray(a, dtype=np.float64)
    with np.errstate(all="ignore"):
        top = np.max(np.abs(a), axis=1, keepdims=True) if a.shape[1] else np.zeros((a.shape[0], 1))
        safe = np.where((top > 0) & np.isfinite(top), top, 1.0)
        scaled = a / safe
        return np.where(np.isfinite(top), safe * np.sqrt(np.sum(scaled * scaled, axis=1, keepdims=True)), top)
