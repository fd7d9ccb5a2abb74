"""A training process that fails before its loop runs prints one line, not a
traceback (the tester: reinstalling nnplay under a running window made
Compare's run B print "Traceback … ModuleNotFoundError: No module named
'nnplay.cli'" on the terminal)."""

from __future__ import annotations

import os
import subprocess
import sys

from nnplay.ui.worker import TRAINING_PRELOAD

FAIL = ("import nnplay.training.child_errors\n"
        "raise ModuleNotFoundError(\"No module named 'nnplay.cli'\")\n")


def _run(env_extra=None):
    env = {k: v for k, v in os.environ.items() if k != "NNPLAY_TRACEBACK"}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-c", FAIL], capture_output=True, text=True, timeout=60, env=env, check=False)


def test_a_failed_start_is_one_line_naming_the_error_and_what_to_do():
    r = _run()
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == [
        ("nnplay: a training process could not start: ModuleNotFoundError: No module named 'nnplay.cli' "
         "(if nnplay was reinstalled while it ran, close it and start it again)")]


def test_the_whole_traceback_when_asked_for():
    assert "Traceback" in _run({"NNPLAY_TRACEBACK": "1"}).stderr


def test_the_forkserver_installs_it_in_every_training_process():
    assert "nnplay.training.child_errors" in TRAINING_PRELOAD
