"""Small helpers shared by the panels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSlider, QAbstractSpinBox, QComboBox, QFrame, QLabel, QVBoxLayout, QWidget,
)


def named(widget: QWidget, name: str, tip: str, accessible: str | None = None) -> QWidget:
    """Give a control its objectName, accessible name and one-sentence tooltip,
    and let it keep the window's shortcuts working (see ``leave_shortcuts_to_the_window``)."""
    widget.setObjectName(name)
    widget.setAccessibleName(accessible or name.replace("_", " "))
    widget.setToolTip(tip)
    widget.setAccessibleDescription(tip)
    leave_shortcuts_to_the_window(widget)
    return widget


def leave_shortcuts_to_the_window(widget: QWidget) -> None:
    """Space plays, Right steps, M goes to Max wherever the pointer last clicked:
    buttons, check boxes, lists and sliders take the keyboard focus only by Tab
    (a click leaves it where it was, so Space does not tick the box just clicked),
    and a number field gives the focus back once Enter confirms what was typed."""
    if isinstance(widget, (QAbstractButton, QComboBox, QAbstractSlider)):
        widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    elif isinstance(widget, QAbstractSpinBox):
        widget.editingFinished.connect(widget.clearFocus)


def heading(text: str) -> QLabel:
    label = QLabel(text.upper())
    label.setObjectName("heading")
    label.setStyleSheet("font-weight: 600; letter-spacing: 1px; color: palette(mid); padding-top: 4px;")
    return label


class Section(QFrame):
    """A titled column of the window."""

    def __init__(self, title: str, tip: str = "", parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(6, 4, 6, 4)
        self.layout_.setSpacing(4)
        title_label = QLabel(title)
        title_label.setObjectName(f"section_{title.lower()}")
        title_label.setToolTip(tip)
        title_label.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.layout_.addWidget(title_label)

    def add(self, widget: QWidget, stretch: int = 0) -> QWidget:
        self.layout_.addWidget(widget, stretch)
        return widget
