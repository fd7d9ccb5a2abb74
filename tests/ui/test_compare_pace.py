"""Tester's item 7: compared runs at Max speed stay within a frame's epochs of
each other (B ran 100-140 epochs ahead: the margin was a fixed 200; later 38-97,
paused a frame late, and the paused run A read "0 epochs/s"), and the
fork dialog lists run A's own value (a rate of 0.0123) in its place, offering
its neighbour, not the smallest rate of the list."""

from __future__ import annotations

import queue
from types import SimpleNamespace

import pytest

from nnplay.training import TrainConfig
from nnplay.training.commands import Build, Play, SetEpochLimit, SetSpeed
from nnplay.ui.compare import ForkDialog
from nnplay.ui.comparison import Comparison


class _Run:
    def __init__(self):
        self.last_frame = None
        self.commands = []

    def at(self, epoch: int) -> None:
        self.last_frame = SimpleNamespace(snapshot=SimpleNamespace(epoch=epoch, diverged_at=None), playing=True)

    def send(self, command):
        self.commands.append(command)

    def play(self):
        self.commands.append("play")

    def pause(self):
        self.commands.append("pause")

    def limit(self):
        return [c.epoch for c in self.commands if isinstance(c, SetEpochLimit)][-1]


def test_at_max_speed_both_runs_may_train_to_one_epoch_a_frame_ahead_of_the_one_behind(qtbot):
    """The one ahead waits at a limit, still playing: never paused (a paused run A read
    "0 epochs/s", and its pause came a frame late: B ran 38-97 epochs ahead)."""
    a, b = _Run(), _Run()
    comparison = Comparison(a, is_playing=lambda: True)
    comparison.twin = b
    comparison.speed = 0  # Max
    for epoch in (0, 10, 20, 30):  # both train about 10 epochs a frame
        a.at(epoch)
        b.at(epoch + 2)
        comparison.pace()
    assert "pause" not in a.commands + b.commands
    assert a.limit() == b.limit() == 30 + 13  # the one behind plus 1.25 frames of the slower
    b.at(43)  # B got there first: it waits
    a.at(34)  # A had a slow frame (4 epochs): the step stays that of its recent frames
    comparison.pace()
    assert a.limit() == b.limit() == 34 + 13
    for epoch in (40, 46, 52, 58, 64, 70, 76, 82, 88):  # both now train 6 epochs a frame
        a.at(epoch)
        b.at(epoch + 3)
        comparison.pace()
        assert b.limit() - a.last_frame.snapshot.epoch <= 13
    assert a.limit() == b.limit() == 88 + 8  # 1.25 frames: the step follows the pace down
    comparison.twin = None
    comparison.stop()  # A trains on by itself
    assert a.limit() is None


def test_at_n_epochs_a_frame_the_limit_is_one_frame_ahead_and_a_divergence_frees_the_other(qtbot):
    a, b = _Run(), _Run()
    comparison = Comparison(a, is_playing=lambda: True)
    comparison.twin = b
    comparison.speed = 5
    a.at(20)
    b.at(25)
    comparison.pace()
    assert a.limit() == b.limit() == 25
    b.last_frame.snapshot.diverged_at = 25
    comparison.pace()
    assert a.limit() is None


def test_a_loop_at_an_epoch_limit_waits_there_playing_and_goes_on_when_it_is_raised():
    from tests.training.test_training_loop import Harness

    h = Harness()
    try:
        h.send(SetSpeed(0))  # Max
        h.send(Build(1, TrainConfig(), None))
        h.next("run_started")
        h.frame()
        h.send(SetEpochLimit(30))
        h.send(Play())
        f = h.frame()
        while f.snapshot.epoch < 30:
            f = h.frame()
        assert f.snapshot.epoch == 30 and f.playing
        with pytest.raises(queue.Empty):  # it trains no further: no frame comes
            h.frame(timeout=0.5)
        h.send(SetEpochLimit(None))
        f = h.frame()
        while f.snapshot.epoch <= 30:
            f = h.frame()
        assert f.playing and f.epochs_per_second > 0
    finally:
        h.stop()


def test_the_fork_dialog_lists_a_rate_of_ones_own_and_offers_its_neighbour(qtbot):
    d = ForkDialog(TrainConfig(lr=0.0123))
    qtbot.addWidget(d)
    texts = [d.value.itemText(i) for i in range(d.value.count())]
    assert "0.0123  (this run)" in texts
    at = texts.index("0.0123  (this run)")
    assert d.value.itemData(at - 1) < 0.0123 < d.value.itemData(at + 1)  # in its place
    assert d.result_changes()[0] == {"lr": d.value.itemData(at + 1)} and d.value.currentIndex() == at + 1
    d2 = ForkDialog(TrainConfig(batch_size=25))
    qtbot.addWidget(d2)
    d2.setting.setCurrentIndex(d2.setting.findData("batch_size"))
    assert d2.value.currentData() == 30 and "25  (this run)" in [d2.value.itemText(i) for i in range(d2.value.count())]
