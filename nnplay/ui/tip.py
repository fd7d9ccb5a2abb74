"""Tooltips of live panels without a cost per frame.

``QWidget.setToolTip`` sends the widget a ``ToolTipChange`` event even when the
text is the same, and with the window's style sheets that cost 0.5-2 ms a call
on the GUI thread; four panels set theirs on every frame (issue 20). ``set_tip``
sets a tooltip only when its text changes; ``LiveTip`` keeps a text that changes
with every frame (a read-out's numbers) and hands it to Qt only when the
pointer asks for the tooltip (the ``QEvent.ToolTip`` of a hover); given as a
function, the text is not even made until then (the gradients' seven norms,
formatted at every frame for a tooltip seldom shown).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


def set_tip(widget, text: str) -> None:
    """``widget.setToolTip(text)`` unless that is its tooltip already."""
    if widget.toolTip() != text:
        widget.setToolTip(text)


class LiveTip(QObject):
    """The tooltip of ``widget``, given at every frame by ``set(text)`` (a str, or a function
    that returns it, called only when the text is asked for) and set on the widget when a
    hover asks for it (``text`` is the one to show)."""

    def __init__(self, widget):
        super().__init__(widget)
        self.widget, self._text = widget, ""
        widget.installEventFilter(self)

    def set(self, text) -> None:
        self._text = text

    @property
    def text(self) -> str:
        if callable(self._text):
            self._text = self._text()  # (made once, when first asked for)
        return self._text

    def eventFilter(self, obj, event) -> bool:
        if obj is self.widget and event.type() == QEvent.Type.ToolTip:
            set_tip(self.widget, self.text)  # (before the widget shows it)
        return False
