"""The training side of a frame (issue 20): what a frame costs the training
process, and how often it sends one."""

import itertools
import multiprocessing
import types

import pytest
from threadpoolctl import threadpool_limits

from nnplay.training import TrainConfig
from nnplay.training import loop as loop_module
from nnplay.training.blas_threads import blas_threads
from nnplay.training.commands import Build, Play, Step

from .test_training_loop import Harness

pytestmark = pytest.mark.timeout(60)


def test_the_training_process_runs_its_blas_on_one_thread(monkeypatch):
    """Two BLAS threads spinning on the window's core halved case B's frame rate."""
    monkeypatch.setattr(loop_module, "exit_with_parent", lambda: None)
    monkeypatch.setattr(loop_module, "end_on_quit_signals", lambda: None)
    limits = threadpool_limits(limits=2, user_api="blas")  # as a 2-core machine starts
    try:
        commands, window_end = multiprocessing.Pipe(duplex=False)
        received, sent = multiprocessing.Pipe(duplex=False)
        window_end.close()  # end-of-file: the loop quits at once
        loop_module.run_in_process(commands, sent)
        assert received.recv() == ("stopped",)
        assert blas_threads() == 1
    finally:
        limits.restore_original_limits()


CONFIG = TrainConfig(dataset="spiral", hidden=(6,), batch_size=10, seed=1)


def test_a_paused_full_measurement_does_not_hold_back_the_first_frame_after_play(monkeypatch):
    from nnplay.training import current_weights

    clock = itertools.count(0.0, 100.0)  # every measurement "takes" 100 s (a very large set, paused)
    monkeypatch.setattr(current_weights, "time", types.SimpleNamespace(perf_counter=lambda: next(clock)))
    h = Harness()
    try:
        h.commands.put(Build(1, CONFIG, None))
        h.next("run_started")
        h.frame()
        h.commands.put(Step(0, 1))  # one mini-batch, paused: the whole set measured at the current weights
        assert h.frame().snapshot.batch_position[0] == 1
        assert h.loop._trainer.measure_seconds == 0.0  # a paused measurement does not pace the playing frames
        h.commands.put(Play())
        assert h.frame(timeout=10).playing  # not 100 s later
    finally:
        h.stop()


def test_a_playing_frame_measures_the_same_sample_without_copying_it_again(monkeypatch):
    from nnplay.training import current_weights
    from nnplay.training.trainer import Trainer

    monkeypatch.setattr(current_weights, "SAMPLE_ROWS", 40)  # spiral's ~200 training rows count as large here
    t = Trainer(CONFIG)
    t.run(1)
    t.measure_sample = True
    train = t._measured_part(t.X_train, t.Y_train, t.y_train)
    test = t._measured_part(t.X_test, t.Y_test, t.y_test)
    assert train[0].shape[0] == 40 and test[0].shape[0] == 40
    assert t._measured_part(t.X_train, t.Y_train, t.y_train)[0] is train[0]  # kept, not gathered again
    assert t._measured_part(t.X_test, t.Y_test, t.y_test)[0] is test[0]
    X2 = t.X_train.copy()  # another part (a data change): its own sample
    again = t._measured_part(X2, t.Y_train, t.y_train)
    assert again[0] is not train[0] and (again[0] == train[0]).all()  # the same rows of the same values
