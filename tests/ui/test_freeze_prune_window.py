"""Freeze, prune, dropout, schedule and clipping from the window (issue 17, items 2, 3, 5, 6)."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from nnplay.training.commands import Freeze, Prune
from tests.settle import settle

pytestmark = pytest.mark.timeout(120)


def _right_click(qtbot, d, view_point):
    pos = d.canvas.mapFromScene(d.view.mapViewToScene(view_point))
    qtbot.mouseClick(d.canvas.viewport(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, pos)
    return d.context_menu.menu


def _actions(menu):
    return {a.text(): a for a in menu.actions() if a.text()}


def _edge_middle(d, l, i, j, at: float = 0.35):
    """A point of link W[l][i+1, j+1], ``at`` of the way along it: a third, not its middle, where in the
    4, 2 network W[1][4, 1] crosses W[1][3, 2] (which one a click there picks is a pixel's rounding)."""
    line = d.edges[l - 1][i, j].line()
    return line.p1() + (line.p2() - line.p1()) * at


def test_context_menu_freezes_a_neuron_and_a_layer_draws_locks_and_training_leaves_them(window, qtbot):
    c, d = window.controller, window.diagram
    sent = []
    d.run_command.connect(sent.append)
    menu = _right_click(qtbot, d, d.nodes[1][2][1].center())  # neuron 3 of layer 1
    acts = _actions(menu)
    assert "Freeze neuron 3 of layer 1 (its weights in and bias)" in acts
    assert "Prune neuron 3 of layer 1" in acts and "Freeze layer 1 (W[1] and b[1])" in acts
    acts["Freeze neuron 3 of layer 1 (its weights in and bias)"].trigger()
    menu.close()
    assert sent == [Freeze(0, 2, None, True)]
    qtbot.waitUntil(lambda: d.marks.locked_neurons == [(1, 2)], timeout=10000)
    snap = c.last_frame.snapshot
    assert snap.frozen_b[0][2].all() and snap.frozen_W[0][2].all() and not snap.frozen_W[0][1].any()
    assert len(d.marks.locks) == 1 and d.marks.frozen_links == 2  # its two links in, violet
    pen = d.edges[0][2, 0].pen().color()
    assert (pen.red(), pen.green(), pen.blue()) == (128, 90, 200)
    before = [w.copy() for w in snap.weights], [b.copy() for b in snap.biases]
    c.step(20)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 20, timeout=10000)
    after = c.last_frame.snapshot
    np.testing.assert_array_equal(after.weights[0][2], before[0][0][2])  # bit for bit
    assert after.biases[0][2, 0] == before[1][0][2, 0]
    assert not np.array_equal(after.weights[0][1], before[0][0][1])  # the others trained
    # the same neuron's menu now offers Unfreeze; the layer's, Freeze and Unfreeze (partly frozen)
    acts = _actions(_right_click(qtbot, d, d.nodes[1][2][1].center()))
    assert "Unfreeze neuron 3 of layer 1 (its weights in and bias)" in acts
    assert "Freeze layer 1 (W[1] and b[1])" in acts and "Unfreeze layer 1 (W[1] and b[1])" in acts
    acts["Freeze layer 1 (W[1] and b[1])"].trigger()
    d.context_menu.menu.close()
    assert sent[-1] == Freeze(0, None, None, True)
    qtbot.waitUntil(lambda: len(d.marks.locked_neurons) == 4, timeout=10000)
    # a layer's title has the layer's menu
    title = d.titles[1][0]
    menu = _right_click(qtbot, d, d.view.mapSceneToView(title.sceneBoundingRect().center()))
    _actions(menu)["Unfreeze layer 1 (W[1] and b[1])"].trigger()
    menu.close()
    qtbot.waitUntil(lambda: d.marks.locks == [] and d.marks.frozen_links == 0, timeout=10000)
    assert c.last_frame.snapshot.frozen_W is None or not any(m.any() for m in c.last_frame.snapshot.frozen_W)


def test_context_menu_prunes_and_restores_a_link_and_a_neuron(window, qtbot):
    c, d = window.controller, window.diagram
    sent = []
    d.run_command.connect(sent.append)
    w = c.last_frame.snapshot.weights[0][2, 1]
    menu = _right_click(qtbot, d, _edge_middle(d, 1, 2, 1))
    acts = _actions(menu)
    assert set(acts) >= {"Freeze weight W[1][3, 2]", "Prune link W[1][3, 2]"}
    acts["Prune link W[1][3, 2]"].trigger()
    menu.close()
    assert sent == [Prune(0, 2, 1, True)]
    qtbot.waitUntil(lambda: c.last_frame.snapshot.pruned_W is not None, timeout=10000)
    assert c.last_frame.snapshot.pruned_W[0][2, 1] and c.last_frame.snapshot.pruned_W[0].sum() == 1
    line = d.edges[0][2, 1]
    assert line.isVisible() and line.pen().style() == Qt.PenStyle.DashLine  # dashed, still there to restore
    d._on_mouse(d.view.mapViewToScene(_edge_middle(d, 1, 2, 1)))
    assert "pruned: acts as 0" in d.readout.text()
    c.step(5)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 5, timeout=10000)
    assert c.last_frame.snapshot.weights[0][2, 1] == w  # its value is kept (not trained) for Restore
    menu = _right_click(qtbot, d, d.nodes[1][0][1].center())
    _actions(menu)["Prune neuron 1 of layer 1"].trigger()
    menu.close()
    qtbot.waitUntil(lambda: d.marks.greyed == [(1, 0)], timeout=10000)
    assert d.nodes[1][0][0].opacity() < 0.5
    assert all(d.edges[1][i, 0].pen().style() == Qt.PenStyle.DashLine for i in range(2))  # its links out: dead
    assert c.last_frame.snapshot.pruned_neurons[0][0]
    menu = _right_click(qtbot, d, _edge_middle(d, 1, 2, 1))
    _actions(menu)["Restore link W[1][3, 2]"].trigger()
    menu.close()
    qtbot.waitUntil(lambda: not c.last_frame.snapshot.pruned_W[0].any(), timeout=10000)
    assert line.pen().style() == Qt.PenStyle.SolidLine and c.last_frame.snapshot.weights[0][2, 1] == w
    menu = _right_click(qtbot, d, d.nodes[1][0][1].center())
    _actions(menu)["Restore neuron 1 of layer 1"].trigger()
    menu.close()
    qtbot.waitUntil(lambda: d.marks.greyed == [], timeout=10000)
    assert d.nodes[1][0][0].opacity() == 1.0
    # the output neuron cannot be pruned; the inputs have no menu
    assert not any(t.startswith("Prune") for t in _actions(_right_click(qtbot, d, d.nodes[3][0][1].center())))
    d.context_menu.menu.close()
    d.context_menu.menu = None
    assert _right_click(qtbot, d, d.nodes[0][0][1].center()) is None


def test_dropout_schedule_and_clipping_reach_the_run_live(window, qtbot):
    c, d = window.controller, window.diagram
    c.step(3)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 3, timeout=10000)
    generation = c.generation
    labels = d.activation_labels
    labels.open_menu(2, QPoint(0, 0))
    drop = labels.menu.findChild(type(labels.menu), "dropout_menu_layer_2")
    {a.text(): a for a in drop.actions()}["0.5"].trigger()
    labels.menu.close()
    qtbot.waitUntil(lambda: c.config.dropout == (0.0, 0.5), timeout=10000)
    assert "dropout=0,0.5" in c.config.to_text()
    menus = window.schedule_menus
    menus.schedule.action("cosine:500").trigger()
    menus.clip.action(1.0).trigger()
    assert c.config.schedule == "cosine:500" and c.config.clip == 1.0
    assert c.generation == generation  # live: the run was not rebuilt
    c.step(2)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 5, timeout=10000)
    assert [item.toPlainText() for item, _ in labels.items] in (["Tanh ▾", "Tanh, drop 0.5 ▾"],
                                                                ["Tanh▾", "Tanh ·0.5▾"], ["T▾", "T·▾"])  # (narrow)
    assert "drop 0.5" in labels.items[1][0].toolTip()  # the whole text, whatever the form
    # a pasted schedule that is not in the list joins it, in words
    c.apply_settings_text("schedule=step:200:0.3&clip=2.5")
    menus = window.schedule_menus
    assert menus.schedule.checked() == "step:200:0.3" and menus.clip.checked() == 2.5
    assert menus.schedule.group.checkedAction().text() == "Step decay: ×0.3 every 200 epochs"
    assert menus.clip.group.checkedAction().text() == "At norm 2.5"


def test_the_scheduled_rate_is_drawn_under_the_loss_and_clipped_epochs_on_the_norms(window, qtbot):
    c = window.controller
    strip, marks = window.curves.lr_axis, window.gradients.clip_marks
    c.step(2)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 2, timeout=10000)
    assert not strip.isVisible() and marks.x == []  # a constant rate, no clipping: nothing drawn
    assert c.change(schedule="step:2:0.5", clip=0.001)  # every step's gradient is larger than 0.001
    c.step(6)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 8, timeout=10000)
    assert settle(qtbot)  # the frame drawn
    assert strip.isVisible()
    x, y = strip.curve.getData()
    lr = dict(zip(x.astype(int), y))
    assert lr[1] == pytest.approx(0.03) and lr[8] < lr[3] < lr[1]  # halved every 2 epochs from epoch 2 on
    assert lr[8] == pytest.approx(0.03 * 0.5 ** 3)
    assert marks.x == [float(e) for e in range(3, 9)] and all(n > 0 for n in marks.counts)
    norms = c.last_frame.snapshot.grad_norm_history
    assert marks.y[-1] == pytest.approx(float(np.max(norms[-1])))  # pointing at the largest layer norm of its epoch
    drawn_x, _ = marks.item.getData()  # small marks in a strip above the curves, never on them: clipped
    assert len(drawn_x) == 6 and marks.item.opts["size"] <= 6  # every epoch had hidden layer 1's curve under a band
    assert marks.strip.isVisible()  # (tests/ui/test_clip_strip.py: where the strip is)
    c.reset()
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 0, timeout=10000)
    assert marks.x == [] and not strip.isVisible() and not marks.strip.isVisible()  # a new run starts unmarked
