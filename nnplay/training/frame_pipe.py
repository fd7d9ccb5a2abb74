"""The pipe that carries frames from a training process to its window, wide
enough to hold a whole frame.

A frame is 50-300 kB (case A: 56 kB while playing, 183 kB paused; case B:
157-290 kB; more with the backprop inspector's trace); a Linux pipe holds 64 kB. ``Connection.send`` then writes a frame in pieces, each
waiting until the window's relay thread has read the last one, and that thread
needs the window's interpreter lock (held by the GUI thread while it draws)
after every read: the training process measured 2-4 ms of wall time per
frame blocked in ``send`` (``tests/tools/training_frame.py``), time it did
not train. A pipe of FRAME_PIPE_BYTES (Linux's ``F_SETPIPE_SZ``, up to
``/proc/sys/fs/pipe-max-size``, 1 MB by default) takes a frame in one write,
and with at most one frame in flight (``loop.TrainingLoop``) it never fills.
Elsewhere (no ``F_SETPIPE_SZ``) the pipe keeps its size and frames are sent
as before.
"""

from __future__ import annotations

from pickle import dumps  # (only dumps: the window reads with multiprocessing's Connection.recv)

FRAME_PIPE_BYTES = 1 << 20
SMALLEST = 1 << 16  # the size a Linux pipe has anyway
PICKLE_PROTOCOL = 5  # of the messages down the pipe (message_bytes)


def widen(connection, nbytes: int = FRAME_PIPE_BYTES) -> int:
    """Make the pipe under ``connection`` (a ``multiprocessing`` Connection
    over a pipe) hold ``nbytes`` bytes, or the most the system allows up to
    that (halving from ``nbytes`` down to 64 kB). Returns the pipe's capacity
    in bytes, or 0 where it cannot be set (not Linux, not a pipe, closed)."""
    try:
        import fcntl

        set_size, get_size = fcntl.F_SETPIPE_SZ, fcntl.F_GETPIPE_SZ
        fd = connection.fileno()
    except (ImportError, AttributeError, OSError, ValueError):
        return 0
    size = nbytes
    while size >= SMALLEST:
        try:
            fcntl.fcntl(fd, set_size, size)
            return fcntl.fcntl(fd, get_size)
        except PermissionError:  # above the system's pipe-max-size for this user: try half
            size //= 2
        except OSError:  # not a pipe (a socket), or closed
            return 0
    return 0


def message_bytes(message) -> bytes:
    """``message`` (a loop message: a tuple of a kind and its payload) pickled for
    the pipe, to be sent with ``Connection.send_bytes`` and read with
    ``Connection.recv``: the C pickler's own output buffer, where
    ``Connection.send`` pickles into an ``io.BytesIO`` (``ForkingPickler.dumps``),
    which grows by reallocation and took 19-38 fresh pages (minor page faults)
    per frame of case B: the loop's pickling 0.71-0.73 -> 0.44-0.46 ms of CPU a
    frame (``tests/tools/loop_frame_cost.py``). Protocol 5 (PICKLE_PROTOCOL): a Snapshot's
    few packed buffers go in as raw bytes straight from each array, and come out as
    bytes objects the arrays are views of (``packed_arrays.pickled_buffers``: one copy
    each way instead of two). (Protocol 4 was kept while a frame held some fifty
    arrays: under protocol 5 numpy rebuilds each array through a Python function, and
    the window's unpickling of a cache-cold frame took 0.34-0.46 ms against
    0.30-0.40; a frame's arrays are now in its packed buffers, bar a few small ones.)
    Messages hold no connections or other handles, the only objects
    ``ForkingPickler``'s own reducers are for."""
    return dumps(message, PICKLE_PROTOCOL)
