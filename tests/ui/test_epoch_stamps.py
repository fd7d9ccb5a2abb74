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


def _scene_rect(item):
    return item.mapRectToScene(item.boundingRect())


def test_the_gradient_heatmaps_and_the_diagram_say_the_epoch_of_their_weights_over_no_data(window, qtbot):
    """Round 17, fault 2: the gradient heatmaps and the network diagram, each of one epoch's weights (and
    gradients), said which nowhere. Each has a stamp in a strip above its drawing: no heatmap, layer title,
    neuron or input name under it, and it follows the frames."""
    c = window.controller
    c.step(4)
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 4, timeout=10000)
    settle(qtbot)
    g, d = window.gradients, window.diagram
    qtbot.waitUntil(lambda: g.maps.stamp.text == "dW at the weights after epoch 4", timeout=10000)
    assert d.stamp.text == "weights after epoch 4" and d.stamp.box.isVisible()
    g.quantity.setCurrentIndex(1)  # Weights W
    assert g.maps.stamp.text == "weights after epoch 4"
    g.quantity.setCurrentIndex(0)
    stamp = _scene_rect(g.maps.stamp.box)
    assert stamp.width() > 50 and stamp.top() >= 0
    covered = [m for m in g._maps if _scene_rect(m.getViewBox()).intersects(stamp)]
    covered += [t for t in g._labels if _scene_rect(t).intersects(stamp)]
    assert covered == []
    stamp = _scene_rect(d.stamp.box)
    drawn = [d.view.childGroup.mapRectToScene(rect) for col in d.nodes for _, rect in col]
    drawn += [_scene_rect(t) for t, _, _ in d.titles if t.isVisible()] + [_scene_rect(t) for t in d._labels]
    assert stamp.width() > 50 and len(drawn) > 5 and not any(r.intersects(stamp) for r in drawn)
    c.step(2)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 6, timeout=10000)
    qtbot.waitUntil(lambda: d.stamp.text == "weights after epoch 6" and "epoch 6" in g.maps.stamp.text, timeout=10000)


@pytest.mark.parametrize("panel, says", [("gradients", "dW at the weights after epoch 7"),
                                         ("network", "weights after epoch 7")])
def test_their_exports_say_it_too(qapp, tmp_path, panel, says):
    from nnplay.training import TrainConfig, Trainer
    from nnplay.training.session import Session, save_session
    from nnplay.ui.render import render_session

    t = Trainer(TrainConfig(hidden=(3,)))
    t.run(7)
    save_session(tmp_path / "r.nnplay", Session(t.config, t.data, t.state_dict()))
    render_session(tmp_path / "r.nnplay", panel, tmp_path / "p.svg", (800, 600))
    assert says in (tmp_path / "p.svg").read_text()
