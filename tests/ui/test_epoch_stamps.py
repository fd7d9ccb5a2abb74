"""Every view computed from the weights of one epoch says which (fault 9 of round 16): the landscape's
caption named its epoch, the output view, a focused neuron's output, the hidden space and the metrics
did not (an exported picture, or one shown after the run moved on, carried no epoch at all)."""

import pytest

from nnplay.ui.epoch_stamp import stamp_of
from tests.settle import settle

pytestmark = pytest.mark.timeout(120)


def test_the_output_hidden_space_focus_and_metrics_say_the_epoch_of_their_weights(window, qtbot):
    c = window.controller
    c.change(hidden=(2,))
    c.step(3)
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 3, timeout=10000)
    settle(qtbot)
    said = {"output": stamp_of(window.boundary.plot.getPlotItem().getViewBox()).text}
    window.lower_tabs.setCurrentWidget(window.hidden_space)
    qtbot.waitUntil(lambda: "epoch 3" in window.hidden_space.stamp.text, timeout=10000)  # (this epoch's frame)
    said["hidden space"] = window.hidden_space.stamp.text
    window.lower_tabs.setCurrentWidget(window.metrics)
    qtbot.waitUntil(lambda: "epoch" in window.metrics.label.text(), timeout=10000)
    said["metrics"] = window.metrics.label.text()
    c.set_view(focus=(1, 0))  # a neuron's output in the output view (hovering it in the diagram)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.focus == (1, 0), timeout=10000)
    settle(qtbot)
    said["neuron focus"] = stamp_of(window.boundary.plot.getPlotItem().getViewBox()).text + " " + window.boundary.caption.text()
    missing = {view: text for view, text in said.items() if "weights after epoch 3" not in text}
    assert missing == {}
    c.step(2)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 5, timeout=10000)
    settle(qtbot)
    assert stamp_of(window.boundary.plot.getPlotItem().getViewBox()).text == "weights after epoch 5"
    c.set_view(focus=None)
