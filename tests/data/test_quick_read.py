"""The quick reading of a clean CSV (csv_text._fast_table: pandas' row count,
the delimiters' count and no missing cell vouch for consecutive lines) gives
the same table, or the same refusal, as counting every line's fields first
(csv_text._counted_table, the only reading before), whatever blank lines, ragged rows, missing cells,
line ends or header a file has."""

from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnplay.data import DataError
from nnplay.data.csv_text import read_table

ROWS = ["1,2,0", "3.5,4,1", " 5 , 6 ,0", "", "   ", "1,2", "1,2,0,9", ",,", "7,NA,1", "8,?,0", "x,9,1",
        "1,,0", "\t2,3,1"]


def _outcome(read):
    try:
        table = read()
    except DataError as exc:
        return ("refused", str(exc))
    if table is None:
        return None
    return (table.header, table.lines.tolist(), table.frame.astype(str).values.tolist())


def _both(tmp_path, text: bytes):
    path = tmp_path / "f.csv"
    path.write_bytes(text)
    quick = _outcome(lambda: read_table(path))
    with mock.patch("nnplay.data.csv_text.first_row", lambda data, delimiter: None):  # no quick reading
        counted = _outcome(lambda: read_table(path))
    return quick, counted


@given(st.booleans(), st.lists(st.sampled_from(ROWS), min_size=1, max_size=8), st.sampled_from(["\n", "\r\n"]),
       st.booleans())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_quick_reading_agrees_with_counting_every_line(tmp_path, header, rows, newline, last_newline):
    text = newline.join((["a,b,label"] if header else []) + rows) + (newline if last_newline else "")
    quick, counted = _both(tmp_path, text.encode())
    assert quick == counted


@pytest.mark.parametrize("text, line", [
    (b"a,b,label\n1,2,0\n3,4,1\n", [2, 3]),
    (b"\n\na,b,label\n1,2,0\n3,4,1", [4, 5]),  # blank lines before the header, no last newline
    (b"a,b,label\r\n1,2,0\r\n3,4,1\r\n", [2, 3]),
    (b"1,2,0\n3,4,1\n", [1, 2]),  # no header
    (b"a,b,label\n1,2,0\n\n3,4,1\n\n", [2, 4]),  # blank lines: the counted reading
])
def test_rows_keep_their_file_lines(tmp_path, text, line):
    path = tmp_path / "f.csv"
    path.write_bytes(text)
    assert read_table(path).lines.tolist() == line


@pytest.mark.parametrize("text, message", [
    (b"a,b,label\n1,2,0,9\n3,4,1\n", "line 2, column 4: this row has 4 values"),  # pandas drops the extra value
    (b"a,b,label\n1,2,0\n3,4\n", "line 3, column 3: this row has 2 values"),
    (b"a,b,label\n", "there is a header but no data rows"),
])
def test_ragged_rows_are_still_refused_where_they_are(tmp_path, text, message):
    path = tmp_path / "f.csv"
    path.write_bytes(text)
    with pytest.raises(DataError, match=message):
        read_table(path)


def test_a_clean_file_is_read_without_counting_its_lines(tmp_path):
    """The NumPy line bookkeeping (half a second for a million rows) is skipped for a clean file."""
    path = tmp_path / "f.csv"
    path.write_bytes(b"a,b,label\n" + b"".join(b"%d,%d,%d\n" % (i, i * 2, i % 2) for i in range(500)))
    with mock.patch("nnplay.data.csv_text.LineFields.of", side_effect=AssertionError("lines counted")):
        table = read_table(path)
    assert table.lines[0] == 2 and table.lines[-1] == 501 and table.header == ["a", "b", "label"]
