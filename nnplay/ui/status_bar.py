"""The window's status bar: a message longer than the bar is elided at its end
("…") with the whole message in the bar's tooltip, instead of being cut at the
bar's right edge mid-word (a zoomed window's message, a long file path)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStatusBar, QStyle, QStyleOption

from . import spin_limits

MARGIN = 6  # px left of the message and right of it (as QStatusBar draws it)


class StatusBar(QStatusBar):
    """QStatusBar whose temporary message never runs off its right edge; the
    message's whole text stays ``currentMessage()`` and is the tooltip while it
    does not fit."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("status_bar")
        spin_limits.install()  # a number typed past a spin box's range is said here ("at most 9"), not swallowed
        self.messageChanged.connect(lambda _: self._tip())
        self.hint = ""  # the standing message (set_hint)
        self.messageChanged.connect(self._hint_back)

    def set_hint(self, text: str) -> None:
        """Say ``text`` whenever no other message is shown, until set again ("" for none): a message
        shown for a while (a zoom step's "Zoom 125%") gives way to it again when it ends. The start's
        "Press Space to train…" did not come back after a zoom step's message."""
        old, self.hint = self.hint, text
        shown = self.currentMessage()
        if not shown or shown == old:  # (another message stays: the hint comes back when it ends)
            if text:
                self.showMessage(text)
            else:
                self.clearMessage()

    def _hint_back(self, message: str) -> None:
        if not message and self.hint:
            self.showMessage(self.hint)

    def message_room(self) -> int:
        """The pixels of width the message is drawn in."""
        return max(0, self.width() - 2 * MARGIN - (16 if self.isSizeGripEnabled() else 0))

    def shown_message(self) -> str:
        """The message as drawn: whole, or elided to the bar's width."""
        return self.fontMetrics().elidedText(self.currentMessage(), Qt.TextElideMode.ElideRight, self.message_room())

    def _tip(self) -> None:
        message = self.currentMessage()
        self.setToolTip(message if message and self.shown_message() != message else "")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._tip()

    def paintEvent(self, event) -> None:
        if not self.currentMessage():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.rect().adjusted(MARGIN, 0, -MARGIN, 0)
        rect.setWidth(self.message_room())
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
                         | Qt.TextFlag.TextSingleLine, self.shown_message())
        painter.end()
