"""A message about a CSV names its columns as the file, the import dialog and ``--target``
do: a header-less file's cells were said to be in column 'label' (the name nnplay gives
the target it writes) or in an input renumbered after an ignored column."""

import pytest

from nnplay.data import load_csv
from nnplay.data.columns import ImportOptions
from nnplay.data.dataset import DataError


def _rows(path, rows):
    path.write_text("".join(",".join(map(str, r)) + "\n" for r in rows))
    return path


def test_a_missing_target_cell_of_a_headerless_file_is_named_as_the_dialog_names_it(tmp_path):
    rows = [[0.1 * i, 0.2 * i, 0.3, i % 2] for i in range(10)]
    rows[3][3] = ""
    with pytest.raises(DataError) as refused:
        load_csv(_rows(tmp_path / "nohead.csv", rows))
    message = str(refused.value)
    assert "line 4, column 4 ('x4')" in message and "label" not in message, message


def test_a_bad_cell_after_an_ignored_column_is_named_by_its_own_column(tmp_path):
    rows = [[0.1 * i, 0.2 * i, 0.3 * i, i % 2] for i in range(10)]
    rows[5][2] = "abc"
    with pytest.raises(DataError) as refused:
        load_csv(_rows(tmp_path / "nohead.csv", rows), options=ImportOptions(ignore=("x1",)))
    message = str(refused.value)
    assert "column 3 ('x3')" in message, message  # (was 'x2': the inputs renumbered once x1 was left out)


def test_the_target_line_of_a_wide_file_lists_a_few_columns_and_counts_the_rest(tmp_path):
    from tests.cli_run import nnplay

    n = 300
    path = _rows(tmp_path / "wide.csv", [[f"f{j}" for j in range(n)]] + [[j * i % 7 for j in range(n - 1)] + [i % 2]
                                                                        for i in range(12)])
    r = nnplay("train", "--data", path, "--epochs", "1")
    line = r.stderr.splitlines()[0]
    assert r.returncode == 0 and line.endswith("'f7' and 292 more)") and len(line) < 250, r.stderr
