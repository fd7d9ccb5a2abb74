"""The output view's default axes for data with more than two inputs: the two
inputs that vary most, never the one-hot dummies a text column becomes."""

import numpy as np
import pytest

from nnplay.data import load_csv
from nnplay.data.columns import ImportOptions
from nnplay.data.plane_axes import default_axes, plane_axes
from tests.data.penguins_like import MEASUREMENTS, write_penguins_like


def test_a_penguins_like_file_is_shown_over_two_measurements(tmp_path):
    data = load_csv(write_penguins_like(tmp_path / "penguins.csv"))
    assert data.input_names[0].startswith("island")  # the first inputs are the island's dummies...
    a, b = default_axes(data.X)
    assert a < b and {data.input_names[a], data.input_names[b]} <= set(MEASUREMENTS)  # ... the view spans measurements
    distinct = {name: len(np.unique(data.X[:, j])) for j, name in enumerate(data.input_names)}
    assert sorted(distinct[n] for n in MEASUREMENTS)[-2:] == sorted([distinct[data.input_names[a]],
                                                                      distinct[data.input_names[b]]])


@pytest.mark.parametrize("columns, expected", [
    ([[0, 1, 0, 1], [1, 0, 0, 1], [0.5, 1.5, 2.5, 3.5], [4, 5, 6, 7.5]], (2, 3)),  # two dummies, two numbers
    ([[1, 2, 3, 4], [0, 1, 1, 0], [7, 7, 8, 9]], (0, 2)),  # a 0/1 flag between
    ([[0, 1, 0, 1], [5, 6, 7, 8], [1, 0, 0, 0]], (0, 1)),  # one number: the other is a dummy (the first)
    ([[1, 2, 3, 4], [1, 2, 2, 4], [1, 2, 3, 4]], (0, 2)),  # most distinct values, ties in file order
    ([[1, 2, 3, 4], [0, 0, 1, 1]], (0, 1)),  # two inputs: as they are
])
def test_default_axes(columns, expected):
    assert default_axes(np.array(columns, dtype=float).T) == expected


def test_a_pick_is_kept_while_the_inputs_stay_the_same(tmp_path):
    data = load_csv(write_penguins_like(tmp_path / "penguins.csv"))
    other = load_csv(write_penguins_like(tmp_path / "other.csv", seed=1))
    assert plane_axes(data, other, (0, 3)) == (0, 3)  # same columns: a reset or a new setting keeps the pick
    assert plane_axes(data, None, (0, 3)) == default_axes(data.X)
    fewer = load_csv(tmp_path / "penguins.csv", options=ImportOptions(ignore=("island",)))
    assert plane_axes(fewer, data, (1, 2)) == default_axes(fewer.X) != (1, 2)  # other columns: the default
