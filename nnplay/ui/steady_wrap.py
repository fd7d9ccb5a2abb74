"""A word-wrapped label whose new text lays out its window again only when it needs another size.

A ``QLabel``'s ``setText`` calls ``updateGeometry``: the layouts above it are invalidated up to
the window, which lays out everything in it again. ``SteadyLabel`` avoids that for a one-line
read-out by a fixed size; a label that wraps to its window's width cannot have one. The backprop
inspector's header ("Epoch 1,234, mini-batch 5 of 63 ... J = 0.1234") and its chain rule's
verdict are such labels, with new numbers at every trace: three layouts of the inspector (its
window, the chain rule's panel, their splitter) were run again for each, about 3 ms a trace
(issue 20, round 19).

Given a ``least_width``, it is never laid out narrower, and its least height is the label's height
at that width: a window's least size (Qt's top-level layouts count a label's one line) cut the
backprop inspector's header, wrapped into 80 px, to its first two lines (tester 22).

``SteadyWrap`` holds the label as a child placed by hand (no layout of its own, so the label's
``updateGeometry`` stops at it) and stands for it in the layout: the label's size hints, its
height for a width, its size policy. ``set_text`` sets the label's text and tells the layouts
above only when the label's height at its width, its size hint or its least size changed.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QWidget


class SteadyWrap(QWidget):
    """``label`` (a word-wrapped ``QLabel``) as a child that fills this widget; ``set_text`` changes
    its text (use it, not ``label.setText``, for the layouts to learn of a new size)."""

    def __init__(self, label: QLabel, parent=None, least_width=None):
        super().__init__(parent)
        self.label = label
        self.least_width = least_width  # () -> pixels (the font's, as zoomed), or None: the label's own least
        label.setParent(self)
        self.setSizePolicy(label.sizePolicy())
        self._fit = self._measure()
        self.relayouts = 0  # layouts told of a new size by set_text (tests)

    def _measure(self) -> tuple:
        width = self.width()
        return (self.label.heightForWidth(width) if width > 0 else -1, self.label.sizeHint(),
                self.label.minimumSizeHint())

    def set_text(self, text: str) -> None:
        """Show ``text``; the layouts above are invalidated only when it needs another size."""
        if text == self.label.text():
            return
        self.label.setText(text)
        fit = self._measure()
        if fit != self._fit:
            self._fit = fit
            self.relayouts += 1
            self.updateGeometry()

    def text(self) -> str:
        return self.label.text()

    def hasHeightForWidth(self) -> bool:
        return self.label.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        return self.label.heightForWidth(width)

    def sizeHint(self) -> QSize:
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:
        least = self.label.minimumSizeHint()
        if self.least_width is None:
            return least
        width = max(least.width(), self.least_width())
        return QSize(width, max(least.height(), self.label.heightForWidth(width)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())
        self._fit = self._measure()  # (its height at the width it now has)
