"""Issue 15: reading a CSV in the window shows a percentage and Cancel stops
the reading thread itself (not only the wait for it)."""

import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from nnplay.data import load_csv
from nnplay.data.progress import LoadCancelled
from nnplay.ui import background_load


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.csv"
    x = np.random.default_rng(0).normal(size=(60_000, 2))
    with open(path, "w") as fh:
        fh.write("a,b,label\n")
        fh.writelines(f"{a:.5f},{b:.5f},{int(a * b > 0)}\n" for a, b in x)
    return path


def test_load_csv_reports_rising_progress_and_stops_when_cancelled(big_csv):
    seen = []
    data = load_csv(big_csv, progress=seen.append)
    assert data.n_examples == 60_000 and seen[-1] == 1.0 and len(seen) >= 4
    assert all(b >= a for a, b in zip(seen, seen[1:])) and 0 <= seen[0] < 0.5

    def stop_halfway(fraction):
        if fraction > 0.3:
            raise LoadCancelled

    with pytest.raises(LoadCancelled):
        load_csv(big_csv, progress=stop_halfway)


def test_the_dialog_shows_a_percentage_and_cancel_stops_the_thread(window, qtbot, big_csv, monkeypatch):
    gate = threading.Event()
    shown = []

    def paced(path, options=None, progress=None):  # the real reader, held at each report until released
        def slow(fraction):
            progress(fraction)
            gate.wait(0.2)
        return load_csv(path, options=options, progress=slow)

    monkeypatch.setattr(background_load, "load_csv", paced)
    before = window.controller.data

    def watch():
        progress = window.findChild(QProgressDialog, "csv_progress")
        if progress is None or not progress.isVisible() or progress.value() <= 0:
            QTimer.singleShot(50, watch)
            return
        shown.append((progress.maximum(), progress.value()))
        progress.findChild(QPushButton).click()

    QTimer.singleShot(100, watch)
    started = time.perf_counter()
    assert background_load.read_csv_in_background(window, str(big_csv)) is None
    assert time.perf_counter() - started < 8
    maximum, value = shown[0]
    assert maximum == 100 and 0 < value < 100  # a percentage, not a busy bar
    readers = [t for t in threading.enumerate() if t.name == "csv-reader"]
    qtbot.waitUntil(lambda: not any(t.is_alive() for t in readers), timeout=3000)  # the thread stopped
    assert window.controller.data is before and "cancelled" in window.statusBar().currentMessage()
