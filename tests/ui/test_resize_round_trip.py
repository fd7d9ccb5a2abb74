"""A window made as narrow as it goes and grown back lays out as before (round 22).

The playground's least size and the read-outs' lines are a function of what is shown, never of how many
times the window was resized; and the output's data area, which the aspect lock keeps the domain's shape
with margins inside the plot (``plane_aspect.fit_shape``), is as large again as before: the margins were
reckoned from the data area's size with the margins set before, stale or squeezed to its least as the
columns came back, and a 648-px output kept an 8-px data area (X₂ from −208 to 208) at 1280x800."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from tests.settle import settle

pytestmark = pytest.mark.timeout(120)


def _state(window, qtbot) -> dict:
    columns = window.presentation.columns
    settle(qtbot, most_ms=3000, until=lambda: not columns.pending())
    view = window.boundary.plot.getPlotItem().getViewBox()
    row = window.findChild(QWidget, "readouts_row")
    return {"least": window.minimumSizeHint().toTuple(), "readouts": row.height(),
            "data area": (round(view.width()), round(view.height()))}


def test_a_window_shrunk_to_its_least_width_and_grown_back_lays_out_as_before(window, qtbot):
    c = window.controller
    qtbot.waitUntil(lambda: c.run_info is not None and c.last_frame is not None, timeout=20000)
    window.resize(1280, 800)
    before = _state(window, qtbot)
    assert min(before["data area"]) > 200, before  # (the data area is the plot's, not a strip)
    for _ in range(2):  # a second round: nothing grows or shrinks with the count of resizes
        window.resize(10, 800)  # Qt keeps the least width: the columns fit hides are hidden
        _state(window, qtbot)
        window.resize(1280, 800)
        after = _state(window, qtbot)
        assert after["least"] == before["least"] and after["readouts"] == before["readouts"], (before, after)
        assert all(abs(a - b) <= 2 for a, b in zip(after["data area"], before["data area"])), (before, after)
