"""A scrolled column's heading kept in view: while the column is scrolled down, its title ("Gradients") is drawn
pinned at the top of the column's view, over the content scrolled under it, as a sticky table header is.

The vanishing-gradients lesson scrolls the Gradients column to the gradient norms its question names (at
1280×800 by 63 px, at 1024×768 in presentation mode by 189): the column's title went out of sight, and with it
what the column is. ``scroll_to`` (lesson_views) keeps the view it shows below the pinned heading (``room``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QScrollArea


class PinnedHeading(QObject):
    """Pins a copy of ``title`` (the QLabel heading the column ``area`` scrolls) at the top of the area's view
    while the area is scrolled down; the copy follows the title's text, font and style."""

    def __init__(self, area: QScrollArea, title: QLabel, margins: tuple[int, int, int, int]):
        super().__init__(area)
        self.area, self.title = area, title
        self.label = QLabel(area)
        self.label.setObjectName(f"{area.objectName()}_heading")
        self.label.setAutoFillBackground(True)  # the content scrolled under it hidden, not drawn through it
        self.label.setBackgroundRole(area.viewport().backgroundRole())
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.setContentsMargins(margins[0], margins[1], margins[2], margins[3])
        self.label.hide()
        self.follow()
        bar = area.verticalScrollBar()
        bar.valueChanged.connect(self.place)
        bar.rangeChanged.connect(self.place)
        area.installEventFilter(self)
        title.installEventFilter(self)

    def follow(self) -> None:
        """The copy in the title's text, font, style and tooltip (a zoom, a palette change)."""
        title, label = self.title, self.label
        if label.text() != title.text():
            label.setText(title.text())
        if label.styleSheet() != title.styleSheet():
            label.setStyleSheet(title.styleSheet())
        if label.font() != title.font():
            label.setFont(title.font())
        label.setToolTip(title.toolTip())

    def place(self, *_) -> None:
        """Shown, over the top of the view, while the area is scrolled down; hidden at its top."""
        scrolled = self.area.verticalScrollBar().value() > 0 and self.title.isVisibleTo(self.area)
        if scrolled:
            view = self.area.viewport().geometry()
            self.label.setGeometry(view.x(), view.y(), view.width(), self.label.sizeHint().height())
            self.label.raise_()
        if scrolled != self.label.isVisibleTo(self.area):
            self.label.setVisible(scrolled)

    def eventFilter(self, obj, event) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.LayoutRequest, QEvent.Type.Show, QEvent.Type.Hide):
            if obj is self.title:
                self.follow()
            self.place()
        return False


def heading_room(area: QScrollArea) -> int:
    """The height ``area``'s pinned heading covers at the top of its view whenever it is scrolled down
    (0: a scroll area without one)."""
    label = area.findChild(QLabel, f"{area.objectName()}_heading", Qt.FindChildOption.FindDirectChildrenOnly)
    return 0 if label is None or not area.objectName() else label.sizeHint().height()
