"""How ``nnplay bench`` times an epoch: the full run's best of rounds
(``epochs_per_second``), and ``--quick``'s median of a few epochs taken in
turn after a warm-up (``median_rates``; one epoch with no warm-up, as --quick
timed before, made case C's engine / plain ratio noise: 0.39, 1.61 and 0.85
in three runs)."""

from __future__ import annotations

import time

import numpy as np


def epochs_per_second(fn, budget: float, least: int = 2) -> float:
    """Epochs per second of ``fn`` (one epoch) over at least ``budget`` seconds and
    ``least`` epochs, after one warm-up epoch (none when ``least`` is 1: --quick)."""
    if least > 1:
        fn()  # warm-up: workspaces, caches
    count, start = 0, time.perf_counter()
    while True:
        fn()
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= budget and count >= least:
            return count / elapsed


QUICK_BUDGET = 1.0  # --quick: seconds of timed epochs per case, after the warm-up, over all sides
QUICK_LEAST = 5  # --quick: epochs each side has at least (their median leaves out two slowed epochs)
def median_rates(sides: dict, budget: float = QUICK_BUDGET, least: int = QUICK_LEAST, warm_up: bool = True,
                 clock=time.perf_counter) -> dict:
    """Epochs per second of each of ``sides`` (name -> one epoch), for --quick:
    one untimed warm-up epoch each (workspaces, caches; unless not ``warm_up``),
    then epochs taken in turn, one per side, until every side has had ``least``
    and ``budget`` seconds have passed; each side's rate is 1 / its median
    epoch time. Taking turns puts a loaded machine's noise on every side alike,
    and the median leaves out the epochs another process slowed (on this 2-core
    machine at a load of 10, one epoch of case C took 0.1 to 7.5 s). ``clock``:
    seconds (tests pass a fake one)."""
    if warm_up:
        for fn in sides.values():
            fn()
    times = {k: [] for k in sides}
    begun = clock()
    while min(len(t) for t in times.values()) < least or clock() - begun < budget:
        for k, fn in sides.items():
            start = clock()
            fn()
            times[k].append(clock() - start)
    return {k: 1.0 / max(float(np.median(t)), 1e-12) for k, t in times.items()}
