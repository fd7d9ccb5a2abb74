"""Tester's item 7: compared runs at Max speed stay within a frame's epochs of
each other (B ran 100-140 epochs ahead: the margin was a fixed 200), and the
fork dialog lists run A's own value (a rate of 0.0123) in its place, offering
its neighbour, not the smallest rate of the list."""

from __future__ import annotations

from types import SimpleNamespace

from nnplay.training import TrainConfig
from nnplay.ui.compare import ForkDialog
from nnplay.ui.comparison import Comparison


class _Run:
    def __init__(self):
        self.last_frame = None
        self.commands = []

    def at(self, epoch: int) -> None:
        self.last_frame = SimpleNamespace(snapshot=SimpleNamespace(epoch=epoch, diverged_at=None), playing=True)

    def play(self):
        self.commands.append("play")

    def pause(self):
        self.commands.append("pause")


def test_at_max_speed_the_run_ahead_waits_once_it_is_a_frame_ahead(qtbot):
    a, b = _Run(), _Run()
    comparison = Comparison(a, is_playing=lambda: True)
    comparison.twin = b
    comparison.speed = 0  # Max
    for epoch in (0, 10, 20, 30):  # both train about 10 epochs a frame
        a.at(epoch)
        b.at(epoch + 2)
        comparison.pace()
    assert b.commands == [] and a.commands == []  # level: both go on
    b.at(30 + 25)  # B's next frame: 25 epochs ahead, more than two frames' worth of A
    comparison.pace()
    assert b.commands == ["pause"] and a.commands == []
    a.at(50)
    comparison.pace()
    assert b.commands == ["pause", "play"]  # caught up: B goes on


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
