"""End a child process when the process that started it is gone, however it went.

A training process is started by the window with ``multiprocessing`` (forkserver
or spawn).
If the window's process is killed (SIGKILL, a crash, the session ending) it
never sends "quit", and the child would wait for commands for ever, orphaned.
multiprocessing's resource tracker would then live on too: it ends only when
every process holding its pipe has closed it, the spawned child holds one end,
and it ignores SIGINT and SIGTERM by design.

``exit_with_parent`` starts a daemon thread that blocks on the parent's
*sentinel* (``multiprocessing.parent_process().sentinel``: on POSIX the read
end of a pipe whose write end only the parent holds, so it reads EOF the moment
the parent dies; on Windows a handle to the parent process, signalled when it
exits). It works the same on Linux, macOS and Windows and costs nothing while
the parent lives. When the parent is gone the child leaves at once with
``os._exit``: there is nobody left to report to, and a normal exit could wait
for ever on queue feeder threads writing to a reader that is gone.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading

ORPHAN_EXIT_CODE = 3


def exit_with_parent(exit_code: int = ORPHAN_EXIT_CODE) -> threading.Thread | None:
    """In a process started by ``multiprocessing``, exit with ``exit_code`` as soon
    as the parent process has ended. Returns the watching (daemon) thread, or None
    when this process was not started by multiprocessing (nothing to watch)."""
    parent = mp.parent_process()
    if parent is None or parent.sentinel is None:
        return None

    def watch():
        parent.join()  # waits on the sentinel; returns only when the parent has ended
        os._exit(exit_code)

    thread = threading.Thread(target=watch, name="nnplay-parent-watch", daemon=True)
    thread.start()
    return thread


def leave_quit_signals_to_the_parent() -> None:
    """Ignore SIGINT, SIGTERM and SIGHUP in a training process. A terminal's Ctrl+C or a
    session manager's SIGTERM goes to the whole process group: the window then closes
    and saves (it stops this process itself), but a training process that died of the
    same signal first would make the window report "training stopped" and stay open.
    This process still ends with its parent whatever happens (``exit_with_parent``)."""
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
