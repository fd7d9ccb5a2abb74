"""Engine speed against a plain, hand-written NumPy loop of the same equations.

Cases (TensorFlow Playground's default and largest networks, then two big ones):
    A  circle, 250 training points, hidden 4,2, tanh, batch 10
    B  circle, 250 training points, hidden 8 x 6, tanh, batch 10
    C  10,000 points, hidden 64,64,64, relu, batch 256
    D  100,000 points, hidden 256,256, relu, batch 1024 (float64 and float32)
Both sides run plain SGD with BCE on the same data; each figure is the best of
three timed rounds, the two sides interleaved so machine noise hits both.
"""

from __future__ import annotations

import os
import platform
import time

import numpy as np

from .data.generators import circle
from .engine import MLP, SGD

CASES = {
    "A": dict(n=250, hidden=(4, 2), activation="tanh", batch=10),
    "B": dict(n=250, hidden=(8,) * 6, activation="tanh", batch=10),
    "C": dict(n=10_000, hidden=(64, 64, 64), activation="relu", batch=256),
    "D": dict(n=100_000, hidden=(256, 256), activation="relu", batch=1024),
}


def plain_numpy_epoch(W, b, X_cols, Y, lr, batch, rng, activation):
    """The equations of DESIGN.md written out directly: column layout,
    one example per column, fancy-indexed batches, nothing preallocated."""
    m = X_cols.shape[1]
    L = len(W)
    perm = rng.permutation(m)
    for s in range(0, m, batch):
        idx = perm[s : s + batch]
        A = [X_cols[:, idx]]
        Yb = Y[:, idx]
        mb = len(idx)
        for l in range(L):
            Z = W[l] @ A[-1] + b[l]
            if l == L - 1:
                A.append(1.0 / (1.0 + np.exp(-Z)))
            elif activation == "tanh":
                A.append(np.tanh(Z))
            else:
                A.append(np.maximum(Z, 0))
        dZ = A[-1] - Yb
        for l in range(L - 1, -1, -1):
            dW = dZ @ A[l].T / mb
            db = dZ.sum(axis=1, keepdims=True) / mb
            if l:
                gprime = 1 - A[l] ** 2 if activation == "tanh" else (A[l] > 0)
                dZ = (W[l].T @ dZ) * gprime
            W[l] -= lr * dW
            b[l] -= lr * db


def _epochs_per_second(fn, budget: float) -> float:
    fn()  # warm-up: workspaces, caches
    count, start = 0, time.perf_counter()
    while True:
        fn()
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= budget and count >= 2:
            return count / elapsed


def bench_case(name: str, dtype: str = "float64", budget: float = 1.0, rounds: int = 3) -> dict:
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

    def engine():
        net.train_epoch(X, Y, opt, c["batch"], rng_e)

    def plain():
        plain_numpy_epoch(W, b, X_cols, Y_cols, 0.01, c["batch"], rng_p, c["activation"])

    best_e = best_p = 0.0
    with np.errstate(all="ignore"):
        for _ in range(rounds):
            best_e = max(best_e, _epochs_per_second(engine, budget))
            best_p = max(best_p, _epochs_per_second(plain, budget))
    return {
        "case": name if dtype == "float64" else f"{name}-{dtype}",
        "points": c["n"], "hidden": list(c["hidden"]), "activation": c["activation"], "batch": c["batch"],
        "dtype": dtype, "engine_epochs_per_s": round(best_e, 2), "plain_numpy_epochs_per_s": round(best_p, 2),
        "engine_vs_plain": round(best_e / best_p, 2),
    }


def machine() -> dict:
    return {
        "python": platform.python_version(), "numpy": np.__version__, "machine": platform.machine(),
        "processor": platform.processor() or platform.machine(), "cpus": os.cpu_count(),
    }


def run_engine_benchmarks(quick: bool = False) -> dict:
    budget, rounds = (0.05, 1) if quick else (1.0, 3)
    cases = [bench_case(n, "float64", budget, rounds) for n in "ABCD"]
    cases.append(bench_case("D", "float32", budget, rounds))
    return {"machine": machine(), "cases": cases}


def format_table(results: dict) -> str:
    m = results["machine"]
    lines = [f"nnplay engine benchmark - Python {m['python']}, NumPy {m['numpy']}, {m['cpus']} CPUs ({m['machine']})",
             "", f"{'case':<11}{'network':<32}{'batch':>6}{'engine ep/s':>14}{'plain ep/s':>13}{'ratio':>8}"]
    for c in results["cases"]:
        net = f"{c['points']} pts, {','.join(map(str, c['hidden']))} {c['activation']}"
        lines.append(f"{c['case']:<11}{net:<32}{c['batch']:>6}{c['engine_epochs_per_s']:>14.1f}"
                     f"{c['plain_numpy_epochs_per_s']:>13.1f}{c['engine_vs_plain']:>7.2f}x")
    return "\n".join(lines)
