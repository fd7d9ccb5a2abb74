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


def _same_snapshot(got, want) -> None:
    """Every field of Snapshot ``got`` equals ``want``'s: arrays in value, dtype and shape."""
    import dataclasses

    for field in dataclasses.fields(want):
        a, b = getattr(got, field.name), getattr(want, field.name)
        for x, y in zip(*(v if isinstance(v, tuple) else v.values() if isinstance(v, dict) else (v,)
                          for v in (a, b))):
            if isinstance(y, np.ndarray):
                assert x.dtype == y.dtype and x.shape == y.shape, field.name
                np.testing.assert_array_equal(x, y, err_msg=field.name)
            else:
                assert x == y or (x != x and y != y), field.name  # (NaN losses are equal here)


def _playing_frame_of_case_b():
    from nnplay.benchmark_gui import live_config
    from nnplay.training import TrainConfig, Trainer
    from nnplay.training.live_grid import frame_request
    from nnplay.training.loop import Frame
    from nnplay.training.probes import ViewRequest

    t = Trainer(TrainConfig(**live_config("B")))
    t.run(5)
    snap = t.snapshot(frame_request(ViewRequest(quality=True, hidden_layer=1), True), 2)
    return Frame(3, snap, True, 120.0)


def test_a_frame_pickled_for_the_pipe_arrives_as_it_was_sent():
    from nnplay.training.frame_pipe import message_bytes

    frame = _playing_frame_of_case_b()
    blob = message_bytes(("frame", frame))
    assert type(blob) is bytes and blob[:2] == b"\x80\x05"  # the C pickler's own buffer (not a BytesIO's), protocol 5
    reader, writer = mp.Pipe(duplex=False)
    widen(writer)
    writer.send_bytes(blob)
    kind, got = reader.recv()  # what the window's relay thread does
    assert kind == "frame" and (got.generation, got.playing, got.epochs_per_second) == (3, True, 120.0)
    assert got.snapshot.neurons is not None and got.snapshot.grid_classes is not None  # the pictures are there
    _same_snapshot(got.snapshot, frame.snapshot)


def test_the_training_process_sends_its_frames_through_the_pipe_whole():
    """run_in_process (the training process's own send) as the window starts it: a stepped run's frame
    equals the snapshot of the same run taken here."""
    from nnplay.benchmark_gui import live_config
    from nnplay.training import TrainConfig, Trainer
    from nnplay.training.command_pipe import CommandSender
    from nnplay.training.commands import QUIT, Ack, Build, Step
    from nnplay.training.loop import run_in_process

    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    cmd_r, cmd_w = ctx.Pipe(duplex=False)
    frames_r, frames_w = ctx.Pipe(duplex=False)
    widen(frames_w)
    proc = ctx.Process(target=run_in_process, args=(cmd_r, frames_w), daemon=True)
    proc.start()
    cmd_r.close()
    frames_w.close()
    send = CommandSender(cmd_w)
    send.start()
    config = TrainConfig(**live_config("B"))
    try:
        send.put(Build(1, config, None))
        send.put(Step(3, 0))
        frames = []
        while not frames or frames[-1].snapshot.epoch < 3:
            assert frames_r.poll(30), "no frame from the training process"
            msg = frames_r.recv()
            assert msg[0] in ("run_started", "frame"), msg
            if msg[0] == "frame":
                frames.append(msg[1])
                send.put(Ack())
        send.put(QUIT)
        while (msg := frames_r.recv()) != ("stopped",):  # (a frame sent before the quit arrived may come first)
            assert msg[0] == "frame", msg
    finally:
        proc.join(10)
        if proc.is_alive():
            proc.kill()
        send.close(timeout=2)
    t = Trainer(config)
    t.run(3)
    from nnplay.training.live_grid import frame_request
    from nnplay.training.probes import ViewRequest

    want = t.snapshot(frame_request(ViewRequest(), False), 0)
    got = frames[-1].snapshot
    assert got.neurons is not None
    _same_snapshot(got, want)
