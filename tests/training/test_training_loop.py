"""The Qt-free training loop, driven directly through its command queue."""

import queue
import threading

import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.commands import (
    Ack,
    Build,
    Play,
    Quit,
    Request,
    Reset,
    SetSpeed,
    Step,
)
from nnplay.training.loop import TrainingLoop

pytestmark = pytest.mark.timeout(60)


class Harness:
    def __init__(self, max_speed_seconds=None):
        self.commands = queue.Queue()
        self.messages = queue.Queue()
        self.loop = TrainingLoop(self.commands, lambda *m: self.messages.put(m), max_speed_seconds)
        self.thread = threading.Thread(target=self.loop.run)
        self.thread.start()

    def send(self, cmd):
        self.commands.put(cmd)

    def next(self, kind, timeout=10):
        while True:
            m = self.messages.get(timeout=timeout)
            if m[0] == kind:
                return m

    def frame(self, timeout=10):
        f = self.next("frame", timeout)[1]
        self.send(Ack())
        return f

    def stop(self):
        self.send(Quit())
        self.thread.join(10)
        assert not self.thread.is_alive()


def test_settings_sent_before_the_first_run_are_kept():
    h = Harness()
    h.send(SetSpeed(7))
    h.send(Build(1, TrainConfig(), None))
    h.next("run_started")
    h.frame()
    h.send(Play())
    f = h.frame()
    while f.snapshot.epoch == 0:
        f = h.frame()
    assert f.snapshot.epoch % 7 == 0  # 7 epochs a frame, as asked before the run existed
    h.stop()


def test_one_frame_in_flight_and_stale_runs_are_stamped():
    h = Harness()
    h.send(Build(1, TrainConfig(), None))
    h.next("run_started")
    first = h.next("frame")[1]
    h.send(Step(3))
    with pytest.raises(queue.Empty):
        h.next("frame", timeout=0.3)  # no ack yet: nothing more is sent
    h.send(Ack())
    f = h.next("frame")[1]
    assert first.generation == f.generation == 1 and f.snapshot.epoch == 3
    h.send(Ack())
    h.send(Reset(2))
    assert h.next("run_started")[1] == 2
    f = h.frame()
    assert f.generation == 2 and f.snapshot.epoch == 0 and f.snapshot.history_start == 0
    h.stop()


def test_a_bad_rebuild_reports_and_keeps_the_old_run():
    h = Harness()
    h.send(Build(1, TrainConfig(), None))
    h.next("run_started")
    h.frame()
    h.send(Build(2, TrainConfig(dataset="spiral-k", loss="bce"), None))
    failed = h.next("failed")
    assert failed[1] == 2 and "two classes" in failed[2]
    h.send(Step(2))
    assert h.frame().generation == 1
    h.stop()


def test_a_build_failing_with_any_error_is_refused_as_that_build_not_the_run_before():
    """Tester 19: a saved state NumPy refused with a TypeError was reported under the old run's generation,
    so the window ignored it: no message, and "starting..." for ever."""
    h = Harness()
    h.send(Build(1, TrainConfig(), None))
    h.next("run_started")
    h.frame()
    t = Trainer(TrainConfig())
    state = dict(t.state_dict(), rng={"bit_generator": "PCG64", "state": "x", "has_uint32": 0, "uinteger": 0})
    h.send(Build(2, TrainConfig(), None, state))
    failed = h.next("failed")
    assert failed[1] == 2 and "cannot build this run: TypeError" in failed[2] and "\n" not in failed[2]
    h.send(Step(2))
    assert h.frame().generation == 1  # the old run goes on
    h.stop()


def test_divergence_stops_play():
    h = Harness()
    h.send(Build(1, TrainConfig(dataset="plane", activation="linear", lr=5.0, batch_size=1), None))
    h.next("run_started")
    h.frame()
    h.send(Play())
    f = h.frame()
    while f.snapshot.diverged_at is None:
        f = h.frame()
    assert not f.playing
    h.stop()


def test_a_failing_command_is_reported_and_the_loop_goes_on(monkeypatch):
    from nnplay.training import Trainer

    def broken(self, *a, **k):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(Trainer, "gradient_check", broken)
    h = Harness()
    h.send(Build(1, TrainConfig(), None))
    h.next("run_started")
    h.frame()
    h.send(Play())
    h.send(Request("gradcheck", 1))
    failed = h.next("failed")
    assert failed[1] == 1 and "ZeroDivisionError" in failed[2]
    h.send(Step(2))  # still alive: it answers the next command
    f = h.frame()
    while f.snapshot.epoch < 2:
        f = h.frame()
    assert not f.playing  # a failure stops playing
    h.stop()


def test_an_empty_data_set_plays_nothing_and_checks_nothing():
    import numpy as np

    from nnplay.data import Dataset

    h = Harness()
    empty = Dataset(np.zeros((0, 2)), np.zeros(0, int), class_names=["0", "1"], domain=((-1, 1), (-1, 1)))
    h.send(Build(1, TrainConfig(dataset="csv"), empty))
    h.next("run_started")
    h.frame()
    h.send(Request("gradcheck", 5))
    assert h.next("gradcheck")[1:] == (5, None)
    h.send(Play())
    f = h.frame()
    assert f.snapshot.epoch == 0 and not f.playing
    h.stop()


def test_a_long_epoch_is_shown_in_parts_at_max_speed():
    """An epoch longer than a frame (20,000 rows at batch 1: 10,000 steps) still
    sends frames within it, each with the epoch's progress (partial_epochs.py)."""
    import numpy as np

    from nnplay.data import Dataset, generate

    small = generate("circle")
    reps = -(-20_000 // small.X.shape[0])
    data = Dataset(X=np.tile(small.X, (reps, 1)), y=np.tile(small.y, reps), name="large")
    h = Harness()
    h.send(SetSpeed(0))
    h.send(Build(1, TrainConfig(batch_size=1, hidden=(4, 2)), data))
    h.next("run_started")
    h.frame()
    h.send(Play())
    positions = [h.frame().snapshot for _ in range(4)]
    h.stop()
    assert all(s.epoch == 0 for s in positions)  # no epoch ended yet: these frames came within the first
    done = [s.batch_position[0] for s in positions]
    assert positions[0].batch_position[1] >= 10_000 and 0 < done[-1] and done == sorted(done) and done[0] < done[-1]


def test_frames_keep_a_display_refresh_cadence_not_a_refresh_plus_the_snapshot():
    """A frame's wait counts from when the last one was due, so its snapshot's time is not added
    to every period (60 a second was at most about 50: issue 20); a frame held back (a pause, a
    late acknowledgement) starts the cadence again from itself."""
    from nnplay.training.loop import MAX_FPS, frame_anchor

    period = 1.0 / MAX_FPS
    t = 100.0
    sent = [t]
    for late in (0.003, 0.002, 0.0035, 0.001):  # each snapshot began a little after its due time
        t = frame_anchor(t, t + period + late)
        sent.append(t)
    assert sent == pytest.approx([100.0 + k * period for k in range(5)])  # 60 a second, not 1/(period + late)
    assert frame_anchor(100.0, 100.0 + 5 * period) == 100.0 + 5 * period  # held back: anew from itself
    assert frame_anchor(100.0, 100.0 + 2 * period) == 100.0 + 2 * period  # a whole period late: the same
    assert frame_anchor(100.0, 100.0 + period + 0.001, period=0.05) == 100.0 + period + 0.001  # not yet due


def test_a_frames_request_follows_every_change_of_the_view_and_of_play():
    """The request a frame is built from is made once and kept (loop._frame_view): it follows
    SetView, play and pause, and the inspector's trace on and off, never a stale one."""
    from nnplay.training.commands import Pause, SetView
    from nnplay.training.live_grid import LIVE_GRID

    h = Harness()
    h.send(Build(1, TrainConfig(dataset="circle", hidden=(3,)), None))
    h.next("run_started")
    snap = h.frame().snapshot
    assert snap.grid.shape == (100, 100) and snap.neurons is not None and snap.trace is None
    h.send(SetSpeed(1))
    h.send(Play())
    f = h.frame()
    while not f.playing:
        f = h.frame()
    assert f.snapshot.grid.shape == (LIVE_GRID, LIVE_GRID)  # playing: the live grid
    h.send(SetView({"neuron_resolution": None, "quality": True}))
    f = h.frame()
    while f.snapshot.quality is None:  # (a frame may have been under way)
        f = h.frame()
    assert f.snapshot.neurons is None and f.snapshot.grid.shape == (LIVE_GRID, LIVE_GRID)
    h.send(Pause())
    f = h.frame()
    while f.playing:
        f = h.frame()
    assert f.snapshot.grid.shape == (100, 100) and f.snapshot.neurons is None and f.snapshot.quality is not None
    h.send(SetView({"trace": True, "neuron_resolution": 24}))
    f = h.frame()
    while f.snapshot.trace is None:
        f = h.frame()
    assert f.snapshot.neurons is not None
    h.send(SetView({"trace": False, "grid_resolution": 60}))
    f = h.frame()
    while f.snapshot.trace is not None:
        f = h.frame()
    assert f.snapshot.grid.shape == (60, 60)
    h.stop()


def test_a_waiting_run_builds_its_next_epochs_steps_before_play():
    """While paused, the loop builds the next epoch's tapes a little at a time (``prepare_epoch``):
    Play on a large data set then trains at once instead of building thousands of steps first."""
    import time

    import numpy as np

    from nnplay.data import Dataset

    X = np.random.default_rng(0).normal(size=(4_000, 2))
    data = Dataset(X, (X[:, 0] > 0).astype(np.int64), "classification", "halves")
    h = Harness()
    h.send(Build(1, TrainConfig(dataset="csv", hidden=(4,), batch_size=10), data))
    h.next("run_started")
    h.frame()
    tapes = h.loop._trainer.net._epochs._tapes
    deadline = time.monotonic() + 20
    while (not tapes or None in tapes) and time.monotonic() < deadline:
        time.sleep(0.01)
        tapes = h.loop._trainer.net._epochs._tapes
    assert len(tapes) == 200 and None not in tapes  # 2,000 training rows, batches of 10, never played
    assert h.loop._trainer.epoch == 0
    h.stop()


def test_only_a_command_that_changes_the_tapes_makes_the_loop_prepare_again():
    """The loop builds the next epoch's tapes while it waits (``_prepared`` once done). An Ack (one a
    frame) or a view change leaves them as they are; a change of regularisation does not."""
    import numpy as np

    from nnplay.data import Dataset
    from nnplay.training.commands import SetRegularization, SetView

    X = np.random.default_rng(0).normal(size=(400, 2))
    data = Dataset(X, (X[:, 0] > 0).astype(np.int64), "classification", "halves")
    loop = TrainingLoop(queue.Queue(), lambda *m: None)
    loop._apply(Build(1, TrainConfig(dataset="csv", hidden=(4,), batch_size=10), data))
    while not loop._prepared:
        loop._step()
    for cmd in (Ack(), SetView({"grid_resolution": 60}), SetSpeed(3), Ack()):
        loop._apply(cmd)
        assert loop._prepared, cmd
    loop._apply(SetRegularization(0.001, 0.0))
    assert not loop._prepared
    while not loop._prepared:
        loop._step()
    assert None not in loop._trainer.net._epochs._tapes
