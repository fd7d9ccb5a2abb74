"""Checks on the arrays a user hands the engine, made once at the edge.

Like scikit-learn's ``check_array``: anything array-like (a NumPy array of any
number type, a list of rows, a pandas DataFrame or Series) is converted once
into a C-ordered float array of the network's dtype; NaN or infinity is refused
("Input X contains NaN."), as is a shape that does not fit the network, with a
ValueError naming what is wrong.
"""

from __future__ import annotations

import numpy as np

from ..numbers import count


def as_float_array(values, name: str, dtype) -> np.ndarray:
    """``values`` as a C-ordered array of ``dtype`` (a copy only when needed);
    ValueError when they are not numbers or not all finite."""
    try:
        out = np.ascontiguousarray(values, dtype=dtype)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"Input {name} must hold numbers only: {exc}") from None
    if not np.isfinite(out).all():  # one pass when all is well; the details only on failure
        what = "NaN" if np.isnan(out).any() else "infinity"
        rows = np.flatnonzero(~np.isfinite(out.reshape(out.shape[0], -1)).all(axis=1)) if out.ndim else []
        where = f" (row {rows[0]}{' and others' if len(rows) > 1 else ''})" if len(rows) else ""
        raise ValueError(f"Input {name} contains {what}{where}.")
    return out


def check_X(X, n_inputs: int, dtype) -> np.ndarray:
    """The inputs X as an (m, n_inputs) array of ``dtype``, one row per example.
    A 1-D X is taken as one input's column when the network has one input."""
    X = as_float_array(X, "X", dtype)
    if X.ndim == 1 and n_inputs == 1:
        X = X.reshape(-1, 1)
    if X.ndim != 2 or X.shape[1] != n_inputs:
        raise ValueError(f"X must be shaped (m, {n_inputs}), one row per example and one column per input; "
                         f"got shape {X.shape}")
    return X


def check_Y(Y, n_outputs: int) -> np.ndarray:
    """Encoded targets (see ``Loss.encode``): ValueError unless all finite."""
    if not np.isfinite(Y).all():
        as_float_array(Y, "y", Y.dtype)  # raises, naming NaN or infinity and the row
    return Y


def check_rows(X: np.ndarray, Y: np.ndarray) -> None:
    """ValueError unless X and Y hold the same number of examples."""
    if X.shape[0] != Y.shape[0]:
        raise ValueError(f"X has {count(X.shape[0], 'row')} (examples) but y has {Y.shape[0]}")
