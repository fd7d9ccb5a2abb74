"""Nothing disappears without a word: an all-zero gradient names its cause
(a dead layer, a zero loss), and exact zeros on log axes are drawn on a floor
marked "0" instead of leaving the curve (or the whole plot) blank."""

import math
from types import SimpleNamespace

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.gradient_flow import zero_gradient_notes

pytestmark = pytest.mark.timeout(120)


def _notes(t):
    t._full_batch_gradients()
    return zero_gradient_notes(t.net, t.X_train, t.Y_train, t.net.dW)


def test_a_dead_relu_layer_is_named_and_every_zero_gradient_explained():
    t = Trainer(TrainConfig(hidden=(8, 8), activation="relu"))
    t.net.biases[1][...] = -1e6  # every Z of layer 2 is negative: its ReLUs output 0 everywhere
    assert _notes(t) == (
        "layer 2: all 8 ReLUs output 0 for every example — dead",
        "dW[1], dW[2] = 0: no error passes back through dead layer 2",
        "dW[3] = 0: its input, layer 2, is 0 for every example",
    )


def test_saturated_tanh_units_are_dead_too():
    t = Trainer(TrainConfig(hidden=(4,), activation="tanh"))
    t.net.biases[0][...] = 1e3  # tanh(1000) is exactly 1: slope 1 - a^2 = 0
    t.net.weights[0][...] = 0.0
    notes = _notes(t)
    assert notes[0] == "layer 1: all 4 tanh units have slope g'(Z) = 0 for every example — dead"
    assert notes[1] == "dW[1] = 0: no error passes back through dead layer 1"  # (dW[2] is not 0: A[1] = 1)
    assert len(notes) == 2


def test_a_zero_loss_is_said_to_stop_every_gradient():
    t = Trainer(TrainConfig.from_text("dataset=gauss&hidden=16,16,16,16&activation=leaky_relu&lr=10"))
    t.run(10)
    assert t.metrics()["train_loss"] == 0.0
    notes = t.snapshot(grid_resolution=None).gradient_notes
    assert notes[0].startswith("output: A[L] equals the targets exactly")
    assert notes[1:] == ("dW[1], dW[2], dW[3], dW[4], dW[5] = 0: the output error is 0",)


def test_the_issue_case_multigauss_relu_adam_lr_10():
    t = Trainer(TrainConfig(dataset="multigauss", hidden=(8, 8, 8), activation="relu", optimizer="adam", lr=10))
    t.run(3)
    s = t.snapshot(grid_resolution=None)
    zero = [l for l, d in enumerate(s.dW, start=1) if not np.any(d)]
    assert zero and any(n.endswith("— dead") for n in s.gradient_notes)
    named = ", ".join(n.split(" = 0")[0] for n in s.gradient_notes if n.startswith("dW["))
    assert sorted(named.split(", ")) == sorted(f"dW[{l}]" for l in zero)  # each zero dW explained, once


def test_a_healthy_network_has_no_notes():
    t = Trainer(TrainConfig())
    t.run(2)
    assert t.snapshot(grid_resolution=None).gradient_notes == ()


def _tick_labels(axis, lo, hi):
    return {v: s for spacing, values in axis.tickValues(lo, hi, 300)
            for v, s in zip(values, axis.tickStrings(values, 1.0, spacing))}


def test_gradient_view_labels_dead_layers_and_draws_zero_norms_on_the_floor(qtbot):
    from nnplay.ui.gradients import GradientView

    t = Trainer(TrainConfig(dataset="multigauss", hidden=(8, 8, 8), activation="relu", optimizer="adam", lr=10))
    view = GradientView()
    qtbot.addWidget(view)
    view.set_run(t.run_info())
    t.run(3)
    view.set_frame(SimpleNamespace(snapshot=t.snapshot(grid_resolution=None)))
    snap = t.snapshot(grid_resolution=None)
    zero = [l for l, d in enumerate(snap.dW, start=1) if not np.any(d)]
    for l, label in enumerate(view._labels, start=1):
        assert ("dW = 0" in label.text) == (l in zero)
    assert not view.notes.isHidden() and "dead" in view.notes.text()
    floor = view.norm_floor.floor
    assert floor is not None
    for l, curve in enumerate(view._norm_curves, start=1):
        x, y = curve.getData()
        assert len(y) and np.all(np.isfinite(y))  # (the curve went blank here: zeros were NaN)
        if l in zero:
            assert np.isclose(y[-1], math.log10(floor))  # the latest epoch's 0 (the view is in log10 units)
    labels = _tick_labels(view.norm_floor.axis, math.log10(floor) - 0.5, math.log10(floor) + 3)
    assert labels[math.log10(floor)] == "0"
    assert all(s == "" for v, s in labels.items() if v < math.log10(floor))
    between = {round(10 ** (v % 1), 6) for v, s in labels.items() if s and v != math.log10(floor)}
    assert between <= {1.0, 2.0, 5.0}  # only 1, 2, 5 times a power of ten: the labels do not overlap


def test_a_zero_loss_on_the_log_axis_is_drawn_and_said(qtbot):
    from nnplay.ui.loss_curves import LossCurvesView

    t = Trainer(TrainConfig.from_text("dataset=gauss&hidden=16,16,16,16&activation=leaky_relu&lr=10"))
    view = LossCurvesView()
    qtbot.addWidget(view)
    view.set_run(t.run_info())
    t.run(10)
    view.add_frame(SimpleNamespace(snapshot=t.snapshot(grid_resolution=None)))
    assert "Train and test loss are exactly 0 at epoch 10" in view.zero_note.text()
    assert view.loss_floor.floor is None  # linear axis: 0 is just 0
    view.log_scale.setChecked(True)
    floor = view.loss_floor.floor
    positive = t.history.column("train_loss")[t.history.column("train_loss") > 0]
    assert floor is not None and floor < positive.min() and "floor marked 0" in view.zero_note.text()
    x, y = view.curves["train_loss"].getData()
    assert np.all(np.isfinite(y)) and np.isclose(y[-1], math.log10(floor))
    assert _tick_labels(view.loss_floor.axis, math.log10(floor) - 0.3, 2)[math.log10(floor)] == "0"
    view.log_scale.setChecked(False)
    assert view.loss_floor.floor is None and np.isclose(view.curves["train_loss"].getData()[1][-1], 0.0)
