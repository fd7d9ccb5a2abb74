"""The suite's ``qtbot.waitUntil`` (tests/conftest.py ``_frame_not_yet``): a condition read through a
frame that has not arrived yet waits for it; every other fault of a condition still fails at once."""

import types

import pytest
from PySide6.QtCore import QTimer
from pytestqt.exceptions import TimeoutError as WaitTimedOut


def test_a_condition_read_through_a_frame_not_yet_arrived_waits_for_it(qtbot):
    run = types.SimpleNamespace(last_frame=None)  # as a RunHandle's just after a rebuild
    QTimer.singleShot(50, lambda: setattr(run, "last_frame", types.SimpleNamespace(epoch=3)))
    qtbot.waitUntil(lambda: run.last_frame.epoch == 3, timeout=5000)
    assert run.last_frame.epoch == 3


def test_a_frame_that_never_arrives_times_out_with_the_reason(qtbot):
    run = types.SimpleNamespace(last_frame=None)
    with pytest.raises(WaitTimedOut) as e:
        qtbot.waitUntil(lambda: run.last_frame.epoch == 3, timeout=100)
    assert "not yet" in str(e.value.__cause__) and "epoch" in str(e.value.__cause__)


def test_any_other_fault_of_a_condition_fails_at_once(qtbot):
    run = types.SimpleNamespace(last_frame=types.SimpleNamespace(epoch=3))
    with pytest.raises(AttributeError, match="epok"):
        qtbot.waitUntil(lambda: run.last_frame.epok == 3, timeout=60000)
    with pytest.raises(ZeroDivisionError):
        qtbot.wait_until(lambda: 1 / 0, timeout=60000)
