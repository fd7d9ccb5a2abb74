"""Tester 20 item 1: a widget made after the window (a new hidden layer's width box) takes its
place in its panel's Tab order, right after "+", not at the end of the window's chain after the
gradient norms' plot; and a column hidden while its control had the focus does not send the focus
into a text field (Space then blanked the layer-1 width box instead of playing)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from nnplay.lessons import find_lesson
from nnplay.ui.lessons_panel import open_lesson
from nnplay.ui.tab_order import layout_order

K = Qt.Key


def _chain_from(first: QWidget, n: int) -> list[QWidget]:
    """The next ``n`` controls Tab reaches after ``first``, in the window's focus chain."""
    out, w = [], first.nextInFocusChain()
    while len(out) < n and w is not first:
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(first.window()) and w.isEnabled() \
                and w.focusProxy() is None:
            out.append(w)
        w = w.nextInFocusChain()
    return out


def _panel_chain_is_its_layout(panel: QWidget) -> None:
    shown = [w for w in layout_order(panel.layout()) if w.isVisibleTo(panel.window()) and w.isEnabled()]
    assert len(shown) > 3
    names = [w.objectName() for w in shown]
    assert [w.objectName() for w in _chain_from(shown[0], len(shown) - 1)] == names[1:]


def test_new_width_boxes_follow_plus_in_the_tab_order(window, qtbot):
    net = window.network_panel
    c = window.controller
    for _ in range(2):
        generation = c.generation
        net.add_layer.click()
        qtbot.waitUntil(lambda: c.generation > generation and len(net.neuron_boxes) == len(c.state.config.hidden)
                        and all(b.isVisible() for b in net.neuron_boxes), timeout=5000)
    assert len(net.neuron_boxes) >= 3
    after_plus = _chain_from(net.add_layer, len(net.neuron_boxes))
    assert after_plus == net.neuron_boxes
    _panel_chain_is_its_layout(net)
    _panel_chain_is_its_layout(window.data_panel)


def test_width_boxes_a_lesson_makes_follow_plus(window, qtbot):
    net, c = window.network_panel, window.controller
    generation = c.generation
    open_lesson(window, find_lesson("overfitting"))  # three hidden layers of 8 (tester 20's lesson)
    qtbot.waitUntil(lambda: c.generation > generation and len(net.neuron_boxes) == len(c.state.config.hidden)
                    and all(b.isVisible() for b in net.neuron_boxes), timeout=5000)
    assert net.neuron_boxes
    assert _chain_from(net.add_layer, len(net.neuron_boxes)) == net.neuron_boxes


def test_a_column_hidden_with_the_focus_leaves_space_playing(window, qtbot):
    c = window.controller
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    plot = window.findChild(QWidget, "gradient_norms")
    box = window.network_panel.neuron_boxes[0]
    QWidget.setTabOrder(plot, box)  # a text field next in the chain, as the width boxes were (tester 20)
    plot.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(plot.hasFocus, timeout=2000)
    window.presentation.set_panel("gradients", False)
    qtbot.waitUntil(lambda: not plot.isVisible(), timeout=2000)
    focused = QApplication.focusWidget()
    assert focused is not box and not box.hasFocus()
    value = box.value()
    qtbot.keyClick(focused or window, K.Key_Space)
    qtbot.waitUntil(lambda: c.playing, timeout=5000)
    assert box.value() == value and box.text() == str(value)
    qtbot.keyClick(QApplication.focusWidget() or window, K.Key_Space)
    qtbot.waitUntil(lambda: not c.playing, timeout=5000)
    window.presentation.set_panel("gradients", True)
