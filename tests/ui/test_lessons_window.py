"""Issue 19 item 1 in the window: Help > Lessons opens the side panel; Set up
applies a lesson's settings; its goal is checked live on the frames (✓ when met,
then the explanation); a bad lesson file is refused in one line; the panel fits
at 1024×768."""

from __future__ import annotations

from nnplay.lessons import MET, find_lesson
from nnplay.ui.lessons_panel import open_lesson
from tests.layout_check import text_problems
from tests.settle import settle


def test_help_lessons_opens_the_panel_and_set_up_applies_the_lesson(window, qtbot):
    action = next(a for a in window.menuBar().actions() if a.text() == "&Help").menu().actions()
    lessons = next(a for a in action if a.text() == "Lessons")
    lessons.trigger()
    assert window.lessons_dock.isVisible()
    panel = window.lessons_dock.widget()
    assert len(panel.choice.menu().actions()) >= 10 and "straight line" in panel.body.text()
    panel.next.click()
    assert panel.lesson.name == "xor-feature" and panel.previous.isEnabled()
    panel.set_up_button.click()
    c = window.controller
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.config.dataset == "xor"
                    and c.run_info.sizes == (2, 1), timeout=10000)
    assert "… not yet" in panel.status.text()
    panel.hint_button.click()
    assert "Hint 1." in panel.body.text() and "Hint 2." not in panel.body.text()


def test_the_goal_is_met_live_and_the_explanation_shown(window, qtbot):
    lesson = find_lesson("xor-feature")
    open_lesson(window, lesson)
    c = window.controller
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.config.dataset == "xor", timeout=10000)
    panel = window.lessons_dock.widget()
    assert c.apply_settings_text(lesson.solution)  # what the learner is asked to find: the X1X2 input
    qtbot.waitUntil(lambda: c.run_info.sizes == (3, 1), timeout=10000)
    c.step(30)
    qtbot.waitUntil(lambda: panel.tracker.status == MET, timeout=20000)
    assert "✓ met at epoch" in panel.status.text()
    assert "Why." in panel.body.text() and "X₁X₂ is positive" in panel.body.text()
    c.reset()  # a new run: the goal is checked afresh
    qtbot.waitUntil(lambda: "… not yet" in panel.status.text(), timeout=10000)


def test_a_bad_lesson_file_is_one_line_and_the_panel_keeps_its_lesson(window, qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "mine.toml"
    bad.write_text("title = 'x'\n", encoding="utf-8")
    window.lessons_dock.show()
    panel = window.lessons_dock.widget()
    before = panel.lesson
    monkeypatch.setattr(window, "_ask_open", lambda *args: str(bad))
    panel.open_button.click()
    assert window.errors == [("Cannot open this lesson", f"{bad}: text: missing (a text)")]
    assert panel.lesson is before and len(panel.choice.menu().actions()) == len(panel.lessons)


def test_the_window_with_a_lesson_open_fits_1024x768(window, qtbot):
    window.resize(1024, 740)
    qtbot.wait(100)
    open_lesson(window, find_lesson("momentum"))
    panel = window.lessons_dock.widget()
    panel.show_hint()
    panel.show_hint()
    settle(qtbot)
    assert window.width() == 1024 and window.lessons_dock.isVisible()
    assert not window.gradients.isVisible()  # hidden to make room, and said so
    assert window.statusBar().currentMessage().startswith("Hidden to make room: Gradients column")
    assert text_problems(window) == []


def test_leaving_the_lessons_data_in_the_window_stops_the_judging(window, qtbot):
    open_lesson(window, find_lesson("1"))
    c = window.controller
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.config.dataset == "circle", timeout=10000)
    panel = window.lessons_dock.widget()
    c.change(dataset="spiral", hidden=(8,))
    c.step(2)
    qtbot.waitUntil(lambda: "You changed the setup" in panel.status.text(), timeout=10000)
    assert panel.tracker is None and "spiral" in panel.status.text() and "Why." not in panel.body.text()
    panel.set_up_button.click()
    qtbot.waitUntil(lambda: "… not yet" in panel.status.text(), timeout=10000)


def test_a_change_after_set_up_is_said_above_the_lessons_text(window, qtbot):
    """The lesson's text went stale: after Set up the learner changed the layers and the rate, and the
    panel still described the lesson's network as if the window showed it. It says the setup was
    changed, naming what (the text is the lesson's setup's), and drops the note once set up again."""
    open_lesson(window, find_lesson("xor-feature"))
    c = window.controller
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.config.dataset == "xor", timeout=10000)
    panel = window.lessons_dock.widget()
    c.step(1)
    qtbot.wait(300)
    assert "You have changed the setup" not in panel.body.text()  # the window shows the lesson's setup
    c.change(hidden=(4, 4), lr=0.1)
    c.step(1)
    qtbot.waitUntil(lambda: "You have changed the setup" in panel.body.text(), timeout=10000)
    text = panel.body.text()
    assert "hidden layers 4, 4" in text and "learning rate 0.1" in text
    assert text.index("You have changed the setup") < text.index("<h3>")  # above the lesson's text
    panel.set_up_button.click()
    c.step(1)
    qtbot.waitUntil(lambda: "You have changed the setup" not in panel.body.text(), timeout=10000)
