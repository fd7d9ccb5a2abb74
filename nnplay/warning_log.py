"""Warnings go to the error log, never to the terminal.

A warning a library raises while nnplay runs (NumPy's "overflow encountered" from
a diverging run's numbers that some code did not guard) is the program's to fix,
never the user's to read: the window (``ui.errors.install_exception_hook``) and
each training process it starts (``training.child_errors``) install ``log_warning``
as ``warnings.showwarning``. Qt-free: a training process imports it."""

from __future__ import annotations

import datetime
import os
import warnings

LOG_VARIABLE = "NNPLAY_ERROR_LOG"  # the log's path; the window sets it, its training processes inherit it
_PYTHONS = warnings.showwarning  # (Python's own, for NNPLAY_TRACEBACK)


def log_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """``warnings.showwarning``: the warning appended to the file ``NNPLAY_ERROR_LOG`` names, with
    the time, the process and where it was raised (``warnings.formatwarning``); dropped when no
    log is named or it cannot be written. Python's own (to stderr) when ``NNPLAY_TRACEBACK`` is set."""
    if os.environ.get("NNPLAY_TRACEBACK"):
        _PYTHONS(message, category, filename, lineno, file, line)
        return
    path = os.environ.get(LOG_VARIABLE)
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.datetime.now().isoformat(timespec='seconds')} (a warning, process {os.getpid()})\n")
            fh.write(warnings.formatwarning(message, category, filename, lineno, line))
    except OSError:
        pass
