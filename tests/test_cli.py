import json
import sys

import pytest

from tests.cli_run import nnplay, nnplay_process

KEYS = {"epochs", "train_loss", "test_loss", "train_accuracy", "test_accuracy", "diverged", "seconds",
        "epochs_per_second", "penalty"}


def test_train_json_prints_one_line_with_every_field():
    r = nnplay("train", "--dataset", "circle", "--epochs", "200", "--json")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 1
    out = json.loads(lines[0])
    assert KEYS <= set(out)
    assert out["epochs"] == 200 and out["diverged"] is False and out["test_accuracy"] >= 0.9
    lo, hi = out["ranges"]["train_loss"]  # over every epoch, from the bounded history
    assert lo <= out["train_loss"] <= hi and lo < hi and out["ranges"]["test_accuracy"][1] <= 1.0


def test_train_on_regression_reports_null_accuracy():
    out = json.loads(nnplay("train", "--dataset", "plane", "--epochs", "5", "--layers", "", "--json").stdout)
    assert out["train_accuracy"] is None and out["test_accuracy"] is None and out["train_loss"] is not None


def test_train_reports_the_data_loss_with_the_penalty_apart():
    """With L2 0.003 the losses are data losses; the penalty is its own field."""
    out = json.loads(nnplay("train", "--dataset", "gauss", "--l2", "0.003", "--epochs", "100", "--json").stdout)
    assert out["penalty"] > 0.01
    plain = json.loads(nnplay("train", "--dataset", "gauss", "--epochs", "0", "--json").stdout)
    assert plain["penalty"] == 0.0
    text = nnplay("train", "--dataset", "gauss", "--features", "x1,x2,x1^2,x2^2,x1x2,sin_x1,sin_x2", "--layers", "4",
                  "--l1", "0.01", "--epochs", "300").stdout
    assert "penalty" in text and "(data loss)" in text
    zeros = int(text.split("weights")[1].split()[0])
    assert zeros >= 14 and "of 32 are exactly 0" in text


def test_train_text_output():
    r = nnplay("train", "--dataset", "xor", "--layers", "8,8", "--epochs", "50", "--features", "x1,x2,x1x2")
    assert r.returncode == 0 and "accuracy" in r.stdout and "MLP([3, 8, 8, 1]" in r.stdout


def test_a_network_without_hidden_layers_is_described_without_an_empty_activation():
    """Tester, round 20: `--layers ''` printed "MLP([2, 1], activation=[], loss='bce')"."""
    from nnplay.engine.mlp import MLP

    r = nnplay("train", "--layers", "", "--epochs", "2")
    assert r.returncode == 0 and "MLP([2, 1], no hidden layer, loss='bce')" in r.stdout, r.stdout
    assert "activation=[]" not in r.stdout
    assert repr(MLP([2, 3, 1], activation="relu", loss="bce")) == "MLP([2, 3, 1], activation='relu', loss='bce')"


def test_own_csv_trains(tmp_path):
    p = tmp_path / "mine.csv"
    r = nnplay("export-data", "--dataset", "blobs-k", "--classes", "4", "--out", str(p))
    assert r.returncode == 0 and p.exists()
    out = json.loads(nnplay("train", "--data", str(p), "--layers", "8", "--optimizer", "adam", "--lr", "0.01",
                            "--epochs", "100", "--json").stdout)
    assert out["test_accuracy"] > 0.9


@pytest.mark.parametrize("args,fragment", [
    (["train", "--data", "MISSING.csv"], "MISSING.csv: cannot read: no such file"),
    (["train", "--noise", "0.9"], "noise must be between 0 and 0.5"),
    (["train", "--layers", "4,x"], "--layers: layer 2 of '4,x': hidden layer size must be a whole number from 1 to 256, got 'x'"),
    (["train", "--layers", "3,,4"], "--layers: layer 2 of '3,,4': hidden layer size must be a whole number from 1 to 256, got ''"),  # an empty size was skipped: 3,4 trained
    (["train", "--activation", "swish"], "invalid choice"),
    (["train", "--dataset", "spiral-k", "--loss", "bce"], "two classes"),
    (["train", "--lr", "nan"], "argument --lr: learning rate must be in (0, 100], got 'nan'"),
    (["train", "--epochs", "-1"], "epochs must be a whole number from 0 to"),
    (["train", "--dataset", "spiral-k", "--classes", "9"], "classes must be a whole number from 2 to 8"),
    (["train", "--seed", "-1"], "seed must be a whole number from 0 to 2147483647"),
    (["train", "--seed", "99999999999999999999999"], "seed must be a whole number from 0 to 2147483647"),
    (["--settings", "seed=3000000000", "--smoke"], "seed must be a whole number from 0 to 2147483647"),
    (["export-data", "--dataset", "blobs-k", "--classes", "1", "--out", "x.csv"], "classes must be a whole number from 2 to 8"),
])
def test_bad_input_exits_2_with_one_line_and_no_traceback(args, fragment):
    r = nnplay(*args)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and fragment in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_every_class_count_the_help_names_is_accepted():
    assert "2..8" in nnplay("train", "--help").stdout
    for k in ("2", "8"):
        out = json.loads(nnplay("train", "--dataset", "spiral-k", "--classes", k, "--epochs", "1", "--json").stdout)
        assert out["epochs"] == 1


def test_features_for_data_with_more_than_two_inputs_are_refused_not_ignored(tmp_path):
    p = tmp_path / "four.csv"
    p.write_text("a,b,c,d,label\n" + "".join(f"{i % 11},{i % 3},{i % 5},{i % 7},{i % 2}\n" for i in range(40)))
    r = nnplay("train", "--data", str(p), "--features", "x1,x2,x1x2", "--epochs", "1")
    assert r.returncode == 2 and "argument --features: applies to data with two inputs" in r.stderr and "4 input" in r.stderr
    assert nnplay("train", "--data", str(p), "--epochs", "1").returncode == 0


def test_a_diverged_loss_is_printed_in_scientific_notation():
    r = nnplay("train", "--dataset", "multigauss", "--lr", "10", "--epochs", "50")
    assert r.returncode == 3
    loss_line = next(ln for ln in r.stdout.splitlines() if ln.startswith("loss"))
    assert "·10²" in loss_line and len(loss_line) < 60, loss_line  # the one format: m·10ⁿ


def test_bad_csv_names_line_and_column(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("a,b,label\n1,2,0\n3,oops,1\n")
    r = nnplay("train", "--data", str(p))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"{p}, line 3, column 2 ('b'): 'oops' is not a number" in r.stderr


def test_divergence_exits_3():
    r = nnplay("train", "--dataset", "plane", "--activation", "linear", "--lr", "5", "--batch-size", "1",
               "--epochs", "50", "--json")
    assert r.returncode == 3
    out = json.loads(r.stdout)
    assert out["diverged"] is True and out["diverged_at"] >= 1
    assert "diverged at epoch" in r.stderr and "lower learning rate" in r.stderr


def test_datasets_lists_every_set():
    r = nnplay("datasets")
    for name in ("circle", "xor", "gauss", "spiral", "moons", "spiral-k", "blobs-k", "plane", "multigauss"):
        assert name in r.stdout


@pytest.mark.slow  # minutes under load; tests/test_benchmark.py checks the plumbing fast
@pytest.mark.timeout(900)
def test_bench_quick_json_reports_every_field():
    r = nnplay("bench", "--quick", "--gui", "--json", timeout=840)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert [c["case"] for c in out["cases"]] == ["A", "B", "C", "D", "D-float32"]
    for c in out["cases"]:
        assert c["engine_epochs_per_s"] > 0 and c["plain_numpy_epochs_per_s"] > 0
        assert c["engine_vs_plain_numpy"] > 0
        for peer in ("pytorch", "sklearn"):  # measured when installed, null otherwise
            installed = out["machine"]["torch" if peer == "pytorch" else "sklearn"] is not None
            assert (c[f"{peer}_epochs_per_s"] is not None) == installed
    assert out["grid"]["grid"] == "200x200" and out["grid"]["median_ms"] > 0
    runs = out["gui"]["runs"]
    assert [r["case"] for r in runs] == ["A", "B"]  # (--quick: without the inspector runs)
    for gui in runs:
        for key in ("first_paint_s", "live_epochs_per_s", "redraws_per_s", "latency_ms_p50", "latency_ms_p95",
                    "latency_ms_max", "peak_rss_mb", "training_peak_rss_mb", "total_peak_rss_mb",
                    "headless_epochs_per_s", "live_vs_headless"):
            assert gui[key] is not None and gui[key] >= 0, key
        assert gui["live_epochs_per_s"] > 0 and gui["redraws_per_s"] > 0
        pauses = gui["headless_stretches"]  # the headless figure, measured in the pauses around the live stretches
        assert len(pauses) == gui["stretches"] + 1 == 6 and min(pauses) > 0
        assert min(pauses) <= gui["headless_epochs_per_s"] <= max(pauses)
        assert set(gui["floors_met"]) == {"redraws_per_s", "live_vs_headless", "latency_ms_p95", "first_paint_s",
                                          "total_peak_rss_mb"}


@pytest.mark.slow  # a soak of two window processes
def test_bench_soak_reports_memory_of_both_processes_and_redraw_times():
    r = nnplay_process("bench", "--soak", "0.1", "--soak-start", "50000", "--json", timeout=300)
    assert r.returncode == 0, r.stderr
    soak = json.loads(r.stdout)["soak"]
    assert len(soak["samples"]) >= 3 and soak["samples"][-1]["epoch"] > soak["samples"][0]["epoch"] >= 50_000
    s = soak["summary"]
    for key in ("window_rss_mb_start", "window_rss_mb_end", "training_rss_mb_start", "training_rss_mb_end",
                "update_ms_mean_end", "paint_ms_end"):
        assert s[key] > 0, key
    for who in ("window", "training"):  # the heap is a part of the resident memory
        assert 0 < s[f"{who}_anon_mb_end"] < s[f"{who}_rss_mb_end"], who
    by = soak["redraw_by_epochs"]
    assert [r["epochs"] for r in by] == [1_000, 1_000_000, 10_000_000]
    assert by[1]["history_kb"] == by[2]["history_kb"] < 4096  # memory does not grow with the epochs
    assert by[2]["points_drawn"] <= by[1]["points_drawn"] * 1.1  # nor does what is drawn
    bad = nnplay("bench", "--soak", "0")
    assert bad.returncode == 2 and "positive number of minutes" in bad.stderr and "Traceback" not in bad.stderr


def test_smoke_run_opens_trains_closes_and_exits_0_without_qt_warnings():
    import os

    r = nnplay_process("--smoke", timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip() == ""  # not even the offscreen platform's size-hint notice


@pytest.mark.slow  # a window process; the fast test below gives the window the same text in this process
def test_settings_text_opens_the_window_with_them():
    import os

    from nnplay.training import TrainConfig

    text = TrainConfig(dataset="xor", hidden=(3,)).to_text()
    r = nnplay_process("--settings", text, "--smoke", timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert r.returncode == 0, r.stderr
    bad = nnplay("--settings", "hidden=x")
    assert bad.returncode == 2 and "setting 'hidden': hidden layer size must be" in bad.stderr and "Traceback" not in bad.stderr


def test_settings_text_is_the_config_the_window_opens_with_and_a_bad_one_opens_none(monkeypatch):
    """``nnplay --settings TEXT`` in this process up to the window (``ui.app.run``, which the smoke test
    above runs for real in a process of its own): it is handed the text's settings."""
    from nnplay.ui import app as ui_app
    from nnplay.training import TrainConfig

    opened = []
    monkeypatch.setattr(ui_app, "run", lambda config=None, smoke=False, lesson=None: opened.append(
        (config, smoke, lesson)) or 0)
    r = nnplay("--settings", TrainConfig(dataset="xor", hidden=(3,)).to_text(), "--smoke")
    assert r.returncode == 0 and opened == [(TrainConfig(dataset="xor", hidden=(3,)), True, None)]
    bad = nnplay("--settings", "hidden=x")
    assert bad.returncode == 2 and "setting 'hidden': hidden layer size must be" in bad.stderr and "Traceback" not in bad.stderr
    assert len(opened) == 1  # refused before any window


@pytest.mark.slow  # two window processes
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays are a Linux matter")
def test_without_a_display_the_window_is_refused_in_one_line_and_the_smoke_test_runs_offscreen():
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = nnplay_process("--settings", "hidden=2", timeout=60, env=env)
    assert r.returncode == 2 and "no display" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = nnplay_process("--smoke", timeout=120, env=env)
    assert r.returncode == 0, r.stderr[-2000:]


def test_no_display_is_only_a_unix_desktop_matter():
    from nnplay.display_check import display_problem

    assert bool(display_problem({})) == sys.platform.startswith("linux")
    assert not display_problem({"QT_QPA_PLATFORM": "offscreen"})


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays are a Linux matter")
def test_a_display_that_does_not_answer_is_named_before_qt_is_asked():
    """Tester 17: DISPLAY=:93999 nnplay aborted in Qt (exit code 134, "xcb-cursor0 is needed")."""
    from nnplay.display_check import display_problem

    said = display_problem({"DISPLAY": ":93999"})
    assert said.startswith("cannot open the X display ':93999' (DISPLAY)")
    assert "'wayland-93999' (WAYLAND_DISPLAY)" in display_problem({"WAYLAND_DISPLAY": "wayland-93999",
                                                                   "XDG_RUNTIME_DIR": "/nonexistent"})
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = nnplay_process("--settings", "hidden=2", timeout=60, env=dict(env, DISPLAY=":93999"))
    assert r.returncode == 2 and r.stderr.strip() == f"nnplay: {said}; run it on a desktop, or use the command " \
        "line: nnplay train --help"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays are a Linux matter")
def test_a_platform_chosen_by_hand_whose_display_does_not_answer_is_named_before_qt_is_asked(tmp_path):
    """``QT_QPA_PLATFORM=xcb nnplay`` with a bad DISPLAY aborted in Qt (exit 134, its message): the check
    stood aside for any platform chosen by hand. The one line and exit 2 of ``DISPLAY=:93999 nnplay``
    now, QT_QPA_PLATFORM named; ``nnplay render`` (Qt silenced: exit 134 and no word) says it in one line."""
    import os

    from nnplay.display_check import display_problem

    said = display_problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":93999"})
    assert said.startswith("QT_QPA_PLATFORM=xcb: cannot open the X display ':93999' (DISPLAY)")
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}) == "QT_QPA_PLATFORM=xcb: DISPLAY is not set"
    assert "'w-9' (WAYLAND_DISPLAY)" in display_problem({"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "w-9",
                                                         "XDG_RUNTIME_DIR": "/nonexistent"})
    for fine in ("offscreen", "minimal", "xcb;offscreen"):  # no display needed (or a fallback that needs none)
        assert display_problem({"QT_QPA_PLATFORM": fine, "DISPLAY": ":93999"}) == "", fine
    env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
    env.update(QT_QPA_PLATFORM="xcb", DISPLAY=":93999")
    r = nnplay_process("--settings", "hidden=2", timeout=60, env=env)
    assert r.returncode == 2 and r.stderr.strip() == f"nnplay: {said}; run it on a desktop, or use the command " \
        "line: nnplay train --help"
    run = tmp_path / "run.nnplay"
    assert nnplay_process("train", "--epochs", "2", "--save", run, timeout=60).returncode == 0
    r = nnplay_process("render", run, "--panel", "output", "--out", tmp_path / "o.png", timeout=60, env=env)
    assert r.returncode == 1 and r.stderr.strip() == f"nnplay render: {said}"


def test_a_reader_that_goes_away_gets_no_traceback():
    """``nnplay datasets | head -1``: the pipe closes before nnplay writes; one quiet exit, 141 (128 + SIGPIPE)."""
    import subprocess
    import sys

    p = subprocess.Popen([sys.executable, "-m", "nnplay.cli", "datasets"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    p.stdout.close()  # before the interpreter has even started
    _, err = p.communicate(timeout=120)
    assert "Traceback" not in err and "Error" not in err, err
    assert p.returncode == 141
