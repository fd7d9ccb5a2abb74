"""A refusal of a run the window no longer asks for is not shown (the flaky "Training
stopped" dialog of the shared test window's reset, ``tests/window_pool.py``: a test
asked for a run the training process refused and ended before the refusal came; the
reset asked for a new run meanwhile, and the old refusal then stopped the new run and
came up as a dialog). The refusal of the current run is still said."""

from nnplay.training import TrainConfig, Trainer


def test_a_stale_build_refusal_is_dropped_and_a_current_one_said(window, qtbot):
    c = window.controller
    other = Trainer(TrainConfig(hidden=(3,)), c.data).state_dict()  # weights that do not fit this network
    window.errors.clear()
    refused = c.run.build(c.config, c.data, other)  # the training process refuses it...
    newest = c.run.build(c.config, c.data)  # ...after a newer run was asked for (as a reset asks)
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.generation == newest, timeout=20000)
    qtbot.wait(200)
    assert refused < newest and c.run.generation == newest
    assert [e for e in window.errors if e[0] == "Training stopped"] == []
    c.run.build(c.config, c.data, other)  # refused while current: said, the run it replaced kept
    qtbot.waitUntil(lambda: any(e[0] == "Training stopped" for e in window.errors), timeout=20000)
    assert c.run.generation == newest
