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
