"""The window's relay thread makes a playing frame's pictures (training.live_pictures) before any view
sees the frame: through the real training process, every frame reaches ``frame_ready`` with its grid
and thumbnails, and they are the pictures of that frame's own weights (those its curves and diagram
show), while playing, paused, stepped, after a reset and on a new network."""

import numpy as np

from nnplay.benchmark_gui import live_config
from nnplay.training import TrainConfig, Trainer
from nnplay.training.commands import Build, Pause, Play, Reset, Step
from nnplay.training.live_grid import LIVE_GRID, SCREEN_GRID, frame_request
from nnplay.training.probes import ViewRequest
from nnplay.ui.worker import TrainingThread


def pictures_of_its_weights(config, snap, playing):
    """The grid, classes and thumbnails a Trainer of ``config`` holding ``snap``'s weights makes itself."""
    t = Trainer(config)
    for W, b, W_sent, b_sent in zip(t.net.weights, t.net.biases, snap.weights, snap.biases):
        W[...], b[...] = W_sent, b_sent
    return t.snapshot(frame_request(ViewRequest(), playing), 0)


def assert_true_pictures(config, frame):
    snap = frame.snapshot
    assert snap.picture_job is None and snap.grid is not None and snap.neurons is not None
    want = pictures_of_its_weights(config, snap, frame.playing)
    np.testing.assert_array_equal(snap.grid, want.grid)
    np.testing.assert_array_equal(snap.grid_classes, want.grid_classes)
    assert len(snap.neurons) == len(want.neurons)
    for got, expected in zip(snap.neurons, want.neurons):
        assert got.dtype == expected.dtype and not got.flags.writeable
        np.testing.assert_array_equal(got, expected)


def test_frames_reach_the_views_with_the_pictures_of_their_own_weights(qtbot):
    worker = TrainingThread(mode="process")
    frames = []

    def take(frame):
        frames.append(frame)
        worker.frame_done()

    worker.frame_ready.connect(take)
    worker.start()
    try:
        assert worker.mode == "process"
        config = TrainConfig(**live_config("B"))

        def frames_after(command, enough):
            start = len(frames)
            worker.send(command)
            qtbot.waitUntil(lambda: enough(frames[start:]), timeout=30000)
            return frames[start:]

        frames_after(Build(1, config, None), lambda got: len(got) >= 1)
        playing = frames_after(Play(), lambda got: sum(f.playing for f in got) >= 4)
        paused = frames_after(Pause(), lambda got: any(not f.playing for f in got))[-1]
        stepped = frames_after(Step(2, 0), lambda got: bool(got) and got[-1].snapshot.epoch >= paused.snapshot.epoch + 2)
        reset = frames_after(Reset(2), lambda got: any(f.generation == 2 for f in got))[-1]
        small = TrainConfig(dataset="xor", hidden=(5, 3), activation="relu")
        other = frames_after(Build(3, small, None), lambda got: any(f.generation == 3 for f in got))[-1]
        replayed = frames_after(Play(), lambda got: sum(f.playing and f.generation == 3 for f in got) >= 2)
        worker.send(Pause())
    finally:
        assert worker.stop()
    live = [f for f in playing if f.playing]
    assert live and all(f.snapshot.grid.shape == (LIVE_GRID, LIVE_GRID) for f in live)
    for f in live:
        assert_true_pictures(config, f)
    assert paused.snapshot.grid.shape == (SCREEN_GRID, SCREEN_GRID)
    for f in (paused, stepped[-1], reset):
        assert_true_pictures(config, f)
    assert_true_pictures(small, other)
    new_live = [f for f in replayed if f.playing and f.generation == 3]
    assert new_live[-1].snapshot.grid.shape == (LIVE_GRID, LIVE_GRID)
    assert_true_pictures(small, new_live[-1])


def test_pictures_that_cannot_be_made_leave_the_frame_and_say_so_once(qtbot):
    """A frame whose pictures fail on the relay thread still reaches the views (its curves), without
    them, and the failure is said once a run in one line, not a traceback that ends the relay."""
    import dataclasses
    import pickle

    from nnplay.training.frame_pipe import message_bytes
    from nnplay.training.loop import Frame

    t = Trainer(TrainConfig(dataset="circle", hidden=(4,), batch_size=10))
    t.run(2)
    piped = t.snapshot(frame_request(ViewRequest(), True), 0, for_pipe=True)
    wrong = dataclasses.replace(piped.picture_job, sizes=(2, 5, 1))  # weights that do not fit it
    object.__setattr__(piped, "picture_job", wrong)
    blob = message_bytes(("frame", Frame(4, piped, True, 0.0)))
    worker = TrainingThread(mode="thread")
    frames, failures = [], []
    worker.frame_ready.connect(frames.append)
    worker.failed.connect(lambda generation, text: failures.append((generation, text)))
    for _ in range(2):
        worker._deliver(*pickle.loads(blob))
    assert len(frames) == 2 and all(f.snapshot.grid is None and f.snapshot.picture_job is None for f in frames)
    assert len(failures) == 1 and failures[0][0] == 4 and "\n" not in failures[0][1]
    assert failures[0][1].startswith("the output view could not be drawn: ValueError")
