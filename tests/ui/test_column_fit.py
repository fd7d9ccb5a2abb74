"""Issue 19, layout at projector size: columns hidden to make room for a lesson
or a zoom come back when there is room again (the user's own choices kept, and
only those remembered), and the window shrinks to 1024×768 with a lesson open,
in and out of presentation mode, at every zoom."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics

from nnplay.lessons import find_lesson
from nnplay.ui.lessons_panel import open_lesson, show_dock
from tests.layout_check import text_problems
from tests.settle import settle
from tests.sweep import sweep


def shown(win):
    return {k for k, a in win.presentation.panel_actions.items() if a.isChecked()}


def lesson_at(window, qtbot, size, lesson: str):
    """``lesson`` opened in ``window`` of ``size``, the curves hidden by the user
    first (their own choice: it must stay hidden). Returns the window's presentation."""
    window.resize(*size)
    qtbot.wait(50)
    window.presentation.set_panel("curves", False)
    open_lesson(window, find_lesson(lesson))
    qtbot.wait(100)
    return window.presentation


def fitted(window, qtbot) -> None:
    """Wait till the window's size has settled and the column fit it waits for (SETTLE_MS after the
    last resize) has run, and the layout after it is drawn: what a fixed 400-600 ms sleep waited for."""
    columns = window.presentation.columns
    settle(qtbot, most_ms=5000, until=lambda: not columns._timer.isActive() and not columns._shrink.isActive())


def fits_1024x740(window, where: str) -> list[str]:
    """What keeps ``window`` (resized to 1024×740) larger, or its output hidden."""
    least, found = window.minimumSizeHint(), []
    if least.width() > 1024 or least.height() > 740 or window.size().toTuple() != (1024, 740):
        found.append(f"{where}: least {least.toTuple()}, size {window.size().toTuple()}")
    if not window.boundary.isVisible():
        found.append(f"{where}: the output is hidden")
    return found


def test_columns_hidden_for_a_lesson_come_back_when_the_window_grows_or_the_lesson_closes(window, qtbot):
    p = lesson_at(window, qtbot, (1024, 740), "momentum-vs-adam")  # four layers; its views are not in Gradients
    assert "gradients" not in shown(window) and p.columns.fitted
    assert window.width() == 1024
    window.resize(1700, 900)
    qtbot.waitUntil(lambda: not p.columns.fitted, timeout=5000)
    assert {"data", "network", "output", "gradients"} <= shown(window) and window.gradients.isVisible()
    assert "curves" not in shown(window)  # the user's choice kept
    show_dock(window, False)
    qtbot.wait(50)  # the window's minimum comes down
    window.resize(1024, 740)
    qtbot.wait(50)
    show_dock(window, True)  # makes room again at 1024
    qtbot.wait(50)
    assert "gradients" not in shown(window) and window.width() == 1024
    show_dock(window, False)  # the lesson closes: the room is back
    qtbot.waitUntil(lambda: window.gradients.isVisible(), timeout=5000)
    assert window.width() == 1024 and not p.columns.fitted and "curves" not in shown(window)


def test_a_column_the_user_hides_after_a_fit_stays_hidden_and_is_remembered(window, qtbot):
    p = window.presentation
    window.resize(1024, 740)
    open_lesson(window, find_lesson("spiral-depth"))
    qtbot.wait(50)
    assert "gradients" in p.columns.fitted
    p.set_panel("gradients", True)  # the user shows it, then hides it: their choice from now on
    p.set_panel("gradients", False)
    assert "gradients" not in p.columns.fitted
    window.resize(1700, 900)
    fitted(window, qtbot)
    assert not window.gradients.isVisible()


def test_zoom_out_brings_back_what_zoom_in_hid(window, qtbot):
    p = window.presentation
    window.resize(1024, 740)
    qtbot.wait(50)
    for _ in range(6):
        p.step_zoom(1)
    assert p.columns.fitted and window.width() == 1024
    p.step_zoom(0)
    qtbot.wait(50)
    assert not p.columns.fitted and {"data", "network", "output", "gradients"} <= shown(window)


@sweep("presenting", [False, True], default=1)  # (one code path in and out of presentation mode: tests/sweep.py)
def test_the_window_shrinks_to_1024x768_with_a_lesson_open_at_every_zoom(window, qtbot, presenting):
    """Six hidden layers, the lesson panel open: no panel's minimum keeps the window
    larger than 1024×740 (768 less a taskbar), also back down from a large zoom
    (a minimum measured at a larger font used to stay)."""
    p = window.presentation
    window.resize(1024, 740)
    open_lesson(window, find_lesson("vanishing-gradients"))
    qtbot.waitUntil(lambda: window.controller.run_info.sizes == (2, 8, 8, 8, 8, 8, 8, 1), timeout=10000)
    if presenting:
        p.set_presenting(True, full_screen=False)
    found = []
    for zoom in (2.0, 1.6, 1.25, 1.0, 1.1, 1.4):
        p.set_zoom(zoom)
        window.resize(1024, 740)
        qtbot.wait(20)
        found += fits_1024x740(window, f"zoom {zoom}")
    assert found == []


def test_a_window_made_narrower_with_a_lesson_open_hides_columns_and_shows_them_when_wider(window, qtbot):
    """Opened at 1280×800, then made 1024×768: the window's minimum used to be every
    column's (1160 px), so it stayed wider than the screen, its columns drawn over each other."""
    p = lesson_at(window, qtbot, (1280, 800), "momentum")
    assert not p.columns.fitted and window.gradients.isVisible()
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: "gradients" in p.columns.fitted, timeout=3000)
    qtbot.wait(100)
    assert window.size().toTuple() == (1024, 768) and window.boundary.isVisible()
    assert window.statusBar().currentMessage().startswith("Hidden to make room: Gradients column")
    settled(window, qtbot)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: not p.columns.fitted, timeout=5000)
    assert window.gradients.isVisible() and "curves" not in shown(window)
    settled(window, qtbot)


def settled(window, qtbot):
    """The layout settles without a problem: under load the network column's content
    is laid out a few events after the columns change (a CI run read it mid-way)."""
    try:
        qtbot.waitUntil(lambda: text_problems(window) == [], timeout=3000)
    finally:
        print("PROBLEMS", *text_problems(window), sep="\n")
    assert text_problems(window) == []


@sweep("presenting", [False, True], default=1)
def test_the_window_shrinks_to_1024x740_from_larger_with_or_without_a_lesson_at_zoom_1_and_2(window, qtbot,
                                                                                            presenting):
    """No panel's minimum keeps a window that was larger first wider or taller than
    1024×740 (768 less a taskbar): with and without the Lessons panel, in and out of
    presentation mode, at zoom 1 and at the largest zoom."""
    p = window.presentation
    if presenting:
        p.set_presenting(True, full_screen=False)
    found = []
    for lesson in (False, True):
        if lesson:
            open_lesson(window, find_lesson("vanishing-gradients"))
        for zoom in (1.0, 2.0):
            p.set_zoom(zoom)
            window.resize(1500, 950)
            fitted(window, qtbot)  # the columns hidden to fit come back, the minimum grows with them
            window.resize(1024, 740)
            qtbot.wait(50)
            found += fits_1024x740(window, f"lesson {lesson}, zoom {zoom}")
    assert found == []


def test_presentation_zoomed_thrice_at_1024x768_hides_the_curves_rather_than_squeeze_the_output(window, qtbot):
    """Presentation mode, Ctrl+= three times, 1024×768, six layers and a lesson: the
    output's plot was squeezed to ~60 px under the curves, whose tabs scrolled. The
    curves are hidden to make room (and said so); they come back at zoom 1."""
    window.resize(1024, 768)
    qtbot.wait(50)
    open_lesson(window, find_lesson("vanishing-gradients"))
    qtbot.waitUntil(lambda: window.controller.run_info.sizes == (2, 8, 8, 8, 8, 8, 8, 1), timeout=10000)
    p = window.presentation
    p.set_presenting(True, full_screen=False)  # the offscreen screen is not 1024×768
    for _ in range(3):
        p.step_zoom(1)
    qtbot.wait(100)
    plot = window.boundary.plot
    assert window.size().toTuple() == (1024, 768) and p.zoom == 1.8
    # the fit runs once the zoomed layout has settled (a loaded machine: later than 100 ms)
    qtbot.waitUntil(lambda: "curves" in p.columns.fitted and not window.lower_tabs.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: plot.height() >= 0.5 * plot.width(), timeout=5000)
    # (short names; the lesson's question points to the gradient norms: their column goes last, lessons.needs)
    assert "hidden to make room: Data, Gradients, Curves" in window.statusBar().currentMessage()
    # the read-outs refit to the zoomed font once it is in (a posted event): the layout settles after it
    qtbot.waitUntil(lambda: text_problems(window) == [], timeout=5000)
    p.set_presenting(False)
    p.step_zoom(0)
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: window.lower_tabs.isVisible(), timeout=5000)
    assert "curves" not in p.columns.fitted and "curves" in shown(window)


class _WideScreen:
    """A 1600×1000 screen (the tester's Xvfb), wider than the window in full screen (no window
    manager; the offscreen platform makes a full-screen window 800 pixels wide)."""

    def availableGeometry(self):
        from PySide6.QtCore import QRect
        return QRect(0, 0, 1600, 1000)

    geometry = availableGeometry


def squeezed(window) -> list[str]:
    """The columns shown, if they need more width than the window gives them (drawn over each
    other, the last ones cut or pushed out of the window)."""
    split = window.splitter
    if split.need() <= split.width():
        return []
    return [f"the columns shown need {split.need()} px, they have {split.width()}"]


def test_every_way_into_a_layout_ends_with_the_columns_fitted_to_the_window_not_the_screen(window, qtbot,
                                                                                          monkeypatch):
    """F11 with the Lessons panel open in a 1024×768 window on a 1600-pixel screen whose full
    screen leaves the window 1024×768 (no window manager): the fit measured the screen, so Data
    and Gradients came back and the columns were drawn over each other. After every transition
    (lesson open, F11, zoom in and out, resize, Esc, un-full-screen) the columns shown fit the window."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMainWindow

    monkeypatch.setattr(QMainWindow, "screen", lambda self: _WideScreen())
    monkeypatch.setattr(window, "showFullScreen",
                        lambda: window.setWindowState(window.windowState() | Qt.WindowState.WindowFullScreen))
    p, found = window.presentation, []

    def check(where: str) -> None:
        fitted(window, qtbot)  # columns that fit came back
        found.extend(f"{where}: {s}" for s in squeezed(window))
        if not window.boundary.isVisible():
            found.append(f"{where}: the output is hidden")

    window.resize(1024, 768)
    qtbot.wait(50)
    open_lesson(window, find_lesson("spiral-depth"))
    check("lesson open")
    p.set_presenting(True)
    check("F11")
    p.step_zoom(1)
    check("zoom in")
    p.step_zoom(-1)
    check("zoom out")
    p.leave_action.trigger()
    check("Esc")
    window.resize(1024, 768)
    check("resized")
    p.set_presenting(True)
    check("F11 again")
    window.setWindowState(Qt.WindowState.WindowNoState)
    check("un-full-screen")
    show_dock(window, False)
    check("lesson closed")
    assert found == []


def columns_shown(window) -> set[str]:
    return {k for k in ("data", "network", "output", "gradients", "curves")
            if window.presentation.panel_actions[k].isChecked()}


@sweep("size", [(1016, 740), (1024, 768), (1030, 700)], default=1)
def test_a_round_trip_of_zoom_size_and_lesson_ends_with_the_columns_it_began_with(window, qtbot, size):
    """Round 17's open fault 1: at 1024x768, Ctrl++ thrice and Ctrl+0 left the Gradients column hidden,
    shown before: whether its scroll bar was up (its heatmaps wrap taller in a narrower column, its first
    frame fills it) decided whether it fitted, so a column hidden once was measured with its bar and never
    came back. The columns at a size and zoom are the same whatever the way there."""
    from tests.settle import settle_window

    p = window.presentation
    window.resize(*size)
    settle_window(qtbot, window)
    first = columns_shown(window)
    found = []
    for where, there, back in (
            ("zoom in thrice, Ctrl+0", lambda: [p.step_zoom(1) for _ in range(3)], lambda: p.step_zoom(0)),
            ("zoom in and out", lambda: [p.step_zoom(1) for _ in range(3)], lambda: [p.step_zoom(-1) for _ in range(3)]),
            ("larger and back", lambda: window.resize(1500, 950), lambda: window.resize(*size)),
            ("smaller and back", lambda: window.resize(800, 600), lambda: window.resize(*size)),
            ("a lesson open and closed", lambda: open_lesson(window, find_lesson("spiral-depth")),
             lambda: show_dock(window, False))):
        there()
        settle_window(qtbot, window)
        back()
        settle_window(qtbot, window)
        if columns_shown(window) != first or window.size().toTuple() != size:
            found.append(f"{where}: {sorted(columns_shown(window))} at {window.size().toTuple()}")
    assert found == [], f"began with {sorted(first)}"


@pytest.mark.parametrize("way", ["next", "list", "open"])
def test_the_next_lesson_in_presentation_shows_the_column_its_answer_is_set_in(window, qtbot, way):
    """Tester 20 (s13_present_next.png): xor-feature in presentation at 1024x768 hid the Network
    column; ▶ to spiral-depth (answered with "+") left it hidden and the Data column shown."""
    from PySide6.QtCore import QSize

    from nnplay.lessons.needs import needed_columns

    window.presentation.set_panel("curves", False)
    window.resize(1024, 768)
    window.setMaximumSize(QSize(1024, 768))  # (a full screen of 1024x768: Xvfb's screen is larger)
    try:
        open_lesson(window, find_lesson("xor-feature"))
        window.presentation.set_presenting(True, full_screen=False)
        fitted(window, qtbot)
        assert "network" not in shown(window) and "network" in window.presentation.columns.fitted
        panel = window.lessons_dock.widget()
        lesson = find_lesson("spiral-depth")
        assert needed_columns(lesson) == ("network", "output")  # its answer's, its curves' (views)
        if way == "next":
            panel.next.click()
        elif way == "list":
            panel.choose(panel.lessons.index(next(x for x in panel.lessons if x.name == lesson.name)))
        else:
            open_lesson(window, lesson)
        fitted(window, qtbot)
        assert panel.lesson.name == lesson.name
        assert "network" in shown(window) and window.network_panel.isVisible()
        assert window.network_panel.add_layer.isVisible()
        assert window.width() <= 1024
    finally:
        window.presentation.set_presenting(False)
        window.setMaximumSize(QSize(16777215, 16777215))


def test_a_column_hidden_for_a_lesson_at_200_percent_comes_back_at_ctrl0_once_the_lesson_closes(window, qtbot):
    """Tester 22: at 1024×768, xor-feature open, Ctrl++ to 200%, the lesson closed, Ctrl+0: the Gradients
    column stayed hidden ("hidden to make room: Gradients") though it fits. The Network column, hidden at
    200% too, was measured with the least width set at 200% (300 px for 171: a hidden column's content gets
    no layout request), so the Gradients column seemed not to fit after it, and nothing tried again."""
    from tests.settle import settle_window

    p = window.presentation
    window.resize(1016, 740)  # (the tester's 1024×768 screen less a panel, as the window comes up on it)
    settle_window(qtbot, window)
    open_lesson(window, find_lesson("xor-feature"))
    settle_window(qtbot, window)
    for _ in range(6):
        p.step_zoom(1)
        settle_window(qtbot, window)
    assert p.zoom == 2.0 and {"gradients", "network"} <= set(p.columns.fitted)
    show_dock(window, False)
    settle_window(qtbot, window)
    p.step_zoom(0)
    fitted(window, qtbot)
    assert window.gradients.isVisible() and window.diagram.isVisible(), p.columns.fitted
    assert not p.columns.fitted and "hidden to make room" not in window.statusBar().currentMessage()


def crushed_plots(window) -> list[str]:
    """The plots shown under the output whose data area is less than three of their tick labels tall."""
    found = []
    for name, plot in (("output", window.boundary.plot), ("loss", window.curves.loss_plot),
                       ("accuracy", window.curves.acc_plot)):
        if not plot.isVisible():
            continue
        item = plot.getPlotItem()
        tall = QFontMetrics(item.getAxis("left").style["tickFont"] or plot.font()).lineSpacing()
        if item.getViewBox().height() < 3 * tall:
            found.append(f"{name}: {item.getViewBox().height():.0f} px for tick labels {tall} px tall")
    return found


@sweep("lesson", ["xor-feature", "lr-too-small"], default=0)  # (its question points to the curves)
def test_curves_a_lesson_points_to_never_crush_the_output_plot_at_any_zoom(window, qtbot, lesson):
    """Tester 22: 1024×768, xor-feature open, Ctrl++ to 200%: the curves, kept for the lesson's question, left
    the output's plot a strip 19 px high, its tick labels drawn over each other. They are kept as long as the
    plot stays readable, hidden to make room (and said so) when not, and back at Ctrl+0."""
    from tests.settle import settle_window

    p, found = window.presentation, []
    window.resize(1016, 740)
    settle_window(qtbot, window)
    open_lesson(window, find_lesson(lesson))
    for _ in range(6):
        p.step_zoom(1)
        fitted(window, qtbot)
        found += [f"{p.zoom:.0%} {s}" for s in crushed_plots(window)]
    assert found == []
    assert "curves" in p.columns.fitted and "Curves" in window.statusBar().currentMessage()
    p.step_zoom(0)
    fitted(window, qtbot)
    assert window.lower_tabs.isVisible() and window.lower_tabs.currentWidget() is window.curves
