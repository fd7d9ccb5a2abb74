"""The Tab order of a panel follows its layout, widgets made after the window too.

Qt's Tab order is the order widgets joined the window: a widget made later (a new hidden
layer's width box, made when "+" is pressed or a lesson or session sets three layers) goes
to the end of the chain, after the last panel's last control, so Tab reached the width
boxes after "Check gradients" and the gradient norms' plot (tester 20). ``follow_layout``
is called where such widgets are inserted: it chains the panel's controls in the order its
layouts place them (top to bottom, left to right, as the user sees them), the panel's first
control keeping its place in the window's chain.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QWidget


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def layout_order(layout: QLayout) -> Iterator[QWidget]:
    """The controls Tab can reach in ``layout`` and the layouts nested in it (and in the plain
    widgets it holds), in the layout's order: a control's own children (a spin box's line edit)
    are its own business and are not listed."""
    for i in range(layout.count()):
        item = layout.itemAt(i)
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            if _takes_tab(widget):
                yield widget
            elif widget.layout() is not None:
                yield from layout_order(widget.layout())
        elif inner is not None:
            yield from layout_order(inner)


def follow_layout(panel: QWidget) -> list[QWidget]:
    """Put ``panel``'s controls in the window's Tab chain in its layout's order (``layout_order``),
    after the first of them; returns that order."""
    order = list(layout_order(panel.layout())) if panel.layout() is not None else []
    for before, after in zip(order, order[1:]):
        QWidget.setTabOrder(before, after)
    return order
