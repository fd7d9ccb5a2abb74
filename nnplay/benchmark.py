"""`nnplay bench`: the engine against a plain, hand-written NumPy loop of the
same equations (``engine.equations``, the equations of docs/equations.md
written plainly) and, when installed, PyTorch (CPU, eager) and scikit-learn's
MLPClassifier; the decision-boundary grid; and with --gui the live window.

Cases (TensorFlow Playground's default and largest networks, then two big ones):
    A  circle, 250 training points, hidden 4,2, tanh, batch 10
    B  circle, 250 training points, hidden 8 x 6, tanh, batch 10
    C  10,000 points, hidden 64,64,64, relu, batch 256
    D  100,000 points, hidden 256,256, relu, batch 1024 (float64 and float32)
Every side runs plain SGD (lr 0.01, no momentum, no regularisation) with a
sigmoid output and cross-entropy on the same data, in the same dtype; each
figure is the best of three timed rounds, the sides interleaved so machine
noise hits all of them (with --quick: after a warm-up epoch, the median of at
least five epochs each, taken in turn, and one epoch of case D; see
``bench_timing.median_rates``).
"""

from __future__ import annotations

import importlib.util
import math
import os
import platform
import sys
import time
from importlib import metadata

import numpy as np

from .bench_estimate import duration, estimate_seconds
from .bench_timing import epochs_per_second as _epochs_per_second
from .bench_timing import median_rates as _median_rates
from .data.generators import circle
from .engine import MLP, SGD
from .engine.equations import sgd_epoch
from .numbers import epoch_rate

from .training.diagnostics_bench import bench_diagnostics, format_diagnostics

CASES = {
    "A": dict(n=250, hidden=(4, 2), activation="tanh", batch=10),
    "B": dict(n=250, hidden=(8,) * 6, activation="tanh", batch=10),
    "C": dict(n=10_000, hidden=(64, 64, 64), activation="relu", batch=256),
    "D": dict(n=100_000, hidden=(256, 256), activation="relu", batch=1024),
}

QUICK_ONE_EPOCH = {"D"}  # --quick times one epoch of these (an epoch of many seconds), not a warm-up and five


def significant(v: float, digits: int = 3) -> float:
    """``v`` rounded to ``digits`` significant digits (0.01234 -> 0.0123, 517.04 -> 517)."""
    if not v or not math.isfinite(v):
        return v
    return round(v, max(0, digits - 1 - math.floor(math.log10(abs(v)))))


def _torch_epoch_fn(X, y, hidden, activation, batch, dtype):
    try:
        import torch
    except ImportError:
        return None
    tdt = torch.float64 if dtype == "float64" else torch.float32
    torch.manual_seed(0)
    layers, n_in = [], X.shape[1]
    for h in hidden:
        layers += [torch.nn.Linear(n_in, h), torch.nn.Tanh() if activation == "tanh" else torch.nn.ReLU()]
        n_in = h
    layers.append(torch.nn.Linear(n_in, 1))
    model = torch.nn.Sequential(*layers).to(tdt)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    Xt = torch.tensor(X, dtype=tdt)
    yt = torch.tensor(y.reshape(-1, 1), dtype=tdt)
    gen = torch.Generator().manual_seed(0)

    def epoch():
        perm = torch.randperm(Xt.shape[0], generator=gen)
        for s in range(0, Xt.shape[0], batch):
            idx = perm[s : s + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(Xt[idx]), yt[idx])
            loss.backward()
            opt.step()

    return epoch


def _sklearn_epoch_fn(X, y, hidden, activation, batch):
    try:
        import warnings

        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPClassifier
    except ImportError:
        return None
    clf = MLPClassifier(hidden_layer_sizes=hidden, activation=activation, solver="sgd", learning_rate_init=0.01,
                        momentum=0.0, nesterovs_momentum=False, alpha=0.0, batch_size=batch, shuffle=True,
                        random_state=0)
    classes = np.array([0, 1])

    def epoch():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf.partial_fit(X, y, classes=classes)  # one pass over the data

    return epoch


def bench_case(name: str, dtype: str = "float64", budget: float = 1.0, rounds: int = 3, least: int = 2,
               quick: bool = False) -> dict:
    """Case ``name``'s epochs/s on every side: the best of ``rounds`` rounds of
    ``budget`` seconds and ``least`` epochs each (``_epochs_per_second``), or with
    ``quick`` the median of a few epochs taken in turn (``_median_rates``)."""
    c = CASES[name]
    data = circle(noise=0.1, seed=0, n=c["n"])
    X = data.X.astype(dtype)
    sizes = [2, *c["hidden"], 1]
    net = MLP(sizes, activation=c["activation"], loss="bce", seed=0, dtype=dtype)
    Y = net.encode_targets(data.y)
    opt = SGD(0.01)
    rng_e = np.random.default_rng(0)
    W = [w.copy() for w in net.weights]
    b = [bb.copy() for bb in net.biases]
    X_cols = np.ascontiguousarray(X.T)
    Y_cols = Y.T.copy()
    rng_p = np.random.default_rng(0)
    activations = [c["activation"]] * len(c["hidden"])

    def engine():
        net.train_epoch(X, Y, opt, c["batch"], rng_e, check_input=False)  # as the Trainer runs it: data checked once

    def plain():
        sgd_epoch(W, b, X_cols, Y_cols, 0.01, c["batch"], rng_p, activations, "bce")

    sides = {"engine": engine, "plain_numpy": plain,
             "pytorch": _torch_epoch_fn(X, data.y, c["hidden"], c["activation"], c["batch"], dtype),
             "sklearn": _sklearn_epoch_fn(X, data.y, c["hidden"], c["activation"], c["batch"])}
    best = {k: 0.0 for k, fn in sides.items() if fn is not None}
    with np.errstate(all="ignore"):
        if quick:  # (case D's epoch takes seconds: one each, as it comes)
            once = {"least": 1, "budget": 0.0, "warm_up": False} if name in QUICK_ONE_EPOCH else {}
            best = _median_rates({k: sides[k] for k in best}, **once)
        for _ in range(0 if quick else rounds):
            for k in best:
                best[k] = max(best[k], _epochs_per_second(sides[k], budget, least))
    out = {
        "case": name if dtype == "float64" else f"{name}-{dtype}",
        "points": c["n"], "hidden": list(c["hidden"]), "activation": c["activation"], "batch": c["batch"],
        "dtype": dtype,
    }
    for k in sides:
        out[f"{k}_epochs_per_s"] = significant(best[k], 4) if k in best else None  # (case D: 0.0312, not 0.03)
    for k in ("plain_numpy", "pytorch", "sklearn"):
        out[f"engine_vs_{k}"] = round(best["engine"] / best[k], 2) if best.get(k) else None
    return out


def bench_grid(resolution: int = 200, repeats: int = 50) -> dict:
    """Time to evaluate the output over a resolution^2 grid on case B."""
    from .training import TrainConfig, Trainer

    t = Trainer(TrainConfig(hidden=CASES["B"]["hidden"]))
    t.grid_output(resolution)  # warm-up: the grid points and workspaces are cached
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        t.grid_output(resolution)
        times.append(time.perf_counter() - start)
    return {"grid": f"{resolution}x{resolution}", "network": "B", "median_ms": round(1000 * float(np.median(times)), 3),
            "min_ms": round(1000 * min(times), 3)}


def bench_landscape(resolution: int = 41, repeats: int = 3, epochs: int = 50) -> dict:
    """Time to compute the loss landscape (training.landscape_live) over a
    resolution^2 plane on case B's network after ``epochs`` epochs (its path's
    principal directions), batched, against the engine's loss point by point."""
    from .training import TrainConfig, Trainer
    from .training.landscape_live import LandscapeRequest, compute_landscape

    t = Trainer(TrainConfig(hidden=CASES["B"]["hidden"]))
    t.run(epochs)
    request = LandscapeRequest(resolution=resolution)
    twin = t.net.copy()
    times, per_point = [], []
    for _ in range(repeats):  # interleaved, so a busy machine slows both alike
        start = time.perf_counter()
        land = compute_landscape(t, request)
        times.append(time.perf_counter() - start)
        row = t.net.params + land.grid.a[:, None] * np.ones(t.net.params.size)
        start = time.perf_counter()
        for theta in row:  # one row of the grid, one engine forward pass (float64) a point
            twin.params[...] = theta
            twin.loss(t.X_train, t.Y_train)
        per_point.append((time.perf_counter() - start) / len(row))
    return {"grid": f"{resolution}x{resolution}", "network": "B", "examples": int(t.X_train.shape[0]),
            "median_ms": round(1000 * float(np.median(times)), 1),
            "point_by_point_ms": round(1000 * float(np.median(per_point)) * resolution * resolution, 1)}


def bench_soak(minutes: float, start_epochs: int = 0, sample_seconds: float | None = None) -> dict:
    """The real window (offscreen) at Max speed for ``minutes``, in a fresh
    process, from a history of ``start_epochs`` synthetic epochs: memory of both
    processes and redraw time over time (nnplay.ui.soak)."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    every = sample_seconds or max(1.0, min(15.0, minutes * 60 / 20))
    from .bench_failure import run_child

    return run_child([sys.executable, "-m", "nnplay.ui.soak", repr(minutes), repr(every), str(start_epochs)],
                     "the soak", 300 + minutes * 60, env)


def machine() -> dict:
    out = {
        "python": platform.python_version(), "numpy": np.__version__, "machine": platform.machine(),
        "processor": platform.processor() or platform.machine(), "cpus": os.cpu_count(),
        "cpu": cpu_model(), "load_average": load_averages(),
    }
    for mod, dist in PEERS.items():
        out[mod] = peer_version(mod, dist)
    return out


PEERS = {"torch": "torch", "sklearn": "scikit-learn"}  # the peers' modules and their distributions


def peer_version(module: str, distribution: str) -> str | None:
    """The installed version of a peer library, or None: read from its distribution's metadata,
    not by importing it (importing torch took 2 s of CPU, for a soak that never uses it); imported
    only when it is importable without metadata (a source checkout on the path)."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        if importlib.util.find_spec(module) is None:
            return None
    try:
        return __import__(module).__version__
    except ImportError:
        return None


def cpu_model() -> str:
    """The processor's model name (Linux: /proc/cpuinfo), else platform's word for it."""
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_averages() -> list[float] | None:
    """The load average over 1, 5 and 15 minutes (runnable processes; None where unknown)."""
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def run_benchmarks(quick: bool = False, gui: bool = False, soak: float | None = None, soak_start: int = 0,
                   large: bool = False, report=None) -> dict:
    """Every measurement; ``report(line)``, if given, is called with the table's lines
    as they are measured: the header (with the estimated duration), then each case's row."""
    if soak is not None:  # the soak alone: the engine cases would only disturb it
        return {"machine": machine(), "soak": bench_soak(soak, soak_start)}
    budget, rounds, least = (0.05, 1, 1) if quick else (1.0, 3, 2)
    m = machine()
    if report is not None:
        head = table_head(m)
        took = duration(estimate_seconds(m, budget, rounds, least, CASES["D"]))
        estimate = (f"The five cases take about {took} on this machine now (estimated from one mini-batch of "
                    "case D), then the grid, landscape and diagnostics; each row is printed as it is measured.")
        for line in (*head[:2], estimate, *head[2:], CASE_HEADER):
            report(line)
    cases = []
    for name, dtype in (("A", "float64"), ("B", "float64"), ("C", "float64"), ("D", "float64"), ("D", "float32")):
        cases.append(bench_case(name, dtype, budget, rounds, least, quick=quick))
        if report is not None:
            report(case_row(cases[-1]))
    out = {"machine": m, "cases": cases, "grid": bench_grid(repeats=5 if quick else 50),
           "landscape": bench_landscape(repeats=1 if quick else 3)}
    out["diagnostics"] = bench_diagnostics(CASES["B"]["hidden"], repeats=5 if quick else 30)
    if gui or large:
        from .benchmark_gui import bench_gui

        out["gui"] = bench_gui(1.5 if quick else 5.0, large=large, inspector=not quick)  # (quick: A and B alone)
    return out


def _fmt(v, spec=".1f", suffix=""):
    return "-" if v is None else f"{v:{spec}}{suffix}"


def _rate(v) -> str:
    """An epochs/s figure with three significant digits, however small (0.0312, not 0.0); '-' for none."""
    return "-" if v is None else epoch_rate(v)


CASE_HEADER = (f"{'case':<10}{'engine':>10}{'plain':>10}{'ratio':>8}{'pytorch':>10}{'ratio':>8}"
               f"{'sklearn':>10}{'ratio':>8}")


def table_head(m: dict) -> list[str]:
    return [f"nnplay benchmark - Python {m['python']}, NumPy {m['numpy']}, PyTorch {m['torch'] or 'not installed'}, "
            f"scikit-learn {m['sklearn'] or 'not installed'}, {m['cpus']} CPUs ({m['machine']})",
            f"CPU {m.get('cpu', '-')}; load average at the start {_loads(m.get('load_average'))} "
            f"(1, 5, 15 min; figures from a loaded machine are low)", "",
            "epochs per second (ratio = engine / other)"]


def case_row(c: dict) -> str:
    return (f"{c['case']:<10}{_rate(c['engine_epochs_per_s']):>10}{_rate(c['plain_numpy_epochs_per_s']):>10}"
            f"{_fmt(c['engine_vs_plain_numpy'], '.2f', 'x'):>8}{_rate(c['pytorch_epochs_per_s']):>10}"
            f"{_fmt(c['engine_vs_pytorch'], '.2f', 'x'):>8}{_rate(c['sklearn_epochs_per_s']):>10}"
            f"{_fmt(c['engine_vs_sklearn'], '.2f', 'x'):>8}")


def format_table(results: dict, streamed: bool = False) -> str:
    """The whole table; ``streamed``: only what follows the case rows (those were reported as measured)."""
    m = results["machine"]
    if "soak" in results:
        return format_soak(results["soak"], m)
    lines = [] if streamed else [*table_head(m), CASE_HEADER, *(case_row(c) for c in results["cases"])]
    g = results["grid"]
    lines += ["", f"decision-boundary grid {g['grid']} on B: {g['median_ms']:.2f} ms (median)"]
    if "landscape" in results:
        v = results["landscape"]
        lines.append(f"loss landscape {v['grid']} on B ({v['examples']} examples): {v['median_ms']:.0f} ms "
                     f"(point by point: {v['point_by_point_ms']:.0f} ms)")
    if "diagnostics" in results:
        lines += format_diagnostics(results["diagnostics"])
    if "gui" in results:
        from .benchmark_gui import format_gui

        lines += ["", *format_gui(results["gui"])]
    return "\n".join(lines)


def _loads(values) -> str:
    return "-" if not values else " / ".join(f"{v:.2f}" for v in values)


def format_soak(soak: dict, m: dict) -> str:
    s = soak["summary"]

    def mem(key):
        return (f"{_fmt(s[key + '_start'])} -> {_fmt(s[key + '_end'])} MB, "
                f"slope {_fmt(s[key + '_per_million_epochs'], '.2f')} MB per million epochs, "
                f"{_fmt(s[key + '_per_minute'], '.3f')} MB per minute")

    lines = [f"nnplay soak - {soak['minutes']:g} min at Max speed, case A, offscreen window, from epoch "
             f"{soak['start_epochs']:,}; Python {m['python']}, "
             f"NumPy {m['numpy']}, {m['cpus']} CPUs, load average {_fmt(s.get('load_average'), '.1f')}", "",
             f"epochs {s['epochs']:,} ({s['epochs_after_warm_up']:,} after a {s['warm_up_s']:g} s warm-up)",
             f"window process    {mem('window_rss_mb')}",
             f"  of which heap   {mem('window_anon_mb')}",
             f"training process  {mem('training_rss_mb')}",
             f"  of which heap   {mem('training_anon_mb')}",
             f"frame update      {_fmt(s['update_ms_mean_start'], '.2f')} -> {_fmt(s['update_ms_mean_end'], '.2f')} ms "
             f"(mean; p95 {_fmt(s['update_ms_p95_start'], '.2f')} -> {_fmt(s['update_ms_p95_end'], '.2f')} ms)",
             f"window paint      {_fmt(s['paint_ms_start'])} -> {_fmt(s['paint_ms_end'])} ms"]
    trim = soak.get("window_heap_before_after_malloc_trim_mb")
    if trim:
        lines.append(f"window heap at the end {_fmt(trim[0])} MB, {_fmt(trim[1])} MB after malloc_trim(0) "
                     "(the difference: free memory the allocator kept)")
    lines += ["",
              "loss curves + gradient norms, one frame of 50 epochs after N epochs (synthetic history)"]
    for r in soak["redraw_by_epochs"]:
        lines.append(f"  {r['epochs']:>12,} epochs  {r['frame_ms_median']:7.2f} ms  {r['points_drawn']:>7,} points  "
                     f"history {r['history_kb']:,} kB")
    return "\n".join(lines)
