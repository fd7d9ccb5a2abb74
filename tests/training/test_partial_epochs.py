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


def _long_epoch_trainer() -> Trainer:
    from nnplay.data import Dataset

    X = np.random.default_rng(0).normal(size=(2_000, 2))
    data = Dataset(X, (X[:, 0] > 0).astype(np.int64), "classification", "halves")
    return Trainer(TrainConfig(dataset="csv", hidden=(4,), batch_size=10), data)  # 1,000 rows: 100 steps


def test_a_stretch_that_would_end_the_epoch_can_stop_short_of_its_last_step():
    from nnplay.training.partial_epochs import EpochParts

    t, parts = _long_epoch_trainer(), EpochParts(1 / 60)
    parts.steps_per_second = 1e9  # (a stretch covers the whole epoch)
    t.run_steps(3)
    assert parts.train(t, 0.004, hold_end=True) == (96 / 100, True)
    assert t.batch_position == (99, 100) and t.epoch == 0  # the last step, which records the epoch, is left
    assert parts.train(t, 0.004, hold_end=True) == (0.0, True) and t.batch_position == (99, 100)
    assert parts.train(t, 0.004) == (1 / 100, False) and t.epoch == 1 and len(t.history) == 2
    assert parts.train(t, 0.004, hold_end=True) == (99 / 100, True)  # (from the epoch's start, too)


def test_the_loop_sends_a_frame_before_a_long_epoch_is_recorded_not_after():
    """An epoch's end records it over the whole data (15-22 ms on the bench's 100,000 rows): a frame
    due meanwhile came more than a period late and the frames lost their pace (the CSV's 54-57 redraws a
    second). A frame goes at the epoch's last step, the record right after it."""
    import queue

    from nnplay.training.commands import Ack, Build, Play, SetSpeed
    from nnplay.training.loop import TrainingLoop

    commands, frames = queue.Queue(), []

    def emit(kind, *payload):
        if kind == "frame":
            frames.append(payload[0].snapshot)

    loop = TrainingLoop(commands, emit, None, pickled=True)
    t = _long_epoch_trainer()
    for command in (Build(1, t.config, t.data), SetSpeed(0)):
        loop._apply(command)
    loop._trainer.run_steps(3)  # an epoch under way
    loop._parts.steps_per_second = 1e9  # (a stretch covers the rest of it)
    loop._apply(Play())
    loop._last_emit = 0.0  # the last frame long ago: one is due
    loop._step()
    assert [f.batch_position for f in frames] == [(99, 100)] and loop._trainer.epoch == 0
    loop._apply(Ack())
    loop._step()  # the last step and the record, right after the frame
    assert loop._trainer.epoch == 1 and [(f.epoch, f.batch_position) for f in frames[1:]] in ([], [(1, (0, 100))])


def test_with_a_frame_in_flight_the_epoch_ends_without_waiting():
    """The epoch's end waits only for a frame that can go now: with one in flight (no acknowledgement
    yet) the stretch trains through to it, so a slow window never holds the training back."""
    import queue

    from nnplay.training.commands import Build, Play, SetSpeed
    from nnplay.training.loop import TrainingLoop

    frames = []
    loop = TrainingLoop(queue.Queue(), lambda kind, *p: frames.append(p) if kind == "frame" else None, None,
                        pickled=True)
    t = _long_epoch_trainer()
    for command in (Build(1, t.config, t.data), SetSpeed(0), Play()):
        loop._apply(command)
    loop._trainer.run_steps(3)
    loop._parts.steps_per_second = 1e9
    loop._awaiting_ack, loop._last_emit = True, 0.0  # a frame sent long ago, not yet acknowledged
    loop._step()
    assert loop._trainer.epoch == 1 and frames == []
