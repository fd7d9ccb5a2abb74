"""Which two inputs the output view spans by default, for data with more than two.

The first two input columns are a poor default for a CSV: in a penguins-like
file they are the one-hot dummies of a text column (``island=Biscoe``,
``island=Dream``), and the plane over two 0/1 inputs shows four points of
colour. The default is the two inputs that vary most: a column with at most
two distinct values (a dummy, or a yes/no flag) comes after every other, and
among the rest more distinct values come first (a measurement before a count
of a few levels), ties in file order; the pair is given in file order, the
earlier column across. The user can still pick any two (the view's X/Y menus).
"""

from __future__ import annotations

import numpy as np

SAMPLE_ROWS = 20_000  # distinct values are counted on at most this many rows, evenly spread


def default_axes(X: np.ndarray) -> tuple[int, int]:
    """The two columns of ``X`` (examples × inputs, ≥ 2 inputs) the output view
    spans by default (see the module doc); (0, 1) for two inputs. Counting the
    distinct values of a column reads at most ``SAMPLE_ROWS`` rows."""
    n_rows, n_inputs = X.shape
    if n_inputs <= 2:
        return (0, 1)
    step = max(1, -(-n_rows // SAMPLE_ROWS))
    sample = X[::step]
    distinct = [len(np.unique(sample[:, j])) for j in range(n_inputs)]
    ranked = sorted(range(n_inputs), key=lambda j: (distinct[j] <= 2, -distinct[j], j))
    a, b = sorted(ranked[:2])
    return (a, b)


def plane_axes(data, before=None, axes=(0, 1)) -> tuple[int, int]:
    """The two inputs the output view spans for a new run on ``data`` (a Dataset):
    ``axes`` (the pair shown) when the run before, on ``before``, had the same
    inputs (a pick survives a reset or a new setting), else ``default_axes``."""
    if before is not None and list(before.input_names) == list(data.input_names) and max(axes) < data.n_inputs:
        return (int(axes[0]), int(axes[1]))
    return default_axes(data.X)
