"""Issue 19, lessons at projector size: every built-in lesson, set up in a
1024×768 window (less a taskbar) with its panel open, leaves no control clipped,
no text cut and no tick labels colliding (tests/layout_check.py), at zoom 1 and
in presentation mode."""

from __future__ import annotations

import pytest

from nnplay.lessons import builtin_lessons
from nnplay.ui.lessons_panel import open_lesson
from tests.layout_check import text_problems


def walk(window, qtbot) -> list[str]:
    c, found = window.controller, []
    for lesson in builtin_lessons():
        open_lesson(window, lesson)
        qtbot.waitUntil(lambda want=lesson.config: c.run_info is not None and c.run_info.config == want,
                        timeout=15000)
        window.resize(1024, 740)
        qtbot.wait(150)  # the layout settles, the plots redraw their axes
        found += [f"{lesson.name}: {p}" for p in text_problems(window)]
    return found


@pytest.mark.slow  # every lesson set up, twice
def test_every_lesson_at_1024x768_has_nothing_clipped(window, qtbot):
    window.resize(1024, 740)
    qtbot.wait(50)
    found = walk(window, qtbot)
    window.presentation.set_presenting(True, full_screen=False)  # the offscreen screen is not 1024×768
    found += [f"presenting, {p}" for p in walk(window, qtbot)]
    assert found == [], "\n".join(found)
