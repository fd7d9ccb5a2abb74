"""A run started from another's state shows the numbers of that state, also
part-way through an epoch (the tester: 7 mini-batches into epoch 0, Compare's
run B read the epoch-0 losses and accuracy although its weights, and so its
picture, were A's after 7 mini-batches; A's line lost "· 7 / 25 mini-batches")."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.timeout(120)


def test_b_forked_part_way_through_an_epoch_reads_as_a_does(window, qtbot):
    c = window.controller
    c.step_batch(7)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.batch_position[0] == 7, timeout=10000)
    a = c.last_frame.snapshot
    assert c.fork(lr=0.3)
    qtbot.waitUntil(lambda: c.twin is not None and c.twin.last_frame is not None, timeout=10000)
    b = c.twin.last_frame.snapshot
    assert b.batch_position == a.batch_position and b.epoch == a.epoch == 0
    assert (b.train_loss, b.test_loss, b.test_accuracy) == (a.train_loss, a.test_loss, a.test_accuracy)
    cw = window.compare_window
    qtbot.waitUntil(lambda: cw.stats["B"].text() != "", timeout=10000)
    assert "· 7 / " in cw.stats["A"].text() and cw.stats["A"].text() == cw.stats["B"].text()
    c.step_batch(1)  # both go on from there, within the same epoch
    qtbot.waitUntil(lambda: c.twin.last_frame.snapshot.batch_position[0] == 8, timeout=10000)
    c.stop_comparing()
