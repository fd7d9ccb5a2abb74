"""Which two inputs the output view spans by default, for data with more than two.

The default is the first two inputs, in file order, the earlier across, skipping
a column of at most two distinct values (a one-hot dummy or a yes/no flag): in a
penguins-like file the first inputs are the dummies of a text column
(``island=Biscoe``, ``island=Dream``), and the plane over two 0/1 inputs shows
four points of colour. Those come after every other column. Among the rest the
file's order is kept (round 21: ranking them by how many distinct values they
hold opened a plain file of four measurements a–d on b–d, the two written
with more digits). The user can still pick any two (the view's X/Y
menus), and a pick stays while the same file's run is rebuilt (``plane_axes``).
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
    flags = [len(np.unique(sample[:, j])) <= 2 for j in range(n_inputs)]
    ranked = sorted(range(n_inputs), key=lambda j: (flags[j], j))  # (a stable sort: file order within each)
    a, b = sorted(ranked[:2])
    return (a, b)


def plane_axes(data, before=None, axes=(0, 1)) -> tuple[int, int]:
    """The two inputs the output view spans for a new run on ``data`` (a Dataset):
    ``axes`` (the pair shown) when the run before, on ``before``, was on the same
    file (its name and inputs: a pick survives a reset or a new setting, not the
    opening of another file that has the same columns), else ``default_axes``."""
    same_file = before is not None and before.name == data.name and list(before.input_names) == list(data.input_names)
    if same_file and max(axes) < data.n_inputs:
        return (int(axes[0]), int(axes[1]))
    return default_axes(data.X)
