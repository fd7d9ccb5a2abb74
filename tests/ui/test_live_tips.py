"""Live panels' tooltips cost nothing per frame (issue 20): ``set_tip`` sets an
unchanged text no more, ``LiveTip`` hands its text to Qt only on a hover."""

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QLabel

from nnplay.ui.tip import LiveTip, set_tip


class Changes(QObject):
    count = 0

    def eventFilter(self, obj, event):
        self.count += event.type() == QEvent.Type.ToolTipChange
        return False


def test_an_unchanged_tooltip_is_not_set_again_and_a_live_one_waits_for_the_hover(qapp):
    label = QLabel("read-out")
    changes = Changes()
    label.installEventFilter(changes)
    set_tip(label, "a")
    set_tip(label, "a")
    assert changes.count == 1 and label.toolTip() == "a"
    live = LiveTip(label)
    for k in range(5):  # five frames
        live.set(f"|dW[1]| = {k}")
    assert changes.count == 1 and label.toolTip() == "a"
    QApplication.sendEvent(label, QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), label.mapToGlobal(QPoint(2, 2))))
    assert label.toolTip() == "|dW[1]| = 4" and changes.count == 2


def test_a_live_tip_given_as_a_function_is_made_only_when_asked_for(qapp):
    label = QLabel("read-out")
    live = LiveTip(label)
    made = []

    def text(k):
        made.append(k)
        return f"|dW[1]| = {k}"

    for k in range(5):  # five frames: nothing formatted
        live.set(lambda k=k: text(k))
    assert made == []
    QApplication.sendEvent(label, QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), label.mapToGlobal(QPoint(2, 2))))
    assert label.toolTip() == "|dW[1]| = 4" and made == [4]  # the last frame's, once
    assert live.text == "|dW[1]| = 4" and made == [4]


def test_the_gradient_keys_tooltip_on_hover_names_the_last_frames_norms(window, qtbot):
    """Made on the hover (``gradients.scale_tip``), it says what the eager text said: the shared
    scale, the largest |dW| and each layer's |dW[l]|, of the frame shown; per layer, no scale."""
    import numpy as np

    from nnplay.engine.norms import norm2
    from nnplay.numbers import format_number

    c, view = window.controller, window.gradients
    c.step(5)
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 5, timeout=20000)
    qtbot.waitUntil(lambda: view.last_snapshot is c.last_frame.snapshot, timeout=5000)
    label = view.scale_label

    def hovered():
        QApplication.sendEvent(label, QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), label.mapToGlobal(QPoint(2, 2))))
        return label.toolTip()

    dW = [np.atleast_2d(np.asarray(m, dtype=np.float64)) for m in view.last_snapshot.dW]
    largest = max(float(np.max(np.abs(m))) for m in dW)
    shared = view.key_scale.shown
    norms = ", ".join(format_number(norm2(m), 2) for m in dW)
    assert hovered() == (f"scale ±{format_number(shared, 2)} (largest |dW| {format_number(largest, 2)}); "
                         f"|dW[l]| per layer: {norms}")
    view.per_layer.setChecked(True)
    assert hovered() == f"|dW[l]| per layer: {norms}"
