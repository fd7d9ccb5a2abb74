"""Ctrl+C in a command that paints with Qt (``nnplay render``, ``render --animate``): taken at a safe point.

Python's default SIGINT handler raises KeyboardInterrupt at whatever bytecode runs when the signal comes.
While Qt paints, that is often Python code called back by Qt (a pyqtgraph item's ``paint``): pyqtgraph
catches the exception there and prints it as a warning, PySide prints it and carries on, and the
command goes on to write its whole file as if no Ctrl+C had come (tester, round 21: ~30 lines of
"RuntimeWarning: Ignored exception ... KeyboardInterrupt", then "wrote 401 frames").

Inside ``held()`` a SIGINT is only noted. It is raised as KeyboardInterrupt (which the CLI reports as
"nnplay: interrupted", exit 130) at the next ``check()`` (between frames, before a file is written),
at once inside an ``interruptible()`` block (training and reading files: NumPy and Python, no Qt), or
when ``held()`` ends. ``finished()`` says the work is done (the file is in place): a Ctrl+C after it is
too late to undo anything, and the command ends as it succeeded. No Qt here: the CLI and the
renderer share it. Only the main thread has signals; elsewhere these do nothing.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager


class _Held:
    def __init__(self):
        self.pending = False  # a SIGINT came and was not raised yet
        self.open = 0  # depth of interruptible() blocks: a SIGINT there is raised at once
        self.done = False  # finished(): later SIGINTs are too late

    def handle(self, signum, frame) -> None:
        if self.done:
            return
        if self.open:
            self.pending = False
            raise KeyboardInterrupt
        self.pending = True


_held: _Held | None = None


@contextmanager
def held():
    """SIGINT noted, not raised, while inside (see the module's text); raised on leaving if it came."""
    global _held
    if threading.current_thread() is not threading.main_thread() or _held is not None:
        yield
        return
    state = _Held()
    previous = signal.signal(signal.SIGINT, state.handle)
    _held = state
    try:
        yield
    finally:
        _held = None
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
    if state.pending and not state.done:
        raise KeyboardInterrupt


def check() -> None:
    """KeyboardInterrupt if a SIGINT came inside ``held()`` and was not raised yet."""
    if _held is not None and _held.pending and not _held.done:
        _held.pending = False
        raise KeyboardInterrupt


@contextmanager
def interruptible():
    """A block with no Qt in it (training, reading a file): a SIGINT, also one noted before, is raised at once."""
    state = _held
    if state is None:
        yield
        return
    check()
    state.open += 1
    try:
        yield
    finally:
        state.open -= 1


def finished() -> None:
    """The work is done and in place: a SIGINT from now on (or one noted and not yet raised) stops nothing."""
    if _held is not None:
        _held.done = True
