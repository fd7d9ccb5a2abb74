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


def _fed(view, losses, test=None):
    view.history = History(RUN_FIELDS)
    view._x_right = 0.0
    frame = _frame(losses)
    if test is not None:
        frame.snapshot.history["test_loss"] = np.asarray(test, float)
    view.add_frame(frame)
    view.draw()


def test_epoch_0_of_a_new_run_shows_both_dots_and_no_note(view):
    """Fault: a 6x16 spiral run, then Load CSV: at epoch 0 (train 0.8191, test 0.7249) the scale was
    fitted to test alone (0.6-0.8: the bulk's 95th percentile of two values is the lower one) and
    train's dot was off the top, "↑ to 0.8191" in its place. Of fewer than 20 values none is left out."""
    _fed(view, 0.6 + 0.2 * np.exp(-np.arange(40.0) / 5))  # the last run, its scale fitted
    from types import SimpleNamespace

    view.set_run(SimpleNamespace(data=SimpleNamespace(task="classification")))
    _fed(view, [0.8191], test=[0.7249])
    lo, hi = view.loss_range.shown
    assert lo <= 0.7249 and 0.8191 < hi  # both dots inside (the old scale held 0.60-0.80)
    assert view.loss_range.above is None and view.key.note == ""


def test_a_reset_clears_the_note_of_the_last_run(view):
    epochs = np.arange(301)
    _fed(view, 0.007 + 0.8 * np.exp(-epochs / 6.0))
    assert view.key.note  # said for that run
    from types import SimpleNamespace

    view.set_run(SimpleNamespace(data=SimpleNamespace(task="classification")))
    assert view.key.note == "" and "↑" not in view.key.text()  # (a TextItem kept its old text and place)


def test_the_note_covers_no_curve(view):
    """Fault 2: "↑ to 0.7345" in a box over the data area hid the curve's epochs 3-20: it is said in the
    key's row above the plot, no item in the plot's view."""
    import pyqtgraph as pg

    epochs = np.arange(301)
    _fed(view, 0.007 + 0.8 * np.exp(-epochs / 6.0))
    assert view.key.note
    items = view.loss_plot.getPlotItem().getViewBox().addedItems
    assert not [i for i in items if isinstance(i, pg.TextItem) and i.isVisible()]
    key = view.key.geometry()
    assert key.bottom() < view.loss_plot.geometry().top()  # the key's row is above the plot


def test_a_loss_falling_two_decades_is_scaled_to_its_bulk_and_its_top_is_said(view):
    epochs = np.arange(301)
    _fed(view, 0.007 + 0.8 * np.exp(-epochs / 6.0))
    lo, hi = view.loss_range.shown
    assert hi < 0.1, (lo, hi)  # not 0…0.8: the curve fills the plot
    assert view.key.note == "loss ↑ to 0.807 above the plot" and "0.807" in view.key.text()


def test_a_loss_without_a_far_start_keeps_its_whole_range(view):
    epochs = np.arange(301)
    _fed(view, 0.3 + 0.39 * np.exp(-epochs / 100.0))
    lo, hi = view.loss_range.shown
    assert hi >= 0.69 and view.key.note == "" and "↑" not in view.key.text()


def test_a_dot_at_epoch_0_is_drawn_whole(view):
    _fed(view, [0.7, 0.6, 0.5])
    left, right = view.loss_plot.getViewBox().viewRange()[0]
    assert left < 0 and right > 2  # a pad of the axis's span left of epoch 0: the dot's left half in the plot
    assert -left == pytest.approx(0.02 * 10, rel=0.05)  # of the span 0 … 10 (plot_layout.epoch_span)
