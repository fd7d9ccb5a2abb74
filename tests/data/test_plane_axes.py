"""The output view's default axes for data with more than two inputs: the first
two, never the one-hot dummies a text column becomes."""

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
    assert (data.input_names[a], data.input_names[b]) == MEASUREMENTS[:2]  # ... the view spans the first measurements


@pytest.mark.parametrize("columns, expected", [
    ([[0, 1, 0, 1], [1, 0, 0, 1], [0.5, 1.5, 2.5, 3.5], [4, 5, 6, 7.5]], (2, 3)),  # two dummies, two numbers
    ([[1, 2, 3, 4], [0, 1, 1, 0], [7, 7, 8, 9]], (0, 2)),  # a 0/1 flag between
    ([[0, 1, 0, 1], [5, 6, 7, 8], [1, 0, 0, 0]], (0, 1)),  # one number: the other is a dummy (the first)
    ([[1, 2, 3, 4], [1, 2, 2, 4], [1, 2, 3, 4]], (0, 1)),  # the first two, however many values each holds
    ([[1, 2, 3, 4], [0, 0, 1, 1]], (0, 1)),  # two inputs: as they are
])
def test_default_axes(columns, expected):
    assert default_axes(np.array(columns, dtype=float).T) == expected


def test_a_file_of_four_measurements_opens_over_its_first_two(tmp_path):
    """Round 21: a, c written with one decimal and b, d with two (26 and 15 distinct values against 140 and 142)
    opened on b-d, the two that held the most distinct values."""
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 150)
    columns = (np.round(5 + 0.5 * y + rng.normal(0, 0.4, 150), 1), np.round(rng.normal(0, 3, 150) + 2 * y, 2),
               np.round(3 + 0.3 * y + rng.normal(0, 0.2, 150), 1), np.round(rng.normal(0, 5, 150) - 3 * y, 2))
    rows = "\n".join(",".join(map(str, row)) for row in zip(*columns, y))
    data = load_csv(_write(tmp_path / "four.csv", "a,b,c,d,label\n" + rows + "\n"))
    assert [len(np.unique(data.X[:, j])) for j in range(4)] == [26, 140, 15, 142]
    assert default_axes(data.X) == (0, 1) and plane_axes(data) == (0, 1)


def _write(path, text: str):
    path.write_text(text)
    return path


def test_a_pick_is_not_carried_to_another_file_with_the_same_columns(tmp_path):
    data = load_csv(write_penguins_like(tmp_path / "penguins.csv"))
    other = load_csv(write_penguins_like(tmp_path / "other.csv", seed=1))  # (the same columns, another file)
    assert plane_axes(other, data, (5, 6)) == default_axes(other.X) != (5, 6)


def test_a_pick_is_kept_while_the_inputs_stay_the_same(tmp_path):
    data = load_csv(write_penguins_like(tmp_path / "penguins.csv"))
    again = load_csv(write_penguins_like(tmp_path / "penguins.csv", seed=1))  # (the file, changed)
    assert plane_axes(data, again, (0, 3)) == (0, 3)  # same file, same columns: a reset or a new setting keeps it
    assert plane_axes(data, None, (0, 3)) == default_axes(data.X)
    fewer = load_csv(tmp_path / "penguins.csv", options=ImportOptions(ignore=("island",)))
    assert plane_axes(fewer, data, (1, 2)) == default_axes(fewer.X) != (1, 2)  # other columns: the default
