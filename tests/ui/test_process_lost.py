"""The training process dies under the window (killed, out of memory): the window
says so once, keeps the user's settings and data, and the next Reset, Play, Step
or new run starts a new process (the fault: Reset said it would and did nothing;
Play showed "starting..." for ever)."""

import os
import signal

import pytest

from nnplay.ui.worker import LOST_MESSAGE

pytestmark = pytest.mark.fresh_window  # it kills the window's training process


def kill_training(window, qtbot):
    c = window.controller
    process = c.worker._process
    os.kill(process.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: c.run.lost, timeout=10_000)
    assert ("Training stopped", LOST_MESSAGE) in window.errors
    assert not c.run.is_alive()
    return process


def new_frame(window, qtbot, generation_after):
    c = window.controller
    qtbot.waitUntil(lambda: c.last_frame is not None and c.generation > generation_after
                    and c.last_frame.generation == c.generation, timeout=15_000)


@pytest.mark.parametrize("action", ["reset", "play", "step", "dataset"])
def test_a_killed_training_process_is_replaced_by_the_next_action(window, qtbot, action):
    c = window.controller
    assert c.set_learning_rate(0.1)  # a setting changed since the run was built: kept too
    c.step(3)
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 3, timeout=10_000)
    config, data, generation = c.config, c.data, c.generation
    old = kill_training(window, qtbot)
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
