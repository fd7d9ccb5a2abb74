"""The backprop inspector while the run plays (issue 20): the next mini-batch's
trace of the same layer fills the matrices it shows in place; no widget is
hidden and shown again (that re-laid out the window: 100 ms a frame)."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from nnplay.training import TrainConfig, Trainer
from nnplay.ui.inspector import InspectorWindow

pytestmark = pytest.mark.timeout(120)


class ShowHideCounter(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event):
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.count += 1
        return False


def test_the_next_mini_batch_of_the_same_layer_is_drawn_in_place(qtbot):
    t = Trainer(TrainConfig(dataset="xor", hidden=(4,), batch_size=10, seed=1))
    first = t.trace_next_batch()
    t.step_batch()
    second = t.trace_next_batch()
    win = InspectorWindow()
    qtbot.addWidget(win)
    win.resize(1100, 680)
    win.show()
    qtbot.waitExposed(win)
    win.set_trace(first)
    QApplication.processEvents()
    views = [v for eq in win.equations for v in eq.visible_views()]
    counter = ShowHideCounter()
    for v in views:
        v.installEventFilter(counter)
    win.set_trace(second)
    QApplication.processEvents()
    assert counter.count == 0
    assert [v for eq in win.equations for v in eq.visible_views()] == views
    L = len(second.layers)
    z = next(v for v in views if v.title == f"Z[{L}]")
    assert not np.array_equal(first.layer(L).Z, second.layer(L).Z)
    assert np.array_equal(z.values, np.atleast_2d(second.layer(L).Z))
