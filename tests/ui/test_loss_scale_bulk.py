"""A loss that starts far above where it goes (a regression loss: 0.8 at epoch 0, 0.007
after) was drawn as a flat line along the bottom of a 0…0.8 axis: the scale now fits the
bulk of the curve and says "↑ to 0.8" at the top; and a dot at epoch 0 is drawn whole
(the axis was held at 0, cutting it in half)."""

import numpy as np
import pytest

from nnplay.training import History
from nnplay.training.history import RUN_FIELDS
from nnplay.training.loop import Frame
from nnplay.ui.loss_curves import LossCurvesView


def _frame(losses, run_id=1):
    from types import SimpleNamespace

    rows = {name: (np.asarray(losses) if "loss" in name else np.full(len(losses), np.nan if "acc" in name else 0.0))
            for name in RUN_FIELDS}
    rows["lr"] = np.full(len(losses), 0.03)
    snap = SimpleNamespace(history=rows, history_base=None, history_start=0)
    return Frame(run_id, snap, False, 0.0)


@pytest.fixture
def view(qtbot):
    v = LossCurvesView()
    qtbot.addWidget(v)
    v.resize(900, 400)
    v.show()
    qtbot.waitExposed(v)
    return v


def _fed(view, losses):
    view.history = History(RUN_FIELDS)
    view._x_right = 0.0
    view.add_frame(_frame(losses))
    view.draw()


def test_a_loss_falling_two_decades_is_scaled_to_its_bulk_and_its_top_is_said(view):
    epochs = np.arange(301)
    _fed(view, 0.007 + 0.8 * np.exp(-epochs / 6.0))
    lo, hi = view.loss_range.shown
    assert hi < 0.1, (lo, hi)  # not 0…0.8: the curve fills the plot
    assert view.above.isVisible() and view.above.toPlainText() == "↑ to 0.807"


def test_a_loss_without_a_far_start_keeps_its_whole_range(view):
    epochs = np.arange(301)
    _fed(view, 0.3 + 0.39 * np.exp(-epochs / 100.0))
    lo, hi = view.loss_range.shown
    assert hi >= 0.69 and not view.above.isVisible()


def test_a_dot_at_epoch_0_is_drawn_whole(view):
    _fed(view, [0.7, 0.6, 0.5])
    left, right = view.loss_plot.getViewBox().viewRange()[0]
    assert left < 0 and right > 2  # a pad of the axis's span left of epoch 0: the dot's left half in the plot
    assert -left == pytest.approx(0.02 * 20, rel=0.05)
