"""The backprop inspector zoomed in a small window (a tester at ×1.6 on 1024×768: the chain rule's
texts cut, each squeezed to 46 px of the 50-56 it needs, and its table to its header). The chain
rule scrolls when it has less room than its texts need, its table keeps a few rows, its columns
keep their headers whole, and the inspector's own texts follow the zoom as the playground's do."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget

from nnplay.training import TrainConfig, Trainer
from tests.layout_check import header_problems, split_pairs, text_problems
from tests.settle import settle
from tests.sweep import sweep

CONFIGS = {  # the longest texts: the tanh squared error's table header, both penalties' verdict, a deep path
    "tanh_mse": dict(dataset="plane", hidden=(4, 3), loss="tanh_mse"),
    "l1_l2_momentum_deep": dict(hidden=(8, 8, 8, 8, 8, 8), l1=0.001, l2=0.001, optimizer="momentum"),
}


def _trace(**config):
    t = Trainer(TrainConfig(**{"dataset": "xor", "hidden": (8, 8, 8), "batch_size": 10, "seed": 1, **config}))
    t.run(2)
    return t.trace_next_batch()


def _opened(window, qtbot, size, zoom):
    """The inspector opened with a trace, it and the playground ``size``, zoomed ``zoom``."""
    window.resize(*size)
    window.presentation.set_zoom(zoom)
    window.show_inspector()
    qtbot.waitUntil(lambda: window.inspector.trace is not None, timeout=20000)
    window.inspector.resize(*size)
    return window.inspector


def inspector_problems(window, qtbot, size, zoom, configs=CONFIGS) -> list[str]:
    """Every text cut in the inspector at ``size`` and ``zoom``, each layer of each trace of
    ``configs``, Numbers off and on; and a window that cannot be made ``size`` (too wide content)."""
    ins, found = _opened(window, qtbot, size, zoom), []
    try:
        for name, config in configs.items():
            ins.set_trace(_trace(**config))
            for numbers in (False, True):
                ins.numbers.setChecked(numbers)
                for layer in range(len(ins.trace.layers), 0, -1):
                    ins.show_layer(layer)
                    settle(qtbot)
                    where = f"×{zoom} {size[0]}×{size[1]} {name}, layer {layer}{', numbers' if numbers else ''}"
                    if (ins.width(), ins.height()) != size:
                        found.append(f"{where}: the inspector is {ins.width()}×{ins.height()}")
                    found += [f"{where}: {p}" for p in text_problems(ins) + header_problems(ins) + split_pairs(ins)]
    finally:
        ins.numbers.setChecked(False)
        ins.close()
        window.presentation.set_zoom(1.0)
    return found


@sweep("size", [(1024, 768), (1280, 800)], default=0)
def test_nothing_of_the_inspector_is_cut_at_x1_6(window, qtbot, size):
    assert inspector_problems(window, qtbot, size, 1.6) == []


def test_the_chain_rule_scrolls_rather_than_cuts_and_the_inspector_follows_the_zoom(window, qtbot):
    ins = _opened(window, qtbot, (1024, 768), 1.6)
    settle(qtbot)
    try:
        zoomed = window.font().pointSizeF()
        assert ins.header.label.font().pointSizeF() == zoomed and ins.chain.table.font().pointSizeF() == zoomed
        bar = ins.chain_scroll.verticalScrollBar()
        assert bar.maximum() > 0  # less room than the texts need: scrolled, not squeezed
        for label in (ins.chain.weight, ins.chain.formula, ins.chain.result.label):
            assert label.height() >= label.heightForWidth(label.width())
        table = ins.chain.table
        assert table.viewport().height() >= 3 * table.verticalHeader().defaultSectionSize()  # three rows kept
        window.presentation.set_zoom(1.0)
        ins.resize(1280, 800)
        settle(qtbot)
        assert ins.header.label.font().pointSizeF() == window.font().pointSizeF() < zoomed
        assert ins.chain_scroll.verticalScrollBar().maximum() == 0  # room enough: nothing to scroll
    finally:
        ins.close()
        window.presentation.set_zoom(1.0)


def test_no_symbol_is_cut_from_its_value_in_the_inspector_at_any_width(window, qtbot):
    """Tester 21 (45_1024_insp.png): at 1024×768 the header read "…; SGD, α" / "= 0.03". Every "name = value"
    of the inspector's wrapping texts (its header; the chain rule's formula and result; the update's note)
    is kept whole, at the inspector's width and at every width down to 40% of it."""
    ins = _opened(window, qtbot, (1024, 768), 1.0)
    try:
        for config in ({}, CONFIGS["l1_l2_momentum_deep"]):
            ins.set_trace(_trace(**config, lr=0.03))
            for layer in (len(ins.trace.layers), 1):
                ins.show_layer(layer)
                settle(qtbot)
                assert split_pairs(ins, narrowest=0.4) == []
    finally:
        ins.close()


def test_split_pairs_finds_a_symbol_cut_from_its_value(qtbot):
    """The check can fail: a label that breaks "α = 0.03" at some width."""
    label = QLabel("<b>Epoch 3</b> — m = 10 examples, loss on this batch J = 0.69271; SGD, α = 0.03")
    label.setWordWrap(True)
    qtbot.addWidget(label)
    label.resize(400, 200)
    label.show()
    qtbot.waitExposed(label)
    assert any("a line broken by '='" in p for p in split_pairs(label, narrowest=0.3))


def test_header_problems_finds_a_header_cut_by_columns_of_equal_width(qtbot):
    """The check can fail: the chain rule's table as it was (columns of equal width) cuts a long header."""
    table = QTableWidget(3, 6)
    qtbot.addWidget(table)
    table.setHorizontalHeaderLabels(["A[3]₁", "Y₁", "1 − A[3]₁²", "dZ[3]₁ = (A − Y)(1 − A²)", "A[2]₁", "dZ · A"])
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.resize(500, 200)
    table.show()
    qtbot.waitExposed(table)
    assert any("dZ[3]₁ = (A − Y)(1 − A²)" in p for p in header_problems(table))


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1024, 768), (1280, 800), (1920, 1080)])
def test_nothing_of_the_inspector_is_cut_at_every_zoom_from_1_to_1_6(window, qtbot, size):
    found = []
    for zoom in (1.0, 1.1, 1.25, 1.4, 1.6):
        found += inspector_problems(window, qtbot, size, zoom)
    assert found == []
