"""No hover moves the picture the user points at: hovering a neuron grew the read-out
under the diagram from two lines to three, and the drawing above it shrank and shifted
(a click then missed its link). The read-out keeps the room of the tallest text the
network can show (``diagram_readout.captions``) at the diagram's width and zoom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from tests.settle import settle

pytestmark = pytest.mark.timeout(120)


def points(d) -> dict[str, QPointF]:
    """A point (view units) over each kind of item the diagram has: input, hidden neuron,
    output, link, and for a bounded layer its "more" node and a summarised link."""
    first, hidden, out = d.nodes[0][0][1], d.nodes[1][-1][1], d.nodes[-1][0][1]
    to = d.nodes[1][0][1]
    found = {"input": first.center(), "neuron": hidden.center(), "output": out.center(),
             "link": QPointF((first.right() + to.left()) / 2, (first.center().y() + to.center().y()) / 2)}
    for l, more in enumerate(d.bounds.more):
        if more:
            found[f"more {l}"] = more[0].center()
    for l, links in enumerate(d.bounds.links, start=1):
        if links:
            line = links[0][0].line()
            found[f"summary {l}"] = QPointF(line.x1() + 0.7 * line.dx(), line.y1() + 0.7 * line.dy())
    return found


def picture(d) -> tuple:
    """Where the drawing is: the canvas's geometry, the view's place in it and its range."""
    return (d.canvas.geometry().getRect(), d.view.sceneBoundingRect().getRect(),
            tuple(tuple(r) for r in d.view.viewRange()))


@pytest.mark.parametrize("hidden", [(4, 2), (200, 3)], ids=["default", "bounded"])
def test_hovering_each_kind_of_item_never_moves_the_drawing(window, qtbot, hidden):
    d, c = window.diagram, window.controller
    if hidden != c.config.hidden:
        c.change(hidden=hidden)
        qtbot.waitUntil(lambda: d.sizes[1:-1] == hidden and d.weights is not None, timeout=10000)
    for size in ((1100, 680), (1280, 800), (1920, 1080)):
        window.resize(*size)
        assert settle(qtbot)  # laid out and drawn at the new size
        before = picture(d)
        kinds = points(d)
        assert len(kinds) >= (4 if hidden == (4, 2) else 6)  # (a bounded layer: its "more" node, summaries)
        for kind, point in kinds.items():
            d._on_mouse(d.view.mapViewToScene(point))
            qtbot.wait(20)
            assert d.readout.text() != "Hover a neuron or a connection.", (size, kind)
            assert picture(d) == before, (size, kind, d.readout.text())
            # the read-out is whole in its room
            assert d.readout.heightForWidth(d.readout.width()) <= d.readout.height(), (size, kind)
        d._set_hover(None)
        qtbot.wait(20)
        assert picture(d) == before


def test_the_room_follows_the_zoom_and_the_hover_still_moves_nothing(window, qtbot):
    d = window.diagram
    window.resize(1280, 800)
    assert settle(qtbot)
    room = d.readout.height()
    window.presentation.set_zoom(1.4)
    assert settle(qtbot)
    assert d.readout.height() > room  # the zoomed font's lines
    before = picture(d)
    for point in points(d).values():
        d._on_mouse(d.view.mapViewToScene(point))
        qtbot.wait(20)
        assert picture(d) == before
