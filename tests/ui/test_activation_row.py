"""The hidden layers' activation labels ("Tanh ▾") stand on one row, whatever the window's
width: in narrow windows (1024×768, 1100×680) every second one sat a row lower ("staggered").
They take the longest of three forms that fits ("Tanh ▾", "Tanh▾", "T▾"), and each label's
tooltip gives its whole text (a shortened text is never the only one)."""

from __future__ import annotations

import pytest

from tests.layout_check import _glyphs
from tests.settle import settle
from tests.sweep import sweep

pytestmark = pytest.mark.timeout(120)


def row_problems(window) -> list[str]:
    labels = window.diagram.activation_labels
    items = [item for item, _ in labels.items if item.isVisible()]
    found = []
    rects = [_glyphs(i) for i in items]
    tops = {round(r.top(), 1) for r in rects}
    if len(tops) > 1:
        found.append(f"labels on {len(tops)} rows: {[i.toPlainText() for i in items]}")
    found += [f"{a.toPlainText()!r} overlaps {b.toPlainText()!r}" for k, (a, ra) in enumerate(zip(items, rects))
              for b, rb in list(zip(items, rects))[k + 1:] if ra.intersects(rb)]
    whole = labels._texts(0)
    for (item, l), text in zip(labels.items, whole):
        if text.rstrip(" ▾") not in item.toolTip():
            found.append(f"layer {l}'s tooltip {item.toolTip()!r} lacks {text!r}")
    return found


@sweep("size", [(1024, 768), (1100, 680)], default=0)
def test_activation_labels_stand_on_one_row_in_narrow_windows(window, qtbot, size):
    c = window.controller
    window.resize(*size)
    found, shown = [], 0
    d = window.diagram
    for hidden, dropout in (((8, 8, 8), ()), ((6,) * 5, (0.2,)), ((4,) * 7, ())):
        c.change(hidden=hidden, dropout=dropout)
        qtbot.waitUntil(lambda h=hidden: c.run_info.sizes[1:-1] == h, timeout=10000)
        assert settle(qtbot, until=lambda h=hidden: d.sizes[1:-1] == h and d.weights is not None)  # drawn
        found += [f"{size} {hidden} drop {dropout}: {p}" for p in row_problems(window)]
        shown += any(item.isVisible() for item, _ in window.diagram.activation_labels.items)
    assert found == []
    if size == (1024, 768):  # (at 1100×680 even "T▾" is wider than a layer's gap, and at 1024×768 the tallest
        assert shown >= 2  # network, 8,8,8, leaves no room under it: a hidden layer's right-click menu sets it then,
        # test_layer_activation)




def test_activation_labels_shown_wherever_the_view_has_their_room(window, qtbot):
    """The flaky [1024x768] case (labels for 1 network of 3): an earlier test had dragged the columns'
    splitter, and at 1024x768 the Network column kept its settings unfolded; the drawing was centred
    in its view, and the labels were hidden under a 6,6,6,6,6 network though the view had their room
    above it. Whatever the columns' widths, a label is hidden only where the view has no room for it."""
    c, d = window.controller, window.diagram
    window.splitter.setSizes([306, 330, 366, 258])  # (the splitter as an earlier test left it)
    settle(qtbot)
    window.resize(1024, 768)
    found = []
    for hidden in ((8, 8, 8), (6,) * 5, (4,) * 7):
        c.change(hidden=hidden)
        assert settle(qtbot, until=lambda h=hidden: d.sizes[1:-1] == h and d.weights is not None)
        labels = d.activation_labels
        top = min(item.sceneBoundingRect().top() for item, _, _ in d.titles if item.isVisible())
        low = max(d.view.mapViewToScene(rect.bottomLeft()).y() for col in d.nodes for _, rect in col)
        spare = d.view.sceneBoundingRect().height() - (low - top)  # the view's height the drawing leaves
        if labels.hidden and spare >= labels.height_px() + 4:
            found.append(f"{hidden}: labels hidden, {spare:.0f} px of the view spare")
    assert found == []
