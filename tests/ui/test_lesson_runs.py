"""Tester's report item 2: a lesson's goal is judged only on a run the lesson
set up: shown, it waits for Set up (no "✓ met" nor answer from the run that was
on before), and Set up always starts a new run, even when only a live setting
(the learning rate) differs."""

from __future__ import annotations

from nnplay.lessons import MET, PENDING, find_lesson
from nnplay.ui import lessons_panel
from nnplay.ui.lessons_panel import LessonsPanel, set_up_lesson


def test_a_lesson_is_not_judged_on_a_run_it_did_not_set_up(qtbot, monkeypatch):
    lesson = find_lesson("1")  # goal: test_accuracy < 0.7 after 200 epochs
    panel = LessonsPanel([lesson], set_up=lambda chosen: 7, open_file=lambda: None)
    qtbot.addWidget(panel)
    seen = [[{"run_id": 6, "epoch": 868, "diverged": False, "test_accuracy": 0.5}]]
    monkeypatch.setattr(lessons_panel, "records", lambda snapshot: seen[-1])  # the frame's records
    panel.observe(object())  # a frame of the run that was on when the lesson was opened
    assert "✓" not in panel.status.text() and "Why." not in panel.body.text()
    assert "press Set up" in panel.status.text()
    panel.set_up_button.click()  # a late frame of the old run comes after it
    panel.observe(object())
    assert panel.tracker.status == PENDING and "Why." not in panel.body.text()
    seen.append([{"run_id": 7, "epoch": 200, "diverged": False, "test_accuracy": 0.5}])
    panel.observe(object())
    assert panel.tracker.status == MET and "✓ met at epoch 200" in panel.status.text()
    assert "Why." in panel.body.text()


def test_set_up_starts_a_new_run_when_only_the_rate_differs(window, qtbot):
    lesson = find_lesson("1")
    c = window.controller
    first = set_up_lesson(window, lesson)
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.config == lesson.config, timeout=10000)
    assert c.change(lr=lesson.config.lr * 10)  # a live setting: the run goes on
    assert c.generation == first
    c.step(3)
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 3, timeout=10000)
    second = set_up_lesson(window, lesson)
    assert second > first and c.state.config == lesson.config
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.generation == second, timeout=10000)
    assert c.last_frame.snapshot.epoch == 0


def test_a_run_on_other_data_than_the_lessons_is_not_judged_and_the_panel_says_so(qtbot, monkeypatch):
    lesson = find_lesson("1")  # circle; goal: test_accuracy < 0.7 after 200 epochs
    now = [lesson.config]
    panel = LessonsPanel([lesson], set_up=lambda chosen: 7, open_file=lambda: None, current_config=lambda: now[-1])
    qtbot.addWidget(panel)
    seen = [{"run_id": 8, "epoch": 200, "diverged": False, "test_accuracy": 0.5}]
    monkeypatch.setattr(lessons_panel, "records", lambda snapshot: seen)
    panel.set_up_button.click()
    now.append(lesson.config.with_changes(dataset="spiral", hidden=(8,)))  # the learner's own experiment
    panel.observe(object())
    assert panel.tracker is None and "✓" not in panel.status.text() and "Why." not in panel.body.text()
    assert "You changed the setup (the data set is spiral, not the lesson's circle)" in panel.status.text()
    assert "press Set up again" in panel.status.text()
    now.append(lesson.config.with_changes(dataset="csv", loss="mse"))  # a regression CSV: no accuracy to judge
    panel.observe(object())
    assert "not yet" not in panel.status.text() and "a file's or drawn data" in panel.status.text()
    now.append(lesson.config)  # Set up again: judged once more
    panel.set_up_button.click()
    panel.observe(object())
    assert panel.tracker.status == MET and "✓ met at epoch 200" in panel.status.text()


def test_changing_what_the_lesson_asks_about_keeps_it_judged(qtbot, monkeypatch):
    lesson = find_lesson("xor-feature")  # its question: which extra input feature
    changed = lesson.config.with_changes(features=("x1", "x2", "x1x2"), lr=0.1, hidden=(3,))
    panel = LessonsPanel([lesson], set_up=lambda chosen: 7, open_file=lambda: None, current_config=lambda: changed)
    qtbot.addWidget(panel)
    monkeypatch.setattr(lessons_panel, "records",
                        lambda snapshot: [{"run_id": 7, "epoch": 20, "diverged": False, "test_accuracy": 0.97}])
    panel.set_up_button.click()
    panel.observe(object())
    assert panel.tracker.status == MET and "changed the setup" not in panel.status.text()


def test_a_lesson_shown_before_set_up_says_the_window_is_not_on_its_setup(qtbot):
    """Tester 17: Ctrl+L showed lesson 1 ("This network has no hidden layer... a disc") over the
    spiral with 4 hidden layers, with nothing saying the lesson was not set up yet."""
    lesson = find_lesson("1")  # circle, no hidden layer
    now = [lesson.config.with_changes(dataset="spiral", hidden=(8, 8, 8, 8))]
    panel = LessonsPanel([lesson], set_up=lambda chosen: 7, open_file=lambda: None, current_config=lambda: now[-1])
    qtbot.addWidget(panel)
    text = panel.body.text()
    assert "Not set up yet" in text and "the data set is spiral, not the lesson's circle" in text
    assert text.index("Not set up yet") < text.index("This network has no hidden layer")  # read first
    now.append(lesson.config.with_changes(hidden=(8, 8)))
    panel.show_lesson(0)
    assert "the hidden layers are 8, 8, not the lesson's none" in panel.body.text()
    panel.set_up_button.click()
    assert "Not set up" not in panel.body.text()
    now.append(lesson.config)
    panel.show_lesson(0)  # shown again over its own setup: nothing the text claims is untrue
    assert "Not set up" not in panel.body.text()
    now.append(lesson.config.with_changes(dataset="xor"))
    panel.observe(object())  # a frame after the learner changed the data, still not set up
    assert "the data set is xor, not the lesson's circle" in panel.body.text()
