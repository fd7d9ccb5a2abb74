"""A layout that places its items left to right and wraps to a new line when
the width runs out, like words in a paragraph: Qt's Flow Layout example
(doc.qt.io, "Flow Layout Example", widgets/layouts/flowlayout), in Python.

Hidden widgets take no room. A widget whose property ``keep_with_next`` is
true stays on the line of the item after it (an operator with its operand).
The layout has a height for every width, so a scroll area around it grows
downwards instead of sideways.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout


class FlowLayout(QLayout):
    def __init__(self, parent=None, spacing: int = 8):
        super().__init__(parent)
        self._items = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        """As wide as the widest item, as tall as the tallest."""
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _groups(self) -> list[list]:
        """The visible items in runs that wrap as one (``keep_with_next`` glues an item to the next)."""
        groups, glued = [], False
        for item in self._items:
            if item.isEmpty():  # a hidden widget
                continue
            if glued:
                groups[-1].append(item)
            else:
                groups.append([item])
            glued = bool(item.widget() is not None and item.widget().property("keep_with_next"))
        return groups

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in ``rect`` (only measure unless ``move``); returns the height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line, gap = area.x(), area.y(), 0, self.spacing()
        for group in self._groups():
            hints = [item.sizeHint() for item in group]
            width = sum(h.width() for h in hints) + gap * (len(group) - 1)
            if x + width > area.right() + 1 and line > 0:  # no room left on this line
                x, y, line = area.x(), y + line + gap, 0
            for item, hint in zip(group, hints):
                if move:
                    item.setGeometry(QRect(QPoint(x, y), hint))
                x += hint.width() + gap
                line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()
