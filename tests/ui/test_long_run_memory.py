"""A long run's frames leave nothing behind in the views that follow the epochs
(pytest-qt, offscreen): hundreds of frames of synthetic epochs, no training.
The soak (`nnplay bench --soak`) measures the whole window; this catches the
kind of fault it found, a view or tool keeping something of every frame."""

import dataclasses
import gc
import tracemalloc

import numpy as np

from nnplay.training import FIELDS, TrainConfig, Trainer
from nnplay.training.loop import Frame

EPOCHS_PER_FRAME = 10_000  # as increments (a view that fell behind would get the whole record instead)


def _frames(snap, layers: int, count: int, start: int = 0):
    rng = np.random.default_rng(0)
    for i in range(count):
        epoch = start + i * EPOCHS_PER_FRAME
        rows = 0.1 + rng.uniform(0, 0.05, (EPOCHS_PER_FRAME, len(FIELDS)))
        rows[rng.integers(0, EPOCHS_PER_FRAME)] *= 20  # a spike now and then
        inc = dataclasses.replace(snap, epoch=epoch + EPOCHS_PER_FRAME - 1, history_start=epoch,
                                  history={f: rows[:, j] for j, f in enumerate(FIELDS)},
                                  grad_norm_history=rng.uniform(0.01, 0.02, (EPOCHS_PER_FRAME, layers)))
        yield Frame(1, inc, True, 0.0)


def _traced_after(views, frames) -> int:
    curves, grads = views
    for frame in frames:
        curves.add_frame(frame)
        grads.set_frame(frame)
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def test_the_curves_and_gradient_norms_hold_the_same_memory_after_310k_and_400k_epochs(qtbot):
    from nnplay.ui.gradients import GradientView
    from nnplay.ui.loss_curves import LossCurvesView

    t = Trainer(TrainConfig(dataset="circle", hidden=(4, 2)))
    info, snap = t.run_info(), t.snapshot(grid_resolution=None)
    layers = len(t.grad_norm_history.names)
    curves, grads = LossCurvesView(), GradientView()
    for view in (curves, grads):
        qtbot.addWidget(view)
        view.set_run(info)
    frames = _frames(snap, layers, 40)
    # up to 300,000 epochs the envelope fills (its top level then holds 512 to 1,024 buckets)
    _traced_after((curves, grads), (next(frames) for _ in range(30)))
    tracemalloc.start()
    try:
        at_310k = _traced_after((curves, grads), (next(frames) for _ in range(1)))
        at_400k = _traced_after((curves, grads), frames)
    finally:
        tracemalloc.stop()
    assert len(curves.history) == len(grads.norms) == 40 * EPOCHS_PER_FRAME
    # a frame's increment is 640 kB: keeping an eighth of it (one series) from each of the last 9 frames fails this
    assert abs(at_400k - at_310k) < 500_000, (at_310k, at_400k)
