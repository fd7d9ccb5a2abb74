"""`nnplay train` on a slow run: its rate keeps three significant digits
("0.0192 epochs/s", as `nnplay bench` prints it), and an epoch longer than a
couple of seconds moves the progress bar batch by batch, training the same
weights as whole epochs, bit for bit."""

from __future__ import annotations

import numpy as np

from nnplay.cli import train as train_cli
from nnplay.numbers import epoch_rate
from nnplay.training import TrainConfig, Trainer
from tests.cli_run import nnplay


def test_epoch_rates_keep_their_significant_digits():
    assert [epoch_rate(v) for v in (1721.04, 426.4, 0.874, 0.0192, 0.0453, 1.0, 12.345)] == \
        ["1721.0", "426.4", "0.874", "0.0192", "0.0453", "1.00", "12.3"]


def test_a_slow_run_prints_its_rate_with_significant_digits(monkeypatch):
    class SlowClock:  # every reading 52 s after the last: the run takes 52 s
        now = 0.0

        def perf_counter(self):
            self.now += 52.0
            return self.now

    monkeypatch.setattr(train_cli, "time", SlowClock())
    r = nnplay("train", "--epochs", "1", "--layers", "3")
    assert r.returncode == 0, r.stderr
    assert "epochs    1  (52.00 s, 0.0192 epochs/s)" in r.stdout
    r = nnplay("train", "--epochs", "1", "--layers", "3", "--json")
    assert '"epochs_per_second": 0.0192' in r.stdout


class _Bar:
    def __init__(self):
        self.n, self.seen = 0, []

    def update(self, k):
        self.n += k
        self.seen.append(self.n)


def test_a_long_epoch_moves_the_progress_bar_batch_by_batch_and_trains_the_same_batches(monkeypatch):
    config = TrainConfig(hidden=(4,), batch_size=50)  # 250 training examples: 5 batches an epoch
    stepped, whole = Trainer(config), Trainer(config)
    bar = _Bar()
    train_cli._slow_epochs(stepped)  # timed on a copy, as the command does (its verdict is the clock's)
    assert stepped.batch_position[0] == 0 and stepped.epoch == 0  # the run itself untouched by the timing
    train_cli._train_by_batch(stepped, 3, bar)
    whole.run(3)
    assert stepped.epoch == whole.epoch == 3
    # the same weights, bit for bit (stepped by Trainer.step_batch they were 7e-18 off: a terminal's run
    # differed from a piped one's)
    assert np.array_equal(stepped.net.params, whole.net.params)
    assert bar.seen[-1] == 3
    assert {0.2, 0.4, 0.6, 0.8, 1.0, 1.2} <= set(bar.seen)  # fractions of an epoch, every mini-batch


def test_the_bar_goes_batch_by_batch_only_when_an_epoch_is_slow(monkeypatch):
    used = []
    monkeypatch.setattr(train_cli, "_train_by_batch", lambda t, last, bar: used.append(last) or t.run(last - t.epoch))
    for slow, expect in ((1e9, []), (0.0, [2])):
        monkeypatch.setattr(train_cli, "SLOW_EPOCH_S", slow)
        t = Trainer(TrainConfig(hidden=(4,), batch_size=50))
        used.clear()
        train_cli._train_with_progress(t, 2, show=True)
        assert t.epoch == 2 and used == expect
