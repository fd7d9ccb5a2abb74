"""Issue 15: which columns are guessed to be IDs, checked against plausible
real columns (year, age, count, zip code, rank) that must stay inputs."""

import numpy as np
import pytest

from nnplay.data import load_csv
from nnplay.data.columns import IGNORE, INPUT, ImportOptions, guess_columns
from nnplay.data.csv_text import read_table
from nnplay.data.id_columns import id_reason, named_like_id


def _roles(tmp_path, header, values):
    """Roles of a table whose first column is ``header`` holding ``values``,
    beside a real input and a 0/1 label."""
    rows = [f"{header},a,label"] + [f"{v},{(i * 7) % 5},{i % 2}" for i, v in enumerate(values)]
    p = tmp_path / "t.csv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return guess_columns(p, read_table(p), ImportOptions())


rng = np.random.default_rng(3)
REAL_COLUMNS = {  # name: values that a model can learn from, never an ID
    "year": list(range(1990, 2020)),  # counts by one, but the name says it is a quantity
    "Year": list(range(2019, 1989, -1)),
    "birth_year": list(range(1950, 1980)),
    "year_shuffled": [int(v) for v in rng.permutation(np.arange(1990, 2020))],
    "age": [int(v) for v in rng.integers(18, 90, 30)],
    "count": [int(v) for v in rng.poisson(4, 30)],
    "zip": [int(v) for v in rng.integers(10000, 99999, 30)],
    "rank": list(range(1, 31)),  # 1..30 sorted, named as a quantity
    "rank_ties": [1, 2, 2, 4, 5, 5, 5, 8, 9, 10] * 3,
    "paid": list(range(100, 130)),  # ends in "id" but is not named like one... yet counts by one: see below
    "": [int(v) for v in rng.integers(0, 5, 30)],  # unnamed, repeated values: a measurement
    "Unnamed: 3": [int(v) for v in rng.integers(0, 5, 30)],
    "dose_sorted": sorted(int(v) for v in rng.choice(np.arange(0, 200, 3), 30, replace=False)),  # steps of 3+
    "size_gaps": [*range(10), *range(12, 32)],  # counts by one with a gap, but named as a quantity
}


@pytest.mark.parametrize("name", [n for n in REAL_COLUMNS if n != "paid"])
def test_real_columns_are_inputs_not_ids(tmp_path, name):
    guess = _roles(tmp_path, name, REAL_COLUMNS[name])[0]
    assert (guess.role, guess.note) == (INPUT, "")


@pytest.mark.parametrize("name,values,why", [
    ("rid", list(range(1001, 1031)), "counts by one (1001, 1002, 1003, ...)"),
    ("order", list(range(30, 0, -1)), "counts by one (30, 29, 28, ...)"),
    ("id", [int(v) for v in rng.permutation(30)], "named like an ID"),
    ("ID", [5, 2, 9] * 10, "named like an ID"),
    ("customer_id", list(range(30)), "named like an ID"),
    ("PassengerId", list(range(1, 31)), "named like an ID"),
    ("", [int(v) for v in rng.permutation(30)], "no name and holds distinct whole numbers"),
    ("Unnamed: 0", list(range(30)), "no name and holds distinct whole numbers"),
    ("paid", list(range(100, 130)), "counts by one"),  # not named like an ID; counting makes it one
    # a row number whose file had rows dropped (for missing values, say): it still counts by one, with gaps
    ("rec", [i for i in range(60) if i % 7 != 3], "counts by one from 0 to 58 with 8 gaps"),
    ("order", [i for i in range(60, 0, -1) if i % 5 != 0], "counts by one from 59 to 1 with 11 gaps"),
    ("rec", [*range(5), "NA", *range(6, 30)], "counts by one from 0 to 29 with 1 gap"),  # its own cell missing
])
def test_id_columns_are_ignored_with_the_reason_in_the_note(tmp_path, name, values, why):
    guess = _roles(tmp_path, name, values)[0]
    assert guess.role == IGNORE and "looks like an ID" in guess.note and why in guess.note


def test_id_names_are_words_not_substrings():
    assert all(named_like_id(n) for n in ("id", "Id", "INDEX", "row_id", "order id", "customerID", "sample.ID"))
    assert not any(named_like_id(n) for n in ("paid", "valid", "grid", "GRID", "idea", "width"))


def test_counting_rule_needs_whole_distinct_numbers_and_enough_rows():
    import pandas as pd

    assert id_reason("record", pd.Series(np.arange(10))).startswith("counts by one")
    assert id_reason("record", pd.Series(np.arange(9))) == ""  # too few rows to tell
    assert id_reason("record", pd.Series(np.arange(10) + 0.5)) == ""  # not whole numbers
    assert id_reason("record", pd.Series(np.arange(0, 20, 2))) == ""  # steps of two
    assert id_reason("record", pd.Series([*range(9), np.nan])) == ""  # a missing cell: 9 rows
    assert id_reason("record", pd.Series([0, 1, 2, 4, 6, 8, 10, 12, 14, 16, 18])) == ""  # mostly steps of two
    assert id_reason("record", pd.Series([0, 1, 2, 3, 4, 5, 5, 6, 7, 8, 9])) == ""  # a repeat: not a row number
    assert id_reason("record", pd.Series([0, 1, 2, 3, 4, 3, 6, 7, 8, 9, 10])) == ""  # not strictly up


def test_a_year_trend_trains_on_the_year(tmp_path):
    p = tmp_path / "co2.csv"
    p.write_text("year,co2\n" + "".join(f"{y},{340 + 1.7 * (y - 1980):.1f}\n" for y in range(1980, 2020)))
    d = load_csv(p)
    assert d.input_names == ["year"] and not d.notes


def test_a_row_number_with_dropped_rows_is_ignored_by_the_loader(tmp_path):
    p = tmp_path / "gaps.csv"
    p.write_text("rec,a,label\n" + "".join(f"{i},{(i * 7) % 5},{i % 2}\n" for i in range(0, 50000, 1)
                                          if i % 11 != 4), encoding="utf-8")
    d = load_csv(p)
    assert d.input_names == ["a"] and any("'rec' looks like an ID" in n and "gaps" in n for n in d.notes)
