"""The least width of a column: a scroll area's content's (``content_least``), and a hidden column's once
shown (``hidden_least``: its nested layouts, not run while hidden, brought up to date first, innermost first,
``parents_first``). The columns fit (column_fit) and the window's columns (window_columns) read them."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def hidden_least(column) -> int:
    """The least width of the hidden ``column`` (a scroll area) once shown, without a scroll bar, in
    pixels: its content's minimum width, as ``window_columns._widen_for_scroll_bar`` gives the area.
    A hidden widget's layouts are not run, so a change of a size inside it since it was last shown
    is not yet passed up: its nested layouts are brought up to date first, innermost first, and the
    minimums set from them again (``refit_least``: one set at 200% was read at 100%, tester 22)."""
    content = column.widget()
    for w in reversed(parents_first(content)):
        if w.layout() is not None:
            w.layout().activate()
        refit = getattr(w, "refit_least", None)
        if refit is not None:
            refit()
    return content_least(content)


def content_least(content: QWidget) -> int:
    """The least width a scroll area's ``content`` takes, in pixels: its minimum size hint, or the
    minimum set on it where larger (round 20: the Network column's content kept 230 px, its area, sized
    by the hint alone, could be squeezed to 171 and scrolled sideways)."""
    return max(content.minimumWidth(), content.minimumSizeHint().width())


def parents_first(root: QWidget) -> list[QWidget]:
    """``root`` and every widget inside it, each after its parent, in the order of their depth
    (each widget's depth is its parent's and one: walking every widget's parents to sort them,
    as before, took 3-4 ms for the window's 430 widgets, this 1 ms)."""
    depth = {root: _depth(root)}
    for w in root.findChildren(QWidget):  # (depth first: a parent before its children)
        parent = w.parentWidget()
        depth[w] = (depth[parent] if parent in depth else _depth(parent)) + 1
    return sorted(depth, key=depth.__getitem__)


def _depth(w: QWidget) -> int:
    n = 0
    while (w := w.parentWidget()) is not None:
        n += 1
    return n
