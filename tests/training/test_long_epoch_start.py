"""The first part of a long epoch is trained without building every step of
it first: a 50,000-step epoch (1,000,000 rows, mini-batches of 10) showed
"Epoch 0" for ~7 s after Play while the engine built all 50,000 tapes before
training the first few; now each step's tape is built when first trained."""

import numpy as np
import pytest

from nnplay.data import Dataset
from nnplay.training import TrainConfig, Trainer


def _trainer(rows: int, **changes) -> Trainer:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(rows, 2))
    data = Dataset(X, (X[:, 0] * X[:, 1] > 0).astype(np.int64), "classification", "xor-like")
    return Trainer(TrainConfig(dataset="csv", hidden=(4,), batch_size=10, seed=1).with_changes(**changes), data)


def test_a_part_of_a_long_epoch_builds_only_its_own_steps():
    t = _trainer(20_000)  # 10,000 training rows: 1,000 steps an epoch
    taken, _ = t.run_steps(7)
    tapes = t.net._epochs._tapes
    assert taken == 7 and len(tapes) == t.batch_position[1] == 1000
    assert sum(tape is not None for tape in tapes) == 7  # not 1,000 before the first step
    t.run_steps(20)
    assert sum(tape is not None for tape in tapes) == 27


def test_an_epoch_of_lazily_built_steps_trains_as_one_built_at_once():
    parts, whole = _trainer(2_000), _trainer(2_000)
    whole.run(2)
    while parts.epoch < 2:
        parts.run_steps(13)
    np.testing.assert_array_equal(parts.net.params, whole.net.params)


def _built(t: Trainer) -> int:
    return sum(tape is not None for tape in t.net._epochs._tapes)


def _prepare_all(t: Trainer) -> int:
    calls = 1
    while not t.prepare_epoch(0.0):  # 0 s: one tape a call
        calls += 1
    return calls


CHANGES = [{}, {"optimizer": "adam", "l2": 0.01, "clip": 0.5}, {"optimizer": "momentum", "l1": 0.001, "freeze": (1,)},
           {"dropout": (0.3,), "batch_size": 7}]


@pytest.mark.parametrize("changes", CHANGES, ids=["sgd", "adam-l2-clip", "momentum-l1-frozen", "dropout-batch-7"])
def test_the_tapes_built_while_waiting_train_as_those_built_when_played(changes):
    """``TrainingLoop`` builds the next epoch's tapes while the run waits (a third of a second for
    5,000 steps, which the first epoch played paid before): a little at a time, and the run then
    trains to the same weights and records, to the bit, as one never prepared."""
    waited, played = _trainer(2_000, **changes), _trainer(2_000, **changes)
    assert _built(waited) == 0
    assert waited.prepare_epoch(0.0) is False and 1 <= _built(waited) < waited.batch_position[1]
    _prepare_all(waited)
    assert _built(waited) == waited.batch_position[1]
    waited.run(3)
    played.run(3)
    np.testing.assert_array_equal(waited.net.params, played.net.params)
    assert waited.history.column("train_loss").tolist() == played.history.column("train_loss").tolist()


def test_tapes_built_before_a_change_are_built_again_after_it():
    waited, played = _trainer(2_000), _trainer(2_000)
    _prepare_all(waited)
    for t in (waited, played):
        t.set_regularization(l1=0.001)
        t.set_pruned(1, 0, 1)
        t.set_clip(0.5)
    assert _prepare_all(waited) > 1  # the tapes of before the change are not reused
    waited.run(2)
    played.run(2)
    np.testing.assert_array_equal(waited.net.params, played.net.params)


class _CountedTapes(list):
    """A tape list that counts how often an entry is read."""

    reads = 0

    def __getitem__(self, k):
        type(self).reads += 1
        return list.__getitem__(self, k)

    def __iter__(self):
        for k in range(len(self)):
            yield self[k]


def test_preparing_goes_on_from_where_it_stopped():
    """``TrainingLoop`` calls ``prepare_epoch`` every 4 ms while it waits; each call went over the
    tape list from its start, so building n tapes read ~n^2 / 2 entries (500,000 for 1,000 tapes)."""
    t = _trainer(20_000)  # 1,000 steps an epoch
    t.prepare_epoch(0.0)
    tapes = t.net._epochs
    tapes._tapes = _CountedTapes(tapes._tapes)
    _CountedTapes.reads = 0
    calls = _prepare_all(t)
    assert calls == 999 and _built(t) == 1000
    assert _CountedTapes.reads < 10 * 1000  # a few reads an entry (4), whatever the calls (from 0: 500,000)


def test_preparing_skips_the_tapes_an_epoch_built_as_it_trained():
    t = _trainer(2_000)  # 100 steps an epoch
    t.run_steps(30)  # an epoch under way built steps 0-29 as it trained
    first = t.net._epochs._tapes[0]
    t.run_steps(70)  # the epoch's end: every tape built
    assert t.batch_position[0] == 0 and t.prepare_epoch(0.0) is True
    assert t.net._epochs._tapes[0] is first  # not built again
