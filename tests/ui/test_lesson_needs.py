"""A lesson's needed controls stay in view when the window makes room (the
tester: presentation mode with lesson 2, xor-feature, at 1024×768 hid the Data
column that holds its answer, the X₁X₂ box): the columns a lesson's answer is
set in (lessons.needs) are never the ones hidden to fit."""

from __future__ import annotations

import dataclasses

import pytest

from nnplay.lessons import builtin_lessons, find_lesson
from nnplay.lessons.needs import COLUMN_ORDER, COLUMN_SETTINGS, MENU_SETTINGS, needed_columns
from nnplay.training import TrainConfig
from nnplay.ui.lessons_panel import open_lesson
from tests.layout_check import text_problems
from tests.settle import settle


def test_every_setting_is_in_a_column_or_a_menu():
    fields = {f.name for f in dataclasses.fields(TrainConfig)} - {"extra"}
    placed = {s for settings in COLUMN_SETTINGS.values() for s in settings} | set(MENU_SETTINGS)
    assert fields <= placed, fields - placed


def test_the_columns_a_lesson_needs():
    assert needed_columns(find_lesson("xor-feature")) == ("data", "output")  # features=x1,x2,x1x2; its views
    assert needed_columns(find_lesson("spiral-depth")) == ("network", "output")  # hidden=8,8,8; the curves
    assert needed_columns(find_lesson("batch-size")) == ("data", "output")
    assert needed_columns(find_lesson("xor-by-hand")) == ("network",)  # weights typed into the diagram
    assert needed_columns(find_lesson("vanishing-gradients")) == ("network", "gradients")  # the norms (views)
    assert needed_columns(find_lesson("linear-circle")) == ("output",)  # answered by watching the output
    assert needed_columns(find_lesson("chain-rule")) == ()


@pytest.mark.parametrize("name", ["xor-feature", "spiral-depth"])
def test_presentation_at_1024x768_keeps_the_lessons_column(window, qtbot, name):
    lesson = find_lesson(name)
    window.resize(1024, 768)
    qtbot.wait(50)
    open_lesson(window, lesson)
    window.presentation.set_presenting(True, full_screen=False)  # the offscreen screen is not 1024×768
    columns = window.presentation.columns  # the column fit (SETTLE_MS after the last resize) run, and drawn
    assert settle(qtbot, most_ms=5000, until=lambda: not columns._timer.isActive() and not columns._shrink.isActive())
    actions = window.presentation.panel_actions
    try:
        for key in needed_columns(lesson):
            assert actions[key].isChecked(), f"{key} hidden for {name}"
        assert window.width() == 1024 and window.boundary.isVisible() and window.lessons_dock.isVisible()
        assert text_problems(window) == []
    finally:
        window.presentation.set_presenting(False)


def test_every_builtin_lesson_needs_a_column_that_exists():
    for lesson in builtin_lessons():
        assert set(needed_columns(lesson)) <= set(COLUMN_ORDER)
