"""``widgets.width_for_text``: a widget as wide as a text in its font follows a
font change (View › Zoom) both ways, and a label's size hint follows it back."""

from PySide6.QtWidgets import QLabel

from nnplay.ui.widgets import width_for_text


def test_a_label_zoomed_in_and_out_asks_for_its_first_width_again(qtbot):
    label = QLabel("0.00")
    qtbot.addWidget(label)
    width_for_text(label, "0.00 ")
    label.show()
    first = (label.minimumWidth(), label.minimumSizeHint().width())
    font = label.font()
    big = label.font()
    big.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(big)
    qtbot.waitUntil(lambda: label.minimumWidth() > first[0], timeout=2000)  # (the width is fitted after the event)
    label.setFont(font)
    label.minimumSizeHint()  # asked for while the zoomed minimum width still stood (a layout does)
    qtbot.waitUntil(lambda: label.minimumWidth() == first[0], timeout=2000)
    assert label.minimumSizeHint().width() == first[1]  # not the zoomed width, kept by QLabel's cache
