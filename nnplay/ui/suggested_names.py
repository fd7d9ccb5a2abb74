"""The file name a save dialog suggests, by one rule for every file the window
writes: the data set's name (a CSV's stem, ``cls5``; a built-in set's,
``circle``) and what the file holds: ``cls5.nnplay`` for the session,
``cls5-predictions.csv`` for the predictions (the session was ``run.nnplay``
whatever the data)."""

from __future__ import annotations

from pathlib import Path

FALLBACK = "nnplay"  # before any run has started


def data_stem(win) -> str:
    """The name of the data set ``win`` trains on, fit for a file name."""
    info = win.controller.run_info
    name = info.data.name if info is not None else ""
    name = Path(name).name.strip()  # a name never brings folders with it
    return name or FALLBACK


def suggested_name(win, what: str = "", suffix: str = ".nnplay") -> str:
    """'cls5.nnplay', or with ``what`` 'cls5-predictions.csv'."""
    return f"{data_stem(win)}{'-' + what if what else ''}{suffix}"
