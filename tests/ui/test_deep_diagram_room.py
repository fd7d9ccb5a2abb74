"""A deep network's diagram uses the room its canvas has (a tester: six hidden layers of
8 at 1024x768 were drawn ~170x70 px in a canvas 224 px wide and 180 tall: the layers
kept their distance, the aspect-locked drawing was as wide as the canvas and a strip of
its height). The layers now close up where the canvas is tall for the network
(``diagram_room.layer_gap``), and the drawing is laid out again when the canvas's shape
changes far (a resize)."""

import pytest

from tests.settle import settle
from tests.ui.test_diagram_zoom_room import neuron_pitch_px


def _drawn(d) -> tuple[float, float]:
    """The drawing's neurons' extent on screen (width, height), in pixels."""
    rects = [r for col in d.nodes for _, r in col]
    corners = [d.view.mapViewToScene(p) for r in rects for p in (r.topLeft(), r.bottomRight())]
    xs, ys = [p.x() for p in corners], [p.y() for p in corners]
    return max(xs) - min(xs), max(ys) - min(ys)


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)])
def test_six_layers_use_the_canvas_height(window, qtbot, size):
    window.resize(*size)
    c = window.controller
    c.change(dataset="spiral", hidden=(8,) * 6)
    qtbot.waitUntil(lambda: c.last_frame is not None and c.run_info.sizes[1:7] == (8,) * 6, timeout=20000)
    settle(qtbot)
    d = window.diagram
    width, height = _drawn(d)
    canvas = d.canvas.size()
    line = d.fontMetrics().lineSpacing()
    # a third of the height the titles and labels leave, at least (before: 86 px of 327 in a 224x390 canvas);
    # the canvas's width is the limit: the neurons are square and seven columns of them must fit across it
    assert height >= 0.32 * (canvas.height() - 4.5 * line), (width, height, canvas)
    assert neuron_pitch_px(d) >= 0.85 * line  # (before: 11 px, 0.79 of a 14-px line)
    assert width <= canvas.width()
