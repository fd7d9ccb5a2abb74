"""No warning reaches the terminal: the window and its training processes send
every warning (NumPy's overflow from a number some code did not guard) to the
error log (nnplay.warning_log)."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

OVERFLOW = ("import numpy as np\n"
            "np.float64(1e308) * np.float64(10.0)\n")


def _child(code: str, **env_extra) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NNPLAY_TRACEBACK", "NNPLAY_ERROR_LOG")}
    env.update(env_extra)
    return subprocess.run([sys.executable, "-W", "default", "-c", code], capture_output=True, text=True,
                          timeout=60, env=env, check=False)


def test_a_training_processs_warning_goes_to_the_log_not_the_terminal(tmp_path):
    log = tmp_path / "nnplay-errors.log"
    r = _child("import nnplay.training.child_errors\n" + OVERFLOW, NNPLAY_ERROR_LOG=str(log))
    assert r.returncode == 0 and r.stderr == ""
    text = log.read_text(encoding="utf-8")
    assert "RuntimeWarning: overflow encountered in scalar multiply" in text and "(a warning, process " in text


def test_without_a_log_a_warning_is_dropped_and_with_tracebacks_asked_for_it_is_shown(tmp_path):
    plain = _child(OVERFLOW)
    assert "RuntimeWarning" in plain.stderr  # (Python's own: the test shows the warning is there to route)
    assert _child("import nnplay.training.child_errors\n" + OVERFLOW).stderr == ""
    shown = _child("import nnplay.training.child_errors\n" + OVERFLOW, NNPLAY_TRACEBACK="1")
    assert "RuntimeWarning: overflow" in shown.stderr


def test_the_training_loop_installs_it_whatever_the_start_method():
    import inspect

    from nnplay.training import loop

    assert "warnings.showwarning = log_warning" in inspect.getsource(loop.run_in_process)


def test_the_window_sends_its_warnings_and_its_childrens_to_its_error_log(qapp, monkeypatch, tmp_path, capsys):
    from nnplay.ui import errors

    monkeypatch.setattr(errors, "log_path", lambda: tmp_path / "data" / "nnplay-errors.log")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(warnings, "showwarning", warnings.showwarning)
    monkeypatch.setenv("NNPLAY_ERROR_LOG", "")
    monkeypatch.delenv("NNPLAY_TRACEBACK", raising=False)
    errors.install_exception_hook()
    assert os.environ["NNPLAY_ERROR_LOG"] == str(tmp_path / "data" / "nnplay-errors.log")  # the children's
    assert warnings.showwarning is errors.log_warning
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn("a library's warning", UserWarning)
    assert capsys.readouterr().err == ""
    assert "UserWarning: a library's warning" in (tmp_path / "data" / "nnplay-errors.log").read_text(encoding="utf-8")
