"""Loading a user's CSV into a Dataset, refusing bad input with one clear line.

Accepted: an optional header row; comma, semicolon or tab delimiters (with a
semicolon, "1,5" reads as 1.5); UTF-8 with or without a byte-order mark,
UTF-16 with one, or Windows-1252 (``csv_text``, which reads the cells with
pandas' ``read_csv``). Columns are inputs, the target or ignored, numbers or
categories (one-hot encoded); see ``columns.ImportOptions`` for the choices
and ``columns.guess_columns`` for what is assumed without them. Cells that
say "no value" (empty, NA, N/A, NaN, ?, null, in any case) are missing: a
row holding one is refused (the default) or dropped and counted.

The task is classification when the target holds text or whole numbers with
at most MAX_CLASSES distinct values (remapped to 0..k-1 in sorted order, text naturally: c2 before c10; past
MAX_AUTO_CLASSES a note says so), regression otherwise. A column named
``split`` holding only train and test (as ``write_csv`` writes it) is not an
input: it is the data's fixed train/test split (unless it is ignored: then the
data are split anew).

Every refusal is a DataError whose message names the file and, where there is
one, the line and column. Nothing else escapes ``load_csv``.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import numpy as np

from ..numbers import count
from ..user_text import file_name, one_line, shown
from .columns import (
    CATEGORY,
    IGNORE,
    INPUT,
    MAX_LEVELS,
    TARGET,
    ImportOptions,
    column_names,
    guess_columns,
    is_missing,
    to_numbers,
    unnamed_columns,
    unnamed_note,
)
from .csv_text import MAX_BYTES, fail, is_numeric, numeric_columns, read_table
from .dataset import CLASSIFICATION, REGRESSION, DataError, Dataset
from .magnitude import LONG_DIGITS, MAX_MAGNITUDE, too_large, too_large_text
from .progress import PARSE_TO, Progress, report

MAX_AUTO_CLASSES = 10
MAX_CLASSES = 50
_DIGITS = re.compile(r"([0-9]+)")
SPLIT_COLUMN = "split"  # a column of train/test: the data's train/test split (write_csv writes it)
TASKS = ("auto", CLASSIFICATION, REGRESSION)

__all__ = ["MAX_BYTES", "MAX_CLASSES", "ImportOptions", "load_csv", "write_csv"]


# how to drop rows with missing values, in the refusal: the option of the command typed (ImportOptions.flags),
# else the window's import dialog (which names its own control instead: ui.import_attempt)
NA_DROP_FLAG = "--na drop"
NA_DROP_HOW = "in the import dialog of Load CSV…"

def load_csv(path, task: str = "auto", target: str | int | None = None, max_bytes: int = MAX_BYTES,
             options: ImportOptions | None = None, progress: Progress | None = None) -> Dataset:
    """Read ``path`` into a Dataset; raise DataError (one line) for anything unusable.

    ``options`` (columns.ImportOptions) says which columns are inputs, target,
    ignored or categorical and what to do with missing values; ``task`` and
    ``target`` fill in its fields of the same name when given. The Dataset's
    ``notes`` say what was assumed or dropped (an ID column ignored, rows with
    missing values dropped, many classes). ``progress(fraction)`` is called as
    the file is read (see ``progress``); LoadCancelled raised by it stops the
    reading and leaves ``load_csv``.
    """
    options = ImportOptions(**vars(options)) if options is not None else ImportOptions()
    if task != "auto":
        options.task = task
    if target is not None:
        options.target = target
    try:
        if options.task not in TASKS:
            raise DataError(f"{path}: unknown task {shown(options.task)}; choose one of {', '.join(TASKS)}")
        options.check()
        data = _load(Path(os.fspath(path)), options, max_bytes, progress)
        report(progress, 1.0)
        return data
    except DataError:
        raise
    except (csv.Error, ValueError, TypeError, OverflowError, MemoryError, RecursionError) as exc:
        # a case the checks did not foresee still gets a one-line answer
        raise DataError(f"{file_name(path)}: cannot read this file as CSV ({type(exc).__name__}: "
                        f"{one_line(exc, 200)})") from None


def _load(path: Path, options: ImportOptions, max_bytes: int, progress: Progress | None = None) -> Dataset:
    table = read_table(path, max_bytes, progress=progress)
    report(progress, PARSE_TO)
    guesses = guess_columns(path, table, options)
    notes = [note for note in (unnamed_note(column_names(table), unnamed_columns(table)),) if note]
    notes += [g.note for g in guesses if g.note]
    t = next(j for j, g in enumerate(guesses) if g.role == TARGET)
    split = _split_column(table, guesses, t)
    inputs = [j for j, g in enumerate(guesses) if g.role == INPUT and j != split]
    if not inputs:
        fail(path, "no input column is left; choose at least one column as an input")
    names = said = [g.name for g in guesses]  # said: in every message, as the import dialog and --target name them
    if not table.header:  # the data's inputs x1, x2, ... and target "label", as nnplay writes them (not the file's)
        names = [f"x{k + 1}" for k in range(len(names))]
        for k, j in enumerate(inputs):
            names[j] = f"x{k + 1}"
        names[t] = "label"
    frame = table.frame
    keep = _rows_to_keep(path, table, [*inputs, t], said, options, notes)
    if keep is not None:
        frame, lines = frame[keep], table.lines[keep]
    else:
        lines = table.lines
    numeric = _numeric_block(path, table, frame, lines, [j for j in inputs if guesses[j].kind != CATEGORY], said)
    blocks, input_names = [], []
    for j in inputs:
        if guesses[j].kind == CATEGORY:
            block, level_names = _one_hot(path, frame[j], names[j], j, said[j])
            blocks.append(block)
            input_names += level_names
        else:
            blocks.append(numeric[j])
            input_names.append(names[j])
    X = numeric.block if numeric.block.shape[1] == len(inputs) else np.hstack(blocks)
    y, task, class_names, scale = _target(path, table, frame[t], lines, t, said[t], guesses[t].kind, options,
                                          notes)
    test_mask = None if split is None else (_split_values(frame[split]) == "test").to_numpy(bool)
    return Dataset(X, y, task, path.stem, input_names=input_names, class_names=class_names, notes=notes,
                   stratify=options.stratify, target_scale=scale, import_options=options.to_dict(),
                   target_name=names[t] if table.header else None,
                   test_mask=test_mask)


class _NumericBlock:
    """The number columns as one (rows, k) float64 array, ``[j]`` one column's (rows, 1) view."""

    def __init__(self, block: np.ndarray, columns: list[int]):
        self.block, self._at = block, {j: k for k, j in enumerate(columns)}

    def __getitem__(self, j: int) -> np.ndarray:
        return self.block[:, self._at[j]:self._at[j] + 1]


def _numeric_block(path, table, frame, lines, columns: list[int], names) -> _NumericBlock:
    """The number columns (rows with missing cells already dropped) converted in
    one pass when pandas parsed them all as numbers (a column at a time took 3
    s for 3000 columns); a column with a cell that is not a finite number of a
    trainable size is refused by ``_numbers``, naming the cell."""
    numeric = numeric_columns(frame)
    parsed = [j for j in columns if j in numeric]
    block = frame.iloc[:, parsed].to_numpy(np.float64) if parsed else np.zeros((len(frame), 0))
    bad = ~np.isfinite(block) | (np.abs(block) > MAX_MAGNITUDE) if block.size else np.zeros(block.shape, bool)
    if len(parsed) == len(columns) and not bad.any():
        return _NumericBlock(np.ascontiguousarray(block), columns)
    cols = [_numbers(path, table, frame[j], lines, j, names[j]) for j in columns]  # refuses the first bad cell
    return _NumericBlock(np.column_stack(cols) if cols else np.zeros((len(frame), 0)), columns)


def _split_values(col):
    return col.astype(str).str.strip().str.lower()


def _split_column(table, guesses, t) -> int | None:
    """The column named ``split`` (as write_csv writes it) when every value in it
    is train or test: the data's train/test split, not an input."""
    names = [g.name.lower() for g in guesses]
    if not table.header or SPLIT_COLUMN not in names:
        return None
    j = names.index(SPLIT_COLUMN)
    ok = j != t and guesses[j].role != IGNORE and bool(_split_values(table.frame[j]).isin(("train", "test")).all())
    return j if ok else None


def _rows_to_keep(path, table, used, names, options, notes):
    """None when no used cell is missing; else the rows to keep (na drop) or a refusal."""
    missing = np.zeros(len(table.frame), bool)
    first = None
    parsed = numeric_columns(table.frame)
    numeric = [j for j in used if j in parsed]
    if numeric:  # one pass over the number columns; only those with a missing cell are looked at one by one
        holes = table.frame.iloc[:, numeric].isna().to_numpy().any(axis=0)
        fine = {j for j, h in zip(numeric, holes) if not h}
        used = [j for j in used if j not in fine]
    holes = {}  # column: its missing cells
    for j in used:
        col = table.frame[j]
        m = holes[j] = (col.isna() if is_numeric(col) else col.map(is_missing)).to_numpy(bool)
        if m.any():
            i = int(np.argmax(m))
            if first is None or i < first[0] or (i == first[0] and j < first[1]):
                first = (i, j)
            missing |= m
    if first is None:
        return None
    _refuse_too_large(path, table, holes, names)  # not missing values: numbers pandas could not hold
    i, j = first
    if options.na != "drop":
        cell = table.cell_text(table.frame[j], i, j, int(table.lines[i]))
        how = NA_DROP_FLAG if options.flags else NA_DROP_HOW
        what = ("an empty cell" if not cell else f"{cell!r}") + \
            f" is a missing value; drop the rows with missing values ({how}) or fill it in"
        fail(path, what, line=int(table.lines[i]), col=j + 1, colname=names[j])
    n = int(missing.sum())
    if n == len(missing):
        fail(path, f"every row has a missing value (the first on line {table.lines[i]}, column {shown(names[j])}); "
                   "nothing is left to train on")
    notes.append(f"dropped {n:,} of {count(len(missing), 'row')} with a missing value (the first on line {table.lines[i]})")
    return ~missing


def _refuse_too_large(path, table, holes: dict, names) -> None:
    """DataError naming the first cell among the missing ones (``holes``: column ->
    mask) that pandas read as missing (NaN, or a Python int it leaves unread)
    because its number has hundreds of digits: too large, not missing."""
    if LONG_DIGITS.search(table.text) is None:
        return  # no such number in the file: the usual case, found in one pass
    found = []  # (row, column, text) of each column's first such cell
    for j, missing in holes.items():
        col = table.frame[j]
        for i in np.flatnonzero(missing):
            cell = table.cell_text(col, i, j, int(table.lines[i]))
            if too_large(cell, table.decimal_comma):
                found.append((i, j, cell))
                break
    if found:
        i, j, cell = min(found, key=lambda f: (f[0], f[1]))
        fail(path, too_large_text(cell), line=int(table.lines[i]), col=j + 1, colname=names[j])


def _numbers(path, table, col, lines, j, name) -> np.ndarray:
    """Column j (rows with missing cells already dropped) as float64; DataError
    naming the first cell that is not a finite number of a trainable size."""
    values = to_numbers(col, table.decimal_comma).to_numpy(np.float64)
    bad = np.flatnonzero(~np.isfinite(values) | (np.abs(values) > MAX_MAGNITUDE))
    if bad.size:
        i = bad[0]
        cell = table.cell_text(col, i, j, int(lines[i]))
        what = (too_large_text(cell) if too_large(cell, table.decimal_comma)  # 1e308, 1e400, a million digits
                else f"{shown(cell)} is not a number" if np.isnan(values[i]) else f"{shown(cell)} is not a finite number")
        fail(path, what, line=int(lines[i]), col=j + 1, colname=name)
    return values


def natural_key(text: str) -> tuple:
    """A sort key that reads the digits in ``text`` as numbers: c2 before c10 (as text, c10, c11, c2...)."""
    return tuple((0, int(part), "") if part.isascii() and part.isdigit() else (1, part.casefold(), part)
                 for part in _DIGITS.split(str(text)) if part)


def _levels(col):
    """(level names in natural order (``natural_key``), index of each row's level) of a category column."""
    if not is_numeric(col):
        keys, codes = np.unique(col.astype(str).str.strip().to_numpy(str), return_inverse=True)
        order = sorted(range(len(keys)), key=lambda i: natural_key(keys[i]))
        rank = np.empty(len(keys), np.int64)
        rank[order] = np.arange(len(keys))
        return [str(keys[i]) for i in order], rank[codes]
    keys, codes = np.unique(col.to_numpy(np.float64), return_inverse=True)
    return [f"{k:g}" for k in keys], codes


def _one_hot(path, col, name, j, said):
    """The one-hot block of category column ``j`` and its inputs' names ``name=level``; a message names it ``said``."""
    levels, codes = _levels(col)
    if len(levels) > MAX_LEVELS:
        fail(path, f"{count(len(levels), 'distinct category', 'distinct categories')}; nnplay one-hot encodes up to {MAX_LEVELS} "
                   "(ignore this column, or read it as a number)", col=j + 1, colname=said)
    block = np.zeros((len(codes), len(levels)))
    block[np.arange(len(codes)), codes] = 1.0
    return block, [f"{name}={lv}" for lv in levels]


def _target(path, table, col, lines, t, name, kind, options, notes):
    task = options.task
    if kind == CATEGORY and task != REGRESSION:
        keys, labels = _levels(col)
        return _classes(path, keys, labels, t, name) + (None,)
    values = _numbers(path, table, col, lines, t, name)
    distinct = np.unique(values)
    integral = bool(np.all(values == np.round(values)))
    if task == REGRESSION or (task == "auto" and not (integral and len(distinct) <= MAX_CLASSES)):
        scale = None
        if options.standardize_target:
            std = float(values.std())
            scale = (float(values.mean()), std if std > 0 else 1.0)
            values = (values - scale[0]) / scale[1]
            notes.append(f"target {shown(name)} standardised: (y - {scale[0]:.6g}) / {scale[1]:.6g}")
        return values, REGRESSION, [], scale
    labels = np.searchsorted(distinct, values)
    keys = [f"{v:g}" for v in distinct]
    if task == "auto" and len(distinct) > MAX_AUTO_CLASSES:
        notes.append(f"target {shown(name)} holds {len(distinct):,} distinct whole numbers: read as {len(distinct):,} "
                     "classes (choose the task regression for a quantity)")
    return _classes(path, keys, labels, t, name) + (None,)


def _classes(path, keys, labels, t, name):
    if len(keys) < 2:
        fail(path, f"every row has the class {shown(keys[0])}; classification needs at least two classes",
             col=t + 1, colname=name)
    if len(keys) > MAX_CLASSES:
        fail(path, f"{count(len(keys), 'distinct class', 'distinct classes')}; nnplay handles up to {MAX_CLASSES} "
                   "(use task 'regression' for a continuous target)", col=t + 1, colname=name)
    return np.asarray(labels, np.int64), CLASSIFICATION, list(keys)


def write_csv(dataset: Dataset, path, test_mask=None) -> None:
    """Write a Dataset as CSV with a header; the target column keeps the user's
    name (``label`` for generated data), last, so that load_csv guesses it
    again, and a standardised regression target is written in its own units.
    With ``test_mask`` ((m,) bool, True: a test example), a column ``split``
    before the target says train or test for each row (load_csv reads it back
    as the data's fixed split)."""
    from ..file_write import written_in_place
    from .target_units import in_target_units

    split = [] if test_mask is None else [["test" if t else "train"] for t in np.asarray(test_mask, bool)]
    with written_in_place(path) as part, open(part, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(list(dataset.input_names) + ([SPLIT_COLUMN] if split else []) + [dataset.target_name or "label"])
        if dataset.task == CLASSIFICATION:
            names = dataset.class_names
            targets = [names[i] for i in dataset.y]
        else:
            targets = [repr(float(v)) for v in in_target_units(dataset.y, dataset.target_scale)]
        for k, (row, target) in enumerate(zip(dataset.X.tolist(), targets)):
            w.writerow([repr(v) for v in row] + (split[k] if split else []) + [target])
