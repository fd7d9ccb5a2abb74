"""The network diagram in a zoomed window on a small screen (presentation mode,
zoom stepped up three times, 1024×768): the settings fold away so the drawing
keeps room, and the texts under it follow the zoom."""

import pytest

from nnplay.ui.column_room import room
from nnplay.ui.diagram_room import is_tight

pytestmark = pytest.mark.timeout(120)


def test_at_zoom_on_a_small_screen_the_settings_fold_and_the_diagram_keeps_room(window, qtbot):
    panel, d = window.network_panel, window.diagram
    window.resize(1280, 800)
    qtbot.wait(100)
    assert not panel.fold.folded and panel.settings_box.isVisible() and not panel.settings_toggle.isVisible()
    window.resize(1024, 768)
    window.presentation.set_presenting(True, full_screen=False)
    for _ in range(3):
        window.presentation.step_zoom(1)
    qtbot.waitUntil(lambda: panel.fold.folded, timeout=5000)
    assert not panel.settings_box.isVisible() and panel.settings_toggle.isVisible()
    column = panel.parentWidget()
    qtbot.waitUntil(lambda: d.canvas.height() > 0.3 * column.height(), timeout=5000)  # the drawing has room
    line = d.readout.fontMetrics().lineSpacing()
    assert d.readout.minimumHeight() >= line  # the read-out's room in the zoomed font
    panel.settings_toggle.click()  # the user unfolds them
    assert panel.settings_box.isVisible() and panel.settings_toggle.text().startswith("Hide")
    panel.settings_toggle.click()
    window.presentation.set_presenting(False)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: not panel.fold.folded, timeout=5000)
    assert panel.settings_box.isVisible()


def test_the_layer_titles_give_way_before_they_cover_the_neurons():
    from nnplay.ui.diagram_room import titles_fit

    assert titles_fit(300, 20, 2) and not titles_fit(60, 20, 2) and titles_fit(60, 20, 1)


@pytest.mark.parametrize("zoom", [1.0, 1.25])
def test_a_lesson_zoomed_at_1024x768_folds_the_settings_rather_than_draw_the_network_tiny(window, qtbot, zoom):
    """Zoom ×1.25, a lesson with a hidden layer of 8 open, 1024×768: the diagram was left
    170 px, its titles shrunk to "in", "1", "out" and its neurons tiny, while the settings
    stayed unfolded. The fold reckons the room the tallest layer needs; at zoom 1 none is needed."""
    from nnplay.lessons import find_lesson
    from nnplay.ui.lessons_panel import open_lesson

    panel, d = window.network_panel, window.diagram
    window.resize(1024, 768)
    window.presentation.set_zoom(zoom)
    open_lesson(window, find_lesson("spiral-depth"))
    qtbot.waitUntil(lambda: max(map(len, d.nodes)) == 8, timeout=10000)
    qtbot.wait(100)
    titles = [t[0].toPlainText() for t in d.titles]
    assert panel.fold.folded == (zoom > 1)
    assert panel.settings_box.isVisible() == (zoom == 1)  # its answer (the hidden layers) is above the fold
    assert titles == ["inputs", "layer 1", "output"] and all(t[0].isVisible() for t in d.titles)
    assert d.canvas.height() >= 8 * 1.5 * d.fontMetrics().lineSpacing()  # a neuron a line and a half


def test_a_lesson_whose_answer_is_under_the_fold_opens_it(window, qtbot):
    """Round 20: the vanishing-gradients lesson's answer is the activation, under the Settings fold: at
    ×1.25 on 1024×768 the settings fold for the diagram's room, and the lesson opens them; folded again
    by the learner they stay folded (a resize does not reopen them); the spiral-depth lesson, answered
    with the hidden layers above the fold, folds them back."""
    from nnplay.lessons import find_lesson
    from nnplay.ui.lessons_panel import open_lesson

    panel, c = window.network_panel, window.controller
    window.resize(1024, 768)
    window.presentation.set_zoom(1.25)

    def show(name: str, opened: bool) -> None:
        lesson = find_lesson(name)
        open_lesson(window, lesson)
        qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.config == lesson.config, timeout=10000)
        qtbot.waitUntil(lambda: panel.fold.folded, timeout=5000)
        qtbot.waitUntil(lambda: panel.settings_box.isVisible() == opened, timeout=5000)
        assert panel.settings_toggle.isVisible()
        assert panel.settings_toggle.text().startswith("Hide" if opened else "Settings"), name

    show("vanishing-gradients", True)
    panel.settings_toggle.click()  # the learner folds them again
    window.resize(1024, 760)
    qtbot.wait(200)
    assert panel.fold.folded and not panel.settings_box.isVisible()
    show("spiral-depth", False)
    show("vanishing-gradients", True)
    show("spiral-depth", False)  # (folded back: the lesson had opened them)


@pytest.mark.parametrize("size, hidden, zoom", [((1016, 740), None, 1.0), ((1024, 768), (8, 8, 8), 1.0),
                                               ((1024, 768), (6,) * 5, 1.25)])
def test_the_fold_needs_the_same_room_folded_or_not(window, qtbot, size, hidden, zoom):
    """Round 22: at 1016×740 a zoom step and back left the settings folded, though they had been open
    at that size: the room the fold reckoned grew when it folded (the diagram, taller, showed its key;
    the toggle took a row), 615 px open and 665 folded, with 632 to give. At 1024×768 with a network of
    8,8,8 the settings shown made the column scroll, 14 px narrower, its rows wrapped taller: folded,
    they fitted, and the fold flipped back and forth until the stack ran out; at ×1.25 with 6,6,6,6,6 the
settings' form, folded, said 2 px more than shown, with 1 px to spare. The room the fold needs
    is the same both ways; the key shows only where it does not make the column scroll; a zoom step
    and back, or a shrink and grow, leaves the settings as they were."""
    panel, fold, d, c = window.network_panel, window.network_panel.fold, window.diagram, window.controller
    window.resize(*size)
    window.presentation.set_zoom(zoom)  # (at ×1.25 the folded settings' form said 2 px more than shown)
    if hidden is not None:
        c.change(hidden=hidden)
        qtbot.waitUntil(lambda: d.sizes[1:-1] == hidden and d.weights is not None, timeout=10000)
    qtbot.waitUntil(lambda: panel.isVisible() and bool(d.nodes), timeout=5000)
    qtbot.wait(100)
    column = panel.parentWidget()
    before, need = fold.folded, fold.need()
    for folded in (not before, before):  # the other state, forced, then back
        fold.folded = folded
        fold.toggle.setVisible(folded)
        fold._show()
        qtbot.wait(100)  # (the diagram laid out in its new room: its key shown or hidden)
        assert d.key.isVisible() != is_tight(d) and fold.need() == need, folded
        assert column.height() <= room(column) or folded, "the settings shown made the column scroll"
    for step in (1, -1):
        window.presentation.step_zoom(step)
        qtbot.wait(100)
    assert fold.folded == before and fold.need() == need
    window.resize(size[0] - 200, size[1] - 200)
    qtbot.waitUntil(lambda: fold.folded, timeout=5000)
    window.resize(*size)
    qtbot.wait(100)
    assert fold.folded == before and fold.need() == need
