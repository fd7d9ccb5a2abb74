"""The live-view benchmark, run in its own process by `nnplay bench --gui`.

    python -m nnplay.ui.live_benchmark LAUNCHED_AT SECONDS [--case A|B] [--inspector] [--distributions] [--dynamics]
                                       [--csv PATH] [--segments K]

Opens the real window (offscreen unless a display is forced), trains case A
(circle, 4,2 tanh, batch 10) or B (circle, 8 x 6 tanh) at Max speed for SECONDS
with every panel live (with --inspector the backprop inspector open too, with
--distributions the Distributions tab; with
--csv the window first loads that file, and the time the load took is
measured), and prints one JSON line: launch to first painted window (the launch
window, as `nnplay` starts: `launch_window.py`) and to the playground window painted, epochs/s,
redraws/s, the GUI thread's event latency (a 10 ms timer probe: how late each
tick ran), peak resident memory of the window and the training process, and the
share of a core each process used meanwhile (window_cpu_share,
training_cpu_share: CPU seconds over wall seconds, every thread).

With --segments K it trains in K stretches of SECONDS / K, pausing before the
first, between them and after the last: at each pause, once idle, it prints
``{"paused": N}`` and waits for a line on stdin (`nnplay bench` measures the
headless Trainer meanwhile, so that both figures see the same machine). The
figures are over the stretches only.
"""

from __future__ import annotations

import json
import os
import sys
import time

from ..benchmark_gui import LIVE_CASES, live_config
from ..display_check import display_problem


def proc_status_mb(pid: int | str, key: str) -> float | None:
    """A memory figure of a process from /proc/PID/status (``key`` VmRSS for
    resident memory now, VmHWM for its peak) in MB; None where there is none."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(f"{key}:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def peak_rss_mb(pid: int | str = "self") -> float | None:
    """Peak resident memory of a process in MB: VmHWM on Linux (which, unlike
    ru_maxrss, does not carry over the parent's peak across fork and exec)."""
    peak = proc_status_mb(pid, "VmHWM")
    if peak is not None or pid != "self":
        return peak
    try:
        import resource
    except ImportError:  # Windows
        return None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(rss / 1024 if sys.platform != "darwin" else rss / 2**20, 1)


def cpu_seconds(pid: int | str = "self") -> float | None:
    """CPU time (user + system, every thread) a process has used, in seconds, from
    /proc/PID/stat; None where there is none (not Linux, the process gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def run_queue_seconds(pid: int | str = "self") -> float | None:
    """Seconds the threads of a process have waited, runnable, for a CPU (the second field of
    each /proc/PID/task/TID/schedstat, summed); None where there is none (not Linux, the process gone)."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
        total = 0
        for tid in tasks:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as fh:
                total += int(fh.read().split()[1])
        return total / 1e9
    except (OSError, ValueError, IndexError):
        return None


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m nnplay.ui.live_benchmark")
    parser.add_argument("launched_at", type=float)
    parser.add_argument("seconds", type=float)
    parser.add_argument("--case", choices=sorted(LIVE_CASES), default="A")
    parser.add_argument("--inspector", action="store_true")
    parser.add_argument("--dynamics", action="store_true",
                        help="the Distributions tab and the loss-landscape window open too")
    parser.add_argument("--distributions", action="store_true", help="the Distributions tab open (the lower tabs)")
    parser.add_argument("--csv")
    parser.add_argument("--segments", type=int, default=0,
                        help="train in this many stretches (SECONDS in all), pausing before, between and after them: "
                             'at each pause print {"paused": N} and wait for a line on stdin (nnplay bench measures '
                             "the headless Trainer meanwhile)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    launched_at = args.launched_at
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if problem := display_problem():  # a platform chosen by hand that cannot open: one line, not Qt's abort
        sys.exit(problem)
    from PySide6.QtWidgets import QApplication

    from ..bench_failure import exit_if_failed, stop_on_error
    from .launch_window import LaunchWindow

    app = QApplication(sys.argv[:1])
    result: dict = {}
    stop_on_error(app, result)  # an exception in any callback ends the run at once (bench_failure.py)
    launch = LaunchWindow()  # as `nnplay` starts: this window's paint is the first paint
    launch.show()
    launch.after_first_paint(lambda: build(launch, args, launched_at, result))
    app.exec()
    exit_if_failed(result, "live benchmark")  # one line for `nnplay bench` (bench_failure.py)
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))
    return 0


def build(launch, args, launched_at: float, result: dict) -> None:
    """After the launch window's first paint: the playground window in its place, then the run."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    from ..training import TrainConfig
    from .app import configure_pyqtgraph
    from .main_window import PlaygroundWindow
    from .worker import MAX_SPEED

    result["first_paint_s"] = round(launch.first_paint_at - launched_at, 3)
    seconds = args.seconds
    configure_pyqtgraph()

    class Painted(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and "window_ready_s" not in result:
                result["window_ready_s"] = round(time.time() - launched_at, 3)
            return False

    window = PlaygroundWindow(TrainConfig(**live_config(args.case)))
    watcher = Painted(window)
    window.installEventFilter(watcher)
    launch.hand_over(window)
    c = window.controller
    ticks: list[float] = []
    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    state: dict = {}

    def epochs() -> float:  # a long epoch's part counts (training/partial_epochs.py)
        snap = c.last_frame.snapshot
        done, batches = snap.batch_position
        return snap.epoch + done / max(1, batches)

    stretch = seconds / max(1, args.segments)
    totals = dict.fromkeys(("t", "epochs", "frames", "cpu", "training_cpu", "training_wait"), 0.0)
    gaps: list[float] = []
    answers = stdin_lines() if args.segments else None

    def pause_point(then, settle_ms: int = 100):
        """(--segments) Paused: after ``settle_ms`` (the last frames drawn) say so, and go on with
        ``then`` when answered."""
        QTimer.singleShot(settle_ms, lambda: paused(then))

    def paused(then):
        state["pauses"] = state.get("pauses", 0) + 1
        print(json.dumps({"paused": state["pauses"]}), flush=True)

        def answered() -> bool:
            if answers.empty():
                return False
            state["answer"] = answers.get_nowait()
            return True

        # stdin closed (None): the bench is gone, so is the run
        wait_for(answered, lambda: then() if state["answer"] is not None else window.close())

    def start(settle_ms: int = 500):
        c.set_speed(MAX_SPEED)
        c.play()
        QTimer.singleShot(settle_ms, begin)  # let the pipeline fill

    def training_pid():
        process = getattr(c.worker, "_process", None)
        return process.pid if process is not None else None

    def begin():
        state.update(t0=time.perf_counter(), e0=epochs(), f0=c.frames_drawn, cpu0=cpu_seconds(),
                     training_cpu0=cpu_seconds(training_pid() or 0),
                     training_wait0=run_queue_seconds(training_pid() or 0))
        ticks.clear()
        probe.start()
        QTimer.singleShot(int(stretch * 1000), end_stretch)

    def end_stretch():
        probe.stop()
        totals["t"] += time.perf_counter() - state["t0"]
        totals["epochs"] += epochs() - state["e0"]
        totals["frames"] += c.frames_drawn - state["f0"]
        for key, pid, before, read in (("cpu", "self", state["cpu0"], cpu_seconds),
                                       ("training_cpu", training_pid() or 0, state["training_cpu0"], cpu_seconds),
                                       ("training_wait", training_pid() or 0, state["training_wait0"], run_queue_seconds)):
            now = read(pid)
            totals[key] = None if now is None or before is None or totals[key] is None else totals[key] + now - before
        gaps.extend(max(0.0, (b - a) - 0.010) * 1000 for a, b in zip(ticks, ticks[1:]))
        state["stretches"] = state.get("stretches", 0) + 1
        if not args.segments:
            finish()
            return
        c.pause()
        pause_point(finish if state["stretches"] >= args.segments else lambda: start(200))

    def finish():
        t = totals["t"]
        gaps.sort()

        def pct(p):
            return round(gaps[min(len(gaps) - 1, int(p * len(gaps)))], 2) if gaps else None

        result.update(
            seconds=round(t, 2), stretches=state["stretches"],
            live_epochs_per_s=round(totals["epochs"] / t, 1),
            redraws_per_s=round(totals["frames"] / t, 1),
            latency_ms_p50=pct(0.50), latency_ms_p95=pct(0.95), latency_ms_max=round(gaps[-1], 2) if gaps else None,
            # the share of one core each process had (issue 20: the live share's cause)
            window_cpu_share=None if totals["cpu"] is None else round(totals["cpu"] / t, 3),
            training_cpu_share=None if totals["training_cpu"] is None else round(totals["training_cpu"] / t, 3),
            # the share of the time the training process waited, runnable, for a CPU (the window's threads,
            # or anything else on the machine, had both): the live share's loss to a starved process
            training_wait_share=None if totals["training_wait"] is None else round(totals["training_wait"] / t, 3),
        )
        process = getattr(c.worker, "_process", None)
        result["training_peak_rss_mb"] = peak_rss_mb(process.pid) if process is not None else None
        c.pause()
        window.close()

    def first_frame():
        if c.last_frame is None:
            QTimer.singleShot(20, first_frame)
        elif args.csv and "load_s" not in result:
            loaded = time.perf_counter()
            if not c.load_csv(args.csv):
                raise SystemExit(f"cannot load {args.csv}")
            result["load_s"] = round(time.perf_counter() - loaded, 3)
            generation = c.generation
            wait_for(lambda: c.last_frame is not None and c.last_frame.generation == generation, begin_run)
        else:
            begin_run()

    def wait_for(condition, then):
        QTimer.singleShot(0, then) if condition() else QTimer.singleShot(20, lambda: wait_for(condition, then))

    def begin_run():
        if args.inspector:
            window.show_inspector()
        if args.distributions:
            window.lower_tabs.setCurrentWidget(window.distributions)
        if args.dynamics:
            window.lower_tabs.setCurrentWidget(window.distributions)
            window.landscape_action.trigger()
        pause_point(start, 500) if args.segments else start()  # (the window's first paints done)

    QTimer.singleShot(0, first_frame)


def stdin_lines():
    """A queue that receives each line of stdin (read by a thread; None at its end)."""
    import queue
    import threading

    lines: queue.Queue = queue.Queue()

    def read():
        for line in sys.stdin:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    return lines


if __name__ == "__main__":
    sys.exit(main())
