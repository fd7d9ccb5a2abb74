"""Every plot of a column is whole in the window, or its column scrolls far enough to show it whole, at
the zoom steps a laptop uses (tester 22: at ×1.6 on 1280×800 the |dW| plot was cut at the Gradients
column's bottom). ``text_problems`` leaves out whatever lies in a scroll area (it can be scrolled to), so
it would not see a plot below the end of its scroll area's reach, nor one past its content's edge."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QRect

from nnplay.ui.lesson_views import scroll_area
from tests.settle import settle


def out_of_reach(window) -> list[str]:
    """The plots shown in ``window`` that cannot be seen whole: past the window's edge, or past what their
    scroll area's content holds or its scroll bar reaches."""
    found = []
    for view in window.findChildren(pg.GraphicsView):
        if not view.isVisible() or view.window() is not window:
            continue
        area = scroll_area(view)  # (its column's)
        if area is None:
            where, room = QRect(view.mapTo(window, QPoint(0, 0)), view.size()), window.rect()
        else:
            content = area.widget()
            where = QRect(view.mapTo(content, QPoint(0, 0)), view.size())
            reach = QRect(0, 0, area.horizontalScrollBar().maximum() + area.viewport().width(),
                          area.verticalScrollBar().maximum() + area.viewport().height())
            room = reach & content.rect()
        if not room.contains(where):
            found.append(f"{view.objectName()} at {where.getRect()}, room {room.getRect()}")
    return found


@pytest.mark.parametrize("size", [(1280, 800), (1600, 1000)])
def test_every_plot_of_a_column_can_be_seen_whole_at_every_zoom_step(window, qtbot, size):
    window.resize(*size)
    found = []
    for zoom in (1.4, 1.6, 2.0):
        window.presentation.set_zoom(zoom)
        window.resize(*size)
        settle(qtbot)
        found += [f"×{zoom}: {p}" for p in out_of_reach(window)]
    assert found == []
