"""The benchmark's plumbing, fast: every case and field reported, ratios that
are the ratios of the figures, the table showing them, and a rate that follows
the work done. (The full `nnplay bench --quick --gui` run is marked slow.)"""

import json
import time

import pytest

from nnplay import benchmark
from nnplay.cli import main

SMALL = {k: dict(v, n=40, batch=min(v["batch"], 16), hidden=v["hidden"][:2]) for k, v in benchmark.CASES.items()}


def test_bench_json_reports_every_case_and_field(monkeypatch, capsys):
    monkeypatch.setattr(benchmark, "CASES", SMALL)
    assert main(["bench", "--quick", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [c["case"] for c in out["cases"]] == ["A", "B", "C", "D", "D-float32"]
    for c in out["cases"]:
        engine, plain = c["engine_epochs_per_s"], c["plain_numpy_epochs_per_s"]
        assert engine > 0 and plain > 0
        assert c["engine_vs_plain_numpy"] == pytest.approx(engine / plain, abs=0.01, rel=0.01)
        for peer in ("pytorch", "sklearn"):  # measured when installed, null otherwise
            installed = out["machine"]["torch" if peer == "pytorch" else "sklearn"] is not None
            assert (c[f"{peer}_epochs_per_s"] is not None) == installed
    assert out["grid"]["grid"] == "200x200" and out["grid"]["median_ms"] > 0
    assert out["landscape"]["grid"] == "41x41" and out["landscape"]["median_ms"] > 0
    assert out["landscape"]["point_by_point_ms"] > 0
    d = out["diagnostics"]  # the distributions' cost per record and its share of the training time
    assert d["distributions_record_ms"] > 0 and 0 < d["distributions_share_1000_epochs"] < 1
    assert d["records_per_1000_epochs"] == 112 and d["health_ms"] > 0 and d["lr_finder_ms"] > 0


def test_the_table_shows_each_cases_figures(monkeypatch):
    monkeypatch.setattr(benchmark, "CASES", SMALL)
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
