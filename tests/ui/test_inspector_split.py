"""The backprop inspector's splitter fitted to the chain rule's table (nnplay.ui.inspector_split): a fixed
3:2 split gave a short table (4 examples at 1280×800, 10 at 1920×1080) an empty area under its last row while
the heatmaps above scrolled. The table takes what its rows need, up to CHAIN_SHARE of the split (then it
scrolls), and the heatmaps the rest; a split the user drags is kept until the table's rows change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from nnplay.training import TrainConfig, Trainer
from nnplay.ui.inspector import InspectorWindow
from nnplay.ui.inspector_split import CHAIN_SHARE
from tests.layout_check import text_problems
from tests.settle import settle
from tests.sweep import sweep

pytestmark = pytest.mark.timeout(120)

NETWORKS = {"2-4-1": (4,), "4 hidden layers of 8": (8, 8, 8, 8)}


def _trace(hidden, batch_size):
    t = Trainer(TrainConfig(dataset="xor", hidden=hidden, batch_size=batch_size, seed=1))
    t.run(2)
    return t.trace_next_batch()


def _window(qtbot, size, trace):
    win = InspectorWindow()
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    win.set_trace(trace)
    settle(qtbot)
    return win


def _empty_below_rows(win) -> int:
    """The pixels of the table's view under its last row (negative: rows scrolled out of it)."""
    t = win.chain.table
    return t.viewport().height() - t.rowCount() * t.verticalHeader().defaultSectionSize()


def _chain_share(win) -> float:
    heatmaps, chain = win.split.sizes()
    return chain / (heatmaps + chain)


@sweep("size, network, batch", [((1280, 800), "2-4-1", 4), ((1920, 1080), "4 hidden layers of 8", 10),
                                ((1920, 1080), "2-4-1", 10), ((1280, 800), "4 hidden layers of 8", 4),
                                ((1100, 680), "2-4-1", 4), ((1100, 680), "4 hidden layers of 8", 30),
                                ((1280, 800), "2-4-1", 30), ((1920, 1080), "4 hidden layers of 8", 30)],
       ids=lambda p: f"{p[0]}x{p[1]}" if isinstance(p, tuple) else str(p).replace(" ", "_"), default=0)
def test_the_chain_rule_table_takes_what_its_rows_need_up_to_its_share(qtbot, size, network, batch):
    win = _window(qtbot, size, _trace(NETWORKS[network], batch))
    t, row = win.chain.table, win.chain.table.verticalHeader().defaultSectionSize()
    empty = _empty_below_rows(win)
    if t.verticalScrollBar().maximum() == 0:  # every row shown: the table ends under its last row
        assert 0 <= empty < row, f"{empty} px of the table's view are empty under its {t.rowCount()} rows"
    else:  # it scrolls: only when its rows would take more than its share (and never for less than a row)
        assert -empty >= row and _chain_share(win) <= CHAIN_SHARE + 0.01
    assert win.chain_scroll.verticalScrollBar().maximum() == 0  # the chain's texts whole, not scrolled
    assert win.scroll.height() == win.split.sizes()[0] > sum(win.split.sizes()) * (1 - CHAIN_SHARE) - row
    assert text_problems(win) == []


def test_a_dragged_split_stays_until_the_table_rows_change_and_a_resize_goes_to_the_heatmaps(qtbot):
    win = _window(qtbot, (1280, 800), _trace((4,), 4))
    fitted = win.split.sizes()[1]
    handle = win.split.handle(1)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=QPoint(handle.width() // 2, 1))
    qtbot.mouseMove(handle, QPoint(handle.width() // 2, -80))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=QPoint(handle.width() // 2, -80))
    settle(qtbot)
    dragged = win.split.sizes()[1]
    assert dragged > fitted + 40  # the user's drag, taken
    win.set_trace(_trace((4,), 4))  # the next mini-batch, as many rows: the user's split stays
    win.resize(1280, 700)
    settle(qtbot)
    assert win.split.sizes()[1] == dragged  # the heatmaps gave up the 100 px
    win.set_trace(_trace((4,), 10))  # a new batch size: fitted again, to 10 rows
    settle(qtbot)
    assert win.split.sizes()[1] == win.chain_split.chain_height() != dragged
