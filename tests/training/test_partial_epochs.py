"""A long epoch trained in parts (``Trainer.run_steps``, so the window gets
frames within it) trains the same mini-batches to the same weights and record
as whole epochs (``run``) and as the inspector's single steps."""

import numpy as np

from nnplay.training import TrainConfig, Trainer

CONFIG = TrainConfig(dataset="circle", hidden=(4, 2), activation="tanh", batch_size=10, seed=3)


def _in_parts(t: Trainer, epochs: int, steps: int) -> list[int]:
    seen = []
    while t.epoch < epochs:
        taken, finished = t.run_steps(steps)
        assert taken >= 1
        seen.append(t.batch_position[0])
        assert finished == (t.batch_position[0] == 0)
    return seen


def test_parts_train_the_same_weights_and_record_as_whole_epochs():
    whole, parts = Trainer(CONFIG), Trainer(CONFIG)
    whole.run(3)
    positions = _in_parts(parts, 3, 7)
    batches = parts.batch_position[1]
    assert batches > 7 and 7 in positions and 14 in positions  # the frames in between see the epoch's progress
    np.testing.assert_array_equal(parts.net.params, whole.net.params)
    assert parts.history.column("train_loss").tolist() == whole.history.column("train_loss").tolist()
    assert len(parts.history) == len(whole.history)


def test_parts_and_single_steps_and_whole_epochs_follow_one_another():
    mixed, whole = Trainer(CONFIG), Trainer(CONFIG)
    whole.run(3)
    mixed.run(1)
    mixed.run_steps(5)
    mixed.step_batch()
    mixed.step_batch()
    mixed.run_steps(4)
    assert mixed.batch_position[0] == 11
    mixed.run(1)  # finishes the epoch begun
    _in_parts(mixed, 3, 1000)
    # the single steps are the engine's train_step, not the epoch's tapes: equal but for rounding
    np.testing.assert_allclose(mixed.net.params, whole.net.params, rtol=1e-12, atol=1e-15)


def test_a_diverged_run_takes_no_steps():
    t = Trainer(CONFIG)
    t.diverged_at = 0
    assert t.run_steps(10) == (0, 0)
