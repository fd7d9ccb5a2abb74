"""Case B's network-size panels replayed: the same frames, every time (issue 20).

    python tests/tools/panel_replay.py [--case A|B] [--frames 60] [--rounds 3] [--size 1280x800]

The real window (offscreen unless DISPLAY is set and QT_QPA_PLATFORM is not)
is opened on the case's network, not played; ``--frames`` snapshots of a
Trainer run in this process (20 epochs apart, each with the history since the
last, as the training process sends them while playing at Max speed, the
output grid at the playing 50 x 50) are handed to the network diagram and the
gradient panel, each followed by the event loop's processing of what they
changed (the scenes' dirty items and the paint). Figures are CPU time of the
GUI thread (``time.thread_time``) per frame, median over ``--rounds`` rounds of
all the frames (after one round to warm up): each panel's update, each panel's paint events, and the whole
(updates + event processing). Unlike ``frame_profile.py``, nothing here
depends on how fast the training process runs on a loaded machine, so the
code before and after a change can be compared frame for frame.
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import sys
import time

from gui_timing import paint_timing_app

PANELS = {"network_diagram": "paint: network diagram", "gradient_heatmaps": "paint: gradient heatmaps",
          "gradient_norms": "paint: gradient norms"}


def frames_of(case: str, n: int) -> list:
    from nnplay.benchmark_gui import live_config
    from nnplay.training import TrainConfig, Trainer
    from nnplay.training.loop import Frame
    from nnplay.training.probes import ViewRequest

    t = Trainer(TrainConfig(**live_config(case)))
    view = ViewRequest(grid_resolution=50)
    out, start = [], 0
    for _ in range(n):
        t.run(20)
        out.append(Frame(1, t.snapshot(view, start), True, 1000.0))
        start = len(t.history)
    return out


def replay(case: str, n: int, rounds: int, size: tuple[int, int]) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from nnplay.benchmark_gui import live_config
    from nnplay.training import TrainConfig
    from nnplay.ui.app import configure_pyqtgraph
    from nnplay.ui.main_window import PlaygroundWindow

    cpu = collections.Counter()

    app = paint_timing_app(sys.argv[:1], cpu, lambda owner: PANELS.get(owner.objectName()))
    configure_pyqtgraph()
    win = PlaygroundWindow(TrainConfig(**live_config(case)))
    win.resize(*size)
    win.show()
    c = win.controller
    deadline = time.monotonic() + 60
    while (c.last_frame is None or c.run_info is None) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    if c.run_info is None:
        raise SystemExit("nnplay: error: the window's training process sent no frame within 60 s")
    c.pause()
    for _ in range(20):
        app.processEvents()
    try:
        return _rounds(app, win, frames_of(case, n), rounds, cpu)
    finally:
        win.close()
        app.processEvents()


def _rounds(app, win, frames, rounds, cpu) -> dict:
    results = collections.defaultdict(list)
    for r in range(rounds + 1):  # (round 0 warms up: not counted)
        info = win.controller.run_info
        win.diagram.set_run(info)
        win.gradients.set_run(info)
        app.processEvents()
        cpu.clear()
        total = diag = grad = 0.0
        app.on = True
        for frame in frames:
            t0 = time.thread_time()
            win.diagram.set_frame(frame)
            t1 = time.thread_time()
            win.gradients.set_frame(frame)
            t2 = time.thread_time()
            app.processEvents()
            t3 = time.thread_time()
            diag, grad, total = diag + t1 - t0, grad + t2 - t1, total + t3 - t0
        app.on = False
        per = {"update: network diagram": diag, "update: gradients": grad, **cpu, "the whole (updates + events)": total}
        if r == 0:
            continue
        for k, v in per.items():
            results[k].append(1000 * v / len(frames))
    return {k: statistics.median(v) for k, v in results.items()} | {"rounds": {k: v for k, v in results.items()}}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--case", choices=("A", "B"), default="B")
    p.add_argument("--frames", type=int, default=60)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--size", default="1280x800")
    args = p.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    r = replay(args.case, args.frames, args.rounds, size)
    print(f"case {args.case}, {args.frames} frames x {args.rounds} rounds at {args.size}; "
          f"load average {os.getloadavg()[0]:.1f}; GUI thread CPU ms per frame, median (rounds)")
    for k, v in r["rounds"].items():
        print(f"  {r[k]:7.2f} ms  {k}   ({' '.join(f'{x:.2f}' for x in v)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
