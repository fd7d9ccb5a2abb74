"""Tester 23: at 1024×768 with three hidden layers of 8, a CSV of 12 inputs hid the curves (the output's plot
would be too short under them); a session of 2 inputs opened then left them hidden, and the Output column
a plot in empty room, until the window was resized (and the CSV had hidden them only once something
resized: offscreen, never). A new run's content is fitted again (``ColumnFit.content_changed``)."""

from __future__ import annotations

import pytest

from nnplay.ui.column_fit import CURVES
from tests.long_names import long_named_csv

pytestmark = pytest.mark.timeout(120)


def test_a_session_opened_after_a_wide_csv_brings_the_curves_back(window, qtbot, tmp_path):
    c, fit = window.controller, window.presentation.columns
    window.resize(1024, 768)
    c.change(hidden=(8, 8, 8))
    qtbot.waitUntil(lambda: c.run_info.sizes[1:-1] == (8, 8, 8), timeout=10000)
    session = tmp_path / "circle.nnplay"
    c.save_session(str(session))
    qtbot.waitUntil(session.exists, timeout=10000)
    path = tmp_path / "twelve.csv"
    names = long_named_csv(path)
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.run_info.data.input_names[0] == names[0], timeout=15000)
    qtbot.waitUntil(lambda: CURVES in fit.fitted and not fit.pending(), timeout=10000)
    assert c.open_session(str(session))
    qtbot.waitUntil(lambda: len(c.run_info.data.input_names) == 2, timeout=15000)
    qtbot.waitUntil(lambda: CURVES not in fit.fitted, timeout=10000)
    assert window.lower_tabs.isVisible()
