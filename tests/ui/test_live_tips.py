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
