"""The gradient-norm history records what was measured, on the data the run has (tester 21,
61_undo_after_layer.png: circle, Clear, a layer added, Ctrl+Z: the heatmaps showed dW ±0.2 at
epoch 0 while every layer's norm sat on the 0 floor there, and the curves after a Step began at it)."""

import math

import numpy as np

from nnplay.data.drawing import DataEditor
from nnplay.training import TrainConfig
from nnplay.training.run_state import RunState
from nnplay.training.trainer import Trainer


def test_no_training_data_records_no_norm_and_an_undo_measures_epoch_0_on_its_data():
    config = TrainConfig(hidden=(4, 2, 2))
    data = RunState(config).data
    editor = DataEditor(data, config.train_ratio, config.data_seed)
    cleared = editor.clear()
    empty = Trainer(config, cleared)  # Clear, then "+": a new run with no points
    assert np.isnan(empty.grad_norm_history.rows_since(0)).all()  # not measured: not a 0
    assert math.isnan(empty.history.last("train_loss"))
    back = Trainer(config, editor.undo())  # Ctrl+Z: the points back, the run goes on from its weights
    back.continue_from(empty)
    assert back.epoch == 0 and len(back.grad_norm_history) == 1
    norms = back.grad_norm_history.rows_since(0)[0]
    back._full_batch_gradients()
    np.testing.assert_array_equal(norms, back.net.grad_norms())  # what the heatmaps show at epoch 0
    assert (norms > 0).all() and np.isfinite(norms).all()
    fresh = Trainer(config, editor.data)  # the same weights and data, recorded from the start
    assert back.history.last_row() == fresh.history.last_row()
    np.testing.assert_array_equal(norms, fresh.grad_norm_history.rows_since(0)[0])
    back.run(1)
    assert (back.grad_norm_history.rows_since(0) > 0).all()  # the curves start from the measured value


def test_drawing_part_way_through_keeps_the_last_record_of_other_weights():
    """Part-way through an epoch the last record is of the weights at its start: it is kept as it was."""
    config = TrainConfig()
    data = RunState(config).data
    t = Trainer(config, data)
    t.run(2)
    t.step_batch()
    before = t.history.last_row()
    editor = DataEditor(data, config.train_ratio, config.data_seed)
    editor.add((0.5, 0.5), 1)
    moved = Trainer(config, editor.data)
    moved.continue_from(t)
    assert moved.history.last_row() == before
