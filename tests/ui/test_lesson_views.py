"""Tester 20 (s54_dark_vanish.png): in the vanishing-gradients lesson at 1280×800 the gradient
norms its question points to were mostly below the fold of the Gradients column (its heatmaps,
filled by the first frame, had pushed them down). Every lesson names the views its question
points to (``views``, lessons.needs.VIEWS) and the window keeps them in sight: their column shown,
the Curves tab chosen, the column scrolled to them (ui/lesson_views.py). Checked for every lesson
at 1024×768 and 1280×800, and in presentation mode: the view is visible and wholly within its
column's height and the window's, without the learner scrolling; so are the controls its answer is set
with (round 20: the Network panel's settings, folded, hid the activation of the vanishing-gradients lesson
and, in presentation mode, the learning rate, activation, L1/L2 or optimizer of eight lessons)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QScrollArea

from nnplay.lessons import LessonError, builtin_lessons, parse_lesson
from nnplay.lessons.needs import VIEWS
from nnplay.lessons.setup_check import asked_settings
from nnplay.ui.lesson_views import CONTROLS, VIEW_WIDGETS, asked_controls
from nnplay.ui.lessons_panel import open_lesson
from tests.layout_check import text_problems
from tests.settle import settle
from tests.sweep import sweep

WATCHED = {"chain-rule"}  # its question points to the inspector, a window of its own (Inspect, on the toolbar)


def out_of_sight(window, view: str) -> str:
    """'' when ``view`` is shown whole (in height) without scrolling; else what is wrong."""
    widget = VIEW_WIDGETS[view](window)
    if view == "curves" and widget.isVisible() and window.lower_tabs.currentWidget() is not window.curves:
        return "its tab is not the one shown"
    return widget_out_of_sight(window, widget)


def widget_out_of_sight(window, widget) -> str:
    """'' when ``widget`` is shown whole (in height) without scrolling; else what is wrong."""
    if not widget.isVisible():
        return "hidden"
    top = widget.mapTo(window, QPoint(0, 0)).y()
    bottom, least, most = top + widget.height(), 0, window.height()
    p = widget.parentWidget()
    while p is not None and p is not window:
        if isinstance(p, QScrollArea):
            seen = p.viewport().mapTo(window, QPoint(0, 0)).y()
            least, most = max(least, seen), min(most, seen + p.viewport().height())
        p = p.parentWidget()
    return "" if least <= top and bottom <= most else f"rows {top}..{bottom} of the window, in sight {least}..{most}"


def each_lesson(window, qtbot, size, presenting):
    """Open every built-in lesson in ``window`` at ``size`` (in presentation mode if ``presenting``), train
    it two epochs and let the columns settle; yield each lesson then."""
    c = window.controller
    window.resize(*size)
    if presenting:
        window.presentation.set_presenting(True, full_screen=False)  # the offscreen screen is not this size
    try:
        for lesson in builtin_lessons():
            window.lower_tabs.setCurrentIndex(window.lower_tabs.count() - 1)  # another tab than the curves
            open_lesson(window, lesson)
            qtbot.waitUntil(lambda want=lesson.config: c.run_info is not None and c.run_info.config == want,
                            timeout=15000)
            c.step(2)  # the first frames fill the views (the heatmaps that pushed the norms down)
            qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 2, timeout=15000)
            columns = window.presentation.columns
            settle(qtbot, most_ms=3000, until=lambda: not columns.pending())
            yield lesson
    finally:
        window.presentation.set_presenting(False)


def test_every_lesson_with_an_answer_has_its_controls():
    """The controls of every setting a built-in lesson's answer changes are known (CONTROLS)."""
    for lesson in builtin_lessons():
        assert asked_settings(lesson) <= set(CONTROLS) | {"features"}, lesson.name


def test_every_lesson_names_the_views_its_question_points_to():
    for lesson in builtin_lessons():
        assert lesson.views or lesson.name in WATCHED, lesson.name
        assert set(lesson.views) <= set(VIEW_WIDGETS) == set(VIEWS)


def test_an_unknown_view_is_one_line_naming_the_views():
    text = ('title = "t"\ntext = "t"\nsetup = "dataset=circle"\nquestion = "q"\ngoal = "train_loss < 1"\n'
            'hints = ["h"]\nexplanation = "e"\nviews = ["gradient norms"]\n')
    with pytest.raises(LessonError, match=r"^mine.toml: views: no view named 'gradient norms'; the views are output"):
        parse_lesson(text, "mine.toml")


SIZES_AND_MODES = [((1024, 740), False), ((1024, 740), True), ((1280, 800), False), ((1280, 800), True)]
IDS = [f"{w}x{h}-{'presenting' if p else 'normal'}" for (w, h), p in SIZES_AND_MODES]


@sweep("size, presenting", SIZES_AND_MODES, ids=IDS, default=2)  # 1280x800: the tester's (norms below the fold)
def test_every_lessons_views_are_in_sight_without_scrolling(window, qtbot, size, presenting):
    found = [f"{lesson.name}: {view} {problem}" for lesson in each_lesson(window, qtbot, size, presenting)
             for view in lesson.views if (problem := out_of_sight(window, view))]
    assert found == [], "\n".join(found)


@sweep("size, presenting", SIZES_AND_MODES, ids=IDS, default=1)  # presenting at 1024x768: 8 lessons' controls
def test_every_lessons_asked_controls_are_in_sight_without_scrolling(window, qtbot, size, presenting):
    """Round 20: the Settings fold hid the control a lesson's answer is set with (the learning rate,
    activation, L1/L2 or optimizer) in eight lessons in presentation mode, and the vanishing-gradients
    lesson's activation at 1024x768: the fold is opened and the column scrolled to it."""
    found = []
    for lesson in each_lesson(window, qtbot, size, presenting):
        controls = asked_controls(window, lesson)
        found += [f"{lesson.name}: control {w.objectName()} {problem}" for w in controls
                  if (problem := widget_out_of_sight(window, w))]
        found += [f"{lesson.name}: {w.objectName()} squeezed to {w.width()} of {w.minimumSizeHint().width()} px"
                  for w in controls if w.isVisible() and w.width() < w.minimumSizeHint().width()]
        found += [f"{lesson.name}: {p}" for p in text_problems(window)]  # no column squeezed or drawn over another
    assert found == [], "\n".join(found)
