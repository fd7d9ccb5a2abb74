"""The curves fed a long, bounded history (pytest-qt, offscreen)."""

import dataclasses

import numpy as np
from PySide6.QtCore import QPointF

from nnplay.training import FIELDS, TrainConfig, Trainer
from nnplay.training.history import History
from nnplay.training.loop import Frame


def _long_frame(epochs: int):
    t = Trainer(TrainConfig(hidden=(4, 2)))
    snap = t.snapshot(grid_resolution=None)
    h = History()
    e = np.arange(epochs, dtype=float)
    loss = 0.7 / (1 + e * 1e-4)
    loss[12_345] = 9.0  # a spike far in the past
    h.extend(np.column_stack([loss, loss * 1.1, 1 - loss, 1 - loss * 1.1, np.zeros(epochs)]))  # FIELDS' order
    g = History(t.grad_norm_history.names)
    g.extend(np.column_stack([loss, loss / 2, np.zeros(epochs)]))  # zero norms: not drawable on a log axis
    snap = dataclasses.replace(snap, history_base=h.state(), grad_norm_base=g.state(), history_start=epochs,
                               history={f: np.empty(0) for f in FIELDS}, grad_norm_history=np.empty((0, 3)))
    return t.run_info(), Frame(1, snap, False, 0.0), h


def test_hover_reads_exact_recent_epochs_and_names_an_envelope_of_old_ones(qtbot):
    from nnplay.ui.gradients import GradientView
    from nnplay.ui.loss_curves import LossCurvesView

    info, frame, h = _long_frame(300_000)
    view = LossCurvesView()
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    view.set_run(info)
    view.add_frame(frame)
    assert len(view.history) == 300_000
    x, y = view.curves["train_loss"].getData()
    assert len(x) < 20_000 and np.nanmax(y) == 9.0  # the old spike is drawn
    vb = view.loss_plot.getViewBox()
    mid = sum(vb.viewRange()[1]) / 2  # (inside the plot: its scale fits the bulk of the curve, "↑ to 9" above it)
    view._on_hover((vb.mapViewToScene(QPointF(12_345, mid)),))
    text = view.readout.text()
    r = h.at(12_345)
    assert f"epochs {r.first:,}–{r.last:,} (envelope of {r.last - r.first + 1:,} epochs)" in text, text
    assert f"train loss {r.lo['train_loss']:#.4g}–9.000," in text  # (the same significant digits side by side) and r.last > r.first
    view._on_hover((vb.mapViewToScene(QPointF(299_990, mid)),))
    assert view.readout.text().startswith("epoch 299990,") and "envelope" not in view.readout.text()
    grads = GradientView()
    qtbot.addWidget(grads)
    grads.set_run(info)
    grads.set_frame(frame)
    assert grads.epochs_recorded == 300_000
    given = [c.given[1] for c in grads._norm_curves]  # (the data given, before the log and the decimation)
    zeros = given[2]  # exact zeros sit on the log axis's floor marked 0, below every value
    assert np.all(zeros == grads.norm_floor.floor) and 0 < grads.norm_floor.floor < np.nanmin(given[1])
    assert np.nanmax(given[0]) == 9.0
