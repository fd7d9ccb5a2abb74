"""A quoted line break in a CSV's last row (tester, round 21): a row that ends on the file's last line was
taken for a quote left open to the end of the file and refused ("the quote that opens this cell is closed
only on line 7"), though the same cell on line 2 loaded and the import dialog's preview showed it right.
Every place of the cell (the last column, the first), with and without a final newline, with CRLF, with a
quoted line break in the header too; and a quote truly left open in the last row still refused."""

import itertools

import pytest

from nnplay.data import load_csv
from nnplay.data.dataset import DataError

ROWS = [["0", "0", "zero"], ["0", "1", "one"], ["1", "0", "one"], ["1", "1", "zero"]]


def _text(column: int, row: int, final_newline: bool, crlf: bool, header_break: bool, cell: str) -> str:
    header = '"x\n1",x2,label' if header_break else "x1,x2,label"
    rows = [[cell if (i, c) == (row, column) else v for c, v in enumerate(r)] for i, r in enumerate(ROWS)]
    text = "\n".join([header, *(",".join(r) for r in rows)]) + ("\n" if final_newline else "")
    return text.replace("\n", "\r\n") if crlf else text


CASES = list(itertools.product([(2, '"zero\nline"'), (0, '"1\n"')], [3, 0], [True, False], [False, True],
                               [False, True]))


@pytest.mark.parametrize("where,row,final_newline,crlf,header_break", CASES,
                         ids=[f"col{c}-row{r}-{'nl' if n else 'no-nl'}-{'crlf' if x else 'lf'}-{'hbreak' if h else 'h'}"
                              for (c, _), r, n, x, h in CASES])
def test_a_quoted_line_break_loads_in_any_row(tmp_path, where, row, final_newline, crlf, header_break):
    path = tmp_path / "q.csv"
    path.write_bytes(_text(where[0], row, final_newline, crlf, header_break, where[1]).encode())
    data = load_csv(path)
    assert len(data.y) == 4 and data.X.shape == (4, 2)
    if where[0] == 2:
        assert "zero\nline" in [name.replace("\r\n", "\n") for name in data.class_names]  # (as the file has it)


@pytest.mark.parametrize("final_newline", [True, False])
def test_a_quote_left_open_in_the_last_row_is_still_refused(tmp_path, final_newline):
    path = tmp_path / "open.csv"
    path.write_text(_text(2, 3, final_newline, False, False, '"zero\nline'), encoding="utf-8")
    with pytest.raises(DataError, match=r"line 5, column 3: the quote \(\"\) that opens this cell is never closed"):
        load_csv(path)
