"""The benchmark's plumbing, fast: every case and field reported, ratios that
are the ratios of the figures, the table showing them, and a rate that follows
the work done. (The full `nnplay bench --quick --gui` run is marked slow.)"""

import functools
import importlib.metadata
import json
import sys
import time

import pytest

from nnplay import benchmark
from nnplay.cli import main

SMALL = {k: dict(v, n=40, batch=min(v["batch"], 16), hidden=v["hidden"][:2]) for k, v in benchmark.CASES.items()}


GRID, LANDSCAPE = 20, 11  # the plumbing's grid and loss-landscape plane (the bench's own: 200 and 41)


def small_and_quick(monkeypatch):
    """The small cases, each side timed for its least epochs, not for --quick's budget of a second
    a case (these tests check what is reported, not how fast: 4 of the 5 cases timed a second each);
    a 20x20 grid, and an 11x11 landscape after 5 epochs (41x41 after 50 took 0.3 s a test)."""
    monkeypatch.setattr(benchmark, "CASES", SMALL)
    monkeypatch.setattr(benchmark, "_median_rates", functools.partial(benchmark._median_rates, budget=0.0))
    monkeypatch.setattr(benchmark, "bench_grid", functools.partial(benchmark.bench_grid, resolution=GRID))
    monkeypatch.setattr(benchmark, "bench_landscape",
                        functools.partial(benchmark.bench_landscape, resolution=LANDSCAPE, epochs=5))


def without_torch(monkeypatch):
    """PyTorch not importable (its import is 3-4 s of CPU): for the tests of what is printed, not of torch."""
    monkeypatch.setitem(sys.modules, "torch", None)


def test_bench_json_reports_every_case_and_field(monkeypatch, capsys):
    """The plumbing, with a stand-in for the PyTorch side (importing torch and training it on five
    cases was 7.6 s of this test's CPU): the real PyTorch side is measured by the slow
    ``nnplay bench --quick --gui`` test in tests/test_cli.py, which CI runs with torch installed."""
    small_and_quick(monkeypatch)
    monkeypatch.setattr(benchmark, "_torch_epoch_fn", lambda *args: (lambda: time.sleep(0.001)))
    assert main(["bench", "--quick", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [c["case"] for c in out["cases"]] == ["A", "B", "C", "D", "D-float32"]
    for c in out["cases"]:
        engine, plain, peer = c["engine_epochs_per_s"], c["plain_numpy_epochs_per_s"], c["pytorch_epochs_per_s"]
        assert engine > 0 and plain > 0 and 0 < peer <= 1000  # (the stand-in's epoch sleeps a millisecond)
        assert c["engine_vs_plain_numpy"] == pytest.approx(engine / plain, abs=0.01, rel=0.01)
        assert c["engine_vs_pytorch"] == pytest.approx(engine / peer, abs=0.01, rel=0.01)
        installed = out["machine"]["sklearn"] is not None  # measured when installed, null otherwise
        assert (c["sklearn_epochs_per_s"] is not None) == installed
    assert out["grid"]["grid"] == f"{GRID}x{GRID}" and out["grid"]["median_ms"] > 0
    assert out["landscape"]["grid"] == f"{LANDSCAPE}x{LANDSCAPE}" and out["landscape"]["median_ms"] > 0
    assert out["landscape"]["point_by_point_ms"] > 0
    d = out["diagnostics"]  # the distributions' cost per record and its share of the training time
    assert d["distributions_record_ms"] > 0 and 0 < d["distributions_share_1000_epochs"] < 1
    assert d["records_per_1000_epochs"] == 112 and d["health_ms"] > 0 and d["lr_finder_ms"] > 0


def test_the_table_shows_each_cases_figures(monkeypatch):
    monkeypatch.setattr(benchmark, "CASES", SMALL)
    without_torch(monkeypatch)
    results = {"machine": benchmark.machine(), "cases": [benchmark.bench_case("A", budget=0.01, rounds=1)],
               "grid": {"grid": "200x200", "median_ms": 1.25},
               "landscape": {"grid": "41x41", "examples": 250, "median_ms": 123.4, "point_by_point_ms": 987.6}}
    c = results["cases"][0]
    table = benchmark.format_table(results)
    row = next(line for line in table.splitlines() if line.startswith("A "))
    assert f"{c['engine_epochs_per_s']:.1f}" in row and f"{c['plain_numpy_epochs_per_s']:.1f}" in row
    assert f"{c['engine_vs_plain_numpy']:.2f}x" in row and "1.25 ms" in table
    assert "loss landscape 41x41 on B (250 examples): 123 ms (point by point: 988 ms)" in table


def test_a_rate_follows_the_work_done():
    """An epoch that takes at least 20 ms can never be counted faster than 50 per second."""
    rate = benchmark._epochs_per_second(lambda: time.sleep(0.02), budget=0.05)
    assert 0 < rate <= 50


def test_rows_are_printed_as_they_are_measured_after_an_estimate(monkeypatch, capsys):
    small_and_quick(monkeypatch)
    without_torch(monkeypatch)
    real, seen = benchmark.bench_case, []

    def spy(*args, **kwargs):
        seen.append(capsys.readouterr().out)  # what the user has seen when a case starts
        return real(*args, **kwargs)

    monkeypatch.setattr(benchmark, "bench_case", spy)
    assert main(["bench", "--quick"]) == 0
    rest = capsys.readouterr().out
    assert "The five cases take about" in seen[0] and seen[0].rstrip().endswith("sklearn   ratio")
    assert [part.split()[0] for part in seen[1:]] == ["A", "B", "C", "D"]  # each row before the next case
    assert rest.split()[0] == "D-float32" and "decision-boundary grid" in rest
    assert "case" not in rest.split("\n", 1)[1]  # no second table at the end


def test_small_rates_keep_three_significant_digits():
    row = benchmark.case_row({"case": "D", "engine_epochs_per_s": 0.04681, "plain_numpy_epochs_per_s": 0.04,
                              "engine_vs_plain_numpy": 1.17, "pytorch_epochs_per_s": 517.04,
                              "engine_vs_pytorch": 0.0, "sklearn_epochs_per_s": 1.3, "engine_vs_sklearn": 0.04})
    assert row.split() == ["D", "0.0468", "0.0400", "1.17x", "517.0", "0.00x", "1.30", "0.04x"]  # not "0.0 0.0 1.17x"
    assert benchmark.significant(0.046812, 4) == 0.04681 and benchmark.significant(517.04, 4) == 517.0


def test_the_estimate_scales_with_the_work():
    from nnplay.bench_estimate import duration, estimate_seconds

    m = {"torch": None, "sklearn": None}
    tiny = dict(SMALL["D"], n=160, batch=16)
    quick = estimate_seconds(m, 0.05, 1, 1, tiny)
    full = estimate_seconds(m, 1.0, 3, 2, tiny)
    assert 0 < quick < full and full >= 2 * 3 * 1.0 * 1.6  # at least each side's budget, every round
    assert duration(40) == "40 s" and duration(200) == "3 min" and duration(7200) == "2.0 h"


def test_the_estimate_takes_the_fastest_of_three_mini_batches(monkeypatch):
    # The first mini-batch pays for memory and BLAS's start: timed alone it made `nnplay bench --quick`
    # announce about 7 minutes for a run of 2 (a tester's report, on a loaded machine).
    from nnplay import bench_estimate

    m = {"torch": None, "sklearn": None}
    tiny = dict(SMALL["D"], n=160, batch=16)
    seconds = iter([0.0, 3.0, 10.0, 11.0, 20.0, 22.0,  # mini-batches of 3, 1 and 2 s
                    0.0, 1.0, 5.0, 6.0, 7.0, 8.0])  # then of 1, 1 and 1 s
    monkeypatch.setattr(bench_estimate.time, "perf_counter", lambda: next(seconds))
    uneven = bench_estimate.estimate_seconds(m, 0.05, 1, 1, tiny)
    even = bench_estimate.estimate_seconds(m, 0.05, 1, 1, tiny)
    assert uneven == even


class FakeClock:
    """Seconds that pass only when a fake epoch runs: each side's epochs take the given times in turn."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def epochs(self, seconds):
        it = iter(seconds)

        def epoch():
            self.now += next(it)
        return epoch


def test_quick_rates_leave_out_the_warm_up_and_slowed_epochs():
    """--quick's engine / plain ratio: a cold first epoch and epochs slowed by
    another process must not decide it (one epoch each made case C's ratio 0.39 to 1.61)."""
    clock = FakeClock()
    sides = {"engine": clock.epochs([50.0, 1.0, 9.0, 1.0, 1.0, 7.0]),
             "plain": clock.epochs([0.5, 2.0, 2.0, 2.0, 2.0, 2.0])}
    rates = benchmark._median_rates(sides, budget=0.0, least=5, clock=clock)
    assert rates == {"engine": 1.0, "plain": 0.5}


def test_quick_rates_of_case_d_are_one_epoch_each():
    """Case D (an epoch of many seconds) is not run twice by --quick."""
    clock = FakeClock()
    sides = {"engine": clock.epochs([20.0]), "plain": clock.epochs([25.0])}  # a second epoch would raise
    rates = benchmark._median_rates(sides, budget=0.0, least=1, warm_up=False, clock=clock)
    assert rates == {"engine": 1 / 20, "plain": 1 / 25}


def test_quick_rates_run_for_the_budget():
    clock = FakeClock()
    sides = {"engine": clock.epochs([0.1] * 100), "plain": clock.epochs([0.1] * 100)}
    rates = benchmark._median_rates(sides, budget=2.0, least=3, clock=clock)
    assert rates == {"engine": pytest.approx(10.0), "plain": pytest.approx(10.0)}
    assert clock.now >= 2.0 + 0.2  # the warm-up, then at least the budget


def test_the_peers_versions_are_named_without_importing_them(monkeypatch):
    """The machine's line names PyTorch's and scikit-learn's versions from their metadata:
    `nnplay bench --soak` measures neither and imported torch for its version (2 s of CPU)."""
    want = {}
    for module, distribution in benchmark.PEERS.items():
        try:
            want[module] = importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            want[module] = None
        monkeypatch.setitem(sys.modules, module, None)  # importing it now fails
    m = benchmark.machine()
    assert {module: m[module] for module in want} == want
