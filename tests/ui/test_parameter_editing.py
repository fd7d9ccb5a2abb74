"""Hands on the network diagram: click a link or a neuron to type its weight or
bias, scrub it, and see the edit reach the training process (issue 17, item 1)."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QWidget

from nnplay.numbers import format_number
from nnplay.training.commands import SetParameter
from nnplay.training.probes import ViewRequest
from tests.settle import settle

pytestmark = pytest.mark.timeout(120)


def _viewport_point(d, view_point) -> QPoint:
    return d.canvas.mapFromScene(d.view.mapViewToScene(view_point))


def _click(qtbot, d, view_point, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.mouseClick(d.canvas.viewport(), Qt.MouseButton.LeftButton, modifier, _viewport_point(d, view_point))


def _edge_middle(d, l, i, j, at: float = 0.5) -> QPointF:
    """The point ``at`` of the way along link W[l][i+1, j+1] (its middle by default)."""
    line = d.edges[l - 1][i, j].line()
    return line.p1() + (line.p2() - line.p1()) * at


def _sent(d):
    sent = []
    d.run_command.connect(sent.append)
    return sent


def test_clicking_a_link_opens_the_editor_and_a_typed_weight_reaches_the_trainer(window, qtbot):
    c, d = window.controller, window.diagram
    sent = _sent(d)
    _click(qtbot, d, _edge_middle(d, 1, 2, 1, 0.35))  # W[1][3, 2] (its middle is where W[1][4, 1] crosses it)
    ed = d.editing.editor
    assert ed.isVisible() and ed.label == "W[1][3, 2]"
    assert float(ed.text()) == pytest.approx(c.last_frame.snapshot.weights[0][2, 1], abs=1e-5)
    ed.selectAll()
    qtbot.keyClicks(ed, "1.625")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert not ed.isVisible()
    assert sent == [SetParameter(0, "W", 2, 1, 1.625)]
    qtbot.waitUntil(lambda: c.last_frame.snapshot.weights[0][2, 1] == 1.625, timeout=10000)
    assert c.last_frame.snapshot.epoch == 0  # paused: the edit alone, no training
    assert "set to 1.625" in d.readout.text()
    # while training: the next steps start from the typed value
    c.play()
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch > 2, timeout=10000)
    _click(qtbot, d, _edge_middle(d, 1, 0, 0))
    ed.setText("-3")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    epoch = c.last_frame.snapshot.epoch
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch > epoch + 1
                    and abs(c.last_frame.snapshot.weights[0][0, 0] + 3) < 0.5, timeout=10000)
    assert c.playing
    c.pause()


def test_a_value_that_is_not_a_finite_number_turns_red_and_changes_nothing(window, qtbot):
    c, d = window.controller, window.diagram
    sent = _sent(d)
    node = d.nodes[1][0][1].center()  # neuron 1 of layer 1: its bias b[1][1]
    before = c.last_frame.snapshot.biases[0][0, 0]
    ed = d.editing.editor
    for typed in ["abc", "nan", "inf", "-inf", "1e999", "", "1,5", "1e300"]:  # 1e300: its square overflows
        _click(qtbot, d, node)
        assert ed.isVisible() and ed.label == "b[1][1]"
        ed.setText(typed)
        qtbot.keyClick(ed, Qt.Key.Key_Return)
        assert ed.isVisible() and "background" in ed.styleSheet(), typed  # red, still open
        assert ed.error and "\n" not in ed.error and ed.toolTip() == ed.error
        assert typed != "1e300" or "within ±10¹⁵⁴" in ed.error, ed.error
        qtbot.keyClick(ed, "2")  # typing again clears the red
        assert ed.styleSheet() == ""
        qtbot.keyClick(ed, Qt.Key.Key_Escape)
        assert not ed.isVisible()
    assert sent == []
    drawn = c.run.frames_drawn
    c.set_view(grid_resolution=ViewRequest().grid_resolution)  # any command that makes a frame (the window's
    # own grid: a 20x20 one stayed for the worker's next test, whose picture then had 20x20 cells): the bias is as it was
    qtbot.waitUntil(lambda: c.run.frames_drawn > drawn, timeout=10000)
    assert c.last_frame.snapshot.biases[0][0, 0] == before and c.last_frame.snapshot.epoch == 0


def test_esc_cancels_an_input_has_no_bias_the_wheel_and_shift_drag_scrub_and_the_tooltip_is_live(window, qtbot):
    c, d = window.controller, window.diagram
    sent = _sent(d)
    _click(qtbot, d, d.nodes[0][0][1].center())  # an input: no bias to edit
    assert not d.editing.editor.isVisible()
    _click(qtbot, d, d.nodes[2][1][1].center())  # b[2][2]
    ed = d.editing.editor
    ed.setText("7")
    qtbot.keyClick(ed, Qt.Key.Key_Escape)
    assert not ed.isVisible() and sent == []
    _click(qtbot, d, d.nodes[2][1][1].center())
    start = float(ed.text())
    pos = QPointF(ed.rect().center())
    wheel = QWheelEvent(pos, ed.mapToGlobal(pos), QPoint(), QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(ed, wheel)  # two notches up: +0.1, applied at once
    assert len(sent) == 1 and sent[0].kind == "b" and (sent[0].layer, sent[0].row) == (1, 1)
    assert sent[0].value == pytest.approx(round(start + 0.1, 6))
    qtbot.keyClick(ed, Qt.Key.Key_Down)
    assert sent[-1].value == pytest.approx(round(start + 0.05, 6))
    qtbot.waitUntil(lambda: c.last_frame.snapshot.biases[1][1, 0] == pytest.approx(sent[-1].value), timeout=10000)
    qtbot.keyClick(ed, Qt.Key.Key_Escape)
    # Shift+drag along a link scrubs its weight: 100 pixels right is +1
    sent.clear()
    vp = d.canvas.viewport()
    p = _viewport_point(d, _edge_middle(d, 2, 0, 3))
    w0 = c.last_frame.snapshot.weights[1][0, 3]
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, p)
    qtbot.mouseMove(vp, p + QPoint(50, 0))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, p + QPoint(50, 0))
    assert sent and sent[-1].kind == "W" and (sent[-1].layer, sent[-1].row, sent[-1].col) == (1, 0, 3)
    assert sent[-1].value == pytest.approx(w0 + 0.5, abs=1e-3)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.weights[1][0, 3] == pytest.approx(sent[-1].value), timeout=10000)
    assert not ed.isVisible()
    # hovering a link shows its value in the tooltip, refreshed as it trains
    d._on_mouse(d.view.mapViewToScene(_edge_middle(d, 1, 2, 1, 0.35)))  # (off the crossing, as above)
    assert d.canvas.toolTip().startswith("W[1][3, 2]\u00a0=\u00a0")
    c.step(3)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 3, timeout=10000)
    qtbot.wait(50)
    assert d.canvas.toolTip().startswith(f"W[1][3, 2]\u00a0=\u00a0{format_number(c.last_frame.snapshot.weights[0][2, 1], 6)}")
    d._on_mouse(d.view.mapViewToScene(d.nodes[1][2][1].center()))
    assert d.canvas.toolTip().startswith("b[1][3]\u00a0=\u00a0")


def test_a_weight_typed_in_its_heatmap_cell_reaches_the_trainer(window, qtbot):
    c, g = window.controller, window.gradients
    sent = []
    g.editing.edited.connect(sent.append)
    g.cell_clicked.emit(1, 1, 3)  # dW shown: a gradient is not set
    assert not g.editing.editor.isVisible() and "Weights W" in g.readout.text()
    g.quantity.setCurrentIndex(1)
    item = g._maps[1]  # W[2], 2x4: click its cell (row 2, column 4) as a user does
    vb = item.getViewBox()
    pos = g.maps_widget.mapFromScene(vb.mapViewToScene(item.mapToView(QPointF(3.5, 1.5))))
    qtbot.mouseClick(g.maps_widget.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    ed = g.editing.editor
    assert ed.isVisible() and ed.label == "W[2][2, 4]"
    ed.setText("x")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert ed.error and sent == []
    ed.setText("-2.5")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert sent == [SetParameter(1, "W", 1, 3, -2.5)]
    qtbot.waitUntil(lambda: c.last_frame.snapshot.weights[1][1, 3] == -2.5, timeout=10000)


def test_the_diagram_does_not_move_when_a_hovered_links_read_out_appears(window, qtbot):
    """The read-out under the diagram grows to two or three lines on hover; had the
    label grown, the diagram would shrink and re-centre, and a click would miss."""
    d = window.diagram
    settle(qtbot)
    before = d.canvas.geometry()
    from nnplay.ui.diagram_readout import describe_edge

    describe_edge(d, 1, 1, 0)  # what hovering the link from X1 into neuron 2 of layer 1 writes
    settle(qtbot)
    assert d.readout.text().count("W[1]") and d.canvas.geometry() == before, d.readout.text()


@pytest.mark.parametrize("close_key", [Qt.Key.Key_Return, Qt.Key.Key_Escape])
def test_space_plays_after_the_editor_closes(window, qtbot, close_key):
    """Tester 16 (t12.png): after Enter or Esc in the weight editor, Space ticked "Show test data"
    (Qt passed the focus of the hidden editor on to the next control as a Tab) instead of playing."""
    c, d = window.controller, window.diagram
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    boxes = {b: b.isChecked() for b in window.findChildren(QCheckBox)}
    _click(qtbot, d, _edge_middle(d, 1, 0, 0))
    ed = d.editing.editor
    qtbot.waitUntil(ed.hasFocus, timeout=2000)
    ed.selectAll()
    qtbot.keyClicks(ed, "0.5")
    qtbot.keyClick(ed, close_key)
    assert not ed.isVisible()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: c.playing, timeout=5000)
    assert {b: b.isChecked() for b in window.findChildren(QCheckBox)} == boxes
    c.pause()


def test_a_widget_hidden_with_the_focus_does_not_pass_it_on_as_a_tab(window, qtbot):
    """The kind of the fault above: any focused widget hidden or disabled (Qt calls the move a Tab)."""
    c = window.controller
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    box = next(b for b in window.findChildren(QCheckBox) if b.isVisible() and b.isEnabled())
    for way in ("hide", "disable"):
        field = QLineEdit(box.parentWidget())
        QWidget.setTabOrder(field, box)  # (the check box is next in the chain, as "Show test data" was)
        field.show()
        field.setFocus(Qt.FocusReason.MouseFocusReason)
        qtbot.waitUntil(field.hasFocus, timeout=2000)
        field.hide() if way == "hide" else field.setEnabled(False)
        focused = QApplication.focusWidget()
        assert focused is box
        boxes = {b: b.isChecked() for b in window.findChildren(QCheckBox)}
        qtbot.keyClick(focused or window, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: c.playing, timeout=5000)
        assert {b: b.isChecked() for b in window.findChildren(QCheckBox)} == boxes, (way, focused)
        c.pause()
        qtbot.waitUntil(lambda: not c.playing, timeout=5000)
        field.deleteLater()


def test_a_refused_value_says_why_in_a_note_seen_without_hovering(window, qtbot):
    d = window.diagram
    _click(qtbot, d, _edge_middle(d, 1, 0, 0))
    ed = d.editing.editor
    for typed, words in [("abc", "'abc' is not a finite number"), ("1e200", "±10¹⁵⁴")]:
        ed.setText(typed)
        qtbot.keyClick(ed, Qt.Key.Key_Return)
        assert ed.note.isVisible() and words in ed.note.text(), ed.note.text()
        note = ed.note.geometry()
        assert not note.intersects(ed.geometry()) and d.canvas.rect().contains(note), (note, ed.geometry())
        qtbot.keyClick(ed, "2")  # typing again clears it
        assert not ed.note.isVisible()
    ed.setText("abc")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    qtbot.keyClick(ed, Qt.Key.Key_Escape)
    assert not ed.isVisible() and not ed.note.isVisible()
