"""How long ``nnplay bench`` will take, said before it starts: the largest case
(D: 100,000 points, 256×256) dominates, so one of its mini-batches is timed and
scaled by the epochs the measurement needs (see ``bench_timing.epochs_per_second``)."""

from __future__ import annotations

import math
import time

import numpy as np

from .bench_timing import QUICK_BUDGET
from .data.generators import circle
from .engine import MLP, SGD

# Measured with --quick at a load of 20 on 2 cores: case D in float32 took as long as in float64, and the
# plain NumPy loop 1.3x the engine's time (the five cases 300 s; this estimate said 3 min before these two).
FLOAT32_SHARE = 1.0  # case D in float32 takes up to this part of its float64 time
PEER_FACTOR = 1.4  # another implementation's epoch, against the engine's


def estimate_seconds(machine: dict, budget: float, rounds: int, least: int, case: dict) -> float:
    """Seconds the five engine cases take, from one mini-batch of ``case`` (benchmark.CASES["D"])
    timed now (the fastest of three), for each implementation measured (the engine, plain NumPy, and PyTorch and
    scikit-learn when installed in ``machine``)."""
    data = circle(noise=0.1, seed=0, n=case["batch"])
    net = MLP([2, *case["hidden"], 1], activation=case["activation"], loss="bce", seed=0)
    Y = net.encode_targets(data.y)
    batch = math.inf
    for _ in range(3):  # the fastest of three: the first pays for memory and BLAS's start (1.3-2x under load)
        start = time.perf_counter()
        with np.errstate(all="ignore"):
            net.train_epoch(data.X, Y, SGD(0.01), case["batch"], np.random.default_rng(0), check_input=False)
        batch = min(batch, time.perf_counter() - start)
    epoch = batch * math.ceil(case["n"] / case["batch"])
    sides = 2 + (machine.get("torch") is not None) + (machine.get("sklearn") is not None)
    per_round = (epoch if least > 1 else 0.0) + max(least * epoch, budget)  # warm-up, then the measurement
    large = (1 + PEER_FACTOR * (sides - 1)) * rounds * per_round * (1 + FLOAT32_SHARE)
    if least > 1:  # cases A-C: about their budget, each round and side
        small = 3 * sides * rounds * 2 * budget
    else:  # --quick: a few epochs each side, taken in turn for about QUICK_BUDGET (bench_timing.median_rates)
        small = 3 * QUICK_BUDGET
    return large + small


def duration(seconds: float) -> str:
    """'40 s', '3 min', '1.5 h'."""
    if seconds < 90:
        return f"{max(1, round(seconds / 10) * 10 if seconds >= 20 else round(seconds))} s"
    if seconds < 5400:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"
