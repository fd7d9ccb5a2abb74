"""Tester 22: at 1024×768 with the xor-feature lesson open, Ctrl++ to 160% left the Data column scrolled (to the
input features the lesson's answer is set with) with its top row, the data sets' buttons, cut through their
pictures; a column the user had scrolled kept its pixels through a zoom step, any row cut at its top. A
scrolled column's top row is shown whole (ui/whole_rows.py), its first whole row kept through a zoom step."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel

from nnplay.lessons import find_lesson
from nnplay.ui.lessons_panel import open_lesson, show_dock
from nnplay.ui.pinned_heading import heading_room
from tests.settle import settle_window
from tests.sweep import sweep

COLUMNS = (0, 1, 3)  # the scrolled columns: Data, Network, Gradients


def leaves(area):
    """Each widget without widgets shown inside it in ``area``'s content, no taller than half its view: (widget, top)."""
    from PySide6.QtWidgets import QWidget

    content = area.widget()
    return [(w, w.mapTo(content, QPoint(0, 0)).y()) for w in content.findChildren(QWidget)
            if not w.isWindow() and w.isVisibleTo(content) and w.height() <= area.viewport().height() // 2
            and not [c for c in w.findChildren(QWidget) if not c.isWindow() and c.isVisibleTo(w)]]


def cut_rows(window) -> list[str]:
    """The widgets cut by the top of a scrolled column's view (below its pinned heading)."""
    found = []
    for area in map(window.splitter.widget, COLUMNS):
        value = area.verticalScrollBar().value()
        if area.isVisible() and value > 0:
            label = area.findChild(QLabel, f"{area.objectName()}_heading")  # (pinned over the top of the view)
            line = value + (label.height() if label.isVisible() else 0)
            found += [f"{area.objectName()}: {type(w).__name__} {w.objectName() or ''} at {top}..{top + w.height()} "
                      f"cut at {line}" for w, top in leaves(area) if top < line < top + w.height()]
    return found


@sweep("size", [(1016, 740), (1280, 800)], default=0)  # (1280×800, 200%: the column as far as it scrolls)
def test_a_lesson_and_a_zoom_never_leave_a_columns_top_row_cut(window, qtbot, size):
    p, found, scrolled = window.presentation, [], 0
    window.resize(*size)
    settle_window(qtbot, window)
    open_lesson(window, find_lesson("xor-feature"))  # its answer is an input feature: the Data column scrolled
    settle_window(qtbot, window)
    for step in [1] * 6 + [0] + [-1] * 3:
        if step:
            p.step_zoom(step)
        else:
            show_dock(window, False)
        settle_window(qtbot, window)
        found += [f"{p.zoom:.0%}{' closed' if not step else ''}: {s}" for s in cut_rows(window)]
        scrolled += window.splitter.widget(0).verticalScrollBar().value() > 0
    assert found == []
    assert scrolled >= 3  # (the Data column scrolled: there were rows to cut)


def test_a_zoom_step_keeps_a_scrolled_columns_first_row_at_its_top(window, qtbot):
    p = window.presentation
    window.resize(1016, 740)
    p.set_zoom(1.4)
    settle_window(qtbot, window)
    area = window.splitter.widget(0)
    bar = area.verticalScrollBar()
    bar.setValue(bar.maximum())  # the user scrolls the Data column down
    settle_window(qtbot, window)
    assert bar.value() > 0  # (its top row cut, maybe: the user's own place)
    line = bar.value() + heading_room(area)
    first = min(((top, w) for w, top in leaves(area) if top >= line), key=lambda r: r[0])[1]  # its first whole row
    found = []
    for zoom in (1.6, 1.25, 1.8):
        p.set_zoom(zoom)
        settle_window(qtbot, window)
        top = first.mapTo(area.widget(), QPoint(0, 0)).y() - bar.value() - heading_room(area)
        ends = bar.value() in (0, bar.maximum()) and 0 < top <= area.viewport().height() - first.height()
        if not 0 <= top < first.height() and not ends:  # (in view, the column as far as it scrolls whole)
            found.append(f"{zoom:.0%}: {first.objectName()} {top} px below the view's top, at {bar.value()} of {bar.maximum()}")
        found += [f"{zoom:.0%}: {s}" for s in cut_rows(window)]
    assert found == []
