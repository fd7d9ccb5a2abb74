"""The command channel to a training process: one ``multiprocessing`` Pipe,
wrapped to look like the queue ``TrainingLoop`` reads from.

Why not ``multiprocessing.Queue``: its locks are named semaphores, which the
resource tracker must unlink (with a "leaked semaphore objects" warning on the
user's terminal) whenever the window's process is killed; a pipe holds no
named resource. And a pipe tells the reader when the writer has gone: once the
window's process ends, however it ends, the training process reads end-of-file
and takes it as "quit".

``CommandSender`` (the window's end) never blocks its caller: like
``multiprocessing.Queue`` it hands each command to a feeder thread, which
pickles it and writes it, however long the reader takes to read a large data
set. ``CommandReceiver`` (the training process's end) has ``get(timeout)`` and
``get_nowait()`` raising ``queue.Empty``, as ``queue.Queue`` does.
"""

from __future__ import annotations

import math
import queue
import select
import threading

from .commands import QUIT

_CLOSE = object()


class CommandSender:
    """The writing end; ``put`` queues, a feeder thread sends (after ``start``)."""

    def __init__(self, connection):
        self._connection = connection
        self._pending: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._feed, name="nnplay-command-feeder", daemon=True)
        self._closed = False

    def start(self) -> None:
        self._thread.start()

    def put(self, command) -> None:
        """Queue a command (any picklable object); ValueError once closed."""
        if self._closed:
            raise ValueError("the command pipe is closed")
        self._pending.put(command)

    def _feed(self) -> None:
        while True:
            command = self._pending.get()
            if command is _CLOSE:
                break
            try:
                self._connection.send(command)
            except (OSError, ValueError):  # the reader has gone: nothing more can be delivered
                break
        self._connection.close()

    def close(self, timeout: float | None = None) -> bool:
        """Send what is queued, then close the pipe (the reader then reads "quit").
        Waits up to ``timeout`` s for the feeder; True when it has finished."""
        self._closed = True
        if self._thread.ident is None:  # never started: nothing is being sent
            self._connection.close()
            return True
        self._pending.put(_CLOSE)
        self._thread.join(timeout)
        return not self._thread.is_alive()


class CommandReceiver:
    """The reading end, as a queue: end-of-file (the writer closed or its process
    died) reads as ``Quit()``.

    The training loop looks at its commands between stretches of training,
    hundreds of times a second while it plays. ``Connection.poll`` builds a
    selector for each look (57 us of wall time on a slow core, 13 us of CPU);
    one ``select.poll`` object registered once answers in about 2 us. Where
    there is no ``select.poll`` (Windows), ``Connection.poll`` is used."""

    def __init__(self, connection):
        self._connection = connection
        self._poller = None
        if hasattr(select, "poll"):
            try:
                self._poller = select.poll()
                self._poller.register(connection.fileno(), select.POLLIN)
            except (OSError, ValueError):  # not a file descriptor (closed)
                self._poller = None

    def _ready(self, timeout: float | None) -> bool:
        """Whether a command (or end-of-file) can be read within ``timeout`` s (None: wait for one)."""
        if self._poller is None:
            return self._connection.poll(timeout)
        return bool(self._poller.poll(None if timeout is None else max(0, math.ceil(timeout * 1000))))

    def get(self, timeout: float | None = None):
        try:
            if not self._ready(timeout):
                raise queue.Empty
            return self._connection.recv()
        except (EOFError, OSError):
            return QUIT

    def get_nowait(self):
        return self.get(0)
