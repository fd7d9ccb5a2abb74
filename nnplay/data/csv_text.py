"""A CSV file's text as a table of cells: encoding, delimiter, header and the
file line of every data row, read with pandas' ``read_csv`` (its C parser).

The table keeps every cell as pandas found it (numbers already parsed, the
missing-value markers of MISSING already NaN); ``nnplay.data.columns`` turns
it into inputs and a target. Every refusal is a DataError of one line naming
the file and, where there is one, the line and column.
"""

from __future__ import annotations

import codecs
import csv
import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..failures import naming_option
from ..numbers import count
from ..user_text import file_name, one_line, shown
from ..write_errors import cannot_read, unreadable
from .csv_lines import LineFields, first_row, has_stray_cr, line_count
from .csv_quotes import never_closed, quote_fault
from .dataset import DataError
from .progress import PARSE_FROM, READ_SHARE, Progress, ProgressBytes, report

if TYPE_CHECKING:
    import pandas as pd

MAX_BYTES = 200 * 1024 * 1024
MAX_COLUMNS = 10_000  # each column an input neuron: the import dialog lists 10,000 in about 1.3 s, 1.5 million froze it
READ_CHUNK = 1 << 20  # bytes per read when progress is reported
HEAD_BYTES = 1 << 20  # a preview (read_table with max_rows) reads whole lines within this head
# cells that mean "no value", compared after stripping blanks, in any case (pandas' na_values)
MISSING = ("", "na", "n/a", "nan", "?", "null")
_MISSING_FORMS = sorted({v for m in MISSING for v in (m, m.upper(), m.capitalize(), "NaN" if m == "nan" else m)})

csv.field_size_limit(1 << 20)


@dataclass
class Table:
    """The cells of a CSV below its header.

    frame: pandas DataFrame, columns 0..n-1, one row per data row; numeric
    columns as float64/int64, others as objects (str, or NaN where missing).
    lines: (rows,) int64, the 1-based file line each row starts on.
    header: the column names as written (None when the file has none).
    delimiter: ',', ';' or tab; with ';', "1,5" means 1.5 (decimal_comma).
    text: the file's text, to quote a cell in an error message.
    """

    frame: pd.DataFrame
    lines: np.ndarray
    header: list[str] | None
    delimiter: str
    text: str = ""

    @property
    def decimal_comma(self) -> bool:
        return self.delimiter == ";"

    def cell_text(self, col: pd.Series, i: int, j: int, line: int) -> str:
        """The text of cell i of ``col`` (column j, on file line ``line``) as the file writes it, stripped."""
        value = col.iloc[i]
        if isinstance(value, str):
            return value.strip()
        row = self.text.split("\n", line)[line - 1]
        cells = next(csv.reader([row], delimiter=self.delimiter), [])
        return cells[j].strip() if j < len(cells) else ""

    def preview(self, n_rows: int, n_cols: int) -> list[list[str]]:
        """The first ``n_rows`` rows' first ``n_cols`` cells as the file writes
        them, stripped: each file line is split once (``cell_text`` per cell
        split the whole text again for every number: minutes for 3000 columns)."""
        rows, n_cols = min(n_rows, len(self.frame)), min(n_cols, self.n_cols)
        if rows == 0:
            return []
        last = int(self.lines[rows - 1])
        file_lines = self.text.split("\n", last)[:last]
        out = []
        for i in range(rows):
            values = [self.frame.iat[i, j] for j in range(n_cols)]
            written = None
            if not all(isinstance(v, str) for v in values):  # numbers: the file's own text of them
                row = file_lines[int(self.lines[i]) - 1]
                written = next(csv.reader([row], delimiter=self.delimiter), [])
            out.append([v.strip() if isinstance(v, str) else (written[j].strip() if j < len(written) else "")
                        for j, v in enumerate(values)])
        return out

    @property
    def n_cols(self) -> int:
        return self.frame.shape[1]


def where(path, line=None, col=None, colname=None) -> str:
    out = file_name(path)
    if line is not None:
        out += f", line {line}"
    if col is not None:
        out += f", column {col}"
        if colname:
            out += f" ({shown(colname)})"
    return out


def fail(path, what, line=None, col=None, colname=None, option=None):
    """Raise the DataError ``<file>, line L, column C ('name'): what`` on one line; with ``option``
    (a CLI flag, ``--target``), ``<file>: --target: what``, marked as that option's fault
    (``failures.naming_option``: the CLI says "argument --target: what (in <file>)")."""
    place = where(path, line, col, colname)
    message = f"{place}: {option}: {what}" if option else f"{place}: {what}"
    # one line, whatever the file's cells or name contain
    raise naming_option(DataError(message.replace("\r", "\\r").replace("\n", "\\n")), option, what, place)


def read_text(path: Path, max_bytes: int = MAX_BYTES, progress: Progress | None = None,
              head: int | None = None) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), UTF-16/32 with
    one, else Windows-1252; DataError for a missing, huge, empty or binary file.
    With ``head``, only the whole lines within its first ``head`` bytes (a preview)."""
    try:
        if why := unreadable(path, "CSV file"):  # missing, a folder, a device: the one wording (write_errors)
            raise DataError(why)
        size = path.stat().st_size
        if size > max_bytes:
            fail(path, f"the file is {size / 2**20:.0f} MB; nnplay reads CSV files up to {max_bytes / 2**20:.0f} MB")
        with path.open("rb") as fh:
            limit = max_bytes + 1 if head is None else min(head, max_bytes + 1)
            raw = _read_bytes(fh, limit, size, progress)  # never more than the limit, whatever the size said
            if head is not None and len(raw) == head:
                raw = _whole_lines(raw, fh, max_bytes + 1)
    except OSError as exc:
        raise DataError(cannot_read(path, exc, "CSV file")) from None
    if len(raw) > max_bytes:  # a file that grew, or a device without a size
        fail(path, f"the file is larger than {max_bytes / 2**20:.0f} MB")
    if not raw or raw.isspace():
        fail(path, "the file is empty")
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(enc)
            except UnicodeDecodeError as exc:
                fail(path, f"not valid {enc.upper()} text ({exc.reason})")
    nul = raw.find(b"\x00")
    if nul >= 0:
        fail(path, "this is a binary file, not CSV text (a zero byte)", line=raw.count(b"\n", 0, nul) + 1)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        line = raw.count(b"\n", 0, utf8_error.start) + 1
        fail(path, "the text is neither UTF-8 nor Windows-1252; save the file as UTF-8", line=line)


def pick_delimiter(lines: list[str]) -> str:
    """Tab, then semicolon, then comma: the first that splits the opening lines
    into the same number (> 1) of fields."""
    sample = lines[:20]
    for d in ("\t", ";", ","):
        counts = {len(next(csv.reader([ln], delimiter=d))) for ln in sample}
        if len(counts) == 1 and counts.pop() > 1:
            return d
    for d in ("\t", ";", ","):  # ragged files: the delimiter the first line uses
        if d in sample[0]:
            return d
    return ","


def parse_number(cell: str, decimal_comma: bool = False) -> float:
    s = cell.strip()
    if decimal_comma and "," in s and "." not in s:
        s = s.replace(",", ".")
    return float(s)


def is_number(cell: str, decimal_comma: bool = False) -> bool:
    try:
        parse_number(cell, decimal_comma)
        return True
    except ValueError:
        return False


def is_numeric(col: pd.Series) -> bool:
    """pandas parsed the column as numbers (else it holds text cells): bool,
    integer, float or complex. The dtype's kind, not pandas' is_numeric_dtype,
    which took a tenth of a millisecond a call, a second for 3000 columns."""
    return getattr(col.dtype, "kind", "O") in "biufc"


def numeric_columns(frame: pd.DataFrame) -> set:
    """The labels of the columns pandas parsed as numbers (``is_numeric``), from
    the frame's dtypes at once (a column at a time costs a Series each)."""
    return {label for label, dtype in frame.dtypes.items() if getattr(dtype, "kind", "O") in "biufc"}


def is_missing(cell) -> bool:
    return not isinstance(cell, str) or cell.strip().lower() in MISSING


def _whole_lines(head: bytes, fh, limit: int) -> bytes:
    """``head`` (the first bytes of ``fh``) up to its last newline; the whole file
    (up to ``limit`` bytes) when it has none, or is UTF-16/32 (two-byte newlines)."""
    cut = head.rfind(b"\n")
    if cut < 0 or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head + fh.read(limit - len(head))
    return head[:cut + 1]


def _read_bytes(fh, limit: int, size: int, progress: Progress | None) -> bytes:
    """Up to ``limit`` bytes of ``fh``, in chunks that report progress (one read without ``progress``)."""
    if progress is None:
        return fh.read(limit)
    chunks, got = [], 0
    while got < limit:
        chunk = fh.read(min(READ_CHUNK, limit - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
        report(progress, READ_SHARE * got / max(1, size))
    return b"".join(chunks)


def read_table(path: Path, max_bytes: int = MAX_BYTES, max_rows: int | None = None,
               progress: Progress | None = None) -> Table:
    """The file as a Table: all rows, or for a preview the first ``max_rows``
    within its first HEAD_BYTES (a 200 MB file opens its preview at once)."""
    text = read_text(path, max_bytes, progress, head=None if max_rows is None else HEAD_BYTES)
    head = [ln for ln in text[:1 << 16].splitlines() if ln.strip()]
    if not head:
        fail(path, "the file is empty (only blank space)")
    delimiter = pick_delimiter(head)
    table = None
    if '"' not in text:
        table = _fast_table(path, text, delimiter, max_rows, progress)
    return table if table is not None else _slow_table(path, text, delimiter, max_rows)


def _header_of(path, first: list[str], decimal_comma: bool, line: int) -> list[str] | None:
    if any(is_number(c, decimal_comma) for c in first):
        return None
    header = [c.strip() for c in first]
    seen: dict[str, int] = {}
    for j, name in enumerate(header):
        if name in seen:
            fail(path, f"the column name {shown(name)} is used twice (columns {seen[name] + 1} and {j + 1}); "
                       "give every column a name of its own", line=line, col=j + 1)
        seen[name] = j
    return header


def _check_columns(path, n_cols: int, line: int) -> None:
    """DataError unless a row of ``n_cols`` columns (a preview's may be cut short) can be read:
    at least an input and a target, at most MAX_COLUMNS."""
    if n_cols < 2:
        fail(path, "found only 1 column; need at least one input column and a target column "
                   "(separated by commas, semicolons or tabs)", line=line)
    if n_cols > MAX_COLUMNS:
        fail(path, f"this row has more than {MAX_COLUMNS:,} columns; nnplay reads at most {MAX_COLUMNS:,} "
                   "(each column is an input neuron of the network)", line=line)


def _ragged(path, n_values: int, n_cols: int, line: int):
    fail(path, f"this row has {count(n_values, 'value')} but the file has {count(n_cols, 'column')}", line=line,
         col=min(n_values, n_cols) + 1)


def _fast_table(path, text: str, delimiter: str, max_rows, progress: Progress | None = None) -> Table | None:
    """Unquoted text: the cells parsed by pandas. A whole file without blank
    lines, ragged rows or missing cells (pandas' row count, the delimiters'
    count and no NaN vouch for it) has its rows on consecutive lines; otherwise the lines and their field
    counts are found with NumPy (``csv_lines``). None when pandas and the line
    count disagree (the careful path then reads the file)."""
    data = text.encode("utf-8")
    first = first_row(data, delimiter)
    if max_rows is None and first is not None and not has_stray_cr(data):
        line, start, end = first
        cells = data[start:end].decode("utf-8").split(delimiter)
        _check_columns(path, len(cells), line + 1)
        header = _header_of(path, cells, delimiter == ";", line + 1)
        body = start if header is None else min(end + 1, len(data))
        rows = line_count(data, body)
        # no row is short (pandas would fill NaN) and the delimiters add up: none is long (pandas drops the rest)
        if rows and data.count(delimiter.encode(), body) == rows * (len(cells) - 1):
            report(progress, PARSE_FROM)
            frame = _read_frame(ProgressBytes(data, progress, body), delimiter, len(cells), None)
            if frame is not None and len(frame) == rows and not frame.isna().to_numpy().any():
                first_line = line + (2 if header else 1)
                return Table(frame, np.arange(first_line, first_line + rows, dtype=np.int64), header, delimiter, text)
    return _counted_table(path, text, data, delimiter, max_rows, progress)


def _counted_table(path, text: str, data: bytes, delimiter: str, max_rows, progress) -> Table | None:
    """``_fast_table`` with every line's fields counted first (``csv_lines``)."""
    fields = LineFields.of(data, delimiter)
    if fields is None:
        return None  # a carriage return that does not end a line
    starts, ends, delim_count, filled = fields.starts, fields.ends, fields.delims, fields.filled
    if np.any((filled > 0) & (filled == delim_count)):
        return None  # a row of only delimiters: the careful path skips it as csv does
    rows = np.flatnonzero(filled > 0)
    decimal_comma = delimiter == ";"
    first = rows[0]
    first_cells = data[starts[first]:ends[first]].decode("utf-8").split(delimiter)
    n_cols = len(first_cells)
    _check_columns(path, n_cols, int(first) + 1)
    header = _header_of(path, first_cells, decimal_comma, int(first) + 1)
    data_rows = rows[1:] if header else rows
    if header and data_rows.size == 0:
        fail(path, "there is a header but no data rows", line=int(first) + 1)
    if max_rows is not None:
        data_rows = data_rows[:max_rows]
    bad = np.flatnonzero(delim_count[data_rows] + 1 != n_cols)
    if bad.size:
        r = data_rows[bad[0]]
        _ragged(path, int(delim_count[r]) + 1, n_cols, int(r) + 1)
    body_start = int(starts[data_rows[0]]) if header else 0
    report(progress, PARSE_FROM)
    frame = _read_frame(ProgressBytes(data, progress, body_start), delimiter, n_cols, max_rows)
    if frame is None or len(frame) != data_rows.size:
        return None
    return Table(frame, data_rows.astype(np.int64) + 1, header, delimiter, text)


def _read_frame(source, delimiter: str, n_cols: int, max_rows) -> pd.DataFrame | None:
    import pandas as pd  # imported when a CSV is read: the window and training processes start without it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # no library warning reaches a user
            return pd.read_csv(source, sep=delimiter, header=None, names=list(range(n_cols)), index_col=False,
                               skipinitialspace=True, na_values=_MISSING_FORMS, keep_default_na=False,
                               skip_blank_lines=True, low_memory=False, quoting=csv.QUOTE_NONE, nrows=max_rows,
                               engine="c", encoding="utf-8")
    except (ValueError, pd.errors.ParserError, csv.Error):
        return None


def _slow_table(path, text: str, delimiter: str, max_rows) -> Table:
    """Quoted text, stray carriage returns, rows of only delimiters: Python's csv
    module splits the rows (and knows their lines), pandas converts the cells."""
    rows, lines, ends = [], [], []  # each row's cells, first and last line
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)
    try:
        start = 1
        for row in reader:
            if row and any(c.strip() for c in row):
                rows.append(row)
                lines.append(start)
                ends.append(reader.line_num)
                if max_rows is not None and len(rows) > max_rows:
                    break
            start = reader.line_num + 1
    except csv.Error as exc:
        fail(path, f"malformed CSV ({one_line(exc, 200)})", line=reader.line_num)
    if not rows:
        fail(path, "the file holds no values, only delimiters and blank cells")
    decimal_comma = delimiter == ";"
    n_cols = len(rows[0])
    for row, ln, end in zip(rows, lines, ends):  # a row of lines run together, or a cell to the end of the file
        # (the last row may end on the file's last line with its quoted line break closed: that row is sound)
        if end > ln and (len(row) != n_cols or (end == reader.line_num and max_rows is None
                                                and never_closed(text, delimiter))):
            if (fault := quote_fault(text, delimiter, row, ln, end)) is not None:
                fail(path, fault[2], line=fault[0], col=fault[1])
    _check_columns(path, n_cols, lines[0])
    header = _header_of(path, rows[0], decimal_comma, lines[0])
    if header:
        if len(rows) == 1:
            fail(path, "there is a header but no data rows", line=lines[0])
        rows, lines = rows[1:], lines[1:]
    rows, lines = rows[:max_rows], lines[:max_rows]
    for row, ln in zip(rows, lines):
        if len(row) != n_cols:
            _ragged(path, len(row), n_cols, ln)
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(range(n_cols)), dtype=object)
    return Table(frame, np.asarray(lines, np.int64), header, delimiter, text)
