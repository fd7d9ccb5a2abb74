"""A long epoch's frames bring no epoch (the 100,000-row CSV: ~8 epochs a second, six frames of seven
between two records): the loss and accuracy curves drew their whole history again at each of them
(issue 20, round 18), and so did the gradient norms' curves. Now a frame that adds no epoch draws
neither; one that does, or a new run's first frame, is drawn as before (the heatmaps, whose gradients
change every mini-batch, at every frame)."""

import dataclasses

import numpy as np

from nnplay.training import FIELDS
from nnplay.training.loop import Frame
from nnplay.ui.loss_curves import LossCurvesView, no_new_epoch


def _frame(snap, start: int, epochs: int):
    rows = 0.1 + np.arange(start, start + epochs, dtype=float)[:, None] * 0.001 + np.zeros((1, len(FIELDS)))
    layers = snap.grad_norm_history.shape[1]
    inc = dataclasses.replace(snap, epoch=start + epochs - 1, history_start=start, history_base=None,
                              grad_norm_base=None, history={f: rows[:, j] for j, f in enumerate(FIELDS)},
                              grad_norm_history=rows[:, :1] * np.ones((1, layers)))
    return Frame(1, inc, True, 0.0)


def _run_in(view_class, qtbot):
    """A small run's trainer, its first snapshot and a ``view_class`` view set to the run."""
    from nnplay.training import TrainConfig, Trainer
    from nnplay.training.probes import ViewRequest

    t = Trainer(TrainConfig(dataset="xor", hidden=(3,), seed=1))
    view = view_class()
    qtbot.addWidget(view)
    view.set_run(t.run_info())
    return t, t.snapshot(ViewRequest(), 0), view


def test_the_curves_are_drawn_for_a_frame_with_epochs_and_not_for_one_without(qtbot, monkeypatch):
    t, snap, view = _run_in(LossCurvesView, qtbot)
    drawn = []
    monkeypatch.setattr(view, "_draw_curves", lambda: drawn.append(len(view.history)))
    view.add_frame(_frame(snap, 0, 5))  # epochs 0-4
    assert drawn == [5]
    for _ in range(3):  # the same epoch, part-way through: nothing new to draw
        frame = _frame(snap, 5, 0)
        assert no_new_epoch(frame.snapshot, len(view.history))
        view.add_frame(frame)
    assert drawn == [5]
    view.add_frame(_frame(snap, 5, 1))  # epoch 5 recorded
    assert drawn == [5, 6] and len(view.history) == 6
    view.set_run(t.run_info())  # a new run: its first frame is drawn even with no epoch in it
    view.add_frame(_frame(snap, 0, 0))
    assert drawn == [5, 6, 0]
    whole = dataclasses.replace(_frame(snap, 6, 0).snapshot, history_base=view.history.state())
    assert not no_new_epoch(whole, len(view.history))  # (a whole record is drawn, whatever its length)


def test_the_gradient_norms_are_drawn_for_a_frame_with_epochs_and_the_heatmaps_at_every_frame(qtbot, monkeypatch):
    from nnplay.ui.gradients import GradientView

    t, snap, view = _run_in(GradientView, qtbot)
    norms, maps = [], []
    draw_norms, redraw = view._draw_norms, view._redraw
    monkeypatch.setattr(view, "_draw_norms", lambda: (norms.append(view.epochs_recorded), draw_norms()))
    monkeypatch.setattr(view, "_redraw", lambda: (maps.append(view.epochs_recorded), redraw()))
    view.set_frame(_frame(snap, 0, 5))
    for _ in range(3):
        view.set_frame(_frame(snap, 5, 0))
    view.set_frame(_frame(snap, 5, 2))
    assert norms == [5, 7] and maps == [5, 5, 5, 5, 7]
    view.set_run(t.run_info())
    view.set_frame(_frame(snap, 0, 0))  # a new run's first frame: its (empty) curves drawn
    assert norms == [5, 7, 0]


def test_the_output_captions_key_is_made_once_per_run_discretize_and_palette(window, qtbot, monkeypatch):
    """The caption's key of the colours (class swatches, names, the held inputs) was made anew at every
    frame; now when the run, Discretize, the axes or the palette change, and the caption says the same."""
    from nnplay.ui.colors import set_palette

    from nnplay.ui import decision_boundary

    c, view = window.controller, window.boundary
    made = []
    key = decision_boundary.colour_key
    monkeypatch.setattr(decision_boundary, "colour_key", lambda *a: made.append(1) or key(*a))
    c.step(1)
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 1, timeout=10000)
    caption = view.caption.text()
    for epoch in (2, 3):
        c.step(1)
        qtbot.waitUntil(lambda e=epoch: c.last_frame.snapshot.epoch == e, timeout=10000)
    assert view.caption.text() == caption and len(made) <= 1  # (made once for this run, if not before)
    n = len(made)
    view.discretize.setChecked(not view.discretize.isChecked())
    view.set_frame(c.last_frame)
    view.set_frame(c.last_frame)
    assert len(made) == n + 1 and view.caption.text() != caption  # ("Discretize shows the class alone")
    swatches = view.caption.text()
    try:
        set_palette("colorblind")
        view.set_frame(c.last_frame)
        assert len(made) == n + 2 and view.caption.text() != swatches  # the swatches in the palette's colours
    finally:
        set_palette("default")
        view.discretize.setChecked(not view.discretize.isChecked())
