"""Where the test suite's CPU goes, test by test: a pytest plugin, and a comparison of two runs.

    SUITE_CPU_OUT=DIR PYTHONPATH=tests/tools pytest -p suite_cpu [pytest's options]
    python tests/tools/suite_cpu.py DIR_BEFORE DIR_AFTER [--top 25]

The plugin writes ``DIR/<worker>.json`` at each test worker's end (``main.json`` for xdist's
controller, or the one process without xdist): every test's CPU seconds (``time.process_time``: all the worker's threads) and wall
seconds in its set-up, call and teardown; the worker's own CPU (``getrusage``), the CPU of the
processes it waited for (the ``nnplay`` subprocesses), and the CPU of multiprocessing's
forkserver and of the training processes it started and reaped (read from ``/proc``: no
worker waits for them, so ``/usr/bin/time`` does not count them). Unlike ``--durations``,
a test's CPU does not grow with the machine's load (its wall time does).

The comparison prints both runs' totals (the workers, the processes they ran, the training
processes; set-up, call and teardown summed over the tests), then the test files whose CPU
changed most between the runs, and the costliest files of the second run.
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import resource
import time

import pytest

_cpu, _wall = time.process_time, time.perf_counter  # bound now: some tests monkeypatch time's functions
_tests: dict[str, dict[str, float]] = {}
PHASES = ("setup", "call", "teardown")


def _timed(item, phase: str):
    cpu, wall = _cpu(), _wall()
    yield
    row = _tests.setdefault(item.nodeid, {})
    row[phase] = _cpu() - cpu
    row[phase + "_wall"] = _wall() - wall


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    yield from _timed(item, "setup")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    yield from _timed(item, "call")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    yield from _timed(item, "teardown")


def _forkserver_cpu() -> dict[str, float] | None:
    """CPU seconds of this worker's forkserver (``self``) and of the processes it reaped (``children``)."""
    from multiprocessing import forkserver

    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
    if not pid:
        return None
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()  # fields 3 on: utime is 14, cutime 16 (proc(5))
    except OSError:
        return None
    tick = os.sysconf("SC_CLK_TCK")
    utime, stime, cutime, cstime = (int(fields[i - 3]) / tick for i in (14, 15, 16, 17))
    return {"self": utime + stime, "children": cutime + cstime}


def pytest_sessionfinish(session):
    out = os.environ.get("SUITE_CPU_OUT")
    if not out:
        return
    me, waited = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    data = {"cpu": me.ru_utime + me.ru_stime, "subprocesses": waited.ru_utime + waited.ru_stime,
            "forkserver": _forkserver_cpu(), "tests": _tests}
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, os.environ.get("PYTEST_XDIST_WORKER", "main") + ".json"), "w") as f:
        json.dump(data, f)


def load(folder: str) -> tuple[dict, dict]:
    """A run's tests (node id: phases' seconds) and its totals (CPU seconds) from ``folder``."""
    tests, totals = {}, collections.Counter()
    names = sorted(glob.glob(os.path.join(folder, "*.json")))
    for name in names:
        with open(name) as f:
            data = json.load(f)
        if os.path.basename(name) == "main.json" and len(names) > 1:  # xdist's controller: its children are the workers
            totals["controller"] += data["cpu"]
            continue
        tests.update(data["tests"])
        totals["workers"] += data["cpu"]
        totals["subprocesses"] += data["subprocesses"]
        fork = data["forkserver"] or {}
        totals["training processes"] += fork.get("self", 0) + fork.get("children", 0)
    for phase in PHASES:
        totals[f"tests' {phase}"] = sum(row.get(phase, 0) for row in tests.values())
    totals["tests' wall"] = sum(row.get(p + "_wall", 0) for row in tests.values() for p in PHASES)
    return tests, totals


def by_file(tests: dict) -> collections.Counter:
    """CPU seconds (set-up, call and teardown) summed over each test file's tests."""
    files = collections.Counter()
    for node, row in tests.items():
        files[node.split("::")[0]] += sum(row.get(p, 0) for p in PHASES)
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    (tests_a, tot_a), (tests_b, tot_b) = load(args.before), load(args.after)
    print(f"{'':24}{'before':>9}{'after':>9}")
    print(f"{'tests':24}{len(tests_a):9d}{len(tests_b):9d}")
    for key in tot_b:
        print(f"{key:24}{tot_a[key]:9.1f}{tot_b[key]:9.1f}")
    files_a, files_b = by_file(tests_a), by_file(tests_b)
    changed = sorted(set(files_a) | set(files_b), key=lambda f: -abs(files_b[f] - files_a[f]))
    print(f"\nthe {args.top} files whose CPU (s) changed most:")
    for f in changed[:args.top]:
        print(f"{files_b[f] - files_a[f]:+8.2f} {files_a[f]:8.2f} -> {files_b[f]:7.2f}  {f}")
    print(f"\nthe {args.top} costliest files of the second run (CPU s):")
    for f, cpu in files_b.most_common(args.top):
        print(f"{cpu:8.2f}  {f}")


if __name__ == "__main__":
    main()
