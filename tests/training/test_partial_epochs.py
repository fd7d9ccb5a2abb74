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


def test_a_traced_run_trains_to_the_same_weights_to_the_bit():
    """The inspector's trace draws the next epoch's order (``trace_next_batch``); that epoch is then
    trained on the tapes like any other, not step by step: the run's numbers are those of a run never
    traced, to the bit (step by step they differed by rounding, and took 1.1 ms more an epoch on case B)."""
    config = CONFIG.with_changes(hidden=(8,) * 6)
    traced, plain = Trainer(config), Trainer(config)
    for _ in range(4):
        traced.run(2)
        assert traced.trace_next_batch() is not None
        assert traced.batch_position[0] == 0
    traced.run(1)
    plain.run(9)
    assert traced.epoch == plain.epoch == 9
    np.testing.assert_array_equal(traced.net.params, plain.net.params)
    assert traced.history.column("train_loss").tolist() == plain.history.column("train_loss").tolist()


def test_an_epoch_begun_by_single_steps_is_finished_by_run_on_the_tapes():
    stepped, whole = Trainer(CONFIG), Trainer(CONFIG)
    stepped.step_batch()
    stepped.step_batch()
    stepped.run(1)  # the rest of the epoch begun
    assert stepped.epoch == 1 and stepped.batch_position[0] == 0
    whole.run(1)
    np.testing.assert_allclose(stepped.net.params, whole.net.params, rtol=1e-12, atol=1e-15)
    assert len(stepped.history) == len(whole.history)
