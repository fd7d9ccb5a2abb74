"""A window made as narrow as it goes and grown back lays out as before (round 22).

The playground's least size and the read-outs' lines are a function of what is shown, never of how many
times the window was resized; the columns hidden to make room come back at the widths they had (they came back
at their least, the Network column 171 px of its 314, its drawing scrolled sideways, the output 648 of its 411:
``ChosenSizes.give_back_whole``); and the output's data area, which the aspect lock keeps the domain's shape
with margins inside the plot (``plane_aspect.fit_shape``), is as large again as before: the margins were
reckoned from the data area's size with the margins set before, stale or squeezed to its least as the
columns came back, and a 648-px output kept an 8-px data area (X₂ from −208 to 208) at 1280x800; or held by the
margins themselves, the plot item's least width: a 399-px plot kept a plot item 749 px wide, drawn off its right."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from tests.settle import settle
from tests.sweep import sweep

pytestmark = pytest.mark.timeout(120)


def _state(window, qtbot) -> dict:
    columns = window.presentation.columns
    settle(qtbot, most_ms=3000, until=lambda: not columns.pending())
    plot = window.boundary.plot
    item, area = plot.getPlotItem(), plot.getPlotItem().getViewBox().geometry()
    assert (round(item.size().width()), round(item.size().height())) == plot.size().toTuple()  # (not held wider)
    row = window.findChild(QWidget, "readouts_row")
    return {"least": window.minimumSizeHint().toTuple(), "readouts": row.height(), "columns": window.splitter.sizes(),
            "data area": (round(area.x()), round(area.y()), round(area.width()), round(area.height()))}


@sweep("size", [(1280, 800), (1024, 740)], default=0)  # (the playground's own size; a laptop's, -m slow)
def test_a_window_shrunk_to_its_least_width_and_grown_back_lays_out_as_before(window, qtbot, size):
    c = window.controller
    qtbot.waitUntil(lambda: c.run_info is not None and c.last_frame is not None, timeout=20000)
    window.resize(*size)
    before = _state(window, qtbot)
    assert min(before["data area"][2:]) > 200, before  # (the data area is the plot's, not a strip)
    for _ in range(2):  # a second round: nothing grows or shrinks with the count of resizes
        window.resize(10, size[1])  # Qt keeps the least width: the columns fit hides are hidden
        _state(window, qtbot)
        window.resize(*size)
        after = _state(window, qtbot)
        assert after["least"] == before["least"] and after["readouts"] == before["readouts"], (before, after)
        for key in ("columns", "data area"):
            assert all(abs(a - b) <= 2 for a, b in zip(after[key], before[key])), (key, before, after)
