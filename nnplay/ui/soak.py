"""The soak measure, run in its own process by `nnplay bench --soak MINUTES`.

    python -m nnplay.ui.soak MINUTES [SAMPLE_SECONDS [START_EPOCHS]]

Opens the real window (offscreen unless a display is forced), trains case A at
Max speed (with START_EPOCHS, from a session whose history already holds that
many synthetic epochs, so the records start at their full size) for MINUTES and every SAMPLE_SECONDS (default 15) records the epoch,
the resident memory (VmRSS) of the window's process and of the training
process, and how long the window took to draw: the mean and 95th percentile of
``PlaygroundWindow.show_frame`` over the frames since the last sample, and one
paint of the whole window (``QWidget.grab``). Then it feeds the loss curves and
gradient norms synthetic histories of 1e3, 1e6 and 1e7 epochs and times a
frame at each. Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import sys
import time

import numpy as np

from ..display_check import display_problem
from .live_benchmark import proc_status_mb

WARM_UP_SECONDS = 60
EPOCH_COUNTS = (1_000, 1_000_000, 10_000_000)


def rss_mb(pid: int | str = "self", key: str = "VmRSS") -> float | None:
    """Resident memory of a process now, in MB (None where there is none):
    VmRSS, all of it, or RssAnon, its heap and other private memory (VmRSS less
    the pages of libraries and files, which grow as code runs for the first time)."""
    return proc_status_mb(pid, key)


def summarize(samples: list[dict], warm_up: float) -> dict:
    """Memory at the first and last sample after ``warm_up`` seconds, its slope
    (least squares) in MB per million epochs and in MB per minute, the redraw
    times of those two samples and the machine's mean load average over them."""
    steady = [s for s in samples if s["seconds"] >= warm_up] or samples[-2:]
    first, last = steady[0], steady[-1]
    out = {"warm_up_s": warm_up, "epochs": last["epoch"], "epochs_after_warm_up": last["epoch"] - first["epoch"]}
    epochs = np.array([s["epoch"] for s in steady], dtype=float)
    minutes = np.array([s["seconds"] for s in steady], dtype=float) / 60
    for key in ("window_rss_mb", "training_rss_mb", "window_anon_mb", "training_anon_mb"):
        values = [s.get(key) for s in steady]
        out[f"{key}_start"], out[f"{key}_end"] = values[0], values[-1]
        for per, x, scale in (("million_epochs", epochs, 1e6), ("minute", minutes, 1.0)):
            ok = None not in values and len(steady) > 1 and x[-1] > x[0]
            slope = np.polyfit(x, np.asarray(values, dtype=float), 1)[0] if ok else None
            out[f"{key}_per_{per}"] = None if slope is None else round(float(slope) * scale, 3)
    loads = [s["load_average"] for s in steady if s.get("load_average") is not None]
    out["load_average"] = round(float(np.mean(loads)), 2) if loads else None
    for key in ("update_ms_mean", "update_ms_p95", "paint_ms"):
        out[f"{key}_start"], out[f"{key}_end"] = first[key], last[key]
    return out


def heap_after_trim() -> tuple[float | None, float | None] | None:
    """This process's heap (RssAnon, MB) before and after glibc's ``malloc_trim(0)``
    hands the allocator's free pages back to the system: what it gives back was
    free memory the allocator kept, not memory in use. None without glibc."""
    import ctypes

    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    before = rss_mb(key="RssAnon")
    trim(0)
    return before, rss_mb(key="RssAnon")


def _load_average() -> float | None:
    """The machine's load average over the last minute (None where there is none)."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def _synthetic_history(names, epochs: int, seed: int):
    """``epochs`` epochs of a falling, noisy series with spikes, fed without training."""
    from ..training.history import History

    h = History(names)
    rng = np.random.default_rng(seed)
    for start in range(0, epochs, 1_000_000):
        m = min(1_000_000, epochs - start)
        t = np.arange(start, start + m, dtype=float)[:, None]
        rows = (0.05 + 0.6 / (1 + t * 1e-4)) * rng.uniform(0.95, 1.05, size=(m, len(names)))
        rows[rng.integers(0, m, 10)] *= 5
        h.extend(rows)
    return h


def prefilled_session(path, config, epochs: int) -> None:
    """Write a session of a fresh run of ``config`` as if ``epochs`` epochs had
    been recorded before it (synthetic history; the training state is fresh)."""
    from ..training import Trainer
    from ..training.session import Session, save_session

    t = Trainer(config)
    state = t.state_dict()
    for seed, (key, live) in enumerate((("history", t.history), ("grad_norms", t.grad_norm_history))):
        h = _synthetic_history(live.names, epochs, seed)
        h.extend(live.rows_since(0))
        state[key] = h.state()
    state["epoch"] = epochs
    save_session(path, Session(t.config, t.data, state))


def redraw_by_epochs(counts=EPOCH_COUNTS, frames: int = 20) -> list[dict]:
    """Median time (ms) to take one frame of 50 new epochs into the loss curves
    and the gradient norms, and to paint both, after ``count`` epochs. The
    counts are timed in turn, frame by frame (round robin), so a change in the
    machine's load falls on all of them alike rather than on whichever ran last."""
    import dataclasses

    from ..training import FIELDS, TrainConfig, Trainer
    from ..training.loop import Frame
    from .gradients import GradientView
    from .loss_curves import LossCurvesView

    t = Trainer(TrainConfig(dataset="circle", hidden=(4, 2)))
    info, snap = t.run_info(), t.snapshot(grid_resolution=None)
    layers = t.grad_norm_history.names
    views = []
    for count in counts:
        curves, grads = LossCurvesView(), GradientView()
        for view in (curves, grads):
            view.resize(900, 360)
            view.show()
        curves.set_run(info)
        grads.set_run(info)
        h, g = _synthetic_history(FIELDS, count, 1), _synthetic_history(layers, count, 2)
        base = dataclasses.replace(snap, history_base=h.state(), grad_norm_base=g.state(), history_start=count,
                                   history={f: np.empty(0) for f in FIELDS},
                                   grad_norm_history=np.empty((0, len(layers))))
        curves.add_frame(Frame(1, base, True, 0.0))
        grads.set_frame(Frame(1, base, True, 0.0))
        views.append((count, curves, grads, []))
    rng = np.random.default_rng(3)
    for i in range(frames):
        for count, curves, grads, times in views:
            inc = dataclasses.replace(snap, history_start=count + 50 * i,
                                      history={f: rng.uniform(0.1, 0.2, 50) for f in FIELDS},
                                      grad_norm_history=rng.uniform(0.01, 0.02, (50, len(layers))))
            frame = Frame(1, inc, True, 0.0)
            began = time.perf_counter()
            curves.add_frame(frame)
            grads.set_frame(frame)
            curves.grab()
            grads.norm_plot.grab()
            times.append(time.perf_counter() - began)
    out = []
    for count, curves, grads, times in views:
        points = sum(len(curves.history.curve(f)[0]) for f in FIELDS)
        out.append({"epochs": count, "frame_ms_median": round(1000 * float(np.median(times)), 2),
                    "points_drawn": points, "history_kb": round((curves.history.nbytes + grads.norms.nbytes) / 1024)})
        curves.close()
        grads.close()
    return out


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    minutes = float(argv[0])
    every = float(argv[1]) if len(argv) > 1 else 15.0
    start_epochs = int(argv[2]) if len(argv) > 2 else 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if problem := display_problem():  # a platform chosen by hand that cannot open: one line, not Qt's abort
        sys.exit(problem)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ..bench_failure import exit_if_failed, stop_on_error
    from ..training import TrainConfig
    from .app import configure_pyqtgraph
    from .main_window import PlaygroundWindow
    from .worker import MAX_SPEED

    app = QApplication(sys.argv[:1])
    failed: dict = {}
    stop_on_error(app, failed)  # an exception in a callback ends the soak at once, in one line (bench_failure.py)
    configure_pyqtgraph()
    update_times: list[float] = []
    show_frame = PlaygroundWindow.show_frame

    def timed_show_frame(self, frame):  # wrapped before the window connects it
        began = time.perf_counter()
        show_frame(self, frame)
        update_times.append(time.perf_counter() - began)

    PlaygroundWindow.show_frame = timed_show_frame
    config = TrainConfig(dataset="circle", hidden=(4, 2), activation="tanh", batch_size=10)
    window = PlaygroundWindow(config)
    window.resize(1280, 800)
    window.show()
    c = window.controller
    samples: list[dict] = []
    state: dict = {}

    def sample():
        times = np.array(update_times) * 1000
        update_times.clear()  # only the frames since the last sample (a list of every frame grew ~0.1 MB a minute)
        began = time.perf_counter()
        window.grab()
        process = getattr(c.worker, "_process", None)
        samples.append({
            "seconds": round(time.perf_counter() - state["t0"], 1), "epoch": c.last_frame.snapshot.epoch,
            "window_rss_mb": rss_mb(), "training_rss_mb": rss_mb(process.pid) if process is not None else None,
            "window_anon_mb": rss_mb(key="RssAnon"),
            "training_anon_mb": rss_mb(process.pid, "RssAnon") if process is not None else None,
            "frames": len(times), "update_ms_mean": round(float(times.mean()), 2) if len(times) else None,
            "update_ms_p95": round(float(np.percentile(times, 95)), 2) if len(times) else None,
            "paint_ms": round(1000 * (time.perf_counter() - began), 1), "load_average": _load_average(),
        })
        if time.perf_counter() - state["t0"] >= minutes * 60:
            state["trim"] = heap_after_trim()
            timer.stop()
            c.pause()
            window.close()

    timer = QTimer()
    timer.timeout.connect(sample)

    def first_frame():
        if start_epochs and "opened" not in state:
            import tempfile

            state["opened"] = path = os.path.join(tempfile.mkdtemp(prefix="nnplay-soak-"), "start.nnplay")
            prefilled_session(path, config, start_epochs)
            window.open_file(path)
        if c.last_frame is None or c.last_frame.snapshot.epoch < start_epochs:
            QTimer.singleShot(20, first_frame)
            return
        c.set_speed(MAX_SPEED)
        c.play()
        update_times.clear()
        state.update(t0=time.perf_counter())
        timer.start(int(every * 1000))

    QTimer.singleShot(0, first_frame)
    app.exec()
    exit_if_failed(failed, "soak")
    PlaygroundWindow.show_frame = show_frame
    if "opened" in state:
        os.remove(state["opened"])
        os.rmdir(os.path.dirname(state["opened"]))
    result = {"minutes": minutes, "start_epochs": start_epochs, "samples": samples,
              "window_heap_before_after_malloc_trim_mb": state.get("trim"),
              "summary": summarize(samples, min(WARM_UP_SECONDS, minutes * 60 / 4)),
              "redraw_by_epochs": redraw_by_epochs()}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
