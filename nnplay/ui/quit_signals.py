"""Close the window properly when the process is asked to end by a signal.

SIGTERM (``kill``, a logout, a service manager), SIGINT (Ctrl+C in the terminal
that started nnplay) and SIGHUP (that terminal closed) would otherwise end the
process at once, without saving the session, or, as Python handlers go, not at
all: a Python signal handler runs only when the interpreter gets control, and
while Qt waits for events it does not. So the handler's wake-up byte is written
to a socket (``signal.set_wakeup_fd``) that a ``QSocketNotifier`` watches; Qt
wakes up, Python runs the handler, and the handler closes the window from the
event loop, as the close button would (the session is saved). A second signal
of the same kind, while closing, ends the process the default way.

Works on Linux, macOS and Windows (there only SIGINT and SIGBREAK exist;
``set_wakeup_fd`` takes a socket there too).
"""

from __future__ import annotations

import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

QUIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGBREAK")
                     if hasattr(signal, name))


class QuitOnSignals(QObject):
    """While installed, any of QUIT_SIGNALS calls ``close`` once, from Qt's event
    loop (main thread only). ``uninstall`` puts the previous handlers back."""

    def __init__(self, close, parent=None):
        super().__init__(parent)
        self._close = close
        self.received: list[int] = []  # signal numbers, in order
        self._reader, self._writer = socket.socketpair()
        for s in (self._reader, self._writer):
            s.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {sig: signal.signal(sig, self._handle) for sig in QUIT_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self, *_) -> None:
        # Python has run the handler by the time this slot runs; just empty the socket
        try:
            while self._reader.recv(64):
                pass
        except (BlockingIOError, InterruptedError, OSError):
            pass

    def _handle(self, signum, frame) -> None:
        self.received.append(signum)
        if len(self.received) == 1:
            QTimer.singleShot(0, self._close)  # from the event loop, not from inside whatever was interrupted
        else:  # asked again while closing: go now
            signal.signal(signum, signal.SIG_DFL)
            signal.raise_signal(signum)

    def uninstall(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
