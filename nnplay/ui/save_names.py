"""A save or export dialog never offers a file the window reads from (the CSV
it opened), and writing over one takes a clear question first.

"Export data set as CSV" suggested the open CSV's own name in its own folder:
one Enter replaced the user's source data with nnplay's copy of it. The
suggestion is now ``<stem>-export<suffix>`` (``-export-2``... while that is a
source too), and a path chosen that is a source asks before it is replaced,
"No" by default, as an editor asks before it overwrites a file open elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from ..user_text import file_name


def sources(win) -> list[str]:
    """The files the window reads from: the CSV it opened (``controller.csv_path``), if any."""
    controller = getattr(win, "controller", None)
    path = getattr(controller, "csv_path", None)
    return [path] if path else []


def is_source(path, read_from: list[str]) -> bool:
    """Whether ``path`` names one of the files ``read_from`` (the same file by
    its absolute path, or by inode where both exist: a link, ``./`` or ``..``)."""
    for source in read_from:
        try:
            if os.path.samefile(path, source):
                return True
        except OSError:  # either is missing: compare the names made absolute
            if os.path.abspath(path) == os.path.abspath(source):
                return True
    return False


def not_a_source(path: Path, read_from: list[str]) -> Path:
    """``path``, or ``<stem>-export<suffix>`` beside it (then ``-export-2``...)
    when it is a file the window reads from."""
    stem, n = path.stem, 1
    while is_source(path, read_from):
        path = path.with_name(f"{stem}-export{'' if n == 1 else f'-{n}'}{path.suffix}")
        n += 1
    return path


def may_replace(win, path: str, read_from: list[str], title: str) -> bool:
    """True unless ``path`` is a file the window reads from and the user, asked
    plainly (default No), does not want it replaced."""
    if not is_source(path, read_from):
        return True
    answer = QMessageBox.question(
        win, title,
        f"{file_name(path)} is the data set this window opened and reads from.\n"
        "Replace it with the file being written?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
