"""Loading a user's CSV into a Dataset, refusing bad input with one clear line.

Accepted: numeric input columns; the target in a column named label, y or
target (any case), else the last column; an optional header row; comma,
semicolon or tab delimiters (with a semicolon, "1,5" reads as 1.5); UTF-8
with or without a byte-order mark, UTF-16 with one, or Windows-1252. The task
is classification when the target holds text or at most MAX_AUTO_CLASSES
distinct integers (remapped to 0..k-1 in sorted order), regression otherwise.
A column named ``split`` holding only train and test (as ``write_csv``
writes it) is not an input: it is the data's fixed train/test split.

Every refusal is a DataError whose message names the file and, where there is
one, the line and column. Nothing else escapes ``load_csv``.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from pathlib import Path

import numpy as np

from .dataset import CLASSIFICATION, REGRESSION, Dataset, DataError

MAX_BYTES = 200 * 1024 * 1024
MAX_AUTO_CLASSES = 10
MAX_MAGNITUDE = 1e100  # larger inputs or targets overflow as soon as they are squared or subtracted
MAX_CLASSES = 50
TARGET_NAMES = ("label", "y", "target", "class")
SPLIT_COLUMN = "split"  # a column of train/test: the data's train/test split (write_csv writes it)
TASKS = ("auto", CLASSIFICATION, REGRESSION)

csv.field_size_limit(1 << 20)


def _where(path, line=None, col=None, colname=None) -> str:
    out = str(path)
    if line is not None:
        out += f", line {line}"
    if col is not None:
        out += f", column {col}"
        if colname:
            out += f" ({colname!r})"
    return out


def _fail(path, what, line=None, col=None, colname=None):
    message = f"{_where(path, line, col, colname)}: {what}"
    # one line, whatever the file's cells or name contain
    raise DataError(message.replace("\r", "\\r").replace("\n", "\\n"))


def _read_text(path: Path, max_bytes: int) -> str:
    try:
        if not path.exists():
            _fail(path, "no such file")
        if path.is_dir():
            _fail(path, "is a folder, not a CSV file")
        size = path.stat().st_size
        if size > max_bytes:
            _fail(path, f"the file is {size / 2**20:.0f} MB; nnplay reads CSV files up to {max_bytes / 2**20:.0f} MB")
        raw = path.read_bytes()
    except OSError as exc:
        _fail(path, f"cannot read the file: {exc.strerror or exc}")
    if len(raw) > max_bytes:  # a file that grew, or a device without a size
        _fail(path, f"the file is larger than {max_bytes / 2**20:.0f} MB")
    if not raw.strip():
        _fail(path, "the file is empty")
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(enc)
            except UnicodeDecodeError as exc:
                _fail(path, f"not valid {enc.upper()} text ({exc.reason})")
    nul = raw.find(b"\x00")
    if nul >= 0:
        _fail(path, "this is a binary file, not CSV text (a zero byte)", line=raw.count(b"\n", 0, nul) + 1)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        line = raw.count(b"\n", 0, utf8_error.start) + 1
        _fail(path, "the text is neither UTF-8 nor Windows-1252; save the file as UTF-8", line=line)


def _pick_delimiter(lines: list[str]) -> str:
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


def _number(cell: str, decimal_comma: bool) -> float:
    s = cell.strip()
    if decimal_comma and "," in s and "." not in s:
        s = s.replace(",", ".")
    return float(s)


def _is_number(cell: str, decimal_comma: bool = False) -> bool:
    try:
        _number(cell, decimal_comma)
        return True
    except ValueError:
        return False


def load_csv(path, task: str = "auto", target: str | int | None = None, max_bytes: int = MAX_BYTES) -> Dataset:
    """Read ``path`` into a Dataset; raise DataError for anything unusable.

    ``task`` is auto, classification or regression. ``target`` names the target
    column (by header name or 0-based index); by default a column named label,
    y, target or class, else the last one.
    """
    try:
        return _load(Path(os.fspath(path)), task, target, max_bytes)
    except DataError:
        raise
    except (csv.Error, ValueError, TypeError, OverflowError, MemoryError, RecursionError) as exc:
        # a case the checks above did not foresee still gets a one-line answer
        message = f"{path}: cannot read this file as CSV ({type(exc).__name__}: {exc})"
        raise DataError(message.replace("\r", "\\r").replace("\n", "\\n")) from None


def _load(path: Path, task: str, target, max_bytes: int) -> Dataset:
    if task not in TASKS:
        raise DataError(f"{path}: unknown task {task!r}; choose one of {', '.join(TASKS)}")
    text = _read_text(path, max_bytes)
    nonblank = [ln for ln in text.splitlines() if ln.strip()]
    if not nonblank:
        _fail(path, "the file is empty (only blank space)")
    delimiter = _pick_delimiter(nonblank)
    decimal_comma = delimiter == ";"

    rows, line_numbers = [], []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)
    try:
        for row in reader:
            if not row or all(not c.strip() for c in row):
                continue
            rows.append(row)
            line_numbers.append(reader.line_num)
    except csv.Error as exc:
        _fail(path, f"malformed CSV ({exc})", line=reader.line_num)

    if not rows:
        _fail(path, "the file holds no values, only delimiters and blank cells")
    header = None
    if not any(_is_number(c, decimal_comma) for c in rows[0]):
        header = [c.strip() for c in rows[0]]
        rows, header_line = rows[1:], line_numbers[0]
        line_numbers = line_numbers[1:]
        if not rows:
            _fail(path, "there is a header but no data rows", line=header_line)
    n_cols = len(header) if header else len(rows[0])
    if n_cols < 2:
        _fail(path, "found only 1 column; need at least one input column and a target column "
                    "(separated by commas, semicolons or tabs)", line=line_numbers[0])
    for row, ln in zip(rows, line_numbers):
        if len(row) != n_cols:
            col = min(len(row), n_cols) + 1
            _fail(path, f"this row has {len(row)} values but the file has {n_cols} columns", line=ln, col=col)

    t = _target_column(path, header, n_cols, target)
    if header:
        names = header
    else:
        names, k = [], 0
        for i in range(n_cols):
            k += i != t
            names.append("label" if i == t else f"x{k}")
    split = _split_column(header, rows, t)
    inputs = [j for j in range(n_cols) if j not in (t, split)]
    test_mask = None if split is None else np.array([r[split].strip().lower() == "test" for r in rows])

    X = _parse_inputs(path, rows, line_numbers, inputs, names, decimal_comma)
    y, task_found, class_names = _parse_target(path, [r[t] for r in rows], line_numbers, t, names[t], task,
                                               decimal_comma)
    return Dataset(X, y, task_found, path.stem, input_names=[names[j] for j in inputs], class_names=class_names,
                   test_mask=test_mask)


def _split_column(header, rows, t) -> int | None:
    """The column named ``split`` (as write_csv writes it) when every value in it
    is train or test: the data's train/test split, not an input."""
    if not header or SPLIT_COLUMN not in [h.lower() for h in header]:
        return None
    j = [h.lower() for h in header].index(SPLIT_COLUMN)
    ok = j != t and all(r[j].strip().lower() in ("train", "test") for r in rows)
    return j if ok else None


def _target_column(path, header, n_cols, target) -> int:
    if target is None:
        if header:
            lowered = [h.lower() for h in header]
            for name in TARGET_NAMES:
                if name in lowered:
                    return lowered.index(name)
        return n_cols - 1
    if isinstance(target, int) or (isinstance(target, str) and target.lstrip("-").isdigit()):
        idx = int(target)
        if not -n_cols <= idx < n_cols:
            _fail(path, f"target column {idx} does not exist; the file has {n_cols} columns")
        return idx % n_cols
    if header and target in header:
        return header.index(target)
    _fail(path, f"no column named {target!r}" + (f"; the header has {', '.join(header)}" if header else
                                                  " (the file has no header row)"))


def _cell_error(path, cell, line, col, colname):
    what = "empty cell where a number is expected" if not cell.strip() else f"{cell.strip()!r} is not a number"
    _fail(path, what, line=line, col=col, colname=colname)


def _parse_inputs(path, rows, line_numbers, inputs, names, decimal_comma) -> np.ndarray:
    cols = [[r[j] for r in rows] for j in inputs]
    X = np.empty((len(rows), len(inputs)), dtype=np.float64)
    for k, (j, col) in enumerate(zip(inputs, cols)):
        try:
            if decimal_comma:
                raise ValueError  # take the cell-by-cell path that reads 1,5 as 1.5
            X[:, k] = np.array(col, dtype=np.float64)
        except (ValueError, OverflowError):
            for i, cell in enumerate(col):
                try:
                    X[i, k] = _number(cell, decimal_comma)
                except ValueError:
                    _cell_error(path, cell, line_numbers[i], j + 1, names[j])
        bad = np.flatnonzero(~np.isfinite(X[:, k]))
        if bad.size:
            i = bad[0]
            _fail(path, f"{col[i].strip()!r} is not a finite number", line=line_numbers[i], col=j + 1, colname=names[j])
        _check_magnitude(path, X[:, k], col, line_numbers, j, names[j])
    return X


def _check_magnitude(path, values, cells, line_numbers, j, name) -> None:
    """Refuse a value beyond MAX_MAGNITUDE: its square, or the spread of the column,
    would overflow floating point in the features, the standardisation or the view."""
    big = np.flatnonzero(np.abs(values) > MAX_MAGNITUDE)
    if big.size:
        i = big[0]
        _fail(path, f"{cells[i].strip()!r} is too large to train on (nnplay takes numbers up to "
                    f"{MAX_MAGNITUDE:g} in size; rescale the column)", line=line_numbers[i], col=j + 1, colname=name)


def _parse_target(path, cells, line_numbers, t, name, task, decimal_comma):
    numeric = True
    values = np.empty(len(cells))
    for i, cell in enumerate(cells):
        try:
            values[i] = _number(cell, decimal_comma)
        except ValueError:
            if not cell.strip() or task == REGRESSION:
                _cell_error(path, cell, line_numbers[i], t + 1, name)
            numeric = False
            break
    if numeric:
        bad = np.flatnonzero(~np.isfinite(values))
        if bad.size:
            i = bad[0]
            _fail(path, f"{cells[i].strip()!r} is not a finite number", line=line_numbers[i], col=t + 1, colname=name)
        _check_magnitude(path, values, cells, line_numbers, t, name)
        distinct = np.unique(values)
        integral = bool(np.all(values == np.round(values)))
        if task == REGRESSION or (task == "auto" and not (integral and len(distinct) <= MAX_AUTO_CLASSES)):
            return values, REGRESSION, []
        keys = distinct
        labels = np.searchsorted(distinct, values)
        class_names = [f"{v:g}" for v in keys]
    else:
        stripped = [c.strip() for c in cells]
        for i, c in enumerate(stripped):
            if not c:
                _fail(path, "empty label", line=line_numbers[i], col=t + 1, colname=name)
        keys, labels = np.unique(np.array(stripped, dtype=object).astype(str), return_inverse=True)
        class_names = [str(k) for k in keys]
    if len(keys) < 2:
        _fail(path, f"every row has the class {class_names[0]!r}; classification needs at least two classes",
              col=t + 1, colname=name)
    if len(keys) > MAX_CLASSES:
        _fail(path, f"{len(keys)} distinct classes; nnplay handles up to {MAX_CLASSES} "
                    "(use task 'regression' for a continuous target)", col=t + 1, colname=name)
    return labels.astype(np.int64), CLASSIFICATION, class_names


def write_csv(dataset: Dataset, path, test_mask=None) -> None:
    """Write a Dataset as CSV with a header; the target column is ``label``.
    With ``test_mask`` ((m,) bool, True: a test example), a last column
    ``split`` says train or test for each row (load_csv reads it back as the
    data's fixed split)."""
    split = [] if test_mask is None else [["test" if t else "train"] for t in np.asarray(test_mask, bool)]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(list(dataset.input_names) + ["label"] + ([SPLIT_COLUMN] if split else []))
        if dataset.task == CLASSIFICATION:
            names = dataset.class_names
            targets = [names[i] for i in dataset.y]
        else:
            targets = [repr(float(v)) for v in dataset.y]
        for k, (row, target) in enumerate(zip(dataset.X.tolist(), targets)):
            w.writerow([repr(v) for v in row] + [target] + (split[k] if split else []))
