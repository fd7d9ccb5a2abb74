"""A scrolled column keeps its heading in view (nnplay.ui.pinned_heading): opening the vanishing-gradients
lesson scrolled the Gradients column to the gradient norms its question names (63 px at 1280×800, 189 at
1024×768 in presentation mode), and the column's title went out of sight. The norms are still shown whole,
below the heading."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QScrollArea

from nnplay.lessons import find_lesson
from nnplay.ui.lessons_panel import open_lesson
from tests.layout_check import text_problems
from tests.settle import settle
from tests.sweep import sweep

POINTS = [((1280, 800), False), ((1024, 768), True), ((1024, 768), False), ((1280, 800), True)]


def _in_window(widget, window) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def heading_shown(window, area: QScrollArea) -> QLabel | None:
    """The label showing ``area``'s column heading wholly inside the area's view, or None: the column's own
    title, or whatever stands for it there (the same text)."""
    title = next(label for label in area.widget().findChildren(QLabel) if label.objectName().startswith("section_"))
    view = _in_window(area.viewport(), window)
    return next((label for label in window.findChildren(QLabel) if label.isVisible() and label.text() == title.text()
                 and view.contains(_in_window(label, window))), None)


@sweep("size, presenting", POINTS, ids=[f"{w}x{h}{'-presenting' if p else ''}" for (w, h), p in POINTS], default=0)
def test_the_vanishing_gradients_lesson_shows_the_norms_under_the_gradients_heading(window, qtbot, size, presenting):
    c = window.controller
    window.resize(*size)
    if presenting:
        window.presentation.set_presenting(True, full_screen=False)
    try:
        lesson = find_lesson("vanishing-gradients")
        open_lesson(window, lesson)
        qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.config == lesson.config, timeout=15000)
        c.step(2)  # the first frames fill the heatmaps, which push the norms down
        qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 2, timeout=15000)
        settle(qtbot, most_ms=3000, until=lambda: not window.presentation.columns.pending())
        area = window.findChild(QScrollArea, "gradients_scroll")
        assert area.verticalScrollBar().value() > 0  # the column is scrolled to the norms (else no fault to see)
        heading = heading_shown(window, area)
        assert heading is not None, "the Gradients column's heading is out of sight"
        norms, view = _in_window(window.gradients.norm_plot, window), _in_window(area.viewport(), window)
        assert _in_window(heading, window).bottom() < norms.top() and norms.bottom() <= view.bottom()
        assert text_problems(window) == []
    finally:
        window.presentation.set_presenting(False)


def test_a_column_shows_one_heading_at_its_top_and_keeps_it_when_scrolled(window, qtbot):
    window.resize(1024, 600)
    settle(qtbot)
    area = window.findChild(QScrollArea, "gradients_scroll")
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(0)
    settle(qtbot)
    title = area.widget().findChild(QLabel, "section_gradients")
    assert heading_shown(window, area) is title  # at its top, its own title: not a second one over it
    bar.setValue(bar.maximum())
    settle(qtbot)
    pinned = heading_shown(window, area)
    assert pinned is not None and pinned is not title
    assert pinned.font() == title.font() and pinned.styleSheet() == title.styleSheet()
    assert _in_window(pinned, window).top() == _in_window(area.viewport(), window).top()
    bar.setValue(0)
    settle(qtbot)
    assert not pinned.isVisible()
