"""Column roles and types of a CSV table, as Orange's File widget gives them:
each column is an input, the target or ignored, and a number or a category
(one-hot encoded); missing values are dropped or refused.

``guess_columns`` proposes roles and types (text -> category; an ID column
-> ignore with a note saying why, see ``id_columns``; the column
named label/target/class/y, else the last -> target); ``ImportOptions`` holds
the user's choices, which the CLI flags and the import dialog both fill in.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING

import numpy as np

from ..numbers import count
from ..user_text import listed, shown
from .csv_text import Table, fail, is_missing, is_numeric
from .id_columns import id_reason

if TYPE_CHECKING:
    import pandas as pd

TARGET_NAMES = ("label", "y", "target", "class")
INPUT, TARGET, IGNORE = "input", "target", "ignore"
NUMBER, CATEGORY = "number", "category"
NA_POLICIES = ("refuse", "drop")
MANY_LEVELS = 20  # a category with more levels than this is warned about
MAX_LEVELS = 200  # ... and with more than this refused: it would add as many inputs


@dataclass
class ImportOptions:
    """How to read a CSV: which columns, their roles and types, missing values.

    target: the target column's name (any case) or 0-based index; None guesses.
    columns: the input columns (names); None takes every column not ignored.
    ignore: columns left out. categorical: numeric columns read as categories
    (text columns always are). na: "refuse" (a missing cell is an error naming
    its line and column) or "drop" (rows with a missing cell in a used column
    are left out, and counted in a note). task: auto, classification or
    regression. standardize_target: a regression target is scaled to zero mean
    and unit variance (the scale is kept for RMSE in the file's units).
    stratify: the train/test split keeps each class's share.
    flags: messages name the CLI flags (--ignore, --columns...) that set the
    option (not saved by ``to_dict``).
    """

    target: str | int | None = None
    columns: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    categorical: tuple[str, ...] = ()
    na: str = "refuse"
    task: str = "auto"
    standardize_target: bool = False
    stratify: bool = False
    flags: bool = field(default=False, compare=False, repr=False)

    def label(self, key: str) -> str | None:
        """The CLI flag that sets option ``key`` when ``flags``, else None."""
        return "--" + key.replace("_", "-") if self.flags else None

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("flags")
        d["columns"] = None if self.columns is None else list(self.columns)
        d["ignore"], d["categorical"] = list(self.ignore), list(self.categorical)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> ImportOptions:
        """Options saved by ``to_dict`` (unknown keys are left out); ValueError on bad values."""
        known = {f.name for f in fields(cls)}
        d = {k: v for k, v in dict(d).items() if k in known}
        for key in ("ignore", "categorical"):
            d[key] = tuple(str(v) for v in d.get(key) or ())
        if d.get("columns") is not None:
            d["columns"] = tuple(str(v) for v in d["columns"])
        out = cls(**d)
        out.check()
        return out

    def check(self) -> None:
        if self.na not in NA_POLICIES:
            raise ValueError(f"missing values: choose {' or '.join(NA_POLICIES)}, not {shown(self.na)}")
        if self.task not in ("auto", "classification", "regression"):
            raise ValueError(f"unknown task {shown(self.task)}; choose auto, classification or regression")


@dataclass
class ColumnGuess:
    """One column of a table: its name, role, type and a note on why."""

    name: str
    role: str
    kind: str
    levels: int = 0
    note: str = ""


def column_names(table: Table) -> list[str]:
    """The header's names, or x1, x2, ... for a file without one; a blank header
    cell is named by its position, "column 3" (1 first: as a spreadsheet counts),
    everywhere the column is shown (``unnamed_columns`` says which)."""
    if not table.header:
        return [f"x{k + 1}" for k in range(table.n_cols)]
    return [name if name.strip() else _free_name(f"column {k + 1}", table.header)
            for k, name in enumerate(table.header)]


def unnamed_columns(table: Table) -> list[int]:
    """The positions (0 first) of the header's blank cells."""
    return [k for k, name in enumerate(table.header or ()) if not name.strip()]


def unnamed_note(names: list[str], unnamed: list[int]) -> str:
    """'column 3 has no name in the header: it is called 'column 3'' ('' when every column has a name)."""
    if not unnamed:
        return ""
    called = ", ".join(shown(names[k]) for k in unnamed)
    return (f"{count(len(unnamed), 'column')} without a name in the header: called {called}, by position"
            if len(unnamed) > 1 else f"a column without a name in the header is called {called}, by its position")


def _free_name(name: str, taken) -> str:
    while name in taken:  # a header that already says "column 3" elsewhere
        name += "'"
    return name


def find_column(path, names: list[str], wanted, what: str, flag: str | None = None) -> int:
    """The index of ``wanted`` (a name, exact or in any case, or a 0-based index);
    a DataError naming ``flag`` (when given) if there is no such column."""
    if isinstance(wanted, (int, np.integer)) or (isinstance(wanted, str) and wanted.strip().lstrip("-").isdigit()
                                                  and wanted.strip() not in names):
        idx = int(wanted)
        if not -len(names) <= idx < len(names):
            fail(path, f"{what} column {idx} does not exist; the file has {count(len(names), 'column')}", option=flag)
        return idx % len(names)
    if wanted in names:
        return names.index(wanted)
    folded = [j for j, n in enumerate(names) if n.lower() == str(wanted).strip().lower()]
    if len(folded) == 1:
        return folded[0]
    if len(folded) > 1:
        fail(path, f"{what} {shown(wanted)} matches columns {listed(names[j] for j in folded)} in all but case; "
                   "write it exactly", option=flag)
    fail(path, f"no column named {shown(wanted)}" + (f"; the header has {listed(names)}" if names else ""),
         option=flag)


def is_text(col: pd.Series, decimal_comma: bool) -> bool:
    """A column is text when fewer than half of its filled cells are numbers."""
    if is_numeric(col):
        return False
    filled = col[~col.map(is_missing)]
    if filled.empty:
        return False
    numbers = to_numbers(filled, decimal_comma)
    return int(numbers.notna().sum()) * 2 < len(filled)


def to_numbers(col: pd.Series, decimal_comma: bool) -> pd.Series:
    """Cells as float64 (NaN where missing or not a number)."""
    if is_numeric(col):
        return col.astype(np.float64)
    def clean(cell):
        if is_missing(cell):
            return None
        cell = cell.strip()
        return cell.replace(",", ".") if decimal_comma and "." not in cell else cell

    import pandas as pd

    return pd.to_numeric(col.map(clean), errors="coerce").astype(np.float64)


def guess_columns(path, table: Table, options: ImportOptions) -> list[ColumnGuess]:
    """Role and type of every column from the options, else guessed (see module doc)."""
    names, unnamed = column_names(table), unnamed_columns(table)
    target = _target_index(path, names, options.target, options.label("target"))
    picked = {key: [find_column(path, names, n, what, options.label(key)) for n in getattr(options, key) or ()]
              for key, what in (("ignore", "ignored"), ("columns", "input"), ("categorical", "categorical"))}
    if options.flags:  # a flag naming one column twice (also in two spellings of its case) is a slip
        for key, found in picked.items():
            twice = [j for k, j in enumerate(found) if j in found[:k]]
            if twice:
                fail(path, f"names {shown(names[twice[0]])} twice", option=options.label(key))
    ignore, forced = set(picked["ignore"]), set(picked["categorical"])
    chosen = None if options.columns is None else set(picked["columns"])
    check_roles(path, names, options, target, ignore, chosen, forced)
    out = []
    for j, name in enumerate(names):
        col = table.frame[j]
        kind = CATEGORY if (j in forced or is_text(col, table.decimal_comma)) else NUMBER
        levels = int(col.dropna().astype(str).str.strip().nunique()) if kind == CATEGORY else 0
        role, note = INPUT, ""
        if j == target:
            role = TARGET
        elif j in ignore or (chosen is not None and j not in chosen):
            role = IGNORE
        elif chosen is None and (why := id_reason("" if j in unnamed else name, col)):
            role, note = IGNORE, f"column {shown(name)} looks like an ID (it {why}): ignored; make it an input to use it"
        if role == INPUT and kind == CATEGORY and levels > MANY_LEVELS:
            note = f"column {shown(name)} has {count(levels, 'category', 'categories')}: one input each"
        out.append(ColumnGuess(name, role, kind, levels, note))
    if not any(g.role == INPUT for g in out):
        for g in out:  # an ID-like column is still better than no input at all
            if g.role == IGNORE and g.note:
                g.role, g.note = INPUT, ""
    return out


def check_roles(path, names, options: ImportOptions, target: int, ignore: set, chosen: set | None,
                forced: set) -> None:
    """Refuse roles that contradict each other (with ``options.flags``, naming the flag)."""
    for key, picked in (("ignore", ignore), ("columns", chosen or set())):
        if target in picked:
            said = "names" if options.flags else "the choices make"
            fail(path, f"{said} the target column {shown(names[target])}; the target cannot also be an input or ignored",
                 option=options.label(key))
    if not options.flags:
        return
    if target in forced and options.task == "regression":
        fail(path, f"names the target {shown(names[target])}, but --task regression reads it as a number",
             option="--categorical")
    left_out = [j for j in forced if j in ignore or (chosen is not None and j not in chosen and j != target)]
    if left_out:
        fail(path, f"names {shown(names[left_out[0]])}, which is not an input (it is ignored)", option="--categorical")


def _target_index(path, names: list[str], wanted, flag: str | None = None) -> int:
    if wanted is not None:
        return find_column(path, names, wanted, "target", flag)
    lowered = [n.lower() for n in names]
    for name in TARGET_NAMES:
        if name in lowered:
            return lowered.index(name)
    return len(names) - 1
