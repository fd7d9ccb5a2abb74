"""Progress of reading a CSV, and stopping it: ``load_csv(..., progress=f)``
calls ``f(fraction)`` (0..1) from the reading thread as the file is read and
parsed; ``f`` may raise ``LoadCancelled`` to stop the reading there (the
exception leaves ``load_csv`` as it is; nothing is kept).

Phases: the bytes read (READ_SHARE of the bar), the lines found, then pandas'
C parser (``ProgressBytes``: the position of each 256 kB chunk it asks for),
then the columns converted.
"""

from __future__ import annotations

import io
from collections.abc import Callable

Progress = Callable[[float], None]
READ_SHARE = 0.15  # the bar's share for reading the bytes
PARSE_FROM, PARSE_TO = 0.25, 0.9  # ... and for pandas' parsing


class LoadCancelled(Exception):
    """Raised by a progress callback to stop reading (the user pressed Cancel)."""


def report(progress: Progress | None, fraction: float) -> None:
    if progress is not None:
        progress(min(1.0, max(0.0, fraction)))


class ProgressBytes(io.RawIOBase):
    """The bytes of ``data`` from offset ``start``, for pandas' ``read_csv``,
    reporting how far its parser has read. Read through a memoryview: the body
    of a 40 MB file is not copied to skip its header."""

    def __init__(self, data: bytes, progress: Progress | None, start: int = 0):
        super().__init__()
        self._view = memoryview(data)[start:]
        self._at = 0
        self._size = max(1, len(self._view))
        self._progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), len(self._view) - self._at)
        buffer[:n] = self._view[self._at:self._at + n]
        self._at += n
        report(self._progress, PARSE_FROM + (PARSE_TO - PARSE_FROM) * self._at / self._size)
        return n
