"""A scrolled column's top row shown whole: never a row of controls cut by the top of its view.

Tester 22: at 1024×768 with the xor-feature lesson open, Ctrl++ to 160% left the Data column scrolled
(the lesson keeps the input features its answer is set with in sight: ``lesson_views.scroll_to``) with its
first row, the data sets' buttons, cut through their pictures under the pinned heading; a column the learner
had scrolled kept its scroll bar's pixels through a zoom step, its content 1.1-1.25 times taller, so any row
could sit cut at its top. ``whole_top`` moves a scroll position to the nearest at which no row is cut (up,
to show the cut row whole, or down past it where the widget to keep in sight would leave the view);
``FirstRows`` keeps each scrolled column's first whole widget at the top of its view through a zoom step
(until the user scrolls it, or the lesson's views scroll it: ``drop``).

A row is a widget without widgets shown inside it (a button, a label, a box's line edit), no taller than half
the view: a plot or a heatmap taller than that is not a row to show whole.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtWidgets import QScrollArea, QWidget
from shiboken6 import isValid

from .pinned_heading import heading_room


def _rows(area: QScrollArea) -> list[tuple[QWidget, int]]:
    """Each row in ``area``'s content with its top, in the content's pixels."""
    content, most = area.widget(), area.viewport().height() // 2
    return [(w, w.mapTo(content, QPoint(0, 0)).y()) for w in content.findChildren(QWidget)
            if not w.isWindow() and w.isVisibleTo(content) and w.height() <= most and not any(
                isinstance(c, QWidget) and not c.isWindow() and c.isVisibleTo(w) for c in w.children())]


def _first_row(area: QScrollArea) -> QWidget | None:
    """The first row (``_rows``) wholly below the top of ``area``'s view (and its pinned heading)."""
    value = area.verticalScrollBar().value()
    line = value + (heading_room(area) if value > 0 else 0)
    below = [(top, w) for w, top in _rows(area) if top >= line]
    return min(below, key=lambda r: r[0])[1] if below else None


def covered(area: QScrollArea, line: int) -> int:
    """Where the pinned heading ends (``line``, in the content's pixels) or, below it, the bottom of the rows it
    cuts that show no more than half of themselves below it (they are covered whole: no sliver of a row)."""
    return max((top + w.height() for w, top in _rows(area) if top < line < top + w.height() <= line + w.height() / 2),
               default=line)


def whole_top(area: QScrollArea, value: int, keep: QWidget | None = None) -> int:
    """The scroll position nearest ``value`` at which no row of ``area`` is cut by the top of its view (below
    its pinned heading, shown once scrolled): up to the cut row's top, or, where ``keep`` would then leave the
    view, down past the cut row; ``value`` itself where neither keeps ``keep`` whole in view."""
    bar = area.verticalScrollBar()
    value = max(0, min(value, bar.maximum()))
    if value == 0:
        return 0
    head, seen = heading_room(area), area.viewport().height()
    rows = [(top, top + w.height()) for w, top in _rows(area)]

    def moved(line: int, up: bool) -> int:
        while cut := [(t, b) for t, b in rows if t < line < b]:
            line = min(t for t, _ in cut) if up else max(b for _, b in cut)
        return max(0, min(bar.maximum(), line - head))

    def whole(v: int) -> bool:
        if keep is None:
            return True
        top = keep.mapTo(area.widget(), QPoint(0, 0)).y()
        return top >= v + (head if v > 0 else 0) and top + keep.height() <= v + seen

    for v in (moved(value + head, True), moved(value + head, False)):
        if whole(v):
            return v
    return value


class FirstRows(QObject):
    """Each scrolled column of ``win`` keeps its first whole widget at the top of its view through a zoom step
    (``hold`` before it, ``keep`` after): held, and set again as the column's content is laid out anew (its
    rows wrap again as the columns refit), until the column is scrolled otherwise (by the user, a lesson's views)."""

    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self.held: dict[QScrollArea, QWidget | None] = {}
        self._setting = False
        self._clamped: tuple | None = None  # (area, value) Qt is about to put a column at: its content shorter
        for area in self.areas():
            area.widget().installEventFilter(self)
            bar = area.verticalScrollBar()
            bar.rangeChanged.connect(lambda _least, most, a=area: self._ranged(a, most))
            bar.valueChanged.connect(lambda value, a=area: self._moved(a, value))

    def areas(self) -> list[QScrollArea]:
        s = self.win.splitter
        return [w for w in map(s.widget, range(s.count())) if isinstance(w, QScrollArea)]

    def hold(self) -> None:
        """Note each scrolled column's first whole widget (None: a column at its top stays at its top); one
        held from a step before stays (a step that could not scroll it there, 125% after 160%, loses nothing)."""
        self.held = {a: self.held[a] if a in self.held else _first_row(a) if a.verticalScrollBar().value() > 0
                     else None for a in self.areas()}

    def keep(self) -> None:
        for area in list(self.held):
            self._place(area)

    def drop(self, area: QScrollArea) -> None:
        self.held.pop(area, None)

    def _ranged(self, area: QScrollArea, most: int) -> None:
        """(QAbstractSlider.setRange says the range, then moves a value past it to its end.)"""
        self._clamped = (area, most) if area.verticalScrollBar().value() > most else None

    def _moved(self, area: QScrollArea, value: int) -> None:
        """Scrolled by the user or the program: its own place from now (not Qt's move of a column whose content
        grew shorter to its new end)."""
        clamped, self._clamped = self._clamped, None
        if not self._setting and clamped != (area, value):
            self.drop(area)

    def _place(self, area: QScrollArea) -> None:
        first = self.held.get(area, False)
        if first is False or (first is not None and not (isValid(first) and first.isVisibleTo(area.widget()))):
            return  # (a widget gone with a new run, or hidden: the column as Qt leaves it)
        value = 0 if first is None else first.mapTo(area.widget(), QPoint(0, 0)).y() - heading_room(area)
        self._setting = True
        try:
            area.verticalScrollBar().setValue(whole_top(area, value))
        finally:
            self._setting = False

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize and self.held:
            area = next((a for a in self.held if a.widget() is obj), None)
            if area is not None:
                self._place(area)
        return False
