"""The learning rate on the loss plot's own right axis: the loss plot keeps its
height when the rate starts to vary (a strip under it squeezed it to ~40 px in
a 1100x680 window), and the rate's view lies exactly over the loss's."""

from __future__ import annotations

import numpy as np
import pytest

from nnplay.training import History
from nnplay.training.history import RUN_FIELDS
from nnplay.ui.loss_curves import LossCurvesView


def _history(rates):
    h = History(RUN_FIELDS)
    for epoch, lr in enumerate(rates):
        h.append(*[lr if name == "lr" else (1.0 / (epoch + 1) if "loss" in name else 0.5) for name in RUN_FIELDS])
    return h


@pytest.fixture
def view(qtbot):
    v = LossCurvesView()
    qtbot.addWidget(v)
    v.resize(330, 190)  # the Curves tab of a 1100x680 window
    v.show()
    qtbot.waitExposed(v)
    return v


def test_a_varying_rate_takes_no_height_from_the_loss_plot_and_is_drawn_on_its_right_axis(view, qtbot):
    view.history = _history([0.03] * 20)
    view.draw()
    qtbot.wait(50)
    height = view.loss_plot.height()
    assert not view.lr_axis.isVisible() and not view.lr_axis.axis.isVisible()  # a constant rate: nothing drawn
    legend = view.loss_plot.getPlotItem().legend
    assert "rate (right axis)" not in legend.names()
    rates = [0.03] * 10 + [0.015] * 10 + [0.0075] * 10
    view.history = _history(rates)
    view.draw()
    qtbot.wait(50)
    assert view.lr_axis.isVisible() and view.lr_axis.axis.isVisible()
    assert "rate (right axis)" in legend.names()  # named where the axis title may not fit
    assert view.loss_plot.height() == height  # no strip under the plot
    x, y = view.lr_axis.curve.getData()
    assert list(y) == pytest.approx(rates) and list(x) == list(range(30))
    lo, hi = view.lr_axis.view.viewRange()[1]
    assert lo == 0 and hi == pytest.approx(0.03 * 1.05)  # its own scale, on the right
    main = view.loss_plot.getPlotItem().vb
    mine, theirs = view.lr_axis.view.sceneBoundingRect(), main.sceneBoundingRect()
    for side in ("left", "top", "right", "bottom"):  # over the loss curves (to a pen's half pixel)
        assert getattr(mine, side)() == pytest.approx(getattr(theirs, side)(), abs=1.0)
    (a, b), pixel = main.viewRange()[0], (main.viewRange()[0][1] - main.viewRange()[0][0]) / theirs.width()
    assert view.lr_axis.view.viewRange()[0] == pytest.approx([a, b], abs=1.5 * pixel)  # linked on the epoch axis
    np.testing.assert_array_equal(view.curves["train_loss"].getData()[1][:3], [1.0, 0.5, 1 / 3])  # the loss as it was


def test_the_rate_axis_stays_linear_with_the_loss_on_a_log_scale(view, qtbot):
    """Log scale set the PlotItem's right axis to log too: the rate 0.021…0.03 was labelled 1.02·10⁰…1.06·10⁰."""
    from tests.ui.test_axis_labels import drawn_labels

    view.history = _history([0.03] * 10 + [0.02] * 10)
    view.draw()
    view.log_scale.setChecked(True)
    qtbot.wait(50)
    assert view.loss_plot.getPlotItem().getAxis("left").logMode  # the loss: log
    assert not view.lr_axis.axis.logMode  # the rate: as it is
    labels = [float(t) for t in drawn_labels(view.lr_axis.axis)]
    assert labels and all(0 <= v <= 0.0315 for v in labels), labels


def test_a_rate_changed_before_the_first_step_is_the_rate_of_every_epoch(view, qtbot):
    """The rate set before any step trains epoch 1 on: no "rate" line from the old rate at
    epoch 0 (a constant rate), and a later change drawn from the rate each epoch used."""
    from nnplay.training import TrainConfig, Trainer

    t = Trainer(TrainConfig(dataset="xor", hidden=(2,), lr=0.03))
    t.set_learning_rate(0.3)  # before the first step
    t.run(5)
    assert t.history.curve("lr")[1][0] == 0.03  # (the trainer's record of epoch 0: the rate before the change)
    view.history = t.history
    view.draw()
    assert not view.lr_axis.isVisible()  # every epoch trained at 0.3
    t.set_learning_rate(0.1)
    t.run(5)
    view.draw()
    x, y = view.lr_axis.curve.getOriginalDataset()
    assert view.lr_axis.isVisible() and list(y) == pytest.approx([0.3] * 6 + [0.1] * 5)
    assert view.lr_axis.view.viewRange()[1][1] == pytest.approx(0.3 * 1.05)  # topped by a rate used, not 0.03's
