"""A "No data yet" note on a plot that has nothing to draw.

An epoch plot before its first point (the comparison's loss plot before its
runs' first frame, the loss plot of a run cleared by a divergence) showed bare
axes, which read as a fault. ``EmptyNote`` puts a short grey note across the
middle of the plot's data area while none of its data items (its curves and
scatters: ``PlotItem.listDataItems``) holds a point, and takes it away with the
first one. It follows the data through the ViewBox's ``itemBoundsChanged``,
which pyqtgraph calls whenever an item's data change (no timer, no cost while
the data stay put).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsSimpleTextItem

NO_DATA = "No data yet"
NOTE_GREY = QColor(128, 128, 128)


def has_points(item) -> bool:
    """Whether a pyqtgraph data item (PlotDataItem, PlotCurveItem, ScatterPlotItem) holds a point."""
    data = item.getData() if hasattr(item, "getData") else None
    x = data[0] if data is not None else None
    return x is not None and len(x) > 0


class EmptyNote:
    """``text`` across the middle of ``plot_item``'s data area while it has no point.
    ``label`` is the note (a QGraphicsSimpleTextItem in the ViewBox's own pixels,
    so it neither moves with the data nor widens the auto-range)."""

    def __init__(self, plot_item: pg.PlotItem, text: str = NO_DATA):
        self.plot_item = plot_item
        view = plot_item.getViewBox()
        self.label = QGraphicsSimpleTextItem(text, view)
        self.label.setBrush(NOTE_GREY)
        self.label.setZValue(10)
        self.label.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # pyqtgraph calls these from Python: on every setData, and as items come and go
        for owner, name in ((view, "itemBoundsChanged"), (plot_item, "addItem"), (plot_item, "removeItem")):
            setattr(owner, name, self._then_refresh(getattr(owner, name)))
        view.sigResized.connect(lambda *_: self.place())
        self.refresh()

    def _then_refresh(self, own):
        def call(*args, **kwargs):
            result = own(*args, **kwargs)
            self.refresh()
            return result
        return call

    @property
    def shown(self) -> bool:
        return self.label.isVisible()

    def refresh(self) -> None:
        """Show the note when no data item has a point, hide it otherwise."""
        empty = not any(has_points(item) for item in self.plot_item.listDataItems())
        if empty != self.label.isVisible():
            self.label.setVisible(empty)
        if empty:
            self.place()

    def place(self) -> None:
        """Centre the note on the data area, in the plot's tick font."""
        view = self.plot_item.getViewBox()
        font = self.plot_item.getAxis("bottom").style.get("tickFont") or self.plot_item.getAxis("bottom").font()
        if self.label.font() != font:
            self.label.setFont(font)
        box, rect = view.boundingRect(), self.label.boundingRect()
        self.label.setPos(box.center().x() - rect.width() / 2, box.center().y() - rect.height() / 2)
