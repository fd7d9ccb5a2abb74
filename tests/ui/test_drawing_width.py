"""Round 20: in presentation mode at 1280×800 the vanishing-gradients lesson's six hidden layers were
drawn wider than the Network column, which scrolled them sideways: the output neuron was out of sight,
while the Output and Gradients columns had width to spare (ui/drawing_width.py)."""

from __future__ import annotations

from nnplay.lessons import find_lesson
from nnplay.ui.drawing_width import NETWORK
from nnplay.ui.lessons_panel import open_lesson
from tests.settle import settle


def six_layers_presented(window, qtbot, size):
    c, columns = window.controller, window.presentation.columns
    window.resize(*size)
    window.presentation.set_presenting(True, full_screen=False)  # the offscreen screen is not this size
    lesson = find_lesson("vanishing-gradients")
    open_lesson(window, lesson)
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.config == lesson.config, timeout=15000)
    settle(qtbot, most_ms=3000, until=lambda: not columns.pending())


def test_six_layers_in_presentation_at_1280x800_are_drawn_whole(window, qtbot):
    d = window.diagram
    try:
        six_layers_presented(window, qtbot, (1280, 800))
        assert d.isVisible() and len(d.nodes) == 8
        qtbot.waitUntil(lambda: d.canvas_scroll.horizontalScrollBar().maximum() == 0, timeout=3000)
        assert d.canvas.width() <= d.canvas_scroll.viewport().width()  # the output neuron in sight
        s = window.splitter
        assert all(s.widget(i).width() >= s.widget(i).minimumWidth() for i in range(s.count())
                   if not s.widget(i).isHidden())  # from the others' spare width only
    finally:
        window.presentation.set_presenting(False)


def test_a_width_the_user_gives_the_network_column_stands(window, qtbot):
    s = window.splitter
    try:
        six_layers_presented(window, qtbot, (1280, 800))
        dw = window.drawing_width  # its last widening done (a layout after the fit's may bring one)
        settle(qtbot, most_ms=3000, until=lambda: not dw._fit.pending and dw._state() == dw._done)
        sizes = s.sizes()
        sizes[NETWORK] -= 60
        sizes[NETWORK + 1] += 60
        s.setSizes(sizes)  # as a drag of the handle does
        dragged = s.sizes()
        assert window.diagram.canvas_scroll.horizontalScrollBar().maximum() > 0  # (scrolled sideways, as asked)
        dw.fit()  # (what a resize of the canvas, the drag's, asks for)
        assert s.sizes() == dragged
    finally:
        window.presentation.set_presenting(False)
