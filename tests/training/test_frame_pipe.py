"""The frame pipe (nnplay/training/frame_pipe.py): a whole frame goes down it in
one write, so the training process never waits for the window's relay thread."""

import multiprocessing as mp
import pickle
import sys
import threading

import numpy as np
import pytest

from nnplay.training.frame_pipe import FRAME_PIPE_BYTES, widen

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_SETPIPE_SZ is Linux's")


def pipe_capacity(connection) -> int:
    import fcntl

    return fcntl.fcntl(connection.fileno(), fcntl.F_GETPIPE_SZ)


def sent_without_a_reader(writer, payload) -> bool:
    """Whether ``writer.send(payload)`` returns while nobody reads the other end."""
    done = threading.Event()

    def send():
        writer.send(payload)
        done.set()

    threading.Thread(target=send, daemon=True).start()
    return done.wait(10)


@linux
def test_a_frame_larger_than_a_plain_pipe_is_sent_while_nobody_reads():
    frame = {"grid": np.zeros((200, 200), np.float32), "neurons": np.zeros((24, 24, 200), np.float32)}  # ~620 kB
    assert len(pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)) > 4 * 65536
    reader, writer = mp.Pipe(duplex=False)
    assert widen(writer) >= FRAME_PIPE_BYTES
    assert pipe_capacity(reader) >= FRAME_PIPE_BYTES  # one pipe: both ends see it
    assert sent_without_a_reader(writer, frame)
    assert np.array_equal(reader.recv()["neurons"], frame["neurons"])
    reader.close(), writer.close()


@linux
def test_a_plain_pipe_would_have_made_the_sender_wait():
    """The same send blocks on the pipe as it was (the fault the widening removes); the reader then frees it."""
    reader, writer = mp.Pipe(duplex=False)
    frame = np.zeros(4 * 65536 // 4, np.float32)
    done = threading.Event()
    threading.Thread(target=lambda: (writer.send(frame), done.set()), daemon=True).start()
    assert not done.wait(0.5)  # stuck in write(): 64 kB taken, the rest waits for a reader
    assert np.array_equal(reader.recv(), frame)
    assert done.wait(10)
    reader.close(), writer.close()


def test_what_cannot_be_widened_reports_zero():
    reader, writer = mp.Pipe(duplex=False)
    writer.close()
    assert widen(writer) == 0  # closed: fileno() raises OSError
    reader.close()


@linux
def test_the_windows_frame_pipe_is_widened(qapp):
    from nnplay.ui.worker import TrainingThread

    worker = TrainingThread(mode="process")
    try:
        assert worker.mode == "process"
        assert pipe_capacity(worker._receiver) >= FRAME_PIPE_BYTES
    finally:
        assert worker.stop(2000)
