"""A read-out whose size does not follow its digits.

A ``QLabel`` whose text changes calls ``updateGeometry``: its parent's layout is
invalidated, and the ``LayoutRequest`` climbs to the window, whose
``QMainWindowLayout`` lays out every toolbar, the central widget and the status
bar again (and, with the Fusion style, starts a ``QPropertyAnimation`` per
widget it moves). A live read-out ("Epoch 1,234", "Loss 0.1234") changes on
every frame, so the whole window was laid out again on every frame.

Qt skips that invalidation for a widget of fixed size (its minimum equals its
maximum: ``QWidgetPrivate::updateGeometry_helper``). ``SteadyLabel`` keeps a
fixed size that only grows: to the widest text it has shown (at least
``min_width`` pixels), so a new digit changes its size only when the text
outgrows every earlier one. A text is measured by its shape, every digit
replaced by the font's widest digit, once per shape (measuring rich text costs
a third of a millisecond; "Epoch 1,234" and "Epoch 5,678" have one shape). A
change of font (presentation zoom, a style) measures it afresh, and it may then
shrink. A new rich text is laid out when it is set, not in the paint (which
would cost the window a second paint pass). A rich text that is only words and
bold numbers (the read-outs') is not made a document at all: it is drawn as runs
of the plain and the bold font (``bold_spans``: the same pixels, a fifth of the cost).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import Qt
from PySide6.QtWidgets import QLabel

from . import bold_spans
from .coalesced import Coalesced


class SteadyLabel(QLabel):
    """A one-line read-out label of fixed size, grown only when its text needs more room.

    ``min_width``: pixels it is at least wide. ``setText`` does nothing when the
    text is unchanged. ``text()`` and ``textFormat()`` are what was set; a rich text of
    words and bold numbers only is drawn by ``bold_spans`` (Qt's label then holds its plain words)."""

    def __init__(self, text: str = "", min_width: int = 0, parent=None):
        super().__init__(parent)
        self._format = super().textFormat()  # the format set (Qt's own is plain while runs are drawn)
        self._text = ""
        self._runs = None  # the bold_spans runs drawn, or None: Qt draws the text
        self._min_width = int(min_width)
        self._shapes: set[str] = set()  # the shapes measured at the present font
        self._digits = None  # str.translate table: every digit to the font's widest
        self._ruler = QLabel()  # measures (a label's own size hint is never under its minimum width)
        self._refit_later = Coalesced(self._refit, self)
        self._measure(text, shrink=True)
        self._show(text)

    def text(self) -> str:
        return self._text

    def textFormat(self) -> Qt.TextFormat:
        return self._format

    def setTextFormat(self, fmt: Qt.TextFormat) -> None:
        self._format = fmt
        text, self._text = self._text, None
        self._show(text)

    def _show(self, text: str) -> None:
        """Hand ``text`` to Qt's label, or (words and bold numbers only) its plain words, the runs drawn here."""
        self._text = text
        runs = bold_spans.spans(text) if self._rich(text) and self._plain_layout() else None
        if runs is not None:
            if super().textFormat() != Qt.TextFormat.PlainText:
                super().setTextFormat(Qt.TextFormat.PlainText)
            if runs != self._runs:
                self.update()  # (the same words may be bold elsewhere: Qt would not repaint)
            self._runs = runs
            super().setText(bold_spans.plain(runs))
            return
        self._runs = None
        if super().textFormat() != self._format:
            super().setTextFormat(self._format)
        super().setText(text)

    def _plain_layout(self) -> bool:
        """Whether the label places its text as ``bold_spans.paint`` does (one line, left, centred vertically)."""
        return (not self.wordWrap() and self.indent() <= 0 and self.margin() == 0
                and self.alignment() == (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter))

    def paintEvent(self, event) -> None:
        if self._runs is None:
            return super().paintEvent(event)
        bold_spans.paint(self, self._runs)

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        self._measure(text)
        self._show(text)
        if self._runs is not None:
            return  # (no document to lay out)
        # Rich text is laid out lazily; laid out inside paintEvent, its document asks for an
        # update() there, which Qt posts as UpdateLater: a second paint pass of the window per
        # frame (issue 20). Its height for the label's width lays it out now, at the width
        # the paint uses (cheaper than sizeHint, which lays it out at two widths). Plain text
        # has no document to lay out (0.1 ms a call saved: the inspector's matrices' read-outs).
        if self._rich(text):
            self.heightForWidth(self.width())

    def _rich(self, text: str) -> bool:
        """Whether Qt shows ``text`` as rich text in this label (its format, or Qt's guess for AutoText)."""
        fmt = self.textFormat()
        return fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and Qt.mightBeRichText(text))

    def _measure(self, text: str, shrink: bool = False) -> None:
        """Fit the label to ``text``'s shape if it is new; grown only, unless ``shrink``."""
        if self._digits is None:
            widest = max("0123456789", key=self.fontMetrics().horizontalAdvance)
            self._digits = str.maketrans("0123456789", widest * 10)
        shape = text.translate(self._digits)
        if shape in self._shapes:
            return
        self._shapes.add(shape)
        ruler = self._ruler
        ruler.setFont(self.font())
        ruler.setTextFormat(self.textFormat())
        ruler.setContentsMargins(self.contentsMargins())
        ruler.setIndent(self.indent())
        ruler.setMargin(self.margin())
        ruler.setText(shape)
        hint = ruler.sizeHint()
        width = max(self._min_width, hint.width())
        height = hint.height()
        if not shrink:  # the size only grows between font changes: no layout per frame
            width = max(width, self.minimumWidth())
            height = max(height, self.minimumHeight())
        if (width, height) != (self.minimumWidth(), self.minimumHeight()) or self.maximumWidth() != width:
            self.setFixedSize(width, height)

    def setContentsMargins(self, *margins) -> None:
        super().setContentsMargins(*margins)
        self._refit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._refit_later.request()  # once the new font is in, before the paint (widgets.after_font_change)

    def _refit(self) -> None:
        """Measure the present text afresh (a new font or margins: the size may shrink)."""
        self._shapes.clear()
        self._digits = None
        text = self.text()
        self._measure(text, shrink=True)
        super().setText("")  # a QLabel keeps its size hints from the old font until its text changes
        self._show(text)
