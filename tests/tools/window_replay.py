"""The whole window's cost per frame, replayed: the same frames, every time (issue 20).

    python tests/tools/window_replay.py [--case A|B] [--large | --csv PATH] [--inspector] [--distributions]
                                        [--frames 120] [--rounds 3] [--size 1280x800] [--save FILE | --load FILE]

The real window (offscreen unless DISPLAY is set and QT_QPA_PLATFORM is not)
plays the case at Max speed (``--large``: the bench's CSV of 100,000 rows x 4
on case A, loaded first, as ``nnplay bench --gui --large`` does) until it has
received ``--frames`` frames, which are kept, and pauses. Then, ``--rounds``
times after one round to warm up, the run is shown anew (``show_run``) and the
kept frames are handed to the window as the controller hands them
(``show_frame``), each followed by the event loop's processing and the frame's
one paint pass (the frame shown before Play first, uncounted: the curves' history
then follows from epoch 0). Figures are CPU time of the GUI thread (``time.thread_time``)
per frame, median over the rounds: each panel's update, each panel's paint
events, and the whole; and each of those again over the frames that bring a new epoch
(``[epoch frames, N]``) and over those that do not (``[no epoch frames, N]``: a long epoch's), a frame
that brings the inspector a new trace apart (``[epoch, trace frames, N]``). ``--save FILE`` keeps the frames (pickled) and
``--load FILE`` replays those instead of playing, so the code before and after
a change see the very same frames; only the training process's speed changes
which frames a live run gets (``frame_profile.py`` is the live window).
"""

from __future__ import annotations

import argparse
import collections
import os
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

from gui_timing import cpu_timed, paint_timing_app, time_panels


def _settle(app, win) -> None:
    """Process events until the frame's held paint pass has run (``one_paint``)."""
    for _ in range(50):
        app.processEvents()
        if not win.one_paint._holding:
            break
    app.processEvents()


def replay(args, variants=None) -> dict:
    """The figures of ``args``' replay; ``variants``: {name: fn(window)} applied in turn before each
    round (every variant ``--rounds`` times, alternately, in this one process: the machine's drift
    then falls on each alike), the figures kept per variant (``{name: figures}``)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from nnplay.benchmark_gui import live_config
    from nnplay.training import TrainConfig
    from nnplay.ui.app import configure_pyqtgraph
    from nnplay.ui.main_window import PlaygroundWindow
    from nnplay.ui.worker import MAX_SPEED

    cpu = collections.Counter()

    def label_of(owner):
        name = owner.objectName() or type(owner).__name__
        return f"paint: {name if owner.window() is win else 'the inspector' + chr(39) + 's window'}"

    win = None
    app = paint_timing_app(sys.argv[:1], cpu, label_of)
    configure_pyqtgraph()
    win = PlaygroundWindow(TrainConfig(**live_config(args.case)))
    win.resize(*args.size)
    win.show()
    c = win.controller

    def wait(condition, what: str, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit(f"nnplay: error: {what} within {seconds:.0f} s")
            app.processEvents()
            time.sleep(0.005)

    wait(lambda: c.last_frame is not None and c.run_info is not None, "the window's training process sent no frame")
    if args.csv:
        if not c.load_csv(args.csv):
            raise SystemExit(f"nnplay: error: cannot load {args.csv}")
        generation = c.generation
        wait(lambda: c.last_frame is not None and c.last_frame.generation == generation, "the CSV's run had no frame")
    if args.inspector:
        win.show_inspector()
    if args.distributions:
        win.lower_tabs.setCurrentWidget(win.distributions)
    if args.load:
        prelude, *frames = pickle.loads(Path(args.load).read_bytes())
    else:
        prelude, frames = c.last_frame, []  # (the frame before Play: the history's increments follow it)
        shown = win.show_frame

        def keep(frame):
            if len(frames) < args.frames:
                frames.append(frame)
            shown(frame)

        win.show_frame = keep
        c.set_speed(MAX_SPEED)
        c.play()
        wait(lambda: len(frames) >= args.frames, f"{args.frames} frames did not come", 300)
        c.pause()
        win.show_frame = shown
        if args.save:
            Path(args.save).write_bytes(pickle.dumps([prelude, *frames], protocol=pickle.HIGHEST_PROTOCOL))
    for _ in range(30):
        app.processEvents()
        time.sleep(0.01)

    updates = collections.Counter()

    def timed(label, fn):
        return cpu_timed(updates, lambda: app.on, label, fn)

    time_panels(win, timed)
    if args.inspector:
        win.inspector.set_trace = timed("update: inspector", win.inspector.set_trace)
    names = list(variants or {"": None})
    results = {name: collections.defaultdict(list) for name in names}
    info = c.run_info
    for r in range(len(names) * (args.rounds + 1)):  # (the first round of each warms up: not counted)
        name = names[r % len(names)]
        if variants:
            variants[name](win)
        win.show_run(info)
        win.show_frame(prelude)  # (not counted: the curves' history from epoch 0, as when the run was shown)
        _settle(app, win)
        cpu.clear()
        updates.clear()
        total = 0.0
        kinds = collections.defaultdict(collections.Counter)  # by frame: (brings an epoch, brings a trace)
        app.on = True
        epoch = prelude.snapshot.epoch
        for frame in frames:
            before = {**updates, **cpu}
            t0 = time.thread_time()
            win.show_frame(frame)
            _settle(app, win)
            spent = time.thread_time() - t0
            total += spent
            kind = kinds[frame.snapshot.epoch != epoch, frame.snapshot.trace is not None]
            epoch = frame.snapshot.epoch
            kind["frames"] += 1
            kind["the whole GUI thread"] += spent
            for k, v in {**updates, **cpu}.items():
                kind[k] += v - before.get(k, 0.0)
        app.on = False
        if r < len(names):
            continue
        for k, v in {**updates, **cpu, "the whole GUI thread": total}.items():
            results[name][k].append(1000 * v / len(frames))
        for (epoch_, trace), kind in kinds.items():
            what = f"[{'epoch' if epoch_ else 'no epoch'}{', trace' if trace else ''} frames, {kind['frames']}]"
            for k, v in kind.items():
                if k != "frames":
                    results[name][f"{what} {k}"].append(1000 * v / kind["frames"])
    win.close()
    app.processEvents()
    out = {name: {k: statistics.median(v) for k, v in res.items()} | {"rounds": dict(res), "frames": len(frames)}
           for name, res in results.items()}
    return out if variants else out[""]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--case", choices=("A", "B"), default="B")
    p.add_argument("--csv", metavar="PATH", help="load this CSV first, as the bench's large run does")
    p.add_argument("--large", action="store_true", help="the bench's CSV of 100,000 rows x 4, on case A")
    p.add_argument("--inspector", action="store_true")
    p.add_argument("--distributions", action="store_true")
    p.add_argument("--frames", type=int, default=120)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--size", default="1280x800")
    p.add_argument("--save", metavar="FILE", help="keep the frames played, to replay them with --load")
    p.add_argument("--load", metavar="FILE", help="replay these frames (from --save, the same options) instead")
    return p


def parsed(argv=None):
    args = parser().parse_args(argv)
    args.size = tuple(int(v) for v in args.size.split("x"))
    if args.large:
        from nnplay.benchmark_gui import write_large_csv

        args.case = "A"
        args.csv = str(write_large_csv(Path(tempfile.mkdtemp()) / "large.csv"))
    return args


def main() -> int:
    args = parsed()
    report(args, {"": replay(args)})
    return 0


def report(args, figures: dict) -> None:
    """Print ``figures`` ({variant: replay's figures}) as the tool does."""
    what = f"case {args.case}" + (" + CSV" if args.csv else "") + (" + inspector" if args.inspector else "") + \
        (" + distributions" if args.distributions else "")
    for name, r in figures.items():
        print(f"{what}{' ' + name if name else ''}, {r['frames']} frames x {args.rounds} rounds at "
              f"{args.size[0]}x{args.size[1]}; load average {os.getloadavg()[0]:.1f}; GUI thread CPU ms per frame, "
              f"median (rounds)")
        for k, v in sorted(r["rounds"].items(), key=lambda kv: -r[kv[0]]):
            if r[k] >= 0.01:
                print(f"  {r[k]:7.2f} ms  {k}   ({' '.join(f'{x:.2f}' for x in v)})")


if __name__ == "__main__":
    sys.exit(main())
