"""Every read-out says what is on screen now: after Clear of drawn points, after
a data change, after a new run (a session opened, a Reset)."""

import pytest

from nnplay.training.gradient_flow import NO_DATA_NOTE
from nnplay.ui.loss_curves import HOVER_HINT
from nnplay.ui.loss_text import NOTHING_TO_TRAIN

pytestmark = pytest.mark.timeout(120)


def _new_run(c, qtbot, before):
    qtbot.waitUntil(lambda: c.generation != before and c.last_frame is not None
                    and c.last_frame.generation == c.generation, timeout=10000)


def test_after_clear_no_old_numbers_play_says_why_and_the_heatmaps_say_why(window, qtbot):
    c = window.controller
    c.step(3)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 3, timeout=10000)
    assert "Loss: train" in window.stats["loss"].text()
    before = c.generation
    assert c.edit_data("clear")
    _new_run(c, qtbot, before)
    assert window.stats["loss"].text() == NOTHING_TO_TRAIN  # was the cleared data's "Loss: train 0.68 …"
    assert window.stats["accuracy"].text() == ""
    c.play()
    assert not c.playing
    assert window.statusBar().currentMessage() == f"Cannot train. {NOTHING_TO_TRAIN}"
    window.statusBar().clearMessage()
    c.step(1)
    assert window.statusBar().currentMessage() == f"Cannot train. {NOTHING_TO_TRAIN}"
    qtbot.waitUntil(lambda: window.gradients.notes.text() == NO_DATA_NOTE, timeout=5000)
    assert not window.gradients.notes.isHidden()
    before = c.generation
    c.edit_data("add", (0.5, 0.5), 0)  # one point drawn: the numbers are measured again
    c.edit_data("add", (-0.5, -0.5), 1)
    qtbot.waitUntil(lambda: c.generation != before and "Loss: train" in window.stats["loss"].text(), timeout=10000)


def test_the_curves_hover_readout_is_cleared_by_a_new_run(window, qtbot):
    c = window.controller
    c.step(4)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 4, timeout=10000)
    curves = window.curves
    qtbot.waitUntil(lambda: curves.loss_plot.isVisible(), timeout=5000)
    curves._on_hover((curves.loss_plot.sceneBoundingRect().center(),))
    assert "train loss" in curves.readout.text()
    before = c.generation
    c.change(hidden=(3,))  # a new run, as after a data change or a session opened
    _new_run(c, qtbot, before)
    assert curves.readout.text() == HOVER_HINT
