"""Every way into a lesson leaves it set up and its goal checked (the tester
found ``nnplay --lesson NAME`` saying "… not yet — press Set up to start" at
epoch 907 with 100% test accuracy): ``app.open_start`` (``nnplay --lesson``),
a lesson file, the lessons list, and ◀ ▶ all go through
``LessonsPanel.choose``, which sets the lesson up."""

from __future__ import annotations

import shutil
from importlib.resources import files

import pytest

from nnplay.lessons import find_lesson
from nnplay.ui.app import open_start


def _checked_from_now(window, qtbot, dataset: str) -> None:
    c = window.controller
    panel = window.lessons_dock.widget()
    assert panel.tracker is not None and panel.tracker.from_run == c.generation
    assert "press Set up" not in panel.status.text()
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.config.dataset == dataset, timeout=10000)
    c.step(1)
    qtbot.waitUntil(lambda: panel.tracker is not None and panel.tracker._run == c.generation, timeout=10000)


def _by_menu(window, index: int) -> None:
    panel = window.lessons_dock.widget()
    panel.choice.menu().actions()[index].trigger()


@pytest.mark.parametrize("way", ["command line", "list", "next"])
def test_every_way_into_a_lesson_sets_it_up_and_checks_its_goal(window, qtbot, way):
    panel = window.lessons_dock.widget()
    if way == "command line":  # nnplay --lesson NAME, in the window it builds
        window.lessons_dock.widget().show_lesson(0)
        open_start(window, lesson=find_lesson("xor-feature"))
    elif way == "list":
        window.lessons_action.setChecked(True)
        _by_menu(window, 1)
    else:
        window.lessons_action.setChecked(True)
        panel.next.click()
    assert panel.lesson.name == "xor-feature"
    _checked_from_now(window, qtbot, "xor")


def test_a_lesson_file_opened_in_the_window_is_set_up_and_checked(window, qtbot, tmp_path, monkeypatch):
    mine = tmp_path / "mine.toml"
    with (files("nnplay.lessons") / "builtin" / "02-xor-feature.toml").open("rb") as src, mine.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    panel = window.lessons_dock.widget()
    monkeypatch.setattr(window, "_ask_open", lambda *args: str(mine))
    try:
        panel.open_button.click()
        assert panel.lesson.source is not None and str(panel.lesson.source).endswith("mine.toml")
        _checked_from_now(window, qtbot, "xor")
    finally:
        panel.lessons.pop()
        panel._fill_choice()
