"""Garbage cycles holding Qt widgets are freed on the GUI thread, never by a
collection another thread's allocations set off (nnplay/ui/gui_gc.py; issue 13's
segfault in QApplication.topLevelWidgets())."""

import gc
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from nnplay.ui import gui_gc
from nnplay.ui.app import configure_pyqtgraph


class _Panel(QWidget):
    """A panel as pyqtgraph's items and nnplay's views are: a Python subclass in a reference
    cycle. (PySide defers the deletion of a plain QWidget freed in another thread to the
    main thread, but destroys a subclass's C++ object in the collecting thread.)"""

    def __init__(self, destroyed_in: list):
        super().__init__()
        self.cycle = self
        self.label = QLabel("a label", self)
        self.destroyed.connect(lambda *_: destroyed_in.append(threading.current_thread().name),
                               Qt.ConnectionType.DirectConnection)


def _dropped_panel(destroyed_in: list) -> None:
    """A panel made and dropped: only a collection frees it."""
    _Panel(destroyed_in)


def _allocate_in_a_thread() -> list:
    """Allocate, as the training relay thread does, enough containers for automatic
    collections (and keep them, so that the collector's count stays above its threshold)."""
    kept = []
    relay = threading.Thread(target=lambda: kept.extend([i] for i in range(20 * gc.get_threshold()[0])),
                             name="relay")
    relay.start()
    relay.join()
    return kept


def test_a_dropped_widget_is_destroyed_on_the_gui_thread_not_where_the_allocation_happened(qapp, qtbot):
    configure_pyqtgraph()  # what every window, the app and `nnplay render` set up
    destroyed_in = []
    gc.collect()
    _dropped_panel(destroyed_in)
    kept = _allocate_in_a_thread()
    assert destroyed_in == []  # (before gui_gc: ['relay'], the widget's destructor ran off the GUI thread)
    qtbot.waitUntil(lambda: bool(destroyed_in), timeout=5 * int(gui_gc.INTERVAL_S * 1000))  # the GUI thread's timer
    assert destroyed_in == [threading.main_thread().name]
    del kept


def test_every_gui_set_up_turns_automatic_collection_off_and_installs_one_collector(qapp):
    first = gui_gc.collect_on_gui_thread()
    gc.enable()
    try:
        configure_pyqtgraph()  # what the app, every window and `nnplay render` run first
        assert not gc.isenabled()  # automatic collection would run in whichever thread allocates
        assert gui_gc.collect_on_gui_thread() is first
    finally:
        gc.disable()
