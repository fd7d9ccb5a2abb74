"""A scrolled column's heading kept in view: while the column is scrolled down, its title ("Gradients") is drawn
pinned at the top of the column's view, over the content scrolled under it, as a sticky table header is.

The vanishing-gradients lesson scrolls the Gradients column to the gradient norms its question names (at
1280×800 by 63 px, at 1024×768 in presentation mode by 189): the column's title went out of sight, and with it
what the column is. ``scroll_to`` (lesson_views) keeps the view it shows below the pinned heading (``room``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QScrollArea


_RESTYLED = (QEvent.Type.FontChange, QEvent.Type.StyleChange)
_PLACING = (QEvent.Type.Resize, QEvent.Type.LayoutRequest, QEvent.Type.Show, QEvent.Type.Hide, *_RESTYLED)


class PinnedHeading(QObject):
    """Pins a copy of ``title`` (the QLabel heading the column ``area`` scrolls) at the top of the area's view
    while the area is scrolled down; the copy follows the title's text (its font and zoomed style are the
    title's by the same means as the title's)."""

    def __init__(self, area: QScrollArea, title: QLabel, margins: tuple[int, int, int, int]):
        super().__init__(area)
        self.area, self.title = area, title
        self.label = QLabel(area)
        self.label.setObjectName(f"{area.objectName()}_heading")
        self.label.setAutoFillBackground(True)  # the content scrolled under it hidden, not drawn through it
        self.label.setBackgroundRole(area.viewport().backgroundRole())
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # (taller: whole_rows.covered)
        self.label.setContentsMargins(margins[0], margins[1], margins[2], margins[3])
        self.label.setStyleSheet(title.styleSheet())
        self.label.hide()
        self.follow()
        bar = area.verticalScrollBar()
        bar.valueChanged.connect(self.place)
        bar.rangeChanged.connect(self.place)
        for watched in (area, title, self.label):  # (the label: a zoom's new sheet and font, its height)
            watched.installEventFilter(self)

    def follow(self) -> None:
        """The copy in the title's text and tooltip. (Its font is the window's, as the title's; its style sheet
        the title's as made, given at once and zoomed with the title's by the presentation: a copy of the
        zoomed one was zoomed again.)"""
        title, label = self.title, self.label
        if label.text() != title.text():
            label.setText(title.text())
        if label.toolTip() != title.toolTip():
            label.setToolTip(title.toolTip())

    def place(self, *_) -> None:
        """Shown, over the top of the view, while the area is scrolled down; hidden at its top. It reaches down
        over what is left in sight of a row it cuts, if no more than half of it (``whole_rows.covered``: at
        1280×800 and 200% the xor-feature lesson's scroll, as far as the Data column goes, left 5 px of a row of
        buttons under it)."""
        from .whole_rows import covered  # (whole_rows reads heading_room)

        value = self.area.verticalScrollBar().value()
        scrolled = value > 0 and self.title.isVisibleTo(self.area)
        if scrolled:
            view = self.area.viewport().geometry()
            height = covered(self.area, value + self.label.sizeHint().height()) - value
            self.label.setGeometry(view.x(), view.y(), view.width(), height)
            self.label.raise_()
        if scrolled != self.label.isVisibleTo(self.area):
            self.label.setVisible(scrolled)

    def eventFilter(self, obj, event) -> bool:
        if event.type() in _PLACING and not (obj is self.label and event.type() not in _RESTYLED):
            if obj is self.title:
                self.follow()
            self.place()
        return False


def heading_room(area: QScrollArea) -> int:
    """The height ``area``'s pinned heading covers at the top of its view whenever it is scrolled down
    (0: a scroll area without one)."""
    label = area.findChild(QLabel, f"{area.objectName()}_heading", Qt.FindChildOption.FindDirectChildrenOnly)
    return 0 if label is None or not area.objectName() else label.sizeHint().height()
