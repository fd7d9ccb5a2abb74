"""Every text fits at the zoom steps a laptop uses (a tester at ×1.4 on 1280×800
found the Accuracy title cut, the loss plot squeezed by its legend wrapped onto
two rows, the diagram's colour key gone; at ×1.8 the zoom's status message ran
off the bar). ``text_problems`` missed them: it checked no legend's share of its
plot nor the status bar, the tests zoomed only 1024×768, and the key was hidden
on purpose by a fold measured before the zoomed layout had settled.

Later, at ×1.6–×2.0: the Smoothing label cut, the gradients' caption drawn over
their heatmaps, the read-outs' toolbar overflowing at 1024×768. Missed because no
test zoomed past ×1.4 at 1280×800 nor checked the whole window zoomed at 1024×768;
and a column's minimum width was measured once, at the unzoomed font."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from nnplay.ui.status_bar import StatusBar
from tests.layout_check import text_problems
from tests.settle import settle


def zoomed(window, qtbot, size, zoom) -> list[str]:
    window.resize(*size)
    qtbot.wait(50)
    window.presentation.set_zoom(zoom)
    window.resize(*size)
    settle(qtbot)  # the fold and the legends refit once the zoomed layout has settled
    try:  # (the read-outs refit in a posted event: on a loaded machine, later)
        qtbot.waitUntil(lambda: text_problems(window) == [], timeout=3000)
    except qtbot.TimeoutError:
        pass
    return text_problems(window)


def test_nothing_is_cut_at_1280x800_zoomed_x1_4(window, qtbot):
    assert zoomed(window, qtbot, (1280, 800), 1.4) == []
    assert window.diagram.key.isVisible()  # the colour key stays
    key = window.curves.key  # the curves' key, a line above the plots: at most two lines, the plots keep their room
    assert key.isVisible() and key.height() <= 2.5 * key.fontMetrics().lineSpacing()
    assert window.curves.loss_plot.height() > 3 * key.height()


def test_the_zoom_message_fits_the_status_bar_at_x1_8(window, qtbot):
    problems = zoomed(window, qtbot, (1024, 768), 1.8)
    message = window.statusBar().currentMessage()
    assert message.startswith("Zoom 180%; hidden to make room:")
    assert [p for p in problems if p.startswith("status bar")] == []


def test_a_message_longer_than_the_status_bar_is_elided_whole_in_its_tooltip(qtbot):
    top = QWidget()
    qtbot.addWidget(top)
    bar = StatusBar(top)
    bar.resize(200, 24)
    text = "Saved /a/very/long/folder/name/that/does/not/fit/in/the/bar/session.nnplay"
    bar.showMessage(text)
    assert bar.currentMessage() == text and bar.shown_message().endswith("…")
    assert bar.fontMetrics().horizontalAdvance(bar.shown_message()) <= bar.message_room()
    assert bar.toolTip() == text
    bar.showMessage("Saved")
    assert bar.shown_message() == "Saved" and bar.toolTip() == ""
    assert any(p.startswith("status bar") for p in text_problems(_with_message(top, qtbot, text)))


def _with_message(top, qtbot, text):
    """A window whose status bar is a plain QStatusBar showing ``text`` (what text_problems must catch)."""
    from PySide6.QtWidgets import QMainWindow

    win = QMainWindow()
    qtbot.addWidget(win)
    win.resize(200, 100)
    win.show()
    win.statusBar().showMessage(text)
    qtbot.wait(20)
    return win


def test_the_read_outs_wrap_rather_than_overflow_at_x2_on_1024x768(window, qtbot):
    problems = zoomed(window, qtbot, (1024, 768), 2.0)
    assert [p for p in problems if "toolbar" in p] == []
    stats = window.stats
    assert all(lab.isVisible() for lab in stats.values())
    assert stats["accuracy"].y() > stats["epoch"].y()  # on a second line
    assert problems == []
    zoomed(window, qtbot, (1024, 768), 1.0)
    row = stats["epoch"].parentWidget()
    qtbot.waitUntil(lambda: stats["accuracy"].y() == stats["epoch"].y(), timeout=3000)  # one line again
    qtbot.waitUntil(lambda: row.height() < 1.5 * stats["epoch"].height(), timeout=3000)  # no empty line under it


def test_the_smoothing_label_is_whole_at_x1_6(window, qtbot):
    assert zoomed(window, qtbot, (1280, 800), 1.6) == []


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1024, 768), (1280, 800), (1920, 1080)])
def test_nothing_is_cut_at_every_zoom_step(window, qtbot, size):
    from nnplay.ui.presentation import ZOOMS

    found = []
    for zoom in [z for z in ZOOMS if z > 1.0]:
        found += [f"×{zoom}: {p}" for p in zoomed(window, qtbot, size, zoom)]
    assert found == []
