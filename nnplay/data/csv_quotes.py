"""A double quote that does not close where its cell ends, found after Python's
``csv`` module has split a quoted file (``csv_text._slow_table``).

A ``"`` that opens a cell and is not closed on its line makes ``csv`` read on,
line breaks and delimiters included, to the next ``"`` or to the end of the
file: the lines in between become one cell of one row. Without this check the
row is then refused as short ("this row has 1 value but the file has 3
columns"), which names neither the quote nor where it opens.
"""

from __future__ import annotations

import csv
import io


def quote_fault(text: str, delimiter: str, row: list[str], line: int, end: int) -> tuple[int, int, str] | None:
    """For ``row``, read from file line ``line`` to line ``end`` of ``text``: (line, column, what is wrong)
    naming the quote that opens a cell holding a line break, or None when no cell holds one."""
    broken = next((j for j, cell in enumerate(row) if "\n" in cell or "\r" in cell), None)
    if broken is None or end <= line:
        return None
    opens = line + sum(cell.count("\n") for cell in row[:broken])
    if never_closed(text, delimiter):
        return opens, broken + 1, ('the quote (") that opens this cell is never closed, so the rest of the file '
                                   f'(to line {end}) was read as one cell; close it on line {opens} or remove it')
    closes = opens + row[broken].count("\n")
    return opens, broken + 1, (f'the quote (") that opens this cell is closed only on line {closes}, so lines '
                               f'{opens} to {closes} were read as one cell; close it on line {opens} or remove it')


def never_closed(text: str, delimiter: str) -> bool:
    """Whether a quoted cell of ``text`` runs to the end of the file (strict ``csv``: "unexpected end of data")."""
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True, strict=True):
            pass
    except csv.Error as exc:
        return "end of data" in str(exc)
    return False
