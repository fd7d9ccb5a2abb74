"""Reading a CSV off the GUI thread: ``load_csv`` runs in a thread of its own
while the window's event loop keeps running (a busy dialog says what is being
read and offers Cancel), so the window stays responsive however large the file.
pandas' C parser and NumPy release Python's interpreter lock while they work.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from ..data import DataError, Dataset, load_csv

POLL_MS = 20
SHOW_AFTER_MS = 400


def read_csv_in_background(window, path, options=None) -> Dataset | None:
    """The Dataset of ``path`` read as ``options`` say, or None: refused (the
    one-line reason shown by ``window.show_error``) or cancelled. Returns when
    the reading is done; the window handles its events meanwhile."""
    result: dict = {}

    def work():
        try:
            result["data"] = load_csv(path, options=options)
        except DataError as exc:
            result["error"] = str(exc)
        except MemoryError:
            result["error"] = f"{path}: not enough memory to read this file"

    try:
        size = f" ({Path(path).stat().st_size / 2**20:.0f} MB)"
    except OSError:
        size = ""
    progress = QProgressDialog(f"Reading {Path(path).name}{size}…", "Cancel", 0, 0, window)
    progress.setObjectName("csv_progress")
    progress.setWindowTitle("Loading CSV")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(SHOW_AFTER_MS)
    progress.setAutoReset(False)
    progress.hide()
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(POLL_MS)
    thread = threading.Thread(target=work, name="csv-reader", daemon=True)
    cancelled = []

    def check():
        if progress.wasCanceled():  # the Cancel button, Escape, or closing the dialog
            cancelled.append(True)
            loop.quit()
        elif not thread.is_alive():
            loop.quit()

    poll.timeout.connect(check)
    thread.start()
    poll.start()
    # a small file is read before the dialog would show
    QTimer.singleShot(SHOW_AFTER_MS, progress, lambda: progress.show() if thread.is_alive() else None)
    loop.exec()
    poll.stop()
    progress.reset()
    progress.deleteLater()
    if cancelled or not result:  # cancelled, or the application quit while reading
        window.show_status(f"Loading {Path(path).name} cancelled; the data stay as they were.")
        return None  # the thread finishes on its own; its result is dropped
    if "error" in result:
        window.show_error("Cannot load this file", result["error"])
        return None
    return result["data"]
