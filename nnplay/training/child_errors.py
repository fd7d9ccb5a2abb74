"""One line, not a traceback, when a training process fails before the training
loop runs (where the loop's own errors are caught and shown in the window).

A training process is forked from multiprocessing's forkserver, which first
runs the window's main module again (``spawn.prepare``): if nnplay was
reinstalled under a running window (``pip install -e .`` moves its files), that
import fails and the forkserver printed the whole traceback on the terminal
("ModuleNotFoundError: No module named 'nnplay.cli'") while the window's status
bar already said that run B could not start.

This module is imported once, in the forkserver, as one of its preloads
(``ui.worker.TRAINING_PRELOAD``); importing it installs ``one_line`` as that
process's ``sys.excepthook``, which every training process forked from it
inherits. ``NNPLAY_TRACEBACK=1`` keeps Python's whole traceback.

It also installs ``warning_log.log_warning`` as ``warnings.showwarning``: a warning a library
raises in a training process (NumPy's "overflow encountered" from a diverging run
that some code did not guard) goes to the window's error log, named by
``NNPLAY_ERROR_LOG`` (the window sets it: ``ui.errors``), never to the terminal."""

from __future__ import annotations

import os
import sys
import warnings

from ..user_text import one_line as _short
from ..warning_log import log_warning

RESTART = "if nnplay was reinstalled while it ran, close it and start it again"


def one_line(exc_type, exc, tb) -> None:
    """``sys.excepthook``: 'nnplay: a training process could not start: ModuleNotFoundError: …' on stderr."""
    if os.environ.get("NNPLAY_TRACEBACK"):
        sys.__excepthook__(exc_type, exc, tb)
        return
    why = f"{exc_type.__name__}: {exc}" if str(exc) else exc_type.__name__
    hint = f" ({RESTART})" if issubclass(exc_type, ImportError) else ""
    print(f"nnplay: a training process could not start: {_short(why)}{hint}", file=sys.stderr)


sys.excepthook = one_line
warnings.showwarning = log_warning
