"""Where a frame's time goes: the profile tables of the README and docs/performance.md.

    python tests/tools/frame_profile.py [--case A|B] [--seconds 5] [--inspector] [--distributions]
                                        [--window-only] [--cprofile N] [--paint-per-scene]
                                        [--csv PATH | --large] [--size 1280x800]

Window side: the real window (offscreen unless DISPLAY is set and
QT_QPA_PLATFORM is not) trains at Max speed with every panel live; each
panel's update (``set_frame`` and friends) and each plot's paint event are
timed in CPU time of the GUI thread (``time.thread_time``: what the panel
costs, not what a loaded machine adds), per drawn frame; then the event
loop's share: CPU time per top-level event (type and receiver), how many of
each a frame, and how many ``LayoutRequest``s (a read-out whose size follows
its text lays out the whole window). ``--cprofile N`` adds the N costliest
calls of the GUI thread by cProfile; ``--paint-per-scene`` turns off
``nnplay/ui/one_paint.py`` (Qt then paints the window once per changed
scene), to measure it side by side; "paint passes of the window" counts them
(the requests ``one_paint`` holds back are not passes). ``--csv PATH`` loads that
CSV first (on the case's network), as ``nnplay bench --gui --large`` does;
``--large`` writes the bench's CSV of 100,000 rows x 4 to a temporary folder and loads
it (case A). Training side (not with
``--window-only``), in
this process: one frame's worth of the training process's work, the
snapshot with every probe the window asks for, and pickling it for the pipe.
(py-spy gives the same picture by sampling: ``py-spy record --subprocesses
-o prof.svg -- python -m nnplay.ui.live_benchmark 0 5``.)
"""

from __future__ import annotations

import argparse
import collections
import os
import pickle
import sys
import time

from gui_timing import cpu_timed, time_panels


def window_profile(case: str, seconds: float, inspector: bool, profiler=None, one_paint: bool = True,
                   distributions: bool = False, csv: str | None = None, size: tuple[int, int] = (1280, 800)) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    from nnplay.benchmark_gui import live_config
    from nnplay.training import TrainConfig
    from nnplay.ui.app import configure_pyqtgraph
    from nnplay.ui.main_window import PlaygroundWindow
    from nnplay.ui.worker import MAX_SPEED

    cpu = collections.Counter()
    inspector_window = [None]  # (set once it is shown: its paints summed)

    events = collections.Counter()  # top-level events: CPU time by type, and how many
    counts = collections.Counter()

    class TimedApp(QApplication):
        on = False
        depth = 0
        top = ""

        def notify(self, obj, event):
            if not self.on:
                return super().notify(obj, event)
            kind = event.type()
            if self.depth == 0:
                self.top = f"{kind.name} to {type(obj).__name__}"
            held = kind == QEvent.Type.UpdateRequest and obj is win and win.one_paint._holding
            start = time.thread_time()
            self.depth += 1
            try:
                return super().notify(obj, event)
            finally:
                self.depth -= 1
                spent = time.thread_time() - start
                if kind == QEvent.Type.Paint:
                    owner = obj.parent() if obj.objectName() == "" and obj.parent() is not None else obj
                    cpu[f"paint: {owner.objectName() or type(owner).__name__}"] += spent
                    if inspector_window[0] is not None and obj.window() is inspector_window[0]:
                        cpu["paint: the inspector's window, every widget"] += spent
                if kind == QEvent.Type.LayoutRequest:
                    counts["LayoutRequest"] += 1
                if kind == QEvent.Type.UpdateRequest and obj is win and not held:
                    counts["paint passes of the window"] += 1  # (not one that one_paint held back)
                if self.depth == 0:
                    events[f"{kind.name} to {type(obj).__name__}"] += spent
                    counts[f"{kind.name} to {type(obj).__name__}"] += 1
                elif kind == QEvent.Type.Paint:
                    counts[f"paint inside {self.top}"] += 1
                if self.depth == 0:
                    self.top = ""

    app = TimedApp(sys.argv[:1])
    configure_pyqtgraph()
    win = PlaygroundWindow(TrainConfig(**live_config(case)))
    win.resize(*size)
    win.show()
    if not one_paint:  # as before one_paint.py: Qt paints the window once per changed scene
        win.one_paint.begin = lambda: None
    c = win.controller

    def timed(label, fn):
        return cpu_timed(cpu, lambda: app.on, label, fn)

    time_panels(win, timed, ("boundary", "diagram", "gradients", "metrics", "hidden_space", "distributions"))
    handle = c.run
    handle._on_frame = timed("frame: receive and dispatch (total)", handle._on_frame)
    state = {}

    def begin():
        state.update(t0=time.perf_counter(), cpu0=time.thread_time(), f0=c.frames_drawn, e0=c.last_frame.snapshot.epoch)
        app.on = True
        if profiler is not None:
            profiler.enable()
        QTimer.singleShot(int(seconds * 1000), finish)

    def finish():
        app.on = False
        if profiler is not None:
            profiler.disable()
        state.update(t=time.perf_counter() - state["t0"], cpu=time.thread_time() - state["cpu0"],
                     frames=c.frames_drawn - state["f0"], epochs=c.last_frame.snapshot.epoch - state["e0"])
        c.pause()
        win.close()

    def start():
        if c.last_frame is None:
            QTimer.singleShot(20, start)
            return
        if csv and not state.get("loaded"):  # the CSV as the bench loads it, then its run's first frame
            state["loaded"] = True
            if not c.load_csv(csv):
                raise SystemExit(f"cannot load {csv}")
            state["generation"] = c.generation
        if csv and c.last_frame.generation != state["generation"]:
            QTimer.singleShot(20, start)
            return
        if inspector:
            win.show_inspector()
            win.inspector.set_trace = timed("update: inspector (its traces, 4 a second)", win.inspector.set_trace)
            inspector_window[0] = win.inspector.window()
        if distributions:
            win.lower_tabs.setCurrentWidget(win.distributions)
        c.set_speed(MAX_SPEED)
        c.play()
        QTimer.singleShot(800, begin)

    QTimer.singleShot(0, start)
    app.exec()
    frames = max(1, state["frames"])
    return {"frames": state["frames"], "seconds": state["t"], "redraws_per_s": state["frames"] / state["t"],
            "epochs_per_s": state["epochs"] / state["t"], "gui_cpu_ms_per_frame": 1000 * state["cpu"] / frames,
            "ms_per_frame": {k: 1000 * v / frames for k, v in cpu.most_common()},
            "events_ms_per_frame": {k: 1000 * v / frames for k, v in events.most_common(12)},
            "events_ms_per_frame_all": [1000 * v / frames for v in events.values()],
            "per_frame_counts": {k: v / frames for k, v in counts.items()}}


def training_profile(case: str, repeats: int = 30) -> dict:
    """One frame's work in the training process: epochs, snapshot (with every probe), pickling."""
    from nnplay.benchmark_gui import live_config
    from nnplay.training import TrainConfig, Trainer
    from nnplay.training.loop import Frame
    from nnplay.training.probes import ViewRequest

    t = Trainer(TrainConfig(**live_config(case)))
    t.run(20)
    start = time.thread_time()
    t.run(200)
    epoch_ms = 1000 * (time.thread_time() - start) / 200
    out = {"epoch_ms": epoch_ms}
    for label, view in (("snapshot, every panel", ViewRequest()),
                        ("  of which the output grid", None), ("  of which the neuron thumbnails", None)):
        if view is None:
            continue
        times, sizes, pickles = [], [], []
        for _ in range(repeats):
            t.run(1)
            s0 = time.thread_time()
            snap = t.snapshot(view, len(t.history) - 1)
            s1 = time.thread_time()
            blob = pickle.dumps(Frame(1, snap, True, 0.0), protocol=pickle.HIGHEST_PROTOCOL)
            s2 = time.thread_time()
            times.append(s1 - s0)
            pickles.append(s2 - s1)
            sizes.append(len(blob))
        out[label] = 1000 * sorted(times)[len(times) // 2]
        out["pickle the frame"] = 1000 * sorted(pickles)[len(pickles) // 2]
        out["frame size kB"] = sizes[-1] / 1024
    for label, fn in (("  of which the output grid", lambda: t.grid_output(ViewRequest().grid_resolution)),
                      ("  of which the neuron thumbnails", lambda: t.neuron_grids(ViewRequest().neuron_resolution))):
        fn()
        s0 = time.thread_time()
        for _ in range(repeats):
            fn()
        out[label] = 1000 * (time.thread_time() - s0) / repeats
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--case", choices=("A", "B"), default="A")
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--inspector", action="store_true")
    p.add_argument("--distributions", action="store_true", help="the Distributions tab open (the lower tabs)")
    p.add_argument("--paint-per-scene", action="store_true",
                   help="without one paint pass per frame (one_paint.py), for a side-by-side measure")
    p.add_argument("--window-only", action="store_true", help="skip the training process's part")
    p.add_argument("--cprofile", type=int, metavar="N", default=0,
                   help="also run cProfile on the GUI thread and print its N costliest calls (cumulative)")
    p.add_argument("--callers", metavar="PATTERN", help="with --cprofile: who calls the functions matching PATTERN")
    p.add_argument("--csv", metavar="PATH", help="load this CSV first, as the bench's large run does")
    p.add_argument("--large", action="store_true",
                   help="the bench's CSV of 100,000 rows x 4 (written to a temporary folder), on case A")
    p.add_argument("--size", default="1280x800", help="the window's size, WxH (default 1280x800)")
    args = p.parse_args()
    size = tuple(int(v) for v in args.size.lower().split("x"))
    if args.large:
        import tempfile
        from pathlib import Path

        from nnplay.benchmark_gui import write_large_csv

        args.csv = str(write_large_csv(Path(tempfile.mkdtemp()) / "large.csv"))
        args.window_only = True  # (the training side's profile is of the toy case)
    profiler = None
    if args.cprofile:
        import cProfile

        profiler = cProfile.Profile()
    w = window_profile(args.case, args.seconds, args.inspector, profiler, not args.paint_per_scene, args.distributions,
                       args.csv, size)
    if profiler is not None:
        import pstats

        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(args.cprofile)
        if args.callers:
            stats.print_callers(args.callers)
    print(f"case {args.case}{' + ' + os.path.basename(args.csv) if args.csv else ''}: {w['redraws_per_s']:.1f} redraws/s, {w['epochs_per_s']:.0f} epochs/s, "
          f"GUI thread {w['gui_cpu_ms_per_frame']:.1f} ms CPU per frame; load average {os.getloadavg()[0]:.1f}")
    for k, v in w["ms_per_frame"].items():
        print(f"  {v:7.2f} ms  {k}")
    print("top-level events (the event loop's share), per frame:")
    for k, v in w["events_ms_per_frame"].items():
        print(f"  {v:7.2f} ms  {k}")
    for k, v in w["per_frame_counts"].items():
        print(f"  {v:7.2f} per frame  {k}")
    print(f"  {w['gui_cpu_ms_per_frame'] - sum(w['events_ms_per_frame_all']):7.2f} ms  outside any event")
    if args.window_only:
        return 0
    print("training process, per frame:")
    for k, v in training_profile(args.case).items():
        print(f"  {v:7.2f} {'kB' if 'kB' in k else 'ms'}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
