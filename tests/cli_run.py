"""Run the ``nnplay`` command for a test.

``nnplay(*args)`` runs it in this interpreter: ``nnplay.cli.main`` with standard
output and error captured, argparse's exits included, so a test sees the same
exit code and the same text a user would, at a fraction of a new interpreter's
cost (each subprocess imports NumPy, pandas and Qt again: ~1 s). An exception
that escapes ``main`` fails the test, as a traceback on the terminal would be a
fault. ``nnplay_process(*args)`` is the real thing, for what needs a process of
its own (the window, signals, the environment, ``python -m nnplay.cli``)."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from dataclasses import dataclass


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def nnplay(*args, timeout: float | None = None) -> Result:
    """``nnplay ARGS`` in this process (``timeout`` is accepted for the same calls as
    ``nnplay_process`` and ignored)."""
    from nnplay.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse: --help, --version and its one-line errors
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    return Result(code, out.getvalue(), err.getvalue())


def nnplay_process(*args, timeout: float = 180, env=None) -> subprocess.CompletedProcess:
    """``python -m nnplay.cli ARGS`` in a new process."""
    return subprocess.run([sys.executable, "-m", "nnplay.cli", *map(str, args)], check=False, capture_output=True,
                          text=True, timeout=timeout, env=env)
