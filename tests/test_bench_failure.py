"""`nnplay bench --gui` when its live window fails (nnplay/bench_failure.py): an
exception inside a Qt callback ends the live run at once with one line naming
what failed, and the bench reports that line (exit code 1: a failure at run time,
blamed on no argument), no traceback and no wait for the run's timeout."""

import json
import os
import subprocess
import sys

import pytest

from nnplay import bench_failure
from nnplay import benchmark_gui as bg
from nnplay.bench_failure import failure_of, what_failed

INJECTED = """
import sys
import nnplay.ui.app as app

def broken():
    raise ZeroDivisionError("injected into a Qt callback")

app.configure_pyqtgraph = broken  # called by the launch window's after-first-paint callback
from nnplay.ui.live_benchmark import main
sys.exit(main(sys.argv[1:]))
"""


def test_an_exception_in_a_qt_callback_ends_the_live_run_at_once_with_one_line():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", INJECTED, "0", "30"], check=False, capture_output=True, text=True,
                       env=env, timeout=120)  # (before: the event loop went on, the run never finished)
    assert r.returncode == 1, r.stderr
    answer = json.loads([ln for ln in r.stdout.splitlines() if ln.startswith("{")][-1])
    assert answer["error"].startswith("ZeroDivisionError: injected into a Qt callback, in broken (<string>:")
    assert "Traceback" not in r.stderr, r.stderr  # (the offscreen platform's own notes may come before)
    assert r.stderr.strip().splitlines()[-1] == f"live benchmark: {answer['error']}"
    assert failure_of(r, "the live window (case A)") == f"the live window (case A) failed: {answer['error']}"


def _completed(returncode, stdout="", stderr=""):
    return subprocess.CompletedProcess(["x"], returncode, stdout, stderr)


def test_the_childs_answer_is_read_as_figures_or_one_line():
    assert failure_of(_completed(0, '{"redraws_per_s": 50}\n'), "w") is None
    crash = "Traceback (most recent call last):\n  File \"x.py\", line 1\nImportError: No module named 'numpy'\n"
    assert failure_of(_completed(1, "", crash), "w") == "w failed: ImportError: No module named 'numpy'"
    assert failure_of(_completed(-9), "w") == "w failed: exit code -9, no output"
    assert failure_of(_completed(0, "not json"), "w") == "w failed: exit code 0, no output"


def test_what_failed_names_the_function_file_and_line():
    try:
        {}["missing"]
    except KeyError as exc:
        line = what_failed(type(exc), exc, exc.__traceback__)
    assert line.startswith("KeyError: 'missing', in test_what_failed_names_the_function_file_and_line "
                           "(test_bench_failure.py:") and "\n" not in line


def _bench_gui_error(run, monkeypatch, capsys) -> str:
    """`nnplay bench --gui` with ``run`` for subprocess.run: it exits 1 and says one line, no traceback."""
    from nnplay import benchmark
    from nnplay.cli import main

    monkeypatch.setattr(bench_failure.subprocess, "run", run)  # (the nnplay command's first paint)
    monkeypatch.setattr(bench_failure, "completed_run", run)  # (the live window)
    monkeypatch.setattr(benchmark, "run_benchmarks", lambda **kw: {"gui": bg.bench_gui(1.0, inspector=False)})
    assert main(["bench", "--gui"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "argument" not in err and "--help" not in err, err  # a run-time failure is no argument's fault
    return err


@pytest.mark.parametrize("outcome", ["error", "timeout"])
def test_nnplay_bench_says_it_in_one_line_with_exit_code_1(outcome, monkeypatch, capsys):
    def run(*args, **kwargs):
        if outcome == "timeout":
            raise subprocess.TimeoutExpired(args[0], kwargs["timeout"])
        return _completed(1, json.dumps({"error": "NameError: name 'x' is not defined, in begin_run (a.py:3)"}))

    monkeypatch.setattr("nnplay.first_paint.median_launch", lambda n: {"median_s": 0.3, "median_cpu_s": 0.3,
                                                                       "seconds": [0.3] * n})
    err = _bench_gui_error(run, monkeypatch, capsys)
    expected = ("did not finish within 182 s" if outcome == "timeout" else
                "failed: NameError: name 'x' is not defined, in begin_run (a.py:3)")
    assert err.startswith("nnplay bench: the live window (case A)") and expected in err, err


def test_the_soak_says_it_in_one_line_too(monkeypatch):
    from nnplay.benchmark import bench_soak

    monkeypatch.setattr(bench_failure, "completed_run", lambda *a, **k: _completed(
        1, json.dumps({"error": "ValueError: bad, in sample (soak.py:9)"})))
    with pytest.raises(RuntimeError, match=r"^the soak failed: ValueError: bad, in sample \(soak.py:9\)$"):
        bench_soak(0.1)


@pytest.mark.parametrize("outcome", ["error", "timeout"])
def test_the_nnplay_commands_start_says_it_in_one_line_too(outcome, monkeypatch, capsys):
    def run(*args, **kwargs):
        if outcome == "timeout":
            raise subprocess.TimeoutExpired(args[0], kwargs["timeout"])
        return subprocess.CompletedProcess(args[0], 1, "", "Traceback (most recent call last):\n  ...\n"
                                                         "ImportError: libEGL.so.1: cannot open shared object file")

    err = _bench_gui_error(run, monkeypatch, capsys)
    expected = ("painted no window within 120 s" if outcome == "timeout" else
                "start failed: ImportError: libEGL.so.1: cannot open shared object file")
    assert err.startswith("nnplay bench: the nnplay command") and expected in err, err


PAUSING = """
import json, sys
got = []
for n in (1, 2):
    print(json.dumps({"paused": n}), flush=True)
    got.append(sys.stdin.readline().strip())
if sys.argv[1] == "fail":
    sys.exit("RuntimeError: the window went away")
print(json.dumps({"answers": got}))
"""


def test_a_pausing_child_waits_for_each_answer_and_its_last_line_is_the_figures():
    calls = []
    out = bench_failure.run_child([sys.executable, "-c", PAUSING, "ok"], "w", 60, dict(os.environ),
                                  between=lambda: calls.append(len(calls)))
    assert calls == [0, 1] and out == {"answers": ["go", "go"]}


def test_a_pausing_child_that_fails_or_never_ends_gives_one_line():
    with pytest.raises(RuntimeError, match=r"^w failed: RuntimeError: the window went away$"):
        bench_failure.run_child([sys.executable, "-c", PAUSING, "fail"], "w", 60, dict(os.environ))
    with pytest.raises(RuntimeError, match=r"^w did not finish within 1 s$"):
        bench_failure.run_child([sys.executable, "-c", "import time; time.sleep(30)"], "w", 1, dict(os.environ))
