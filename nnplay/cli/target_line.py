"""The line `nnplay train --data` (and lr-find) starts with: which column is
the target and which task was chosen, and how to pick another. The target is
found by the same rule the import dialog uses (``data.columns.guess_columns``:
the column named label, y, target or class, else the last)."""

from __future__ import annotations

from pathlib import Path

from ..data.columns import TARGET, TARGET_NAMES
from ..numbers import count
from ..user_text import LIST_NAMES, shown


def target_line(path, options, data) -> str:
    """'target 'y' (regression): the column named y; --target NAME picks another
    (the columns: x, y, z, comment, Species)'; ``options`` the ImportOptions
    the file was read with, ``data`` the Dataset read."""
    from ..data.columns import guess_columns
    from ..data.csv_text import read_table

    guesses = guess_columns(Path(path), read_table(Path(path), max_rows=12), options)
    names = [g.name for g in guesses]
    name = next(g.name for g in guesses if g.role == TARGET)
    task = data.task if data.task == "regression" else f"classification, {count(data.n_classes, 'class', 'classes')}"
    line = f"target {name!r} ({task})"
    if options.target is not None:
        return line
    why = (f"the column named {name}" if name.lower() in TARGET_NAMES and names.index(name) != len(names) - 1
           else "the last column" if name.lower() not in TARGET_NAMES else f"the column named {name}, the last")
    listed = ", ".join(shown(n) for n in names[:LIST_NAMES])  # (a 10,000-column file: not 80 kB of names)
    more = f" and {len(names) - LIST_NAMES:,} more" if len(names) > LIST_NAMES else ""
    return f"{line}: {why}; --target NAME picks another (the columns: {listed}{more})"
