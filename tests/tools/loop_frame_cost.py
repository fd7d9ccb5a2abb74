"""What the frames cost the training process as the real loop runs (issue 20):
``TrainingLoop`` in a child process at Max speed, sending frames to this
process, which acknowledges each one at once (as the window does when its paint
starts), for SECONDS; then the same Trainer's headless epochs/s.

    python tests/tools/loop_frame_cost.py [--case A|B|CSV] [--seconds 6] [--inspector] [--distributions]
                                          [--profile N]

Prints, for the training process: frames a second, epochs a second live and
headless (their ratio is the training side's own share of a live run: the
window's thread is not competing here), and CPU ms a frame: the snapshot, the
send (pickling, and writing to the pipe), the rest of the loop (commands, waits), and the
training itself. ``--profile N`` prints the child's cProfile, top N by
cumulative time. CPU time is process time of the child (every thread).
With the code before a change on PYTHONPATH it measures that code.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import time


def child(commands, connection, profile: int) -> None:
    import cProfile
    import resource
    import io
    import pstats

    from nnplay.training.blas_threads import one_blas_thread
    from nnplay.training.command_pipe import CommandReceiver
    from multiprocessing.reduction import ForkingPickler

    from nnplay.training.loop import TrainingLoop

    one_blas_thread()
    try:  # as run_in_process does (absent from the code before it)
        from nnplay.training.heap import keep_freed_memory

        keep_freed_memory()
    except ImportError:
        pass
    import gc

    gc_started = {}

    def gc_timer(phase, info):  # the cyclic collector's CPU time, wherever it falls
        if phase == "start":
            gc_started["t"] = time.process_time()
        elif "t" in gc_started:
            cost["gc"] += time.process_time() - gc_started.pop("t")
            cost["collections"] += 1

    gc.callbacks.append(gc_timer)
    cost = dict.fromkeys(("gc", "collections", "snapshot", "send", "pickle", "bytes", "frames", "train", "steps"), 0)

    try:  # the loop's own pickling (run_in_process), or with the code before it, Connection.send's
        from nnplay.training.frame_pipe import message_bytes as dumps
    except ImportError:
        dumps = ForkingPickler.dumps

    def emit(kind, *payload):  # run_in_process's send in its two steps, timed apart
        s = time.process_time()
        blob = dumps((kind, *payload))
        p = time.process_time()
        connection.send_bytes(blob)
        if kind == "frame":
            cost["pickle"] += p - s
            cost["send"] += time.process_time() - s
            cost["frames"] += 1
            cost["bytes"] += len(blob)

    class Timed(TrainingLoop):
        def _start_run(self, generation, trainer):
            parts = self._parts

            def timed(fn, key):  # fn, its CPU time added to cost[key]
                def run(*a, **k):
                    s = time.process_time()
                    try:
                        return fn(*a, **k)
                    finally:
                        cost[key] += time.process_time() - s
                return run

            trainer.snapshot = timed(trainer.snapshot, "snapshot")
            if not getattr(parts, "_timed", False):
                parts.whole, parts.train, parts._timed = timed(parts.whole, "train"), timed(parts.train, "train"), True
            super()._start_run(generation, trainer)

        def _step(self):
            cost["steps"] += 1
            return super()._step()

        def _apply(self, cmd):
            if type(cmd).__name__ == "Request" and cmd.what == "cost":  # the tool's own: start / read the counters
                if cmd.token == 0:
                    cost.update(dict.fromkeys(cost, 0), cpu=time.process_time(), wall=time.perf_counter(),
                                epoch=self._trainer.epoch, usage=resource.getrusage(resource.RUSAGE_SELF))
                    if profiler is not None:
                        profiler.enable()
                else:
                    if profiler is not None:
                        profiler.disable()
                    u0, u1 = cost.pop("usage"), resource.getrusage(resource.RUSAGE_SELF)
                    out = dict(cost, cpu=time.process_time() - cost["cpu"], wall=time.perf_counter() - cost["wall"],
                               epochs=self._trainer.epoch - cost["epoch"], system=u1.ru_stime - u0.ru_stime,
                               page_faults=u1.ru_minflt - u0.ru_minflt, switches=u1.ru_nvcsw - u0.ru_nvcsw,
                               preempted=u1.ru_nivcsw - u0.ru_nivcsw)
                    if profiler is not None:
                        text = io.StringIO()
                        pstats.Stats(profiler, stream=text).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(profile)
                        out["profile"] = text.getvalue()
                    self._emit("cost", out)
                return True
            return super()._apply(cmd)

    profiler = cProfile.Profile() if profile else None
    try:  # as run_in_process makes it (the code before ``pickled`` takes three arguments)
        loop = Timed(CommandReceiver(commands), emit, None, True)
    except TypeError:
        loop = Timed(CommandReceiver(commands), emit)
    loop.run()
    connection.send(("stopped",))


def measure(case: str, seconds: float, view: dict, profile: int = 0) -> dict:
    from nnplay.benchmark_gui import headless_epochs_per_s, live_config
    from nnplay.training import TrainConfig
    from nnplay.training.blas_threads import one_blas_thread
    from nnplay.training.command_pipe import CommandSender
    from nnplay.training.commands import Ack, Build, Play, Quit, Request, SetSpeed, SetView

    ctx = mp.get_context("fork")
    cmd_r, cmd_w = ctx.Pipe(duplex=False)
    frames_r, frames_w = ctx.Pipe(duplex=False)
    try:
        from nnplay.training.frame_pipe import widen

        widen(frames_w)
    except ImportError:
        pass
    proc = ctx.Process(target=child, args=(cmd_r, frames_w, profile), daemon=True)
    proc.start()
    send = CommandSender(cmd_w)
    send.start()
    data = None
    if case == "CSV":  # the bench's large CSV on network A, as `nnplay bench --gui --large` runs it
        import tempfile
        from pathlib import Path

        from nnplay.benchmark_gui import write_large_csv
        from nnplay.data import load_csv

        with tempfile.TemporaryDirectory() as tmp:
            data = load_csv(str(write_large_csv(Path(tmp) / "large.csv")))
        config = TrainConfig(**live_config("A")).with_changes(dataset="csv")
    else:
        config = TrainConfig(**live_config(case))
    for c in (Build(1, config, data), SetView(view), SetSpeed(0), Play()):
        send.put(c)
    out, started = None, None
    while out is None:
        msg = frames_r.recv()
        if msg[0] == "frame":
            send.put(Ack())
            if started is None:
                started = time.perf_counter()
                time.sleep(0.5)  # let it settle, as the live bench does
                send.put(Request("cost", 0))
            elif time.perf_counter() - started > seconds + 0.5:
                send.put(Request("cost", 1))
                started = float("inf")
        elif msg[0] == "cost":
            out = msg[1]
        elif msg[0] == "failed":
            raise SystemExit(f"training failed: {msg[2]}")
    send.put(Quit())
    proc.join(5)
    one_blas_thread()
    from nnplay.training import Trainer

    t = Trainer(config, data)  # the headless Trainer's CPU time an epoch, in this process
    if data is None:
        headless = headless_epochs_per_s(config)
        t.run(20)
    else:  # (an epoch of 100,000 rows takes seconds: a few, timed)
        w0 = time.perf_counter()
        t.run(1)
        headless = 1.0 / (time.perf_counter() - w0)
    c0, done = time.process_time(), 0
    while time.process_time() - c0 < 1.5:
        done += t.run(10 if data is None else 1)
    headless_cpu_ms = 1000 * (time.process_time() - c0) / done
    n = max(1, out["frames"])
    rest = out["cpu"] - out["snapshot"] - out["send"] - out["train"]
    result = {
        "frames_per_s": out["frames"] / out["wall"],
        "live_epochs_per_s": out["epochs"] / out["wall"],
        "headless_epochs_per_s": headless,
        "live_vs_headless": out["epochs"] / out["wall"] / headless,
        "cpu_share": out["cpu"] / out["wall"],
        "snapshot_ms_per_frame": 1000 * out["snapshot"] / n,
        "send_ms_per_frame": 1000 * out["send"] / n,
        "of_which_pickling_ms_per_frame": 1000 * out["pickle"] / n,
        "frame_kB": out["bytes"] / n / 1024,
        "rest_ms_per_frame": 1000 * rest / n,
        "train_ms_per_frame": 1000 * out["train"] / n,
        "train_cpu_ms_per_epoch_live": 1000 * out["train"] / max(1, out["epochs"]),
        "train_cpu_ms_per_epoch_headless": headless_cpu_ms,
        "loop_steps_per_frame": out["steps"] / n,
        "gc_ms_per_frame": 1000 * out["gc"] / n,
        "gc_collections_per_s": out["collections"] / out["wall"],
        "frame_share": (out["snapshot"] + out["send"]) / max(1e-9, out["cpu"]),
        "system_ms_per_frame": 1000 * out["system"] / n,  # the kernel's share of the CPU time (pipe, poll, faults)
        "page_faults_per_frame": out["page_faults"] / n,
        "waits_per_frame": out["switches"] / n,  # voluntary context switches: the loop waited (for an Ack)
        "preempted_per_frame": out["preempted"] / n,  # involuntary: another process took the core
    }
    if "profile" in out:
        result["profile"] = out["profile"]
    return result


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--case", choices=("A", "B", "CSV"), default="B", help="CSV: the bench's 100,000-row CSV on network A")
    p.add_argument("--seconds", type=float, default=6.0)
    p.add_argument("--inspector", action="store_true", help="the backprop inspector open (its trace)")
    p.add_argument("--distributions", action="store_true", help="the Distributions tab open")
    p.add_argument("--profile", type=int, default=0, metavar="N")
    args = p.parse_args()
    view = {"trace": args.inspector, "distributions": args.distributions}
    load = os.getloadavg()[0]
    r = measure(args.case, args.seconds, view, args.profile)
    print(r.pop("profile", ""))
    what = "".join(f" + {k}" for k, on in view.items() if on)
    print(f"case {args.case}{what} (load average {load:.2f} -> {os.getloadavg()[0]:.2f}):")
    print("\n".join(f"  {v:10.3f}  {k}" for k, v in r.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
