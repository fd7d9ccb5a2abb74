"""Reading a CSV off the GUI thread: ``load_csv`` runs in a thread of its own
while the window's event loop keeps running. A progress dialog shows how far
the reading has got (bytes read, then pandas' parser position: see
``nnplay.data.progress``) and offers Cancel, which stops the reading thread
at its next progress report (LoadCancelled) and leaves the data as they were.
pandas' C parser and NumPy release Python's interpreter lock while they work,
so the window stays responsive (``nnplay bench``'s latency probe: p95 well
under 50 ms while a million rows are read).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from ..data import DataError, Dataset, load_csv
from ..data.progress import LoadCancelled
from .soak import heap_after_trim

POLL_MS = 20
SHOW_AFTER_MS = 400


class Reading:
    """One background read: the thread, how far it is (0..1) and its outcome."""

    def __init__(self, path, options=None):
        self.path, self.options = path, options
        self.fraction = 0.0
        self.result: dict = {}
        self.cancel = threading.Event()
        self.thread = threading.Thread(target=self._work, name="csv-reader", daemon=True)

    def _progress(self, fraction: float) -> None:  # in the reading thread
        self.fraction = fraction
        if self.cancel.is_set():
            raise LoadCancelled

    def _work(self) -> None:
        try:
            self.result["data"] = load_csv(self.path, options=self.options, progress=self._progress)
        except LoadCancelled:
            self.result["cancelled"] = True
        except DataError as exc:
            self.result["error"] = str(exc)
        except MemoryError:
            self.result["error"] = f"{self.path}: not enough memory to read this file"


READ, REFUSED, CANCELLED = "read", "refused", "cancelled"


def read_csv_in_background(window, path, options=None) -> Dataset | None:
    """The Dataset of ``path`` read as ``options`` say, or None: refused (the
    one-line reason shown by ``window.show_error``) or cancelled. Returns when
    the reading is done; the window handles its events meanwhile."""
    return read_csv_outcome(window, path, options)[0]


def read_csv_outcome(window, path, options=None) -> tuple[Dataset | None, str]:
    """``read_csv_in_background``'s Dataset (or None) and what happened:
    "read", "refused" (the reason shown) or "cancelled"."""
    reading = Reading(path, options)
    try:
        size = f" ({Path(path).stat().st_size / 2**20:.0f} MB)"
    except OSError:
        size = ""
    progress = QProgressDialog(f"Reading {Path(path).name}{size}…", "Cancel", 0, 100, window)
    progress.setObjectName("csv_progress")
    progress.setWindowTitle(f"Loading {Path(path).name}")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(SHOW_AFTER_MS)
    progress.setAutoReset(False)
    progress.setAutoClose(False)
    progress.hide()
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(POLL_MS)

    def check():
        if progress.wasCanceled():  # the Cancel button, Escape, or closing the dialog
            reading.cancel.set()
            loop.quit()
        elif not reading.thread.is_alive():
            loop.quit()
        else:
            progress.setValue(min(99, int(reading.fraction * 100)))

    poll.timeout.connect(check)
    reading.thread.start()
    poll.start()
    # a small file is read before the dialog would show
    QTimer.singleShot(SHOW_AFTER_MS, progress, lambda: progress.show() if reading.thread.is_alive() else None)
    loop.exec()
    poll.stop()
    progress.reset()
    progress.hide()  # at once: deleteLater waits for the event loop, and a rebuild may hold it
    progress.deleteLater()
    if not reading.thread.is_alive():
        heap_after_trim()  # the reader's freed buffers go back to the system (about 90 MB for a million rows)
    result = reading.result
    if reading.cancel.is_set() or "cancelled" in result or not result:  # cancelled, or the app quit meanwhile
        reading.cancel.set()  # the thread stops at its next progress report; its result is dropped
        window.show_status(f"Loading {Path(path).name} cancelled; the data stay as they were.")
        return None, CANCELLED
    if "error" in result:
        window.show_error("Cannot load this file", result["error"])
        return None, REFUSED
    return result["data"], READ
