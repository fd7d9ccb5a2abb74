"""Where one frame's time goes in the training process (issue 20): the parts of
``snapshot.take_snapshot`` timed one by one, then pickling the frame and
sending it down a real pipe to a reader in another process.

    python tests/tools/training_frame.py [--case A|B|CSV] [--repeats 40] [--trace] [--pictures]

Cases: A and B as ``nnplay bench --gui`` runs them (circle, batch 10), CSV the
bench's 100,000-row file on network A, each frame taken within a long epoch
while playing (the current weights measured on a sample). Figures are the
median over ``--repeats`` frames of the calling thread's CPU time (ms), except
"send (wall)", the wall time ``Connection.send`` took (it blocks while the
pipe is full and the reader has not read). The reader acknowledges each frame
before the next is built, as the window does. With the code before this
round on PYTHONPATH (its flags then do nothing) it measures that code.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path


def _drain(conn, ack) -> None:
    """The window's side: read each frame, then acknowledge it (one frame in flight, as the loop sends)."""
    while True:
        try:
            if conn.recv() is None:
                return
            ack.send(True)
        except EOFError:
            return


def make_trainer(case: str):
    from nnplay.benchmark_gui import live_config, write_large_csv
    from nnplay.training import TrainConfig, Trainer

    if case != "CSV":
        t = Trainer(TrainConfig(**live_config(case)))
        t.run(20)
        return t
    from nnplay.data import load_csv

    with tempfile.TemporaryDirectory() as tmp:
        data = load_csv(str(write_large_csv(Path(tmp) / "large.csv")))
    t = Trainer(TrainConfig(**live_config("A")).with_changes(dataset="csv"), data)
    return t


def _advance(t, case: str) -> None:
    """Train what the loop trains between two frames (a part of a long epoch on the CSV)."""
    if case == "CSV":
        if t.batch_position[0] + 200 >= t.batch_position[1]:
            t.run(1)
        t.run_steps(100)
        t.measure_sample = True
    else:
        t.run(1)


def parts(t, view) -> dict:
    """Each part of take_snapshot on its own (the same calls, in its order), thread CPU ms."""
    from nnplay.data import CLASSIFICATION
    from nnplay.engine.regularization import zero_weights
    from nnplay.training.gradient_flow import zero_gradient_notes
    from nnplay.training.pictures import predicted_classes, undefined_as_nan
    from nnplay.training.snapshot import THUMBNAILS_PER_LAYER, frozen

    net, probes, out = t.net, t.probes, {}

    def timed(label, fn):
        s = time.thread_time()
        value = fn()
        out[label] = out.get(label, 0.0) + 1000 * (time.thread_time() - s)
        return value

    timed("metrics (the loss measurement)", t.metrics)
    res, n = view.grid_resolution, view.neuron_resolution
    one_pass = getattr(probes, "output_and_neurons", None)  # (absent from the code before it)
    shared = res and n and one_pass is not None and \
        timed("output grid and thumbnails: one forward pass", lambda: one_pass(res, n, tuple(view.axes)))
    if shared:
        grid = shared[0]
        timed("output grid: NaN copy", lambda: undefined_as_nan(grid))
        if t.data.task == CLASSIFICATION:
            timed("output grid: classes", lambda: frozen(predicted_classes(grid.reshape(res**2, -1), t.loss_name)))
        inputs = timed("neuron thumbnails", lambda: probes.grid_points(n, view.axes).reshape(n, n, -1))
        timed("neuron thumbnails", lambda: tuple(undefined_as_nan(a[:, :, :THUMBNAILS_PER_LAYER])
                                                  for a in [inputs, *shared[1]]))
        res = n = None  # (done)
    if res:
        grid = timed("output grid: forward pass", lambda: probes.grid_output(res, tuple(view.axes)))
        timed("output grid: NaN copy", lambda: undefined_as_nan(grid))
        if t.data.task == CLASSIFICATION:
            timed("output grid: classes", lambda: frozen(predicted_classes(grid.reshape(res**2, -1), t.loss_name)))
    if n:
        inputs = timed("neuron thumbnails", lambda: probes.grid_points(n, view.axes).reshape(n, n, -1))
        timed("neuron thumbnails", lambda: tuple(undefined_as_nan(a[:, :, :THUMBNAILS_PER_LAYER])
                                                  for a in [inputs, *probes.neuron_grids(n, view.axes)]))
    timed("extent of the pictures", lambda: probes.grid_extent(tuple(view.axes)))
    timed("history increment", lambda: {k: frozen(v) for k, v in t.history.copy_since(len(t.history) - 1).items()})
    timed("weights, dW copies", lambda: [frozen(w) for w in (*net.weights, *net.biases, *net.dW, *net.db)])
    timed("gradient norms", lambda: (frozen(net.grad_norms()), frozen(t.grad_norm_history.rows_since(len(t.history) - 1))))
    timed("zero weights, gradient notes", lambda: (zero_weights(net.weights),
                                                   zero_gradient_notes(net, t.X_train, t.Y_train, net.dW)))
    timed("masks, distributions", lambda: (t.mask_fields(), t.distributions.resend()))
    if view.trace:
        timed("inspector trace", t.trace_next_batch)
    return out


def profile(case: str, repeats: int, trace: bool, narrow: bool = False, full_grid: bool = False) -> dict:
    from nnplay.training.loop import Frame

    try:  # (absent from the code before them: the tool also measures that code, run with it on PYTHONPATH)
        from nnplay.training.frame_pipe import widen
        from nnplay.training.live_grid import frame_request
    except ImportError:
        widen = frame_request = None
    from nnplay.training.probes import ViewRequest

    t = make_trainer(case)
    view = ViewRequest(trace=trace)
    if not full_grid and frame_request is not None:
        view = frame_request(view, True)  # as the loop builds a frame while playing (live_grid.py)
    reader, writer = mp.Pipe(duplex=False)
    if not narrow and widen is not None:
        widen(writer)  # as the window's frame pipe (frame_pipe.py)
    acks, ack = mp.Pipe(duplex=False)
    drain = mp.get_context("fork").Process(target=_drain, args=(reader, ack), daemon=True)
    drain.start()
    rows: dict[str, list[float]] = {}
    sizes = []
    for _ in range(repeats):
        _advance(t, case)
        t._current = None  # each frame measures new weights, as while playing
        for k, v in parts(t, view).items():
            rows.setdefault(k, []).append(v)
        _advance(t, case)
        t._current = None
        s0 = time.thread_time()
        snap = t.snapshot(view, len(t.history) - 1)
        s1 = time.thread_time()
        frame = Frame(1, snap, True, 0.0)
        blob = pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)
        s2 = time.thread_time()
        w0 = time.perf_counter()
        c0 = time.thread_time()
        writer.send(frame)
        w1 = time.perf_counter()
        rows.setdefault("the whole snapshot", []).append(1000 * (s1 - s0))
        rows.setdefault("pickle the frame", []).append(1000 * (s2 - s1))
        rows.setdefault("send (pickle + pipe), CPU", []).append(1000 * (time.thread_time() - c0))
        rows.setdefault("send (pickle + pipe), wall", []).append(1000 * (w1 - w0))
        sizes.append(len(blob) / 1024)
        acks.recv()  # (untimed) the next frame only once this one is read, as the loop waits for Ack
    writer.send(None)
    drain.join(5)
    out = {k: sorted(v)[len(v) // 2] for k, v in rows.items()}
    out["frame size kB"] = sorted(sizes)[len(sizes) // 2]
    return out


def compare_pictures(case: str, repeats: int) -> dict:
    """The pictures of a playing frame the two ways, interleaved frame by frame (one epoch
    trained before each, so both see the same machine): the output grid at 50 and the
    thumbnails at 24 in two forward passes (before), and the live grid at 47 giving the
    thumbnails in one pass (probes.output_and_neurons). Thread CPU ms, median."""
    from nnplay.training.probes import ViewRequest

    t = make_trainer(case)
    at = {res: ViewRequest(grid_resolution=res) for res in (50, 47)}
    ways = {"two passes: grid 50 + thumbnails 24": lambda: (t.probes.grid_output(50), t.probes.neuron_grids(24)),
            "one pass: grid 47 with thumbnails 24": lambda: t.probes.output_and_neurons(47, 24),
            "the whole snapshot, grid 50 (two passes)": lambda: t.snapshot(at[50], len(t.history) - 1),
            "the whole snapshot, grid 47 (one pass)": lambda: t.snapshot(at[47], len(t.history) - 1)}
    rows: dict[str, list[float]] = {k: [] for k in ways}
    for _ in range(repeats):
        for name, way in ways.items():
            _advance(t, case)
            s = time.thread_time()
            way()
            rows[name].append(1000 * (time.thread_time() - s))
    return {k: sorted(v)[len(v) // 2] for k, v in rows.items()}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--case", choices=("A", "B", "CSV"), default="A")
    p.add_argument("--repeats", type=int, default=40)
    p.add_argument("--trace", action="store_true", help="with the backprop inspector's trace (as when it is open)")
    p.add_argument("--narrow-pipe", action="store_true", help="a plain 64 kB pipe, as before frame_pipe.widen")
    p.add_argument("--full-grid", action="store_true", help="the 100 x 100 grid while playing, as before live_grid")
    p.add_argument("--pictures", action="store_true",
                   help="the output grid and thumbnails in two passes and in one, interleaved")
    p.add_argument("--sample-rows", type=int, help="rows of the sample a long epoch measures (before: 2048)")
    args = p.parse_args()
    from nnplay.training.blas_threads import one_blas_thread

    one_blas_thread()  # as the training process runs
    if args.sample_rows:
        from nnplay.training import current_weights

        current_weights.SAMPLE_ROWS = args.sample_rows
    if args.pictures:
        out = compare_pictures(args.case, args.repeats)
    else:
        out = profile(args.case, args.repeats, args.trace, args.narrow_pipe, args.full_grid)
    print(f"case {args.case}, training process per frame (median of {args.repeats}; "
          f"load average {os.getloadavg()[0]:.1f}):")
    for k, v in out.items():
        print(f"  {v:8.3f} {'kB' if 'kB' in k else 'ms'}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
