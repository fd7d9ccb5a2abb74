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


def end_on_quit_signals() -> None:
    """In a training process: SIGTERM, SIGINT and SIGHUP end it at once, as SIGKILL
    would (the window then says the process stopped and the next Play resumes from
    the last background save), and the terminal's and the session's signals are
    left to the window. On POSIX the process leaves the window's process group
    (``os.setpgid``): a terminal's Ctrl+C or hang-up, or a ``kill`` of the group,
    reaches the window, which closes and saves as its close button does and stops
    this process itself, never a training process that died first. (It used to
    ignore the three signals, so a plain ``kill`` of it did nothing.) On Windows,
    where a console's Ctrl+C reaches every process attached to it, SIGINT stays
    ignored. This process also ends with its parent (``exit_with_parent``)."""
    if hasattr(os, "setpgid"):
        try:
            os.setpgid(0, 0)
        except OSError:  # already a group's or a session's leader
            pass
    for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGBREAK"):
        if hasattr(signal, name):
            ignored = name in ("SIGINT", "SIGBREAK") and not hasattr(os, "setpgid")
            signal.signal(getattr(signal, name), signal.SIG_IGN if ignored else signal.SIG_DFL)
