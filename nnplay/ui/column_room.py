"""A scrolled column's room: the height its scroll area's view offers it (``room``), and the width it
would gain without the view's vertical scroll bar (``bar_room``). The Network column's settings fold
(settings_fold) and its diagram's key (diagram_room.is_tight) decide on them, the same whichever way
they decide: the column's own height is its least where it scrolls, and its width is a scroll bar
narrower."""

from __future__ import annotations


def scroll_view(column):
    """The view (viewport) of the scroll area ``column`` is the content of, or None where it is in none."""
    view = column.parentWidget() if column is not None else None
    return view if view is not None and view.objectName() == "qt_scrollarea_viewport" else None


def room(column) -> int:
    """The height ``column`` is offered: its scroll area's view where it scrolls (the column itself
    is then as tall as its minimum, the drawing's room included, however little the view has)."""
    view = scroll_view(column)
    return view.height() if view is not None else column.height()


def bar_room(column) -> int:
    """The width, in pixels, ``column`` would gain were its scroll area's vertical scroll bar hidden:
    0 where none shows (or the column is as wide as its least however wide the view)."""
    view = scroll_view(column)
    if view is None:
        return 0
    bar = view.parentWidget().verticalScrollBar()
    return max(0, view.width() + bar.width() - column.width()) if bar.isVisible() else 0
