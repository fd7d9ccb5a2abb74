"""A CSV of many columns is converted in one pass over its number columns, not
a pandas Series at a time (3000 columns took 7 s; see README, Large files),
with the same values and the same refusals naming the cell."""

from unittest import mock

import numpy as np
import pytest

from nnplay.data import DataError, load_csv


def _wide(tmp_path, n_cols=400, rows=30, cell=None, na=None):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(rows, n_cols)).round(3)
    lines = [",".join(f"f{j}" for j in range(n_cols)) + ",label"]
    for i, r in enumerate(X):
        cells = [repr(float(v)) for v in r]
        if cell is not None and i == cell[0]:
            cells[cell[1]] = cell[2]
        if na is not None and i == na[0]:
            cells[na[1]] = "NA"
        lines.append(",".join(cells) + f",{i % 2}")
    path = tmp_path / "wide.csv"
    path.write_text("\n".join(lines) + "\n")
    return path, X


def test_number_columns_are_converted_in_one_pass_to_the_same_values(tmp_path):
    path, X = _wide(tmp_path)
    from nnplay.data import csv_loader

    with mock.patch("nnplay.data.csv_loader._numbers", wraps=csv_loader._numbers) as per_column:
        data = load_csv(path)
    assert per_column.call_count == 1  # the target's alone
    assert data.X.shape == (30, 400) and data.X.flags.c_contiguous
    np.testing.assert_array_equal(data.X, X)
    assert data.input_names[:2] == ["f0", "f1"] and data.n_classes == 2


@pytest.mark.parametrize("cell, message", [((4, 123, "1e300"), "line 6, column 124 ('f123'): '1e300' is too large"),
                                           ((7, 9, "inf"), "line 9, column 10 ('f9'): 'inf' is not a finite number"),
                                           ((3, 250, "abc"), "line 5, column 251 ('f250'): 'abc' is not a number")])
def test_a_bad_cell_among_many_columns_is_still_named(tmp_path, cell, message):
    path, _ = _wide(tmp_path, cell=cell)
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_csv(path)


def test_a_missing_cell_among_many_columns_is_named_or_its_row_dropped(tmp_path):
    path, X = _wide(tmp_path, na=(5, 300))
    with pytest.raises(DataError, match=r"line 7, column 301 \('f300'\): 'NA' is a missing value"):
        load_csv(path)
    data = load_csv(path, options=_drop())
    assert data.n_examples == 29
    np.testing.assert_array_equal(data.X, np.delete(X, 5, axis=0))


def _drop():
    from nnplay.data.columns import ImportOptions

    return ImportOptions(na="drop")


def test_a_row_of_more_columns_than_a_network_can_take_is_refused_in_one_line_at_once(tmp_path):
    """A 4 MB file of one line (1.5 million numbers) froze the window for minutes building the
    import dialog's row per column, and `nnplay train` ran for minutes: refused, naming the limit,
    by the whole read and by the preview (which reads only the file's head), quoted or not."""
    from nnplay.data.csv_text import MAX_COLUMNS, read_table

    for name, text in (("oneline.csv", ",".join(["1.5"] * 300_000) + "\n"),
                       ("quoted.csv", ",".join(['"1.5"'] * (MAX_COLUMNS + 1)) + "\n1,2\n"),
                       ("header.csv", ",".join(f"c{j}" for j in range(MAX_COLUMNS + 1)) + "\n")):
        path = tmp_path / name
        path.write_text(text)
        for max_rows in (None, 12):
            with pytest.raises(DataError) as err:
                read_table(path, max_rows=max_rows)
            message = str(err.value)
            assert f"more than {MAX_COLUMNS:,} columns" in message and name in message and "\n" not in message
    ok = tmp_path / "ok.csv"
    ok.write_text(",".join(f"c{j}" for j in range(MAX_COLUMNS)) + "\n" + ",".join(["1"] * MAX_COLUMNS) + "\n")
    assert read_table(ok).frame.shape[1] == MAX_COLUMNS  # the limit itself is read
