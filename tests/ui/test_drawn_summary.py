"""Tester's item 8: the Data panel's summary of points drawn by hand names no
file ("Standardize and Training data are this file's own" with no file)."""

from __future__ import annotations


def test_drawn_points_are_not_called_a_file(window, qtbot):
    c, panel = window.controller, window.data_panel
    qtbot.waitUntil(lambda: c.run_info is not None, timeout=20000)
    assert c.edit_data("add", (1.0, -2.0), 1)
    qtbot.waitUntil(lambda: "drawn by hand" in panel.info.text(), timeout=20000)
    text = panel.info.text()
    assert "file" not in text and "these drawn points' own" in text
