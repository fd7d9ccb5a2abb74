"""Is a column an ID (a row's name or number, no information to learn from)?

Checked against real columns that look alike: an ID is

* a column **named** as one: ``id``, ``ID``, ``index``, ``row``, ``rowid``,
  ``row_id``, or ending in ``_id``/`` id``/``Id`` (``PassengerId``,
  ``customer_id``);
* a column without a name (a blank header cell, or pandas' ``Unnamed: 0``
  that ``DataFrame.to_csv`` writes for the index) holding **distinct** whole
  numbers (an index, also after shuffling); an unnamed measurement with repeated
  values is an input;
* a column of whole numbers that **counts by one** (strictly up or down,
  every value distinct: 1001, 1002, 1003, ...), also **with gaps** where rows
  were dropped (0, 1, 3, 4, 5, 8, ...: strictly up or down, at least half the
  steps exactly one; a missing cell in it is passed over), unless its name says it is a
  quantity (``year``, ``age``, ``count``, ``rank``, ``month``, ``day``,
  ``hour``, ``time``, ``step``, ``epoch``, ...): 1990, 1991, ... named
  ``year`` is a trend to learn from, not a row number.

Not IDs: years out of order, ages, counts, zip codes (large whole numbers with
repeats or gaps), ranks with ties. ``id_reason`` says why a column is one, in
words for the user's note, or returns "" when it is not.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from ..numbers import count
from .csv_text import is_numeric

if TYPE_CHECKING:
    import pandas as pd

ID_NAMES = ("id", "index", "row", "rowid", "row_id", "row_number", "rownum")
QUANTITY_NAMES = ("year", "years", "age", "count", "counts", "n", "rank", "month", "day", "days", "hour", "hours",
                  "minute", "minutes", "second", "seconds", "week", "time", "t", "step", "steps", "epoch", "level",
                  "dose", "size", "length", "x", "score", "zip", "zipcode", "zip_code", "floor", "grade")
MIN_ID_ROWS = 10  # fewer rows say too little to call a counting column an ID
_UNNAMED = re.compile(r"^(unnamed: ?\d+|)$", re.IGNORECASE)  # "" or pandas' "Unnamed: 0"
_ID_SUFFIX = re.compile(r"[\s_.\-]id$", re.IGNORECASE)  # customer_id, "order id", row.ID
_CAMEL_ID = re.compile(r"[a-z](Id|ID)$")  # PassengerId, customerID (not paid, valid, grid)


def named_like_id(name: str) -> bool:
    """id, ID, index, row_id, customer_id, PassengerId... (not 'paid', 'valid', 'grid')."""
    stripped = name.strip()
    return stripped.lower() in ID_NAMES or bool(_ID_SUFFIX.search(stripped) or _CAMEL_ID.search(stripped))


def named_like_quantity(name: str) -> bool:
    """A word of the name is a quantity's (year, birth_year, Age, rank, ...)."""
    return any(word in QUANTITY_NAMES for word in re.split(r"[^a-z0-9]+", name.strip().lower()))


def whole_numbers(col: pd.Series) -> np.ndarray | None:
    """The column's filled cells as float64 when every one is a finite whole number
    (missing cells passed over), else None."""
    if not is_numeric(col) or len(col) == 0:
        return None
    v = col.to_numpy(np.float64, na_value=np.nan)
    v = v[~np.isnan(v)]
    if len(v) == 0 or not np.all(np.isfinite(v)) or not np.all(v == np.round(v)):
        return None
    return v


def counts_by_one(v: np.ndarray) -> bool:
    """Strictly up or strictly down by exactly one at every step (so all distinct)."""
    if len(v) < MIN_ID_ROWS:
        return False
    step = np.diff(v)
    return bool(np.all(step == 1) or np.all(step == -1))


def counts_by_one_with_gaps(v: np.ndarray) -> int:
    """The number of gaps when ``v`` counts by one with some values left out (rows
    dropped): strictly up or strictly down, at least half the steps exactly one;
    0 when it does not."""
    if len(v) < MIN_ID_ROWS:
        return 0
    step = np.diff(v)
    if not (np.all(step > 0) or np.all(step < 0)):
        return 0
    ones = int(np.count_nonzero(np.abs(step) == 1))
    return len(step) - ones if 2 * ones >= len(step) else 0


def id_reason(name: str, col: pd.Series) -> str:
    """Why column ``name`` (cells ``col``) is an ID, as a clause for a note; "" when it is not."""
    if named_like_id(name):
        return "is named like an ID"
    v = whole_numbers(col)
    if _UNNAMED.match(name.strip()):
        if v is not None and len(v) >= 2 and len(np.unique(v)) == len(v):
            return "has no name and holds distinct whole numbers, like the index pandas' to_csv writes"
        return ""
    if v is None or named_like_quantity(name):
        return ""
    if counts_by_one(v):
        return f"counts by one ({v[0]:.0f}, {v[1]:.0f}, {v[2]:.0f}, ...) like a row number"
    gaps = counts_by_one_with_gaps(v)
    if gaps:
        return (f"counts by one from {v[0]:.0f} to {v[-1]:.0f} with {count(gaps, 'gap')}, like the row "
                f"numbers of a file whose rows were dropped")
    return ""
