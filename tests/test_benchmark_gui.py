"""`nnplay bench --gui` / `--large` plumbing, fast: the table puts every run's
figures beside their floors and says which are missed; the large CSV is what
it says. (The real runs: tests/test_cli.py's slow bench test.)"""

import sys

import pandas as pd
import pytest

from nnplay import benchmark_gui as bg


def _run(case, redraws, live, p95, paint, mb):
    run = dict(case=case, redraws_per_s=redraws, live_epochs_per_s=900.0 * live, headless_epochs_per_s=900.0,
               live_vs_headless=live, latency_ms_p95=p95, latency_ms_max=p95 + 5, first_paint_s=paint,
               total_peak_rss_mb=mb, peak_rss_mb=mb - 40, training_peak_rss_mb=40.0)
    run["floors_met"] = {k: bg.meets(k, run[k]) for k in bg.FLOORS}
    return run


def test_the_table_marks_each_figure_against_its_floor():
    good, slow = _run("A", 60.2, 0.95, 20.0, 0.41, 180.0), _run("B", 31.5, 0.80, 48.0, 0.71, 420.0)
    assert all(good["floors_met"].values()) and not any(slow["floors_met"].values())
    large = dict(_run("A + CSV 100,000 rows", 58.0, 0.91, 30.0, 0.45, 350.0), load_s=0.62)
    lines = bg.format_gui({"runs": [good, slow], "large": large, "load_average": 3.5})
    row_a = next(ln for ln in lines if ln.startswith("A "))
    row_b = next(ln for ln in lines if ln.startswith("B "))
    assert "60.2 ok" in row_a and "95.0% ok" in row_a and "20.0 ok" in row_a and "0.41 ok" in row_a
    assert "31.5 LOW" in row_b and "80.0% LOW" in row_b and "48.0 HIGH" in row_b and "0.71 HIGH" in row_b
    assert "420 HIGH" in row_b and "load average 3.5" in lines[0]
    assert any("loaded in 0.62 s" in ln for ln in lines)


def test_the_large_csv_has_100000_rows_of_4_columns(tmp_path):
    path = bg.write_large_csv(tmp_path / "large.csv", rows=2000)
    frame = pd.read_csv(path)
    assert list(frame.columns) == ["x1", "x2", "x3", "label"] and len(frame) == 2000
    assert set(frame["label"]) == {0, 1} and 0.2 < frame["label"].mean() < 0.8
    assert bg.LARGE_ROWS == 100_000


def test_the_table_gives_the_slowest_and_fastest_headless_pause_of_each_run():
    a, b = _run("A", 58.0, 0.95, 9.0, 0.3, 180.0), _run("B + inspector, distributions", 56.0, 0.91, 12.0, 0.3, 216.0)
    a["headless_stretches"], b["headless_stretches"] = [900.0, 1100.0, 700.0], [450.5, 350.25]
    line = next(ln for ln in bg.format_gui({"runs": [a, b], "load_average": 1.0}) if "pauses around" in ln)
    assert "A 700-1100" in line and "B + insp. 350.2-450.5" in line
    assert f"{bg.SEGMENTS + 1} pauses around {bg.SEGMENTS} live stretches" in line


def test_a_live_run_measures_the_headless_trainer_in_each_pause_and_divides_by_all_of_them(monkeypatch):
    rates, measured = iter([800.0, 400.0, 600.0, 600.0, 500.0, 700.0]), []

    class Headless(bg.Headless):
        def __init__(self, config, data=None):
            self.epochs, self.seconds, self.stretches = 0, 0.0, []

        def measure(self, seconds):
            rate = next(rates)
            measured.append(seconds)
            self.epochs, self.seconds = self.epochs + rate * seconds, self.seconds + seconds
            self.stretches.append(rate)

    def child(cmd, what, timeout, env, between):
        assert cmd[cmd.index("--segments") + 1] == str(bg.SEGMENTS) and float(cmd[4]) == 5.0
        for _ in range(bg.SEGMENTS + 1):  # before, between and after the live stretches
            between()
        return {"live_epochs_per_s": 540.0}

    monkeypatch.setattr(bg, "Headless", Headless)
    monkeypatch.setattr("nnplay.bench_failure.run_child", child)
    out = bg.live_run(5.0, "B")
    assert measured == [0.5] * 6 and out["headless_stretches"] == [800.0, 400.0, 600.0, 600.0, 500.0, 700.0]
    assert out["headless_epochs_per_s"] == 600.0 and out["live_vs_headless"] == 0.9


def test_a_share_just_under_the_floor_is_not_rounded_up_to_it():
    run = _run("A", 60.0, 0.899, 3.0, 0.2, 180.0)  # (1,144 / 1,272 epochs/s: 89.94%)
    row = next(ln for ln in bg.format_gui({"runs": [run], "load_average": 1.0}) if ln.startswith("A "))
    assert "89.9% LOW" in row and not bg.meets("live_vs_headless", 0.899)


def test_the_table_gives_the_nnplay_commands_own_first_paint_against_its_floor():
    a = _run("A", 58.0, 0.95, 9.0, 0.3, 180.0)
    for median, mark in ((0.31, "0.31 s ok"), (0.74, "0.74 s HIGH")):
        gui = {"runs": [a], "load_average": 1.0,
               "command_first_paint": {"median_s": median, "median_cpu_s": 0.29, "seconds": [median, 0.3, 0.9]}}
        line = next(ln for ln in bg.format_gui(gui) if "the nnplay command" in ln)
        assert mark in line and "0.30, 0.90" in line and "CPU 0.29 s" in line


def test_the_table_gives_each_runs_cpu_shares_and_the_training_processs_wait_for_a_cpu():
    a, b = _run("A", 58.0, 0.95, 9.0, 0.3, 180.0), _run("B + inspector, distributions", 56.0, 0.85, 12.0, 0.3, 216.0)
    a.update(window_cpu_share=0.461, training_cpu_share=0.982, training_wait_share=0.013)
    b.update(window_cpu_share=0.702, training_cpu_share=0.871, training_wait_share=0.124)
    line = next(ln for ln in bg.format_gui({"runs": [a, b], "load_average": 1.0}) if "waiting for a CPU" in ln)
    assert "A 0.46 / 0.98 / 0.01" in line and "B + insp. 0.70 / 0.87 / 0.12" in line
    del b["training_wait_share"]  # (a run without the figure, not on Linux: left out, not a crash)
    line = next(ln for ln in bg.format_gui({"runs": [a, b], "load_average": 1.0}) if "waiting for a CPU" in ln)
    assert "B + insp." not in line


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/PID/task/TID/schedstat is Linux's")
def test_run_queue_seconds_reads_this_process_and_none_for_a_process_gone():
    from nnplay.ui.live_benchmark import run_queue_seconds

    waited = run_queue_seconds()
    assert isinstance(waited, float) and waited >= 0.0
    assert run_queue_seconds(2**22 + 7) is None  # above the kernel's largest pid
