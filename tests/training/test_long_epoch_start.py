"""The first part of a long epoch is trained without building every step of
it first: a 50,000-step epoch (1,000,000 rows, mini-batches of 10) showed
"Epoch 0" for ~7 s after Play while the engine built all 50,000 tapes before
training the first few; now each step's tape is built when first trained."""

import numpy as np

from nnplay.data import Dataset
from nnplay.training import TrainConfig, Trainer


def _trainer(rows: int) -> Trainer:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(rows, 2))
    data = Dataset(X, (X[:, 0] * X[:, 1] > 0).astype(np.int64), "classification", "xor-like")
    return Trainer(TrainConfig(dataset="csv", hidden=(4,), batch_size=10, seed=1), data)


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
