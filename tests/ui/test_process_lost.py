"""The training process dies under the window (killed, out of memory): the window
says so once, keeps the user's settings and data, and the next Reset, Play, Step
or new run starts a new process (the fault: Reset said it would and did nothing;
Play showed "starting..." for ever)."""

import os
import signal

import pytest

from nnplay.ui.worker import LOST_MESSAGE

pytestmark = pytest.mark.fresh_window  # it kills the window's training process


def ignored_signals(pid) -> int:
    """The SigIgn mask of a process (bit n-1 set: signal n ignored), 0 where /proc is not there."""
    try:
        line = next(x for x in open(f"/proc/{pid}/status") if x.startswith("SigIgn:"))
    except OSError:
        return 0
    return int(line.split()[1], 16)


def kill_training(window, qtbot, sig=signal.SIGKILL):
    c = window.controller
    process = c.worker._process
    assert not ignored_signals(process.pid) & (1 << (sig - 1)), f"the training process ignores {sig!r}"
    os.kill(process.pid, sig)
    qtbot.waitUntil(lambda: c.run.lost, timeout=10_000)
    process.join(5)
    assert process.exitcode == -sig  # died of it, as of SIGKILL
    assert ("Training stopped", LOST_MESSAGE) in window.errors
    assert not c.run.is_alive()
    return process


def new_frame(window, qtbot, generation_after):
    c = window.controller
    qtbot.waitUntil(lambda: c.last_frame is not None and c.generation > generation_after
                    and c.last_frame.generation == c.generation, timeout=15_000)


@pytest.mark.parametrize("action,sig", [("reset", signal.SIGKILL), ("play", signal.SIGKILL),
                                        ("step", signal.SIGKILL), ("dataset", signal.SIGKILL),
                                        ("play", signal.SIGTERM),  # (SIGINT and SIGHUP: the same handler, slow run)
                                        pytest.param("play", signal.SIGINT, marks=pytest.mark.slow),
                                        pytest.param("play", signal.SIGHUP, marks=pytest.mark.slow)],
                         ids=["reset", "play", "step", "dataset", "play-after-SIGTERM", "play-after-SIGINT",
                              "play-after-SIGHUP"])
def test_a_killed_training_process_is_replaced_by_the_next_action(window, qtbot, action, sig):
    """A plain ``kill`` (SIGTERM, what ``pkill`` sends), SIGINT and SIGHUP end the
    training process as SIGKILL does (the fault: it ignored all three)."""
    c = window.controller
    assert c.set_learning_rate(0.1)  # a setting changed since the run was built: kept too
    c.step(3)
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 3, timeout=10_000)
    config, data, generation = c.config, c.data, c.generation
    old = kill_training(window, qtbot, sig)
    # asked while it is gone: answered at once, never started anew by a save or a check
    c.check_gradients()
    assert not c.run.is_alive() and c.run.lost
    {"reset": c.reset, "play": c.play, "step": lambda: c.step(2),
     "dataset": lambda: c.change(dataset="xor")}[action]()
    new_frame(window, qtbot, generation)
    assert c.worker._process.pid != old.pid and c.run.is_alive() and not c.run.lost
    if action != "dataset":  # the user's settings and data kept
        assert c.config == config and c.data is data and c.config.lr == 0.1
    else:
        assert c.config.dataset == "xor" and c.run_info is not None
    if action == "play":
        qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch >= 5, timeout=15_000)
        c.pause()
    elif action == "step":
        qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 2, timeout=15_000)
    else:
        assert c.last_frame.snapshot.epoch == 0
    assert not old.is_alive()


def test_the_training_process_has_a_process_group_of_its_own(window):
    """A terminal's Ctrl+C or hang-up goes to the window's process group: the window
    closes and stops its training processes; none dies of it first."""
    pid = window.controller.worker._process.pid
    assert os.getpgid(pid) == pid != os.getpgid(0)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_signal_to_the_forkserver_leaves_the_run_going_and_the_next_process_starts(window, qtbot, sig):
    """multiprocessing's forkserver ignores SIGINT (a terminal's Ctrl+C closes the window, which ends it);
    SIGTERM or SIGHUP ends it, and the run in the process it forked goes on; the next process (a
    comparison's) is forked from a new forkserver."""
    from multiprocessing import forkserver

    c = window.controller
    if c.worker.mode != "process" or forkserver._forkserver._forkserver_pid is None:
        pytest.skip("the training processes are not forked from a forkserver here")
    server = forkserver._forkserver._forkserver_pid
    c.play()
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch >= 2, timeout=15_000)
    os.kill(server, sig)
    epoch = c.last_frame.snapshot.epoch
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch > epoch + 5, timeout=15_000)  # run A goes on
    assert c.run.is_alive() and not c.run.lost
    assert not [e for e in window.errors if e[1] == LOST_MESSAGE]
    c.fork(lr=0.3)  # run B: a new training process
    qtbot.waitUntil(lambda: c.twin is not None and c.twin.last_frame is not None, timeout=30_000)
    now = forkserver._forkserver._forkserver_pid
    assert (now == server) == (sig == signal.SIGINT)
    c.pause()
