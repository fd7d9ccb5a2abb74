"""Faults 2 and 6 of round 15: a network of six (or the most, eight) hidden layers at 1024x768 was
drawn tiny (8-pixel neurons, names shrunk away), and the layer titles sat at two heights
("in", "2", "4"... a row below "1", "3", "out"). The drawing now keeps a readable size and
scrolls sideways in a narrow column; its titles share one baseline."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtWidgets import QApplication

from nnplay.ui.diagram_room import READABLE_NODE_LINES
from tests.settle import settle

pytestmark = pytest.mark.timeout(120)


def _node_px(d) -> float:
    rect = d.nodes[0][0][1]
    a, b = (d.canvas.mapFromScene(d.view.mapViewToScene(p)) for p in (rect.topLeft(), rect.topRight()))
    return b.x() - a.x()


@pytest.mark.parametrize("layers", [2, 6, 8])
def test_a_deep_network_at_1024x768_stays_readable_on_one_baseline(window, qtbot, layers):
    d = window.diagram
    window.resize(1024, 768)
    window.controller.change(hidden=(8,) * layers)
    qtbot.waitUntil(lambda: len(d.sizes) == layers + 2, timeout=20000)
    assert settle(qtbot)  # laid out
    QApplication.processEvents()
    line = d.fontMetrics().lineSpacing()
    assert _node_px(d) >= 0.95 * READABLE_NODE_LINES * line, (_node_px(d), line)
    titles = [t for t, _, _ in d.titles]
    assert all(t.isVisible() for t in titles)
    boxes = [t.mapRectToScene(t.boundingRect()) for t in titles]
    assert len({round(b.bottom(), 1) for b in boxes}) == 1, [b.bottom() for b in boxes]  # one baseline
    assert not any(a.intersects(b) for a, b in pairwise(boxes))
    assert all(label.isVisible() for label in d._labels)  # the inputs' names, not shrunk away
    # the whole drawing can be reached: within the canvas, which scrolls where the column is narrower
    right = d.canvas.mapFromScene(boxes[-1].topRight()).x()
    assert right <= d.canvas.width()
    scroll = d.canvas_scroll
    assert scroll.horizontalScrollBar().maximum() == max(0, d.canvas.width() - scroll.viewport().width())
    if layers == 2:  # the usual network fits its column: no scroll bar
        assert scroll.horizontalScrollBar().maximum() == 0


def test_titles_too_wide_for_their_layers_are_thinned_on_one_row_keeping_in_and_out():
    from nnplay.ui.diagram_room import spaced_titles

    assert spaced_titles([0, 3, 6, 9], 2.5) == {0, 1, 2, 3}  # room for each: every one
    assert spaced_titles([0, 1, 2, 3, 4, 5, 6, 7], 1.5) == {0, 2, 4, 7}  # "6" gives way to "out"
    assert spaced_titles([0, 1, 2, 3, 4], 1.5) == {0, 2, 4}
    assert spaced_titles([0], 9) == {0}
