"""Fault 7 of round 15: the Distributions tab's health line was cut in the default layout (1280x800,
1024x768): its room was the font's line spacing times the lines it may show, less than a rich-text
line of the label takes (its bold heading, the document's margin), so the line's foot was cut."""

from __future__ import annotations

from nnplay.ui.distributions_view import shown_health_lines
from tests.settle import settle
from tests.sweep import sweep


@sweep("size", [(1280, 800), (1024, 768)], default=1)
def test_the_health_lines_shown_are_shown_whole(window, qtbot, size):
    c, view = window.controller, window.distributions
    window.resize(*size)
    c.change(hidden=(8,) * 6, activation="sigmoid")
    window.lower_tabs.setCurrentWidget(view)
    c.set_speed(10)
    c.play()
    qtbot.waitUntil(lambda: view.health.text().count("<br>") >= 1, timeout=60000)  # two findings or more
    c.pause()

    def room():  # (the viewport's height, what the lines shown need of it)
        lines = view.health.text().count("<br>") + 1
        label_h = view.health.heightForWidth(view.health_scroll.viewport().width())
        shown = min(lines, shown_health_lines(view))
        return view.health_scroll.viewport().height(), label_h * shown // lines - 1, lines, shown

    # the last frame's findings laid out, however late on a loaded machine (never a fixed sleep)
    settle(qtbot, until=lambda: room()[0] >= room()[1], most_ms=3000)
    height, needed, lines, shown = room()
    assert height >= needed, (height, needed, lines, shown)
    assert "\n\n" in view.health.toolTip() or lines <= shown  # what is not shown is in the tooltip
