"""How ``nnplay bench --gui`` ends when its live window fails.

The live benchmark (``nnplay.ui.live_benchmark``) runs the real window in its own
process and waits for its run to finish. An exception raised inside a Qt
callback (a slot, a timer, a paint: PySide6 reports it through
``sys.excepthook`` and carries on) left the event loop running with nothing
left to finish the run: the bench waited for its whole timeout (185 s) and then
printed the parent's traceback. ``stop_on_error`` ends the event loop at the
first such exception, keeping one line that names what failed (exception,
message, and the function, file and line it was raised in); ``failure_of``
reads the child's answer in the parent, as one line for the CLI's error
(``nnplay bench: ...``, exit code 1), never a traceback. The soak
(``nnplay bench --soak``, ``nnplay.ui.soak``) ends the same way.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import traceback

from .user_text import one_line


def what_failed(exc_type, exc, tb) -> str:
    """One line: "ZeroDivisionError: division by zero, in begin_run (live_benchmark.py:150)"."""
    where = ""
    frames = traceback.extract_tb(tb) if tb is not None else []
    if frames:
        last = frames[-1]
        where = f", in {last.name} ({os.path.basename(last.filename)}:{last.lineno})"
    return one_line(f"{exc_type.__name__}: {exc}{where}")


def stop_on_error(app, result: dict) -> None:
    """Route an uncaught exception of any Qt callback to ``result["error"]``
    (the first one, as one line) and end ``app``'s event loop with exit code 1."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
        result.setdefault("error", what_failed(exc_type, exc, tb))
        app.exit(1)

    sys.excepthook = hook


def failure_of(completed: subprocess.CompletedProcess, what: str) -> str | None:
    """Why the live benchmark's process ``completed`` (stdout: its JSON line) has no
    figures, as one line starting with ``what`` ("the live window, case A"); None when it has."""
    lines = [ln for ln in (completed.stdout or "").splitlines() if ln.startswith("{")]
    answer = None
    if lines:
        try:
            answer = json.loads(lines[-1])
        except ValueError:
            answer = None
    if isinstance(answer, dict) and answer.get("error"):
        return one_line(f"{what} failed: {answer['error']}")
    if completed.returncode == 0 and isinstance(answer, dict):
        return None
    said = [ln.strip() for ln in (completed.stderr or "").splitlines() if ln.strip()]
    last = said[-1] if said else f"exit code {completed.returncode}, no output"
    return one_line(f"{what} failed: {last}")


def exit_if_failed(result: dict, name: str) -> None:
    """In the child, after its event loop: when ``stop_on_error`` caught an error,
    print it (one JSON line on stdout for the parent, one line on stderr for a
    person) and end the process with exit code 1 at once (the half-built window
    and its training thread are not torn down: the training process ends with it)."""
    if "error" in result:
        print(json.dumps({"error": result["error"]}), flush=True)
        print(f"{name}: {result['error']}", file=sys.stderr, flush=True)
        os._exit(1)


def run_child(command: list, what: str, timeout: float, env: dict, between=None) -> dict:
    """Run a benchmark's child process ``command`` and return its last JSON line;
    RuntimeError with one line (``what`` failed: why, or did not finish in time) otherwise.

    ``between``: each time the child prints a line ``{"paused": N}`` (the live benchmark
    between its stretches, ``--segments``), call it, then answer the child on its stdin
    (``go``): the child waits, idle, meanwhile."""
    try:
        completed = completed_run(command, timeout=timeout, env=env, between=between)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"{what} did not finish within {timeout:.0f} s") from None
    failure = failure_of(completed, what)
    if failure:
        raise RuntimeError(failure)
    return json.loads([ln for ln in completed.stdout.splitlines() if ln.startswith("{")][-1])


def completed_run(command: list, *, timeout: float, env: dict, between=None) -> subprocess.CompletedProcess:
    """``subprocess.run(command, capture_output=True, text=True, ...)`` that answers the child's
    pauses (see ``run_child``; the pause lines are not in the result's stdout); TimeoutExpired
    (the child killed) after ``timeout`` seconds."""
    import threading

    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env)
    late = threading.Timer(timeout, child.kill)
    late.start()
    errors: list[str] = []
    drain = threading.Thread(target=lambda: errors.extend(child.stderr), daemon=True)
    drain.start()
    said: list[str] = []
    try:
        for line in child.stdout:
            if line.startswith('{"paused"'):
                if between is not None:
                    between()
                child.stdin.write("go\n")
                child.stdin.flush()
            else:
                said.append(line)
        child.wait()
    except OSError:  # the child gone while answered: its exit code and stderr say why
        child.wait()
    finally:
        timed_out = not late.is_alive()
        late.cancel()
        drain.join(5)
        for pipe in (child.stdin, child.stdout, child.stderr):
            with contextlib.suppress(OSError):  # (a child gone with an answer unread)
                pipe.close()
    if timed_out and child.returncode != 0:
        raise subprocess.TimeoutExpired(command, timeout)
    return subprocess.CompletedProcess(command, child.returncode, "".join(said), "".join(errors))
