"""Measure loading a CSV in the real window: the GUI thread's event latency
while the file is read in the background (the same 10 ms timer probe as
``nnplay bench --gui``, ``nnplay.ui.live_benchmark``), the time to the next
frame, then a few seconds of training, and the resident memory of the window
and the training process.

    python tests/tools/csv_load_latency.py FILE.csv [TRAIN_SECONDS]

Prints one JSON line. Offscreen unless DISPLAY/QT_QPA_PLATFORM say otherwise.
"""

from __future__ import annotations

import json
import os
import sys
import time


def _latency(ticks: list[float]) -> dict | None:
    gaps = sorted(max(0.0, (b - a) - 0.010) * 1000 for a, b in zip(ticks, ticks[1:]))
    if not gaps:
        return None
    return {"p50": round(gaps[len(gaps) // 2], 1), "p95": round(gaps[int(0.95 * len(gaps))], 1),
            "max": round(gaps[-1], 1), "ticks": len(gaps)}


def _timer_probe(ticks: list[float]):
    """A 10 ms QTimer (not started) noting the time of each of its ticks in ``ticks``."""
    from PySide6.QtCore import QTimer

    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    return probe


def main(path: str, train_seconds: float = 3.0) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from nnplay.training import TrainConfig
    from nnplay.ui.app import configure_pyqtgraph
    from nnplay.ui.import_dialog import load_remembered
    from nnplay.ui.live_benchmark import peak_rss_mb, proc_status_mb
    from nnplay.ui.main_window import PlaygroundWindow

    app = QApplication(sys.argv[:1])
    configure_pyqtgraph()
    window = PlaygroundWindow(TrainConfig())
    window.settings = None  # no remembered choices: read as guessed
    window.resize(1280, 800)
    window.show()
    c = window.controller
    ticks: list[float] = []
    probe = _timer_probe(ticks)
    out: dict = {"file": os.path.basename(path), "load_average": round(os.getloadavg()[0], 1)}

    def start():
        if c.last_frame is None:
            QTimer.singleShot(50, start)
            return
        out["window_rss_before_mb"] = proc_status_mb("self", "VmRSS")
        probe.start()
        t = time.perf_counter()
        out["loaded"] = load_remembered(window, path)
        out["load_s"] = round(time.perf_counter() - t, 2)
        out["latency_loading_ms"] = _latency(ticks)
        ticks.clear()
        frames, t1 = c.frames_drawn, time.perf_counter()

        def next_frame():
            if c.frames_drawn == frames and time.perf_counter() - t1 < 120:
                QTimer.singleShot(10, next_frame)
                return
            out["to_next_frame_s"] = round(time.perf_counter() - t1, 2)
            c.play()
            QTimer.singleShot(int(train_seconds * 1000), finish)
        next_frame()

    def finish():
        probe.stop()
        c.pause()
        out["latency_training_ms"] = _latency(ticks)
        out["window_rss_mb"], out["window_peak_mb"] = proc_status_mb("self", "VmRSS"), peak_rss_mb()
        process = getattr(c.worker, "_process", None)
        if process is not None:
            out["training_rss_mb"] = proc_status_mb(process.pid, "VmRSS")
            out["training_peak_mb"] = peak_rss_mb(process.pid)
        out["epochs"] = c.last_frame.snapshot.epoch
        window.close()
        app.quit()

    QTimer.singleShot(0, start)
    app.exec()
    return out


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 3.0)))
