"""Where the rows of an unquoted CSV's bytes are: every line's start and end,
its delimiters and its non-blank bytes, found with NumPy (``LineFields``).

Only needed when the quick reading of ``csv_text`` cannot vouch for the line
of every row (a blank line, a short row, a missing cell): a clean file of a
million rows is read without it, since this bookkeeping compares every byte
several times (half a second for 40 MB on the slow machine of the README).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class LineFields:
    """Per line of the text (0-based, split at "\\n"): ``starts``/``ends`` byte
    offsets (end: the newline's offset), ``delims`` the delimiters on it and
    ``filled`` its bytes that are not blank (space, carriage return, a tab
    unless the tab is the delimiter)."""

    starts: np.ndarray
    ends: np.ndarray
    delims: np.ndarray
    filled: np.ndarray

    @classmethod
    def of(cls, data: bytes, delimiter: str) -> LineFields | None:
        """The fields of ``data``; None when a carriage return does not end a line
        (the careful reader then reads the file)."""
        b = np.frombuffer(data, np.uint8)
        ends = np.flatnonzero(b == 10)
        if ends.size == 0 or ends[-1] != b.size - 1:
            ends = np.append(ends, b.size)
        starts = np.concatenate(([0], ends[:-1] + 1))
        if has_stray_cr(data):
            return None
        blank = (b == 32) | (b == 13)
        if delimiter != "\t":
            blank |= b == 9
        empty = ends == starts
        # counts per line; in bytes when no line is long enough to overflow one (4x faster)
        sum_type = np.uint8 if int((ends - starts).max()) < 255 else np.int64
        at = np.minimum(starts, b.size - 1)
        blank_count = np.add.reduceat(blank.view(np.uint8), at, dtype=sum_type).astype(np.int64)
        delims = np.add.reduceat((b == ord(delimiter)).view(np.uint8), at, dtype=sum_type).astype(np.int64)
        # reduceat sums to the next start; a line's newline is not blank nor a delimiter, and empty lines count 0
        blank_count[empty], delims[empty] = 0, 0
        return cls(starts, ends, delims, (ends - starts) - blank_count)


def has_stray_cr(data: bytes) -> bool:
    """A carriage return that is not followed by a newline (old Mac line ends, or one inside a cell)."""
    return data.count(b"\r") != data.count(b"\r\n")


def first_row(data: bytes, delimiter: str) -> tuple[int, int, int] | None:
    """(0-based line, start, end) of the first line holding a value; None when
    there is none, or when a line before it holds only delimiters (the careful
    reader skips such a line as csv does)."""
    line = start = 0
    blank = b" \r" + (b"" if delimiter == "\t" else b"\t")
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        text = data[start:end].strip(blank)
        if text:
            return None if not text.replace(delimiter.encode(), b"").strip(blank) else (line, start, end)
        line, start = line + 1, end + 1
    return None


def line_count(data: bytes, start: int) -> int:
    """The lines of ``data[start:]`` (a last line without a newline counts; nothing after the last newline does not)."""
    n = data.count(b"\n", start)
    return n + (1 if len(data) > start and not data.endswith(b"\n") else 0)
