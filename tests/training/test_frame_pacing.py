"""The training side of a frame (issue 20): what a frame costs the training
process, and how often it sends one."""

import multiprocessing

import pytest
from threadpoolctl import threadpool_limits

from nnplay.training import loop as loop_module
from nnplay.training.blas_threads import blas_threads

pytestmark = pytest.mark.timeout(60)


def test_the_training_process_runs_its_blas_on_one_thread(monkeypatch):
    """Two BLAS threads spinning on the window's core halved case B's frame rate."""
    monkeypatch.setattr(loop_module, "exit_with_parent", lambda: None)
    monkeypatch.setattr(loop_module, "leave_quit_signals_to_the_parent", lambda: None)
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
