"""At every zoom the window offers the network diagram keeps a usable drawing: with a
network of 8,8 at ×1.25 on 1280×800 the settings left the drawing 147 px and it was drawn
about 50 px wide (neurons 11 px apart, under two thirds of a line). The drawing keeps a line and
a quarter of its font per neuron of its tallest layer (no more than the column's least width lets
it use); the settings fold, or the column scrolls, instead."""

from __future__ import annotations

import pytest

from nnplay.ui.presentation import ZOOMS
from tests.settle import settle
from tests.sweep import sweep

pytestmark = pytest.mark.timeout(240)


def neuron_pitch_px(d) -> float:
    """The distance, in pixels on screen, between two neighbouring neurons of the tallest layer."""
    column = max(d.nodes, key=len)
    (_, a), (_, b) = column[0], column[1]
    pa, pb = (d.view.mapViewToScene(r.center()) for r in (a, b))
    return abs(pb.y() - pa.y())


@sweep("size", [(1024, 768), (1280, 800), (1920, 1080)], default=0)
def test_the_drawing_keeps_its_room_at_every_zoom(window, qtbot, size):
    c, d = window.controller, window.diagram
    c.change(hidden=(8, 8))
    qtbot.waitUntil(lambda: c.run_info.sizes[1:-1] == (8, 8) and max(map(len, d.nodes)) == 8, timeout=10000)
    window.resize(*size)
    found = []
    for zoom in ZOOMS:
        window.presentation.set_zoom(zoom)
        window.resize(*size)
        settle(qtbot)
        if not d.isVisible():
            continue  # (never: the columns that give way are others)
        line = d.fontMetrics().lineSpacing()
        pitch = neuron_pitch_px(d)
        if pitch < 0.75 * line:  # neurons at least three quarters of a line of the zoomed font apart
            found.append(f"×{zoom}: neurons {pitch:.0f} px apart, canvas {d.canvas.width()}×{d.canvas.height()}, "
                         f"line {line} px")
    window.presentation.set_zoom(1.0)
    assert found == []
