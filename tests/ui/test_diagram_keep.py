"""A new run of the same drawing keeps the network diagram's items (``diagram_keep``): none made,
none left over, each set back to a new drawing's state, and the drawing the same to the pixel
as one built anew; a new shape builds a new drawing."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtWidgets import QGraphicsPathItem

from nnplay.training import TrainConfig, Trainer
from nnplay.ui.network_diagram import NetworkDiagram

SIZES = [(4, 3), (3, 60)]  # a small network, and one with a "more" node and summary links


def trainer(hidden, **kw) -> Trainer:
    return Trainer(TrainConfig(dataset="circle", hidden=hidden, activation="tanh", **kw))


def frame_of(t: Trainer):
    return SimpleNamespace(snapshot=t.snapshot(grid_resolution=None, neuron_resolution=6))


def marked(snap):
    """``snap`` with a link and a neuron's bias frozen, a neuron pruned and a neuron's output undefined."""
    fW = [np.zeros(W.shape, bool) for W in snap.weights]
    fW[1][0, 0] = True
    fb = [np.zeros(len(b), bool) for b in snap.biases]
    fb[0][0] = True
    pruned = [np.zeros(len(b), bool) for b in snap.biases[:-1]]
    pruned[0][1] = True
    neurons = [np.array(a, float) for a in snap.neurons]
    neurons[1][0, 0, 2] = np.nan
    return dataclasses.replace(snap, frozen_W=fW, frozen_b=fb, pruned_neurons=pruned, neurons=neurons)


@pytest.fixture
def diagram(qtbot):
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.resize(520, 640)  # (tall: a wide layer drawn MAX_SHOWN rows, whatever a line shown under it takes)
    d.show()
    qtbot.waitExposed(d)
    return d


def picture(qtbot, d) -> bytes:
    qtbot.wait(1)  # (the layout's posted events)
    image = d.grab().toImage()
    return bytes(image.constBits())


@pytest.mark.parametrize("hidden", SIZES)
def test_a_new_run_of_the_same_shape_keeps_the_items_and_draws_the_same_pixels(qtbot, diagram, hidden):
    d = diagram
    first = trainer(hidden, seed=1)
    for _ in range(2):  # (the second in the room the first left: a wide layer's rows follow the canvas's height)
        d.set_run(first.run_info())
    last = frame_of(first)
    d.set_frame(SimpleNamespace(snapshot=marked(last.snapshot)))
    assert d.marks.locks and d.marks.greyed and d.hatched.any() and d.links.own_pens  # (the marks to clear)
    if hidden == SIZES[1]:
        assert any(d.bounds.more) and any(d.bounds.links)
    d._set_hover(("node", 1, 0))
    items, locks, built = set(d.view.addedItems), set(d.marks.locks), d.drawings_built
    second = trainer(hidden, seed=2)
    d.set_run(second.run_info())
    assert d.drawings_built == built and set(d.view.addedItems) == items - locks
    assert not any(isinstance(i, QGraphicsPathItem) for i in d.view.addedItems)  # no lock left
    assert not d.hatched.any() and not any(h.isVisible() for h in d._hatches)
    assert (d.atlas.rgba == 0).all() and (d.atlas.opacities == 1.0).all()
    assert (d.links.keys == -1).all() and not d.links.own_pens and not d.links.groups
    assert d.weights is None and d.canvas.toolTip() == d._canvas_tip
    d.set_frame(frame_of(second))
    kept = picture(qtbot, d)
    d.drawn_shape = None  # the same run drawn in new items
    d.set_run(second.run_info())
    assert d.drawings_built == built + 1 and d.atlas not in items and d.links not in items
    d.set_frame(frame_of(second))
    assert picture(qtbot, d) == kept


def test_a_new_shape_or_new_inputs_build_a_new_drawing_and_new_labels_lay_it_out(qtbot, diagram):
    d = diagram
    d.set_run(trainer((4, 3)).run_info())
    built, fits = d.drawings_built, d.fits
    d.set_run(trainer((4, 3), seed=5).run_info())
    assert (d.drawings_built, d.fits) == (built, fits)  # the same drawing in the same room: not laid out again
    d.set_run(Trainer(TrainConfig(dataset="circle", hidden=(4, 3), activation="relu")).run_info())
    assert d.drawings_built == built and d.fits == fits + 1
    assert [a[0].toPlainText() for a in d.activation_labels.items] == ["ReLU ▾"] * 2
    d.set_run(trainer((4, 4)).run_info())  # a width changed
    assert d.drawings_built == built + 1
    d.set_run(trainer((4, 4), features=("x1", "x2", "x1x2")).run_info())  # other inputs
    assert d.drawings_built == built + 2
