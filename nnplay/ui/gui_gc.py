"""Python's cyclic garbage collection, on the GUI thread only.

CPython runs a collection in whichever thread's allocation crosses the
collector's threshold. The GUI process has threads besides the GUI thread
(each run's relay ``TrainingThread`` and command feeder, the autosave writer,
the CSV reader, the recorder, the learning-rate range test), and pyqtgraph's
items and most panels sit in reference cycles, so a dropped panel, plot or
dialog is freed by the collector, and its Qt objects are destroyed in the
thread that happened to allocate. A ``QWidget`` destroyed off the GUI thread
changes the application's widget set while the GUI thread walks it: the
intermittent segfault in ``QApplication.topLevelWidgets()`` (issue 13).

``collect_on_gui_thread`` turns automatic collection off and collects on a
timer of the GUI thread instead, with pyqtgraph's
``pyqtgraph.util.garbage_collector.GarbageCollector`` (which exists for this
reason: "garbage collection only happens in the GUI thread, as otherwise Qt
can crash"). Reference counting still frees acyclic objects at once, in any
thread; only the cycles wait for the timer (at most ``INTERVAL_S``).
"""

from __future__ import annotations

import gc

INTERVAL_S = 1.0  # seconds between two checks of the collector's thresholds

_collector = None


def collect_on_gui_thread():
    """Collect garbage cycles only on the GUI thread, from now on (idempotent).
    Call it on the GUI thread once a ``QApplication`` exists; returns the
    ``GarbageCollector`` (its ``check()`` collects what is due, now)."""
    global _collector
    if _collector is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        _collector = GarbageCollector(interval=INTERVAL_S)
    elif gc.isenabled():  # something turned automatic collection back on
        gc.disable()
    return _collector


def collect_due() -> None:
    """Collect now, on this (the GUI) thread, what the timer would collect at its next tick."""
    if _collector is not None:
        _collector.check()
