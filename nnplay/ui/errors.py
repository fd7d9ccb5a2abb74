"""Unexpected errors in the window: logged with their traceback to a file in the
user's data folder and shown in a dialog, never printed to a console nobody reads
and never fatal. A warning (a library's, NumPy's "overflow encountered" from a
number some code did not guard) goes to the same file, from the window's process
and its training processes alike (``warning_log``)."""

from __future__ import annotations

import datetime
import os
import sys
import warnings
import traceback
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

from ..warning_log import LOG_VARIABLE, log_warning
from .zoom_windows import message_owner


def log_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation) or str(Path.home())
    return Path(base) / "nnplay-errors.log"


def write_log(exc_type, exc, tb) -> Path | None:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.datetime.now().isoformat(timespec='seconds')}\n")
            fh.write("".join(traceback.format_exception(exc_type, exc, tb)))
        return path
    except OSError:
        return None


def install_exception_hook() -> None:
    """Route uncaught exceptions on the GUI thread to the log and a dialog, and every
    warning of this process and of the training processes it starts to the log."""
    os.environ[LOG_VARIABLE] = str(log_path())  # (read as each warning comes; inherited by the children)
    try:
        log_path().parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    warnings.showwarning = log_warning

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        path = write_log(exc_type, exc, tb)
        where = f"\n\nThe details were saved to {path}." if path else ""
        if QApplication.instance() is not None:
            QMessageBox.critical(message_owner(), "nnplay hit an unexpected error",  # (in its zoom)
                                 f"{exc_type.__name__}: {exc}{where}\n\nYour data and settings are unchanged; "
                                 "you can keep working.")

    sys.excepthook = hook
