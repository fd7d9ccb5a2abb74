"""A "No data yet" note on a plot that has nothing to draw.

An epoch plot before its first point (the comparison's loss plot before its
runs' first frame, the loss plot of a run cleared by a divergence) showed bare
axes, which read as a fault. ``EmptyNote`` puts a short grey note across the
middle of the plot's data area while none of its data items (its curves and
scatters: ``PlotItem.listDataItems``) draws anything, and takes it away with the
first one that does. A line needs two points it can draw (finite, and above 0
on a log axis): the comparison's loss plot at epoch 0, a single point per
curve, was as bare as an empty one but had no note; a scatter, or a curve with
symbols, needs one. It follows the data through the ViewBox's ``itemBoundsChanged``,
which pyqtgraph calls whenever an item's data change (no timer, no cost while
the data stay put). ``note_when_empty`` gives a plot its note (every plot that can be empty has one:
the epoch plots through ``plot_layout.epoch_axis``, the learning-rate finder's, the hidden space's).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from .stepped_range import EMPTY_RANGE

NO_DATA = "No data yet"
NOTE_GREY = QColor(128, 128, 128)


FIRST_LOOK = 16  # points looked at first: a curve's first ones are nearly always drawable (no scan of thousands)


def drawable_points(item, enough: int | None = None) -> int:
    """How many points of a pyqtgraph data item (PlotDataItem, PlotCurveItem, ScatterPlotItem)
    its view can draw: finite, and above 0 where its axis is logarithmic (a PlotDataItem's
    given data, not its part clipped to the view; the others' data as drawn, log-mapped).
    ``enough``: stop counting at that many (found among the first FIRST_LOOK points, at once)."""
    if isinstance(item, pg.PlotDataItem):
        x, y = item.getOriginalDataset()
        log_x, log_y = item.opts.get("logMode", (False, False))
    else:
        data = item.getData() if hasattr(item, "getData") else None
        x, y = (None, None) if data is None else data[:2]
        log_x = log_y = False
    if x is None or y is None or len(x) == 0:
        return 0
    if enough:  # the first points, one by one (numpy's calls cost more than a few floats)
        found = 0
        for a, b in zip(x[:FIRST_LOOK], y[:FIRST_LOOK]):
            a, b = float(a), float(b)
            if math.isfinite(a) and math.isfinite(b) and (a > 0 or not log_x) and (b > 0 or not log_y):
                found += 1
                if found >= enough:
                    return enough
    with np.errstate(invalid="ignore"):
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        ok = np.isfinite(x) & np.isfinite(y)
        ok &= (x > 0) if log_x else True
        ok &= (y > 0) if log_y else True
    found = int(np.count_nonzero(ok))
    return min(found, enough) if enough else found


def draws_something(item) -> bool:
    """Whether ``item`` draws a mark: a line two points, a scatter (or a curve with symbols, or a
    ``live_curve.LiveCurve``, which dots a lone point) one."""
    if not item.isVisible():
        return False
    marks = isinstance(item, pg.ScatterPlotItem) or getattr(item, "marks_lone_point", False) or (
        isinstance(item, pg.PlotDataItem) and item.opts.get("symbol") is not None)
    need = 1 if marks else 2
    return drawable_points(item, need) >= need


def note_when_empty(plot_item: pg.PlotItem, hold_range: bool = False) -> "EmptyNote":
    """``plot_item``'s "No data yet" note (made once): see the module's docstring. ``hold_range``:
    the plot is auto-ranged; while it draws nothing it shows the empty state's range (``EmptyNote.hold``)."""
    if getattr(plot_item, "empty_note", None) is None:
        plot_item.empty_note = EmptyNote(plot_item)
    note = plot_item.empty_note
    if hold_range and not note.hold_range:
        note.hold_range = True
        own = plot_item.enableAutoRange  # (pyqtgraph's, the ViewBox's: a log-scale toggle calls it too)

        def enable_auto_range(*args, **kwargs):  # while the empty range is held: auto-range with the first mark
            if note._held is None:
                return own(*args, **kwargs)
            note._held = (True, True)
        plot_item.enableAutoRange = enable_auto_range
        note.refresh()
    return plot_item.empty_note


class EmptyNote:
    """``text`` across the middle of ``plot_item``'s data area while it has no point.
    ``label`` is the note (a QGraphicsSimpleTextItem in the ViewBox's own pixels,
    so it neither moves with the data nor widens the auto-range)."""

    hold_range = False  # an auto-ranged plot: the empty state's range while it draws nothing (``hold``)
    _held = None  # the view's auto-range (x, y), put aside while the plot is empty

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
        """Show the note when no data item draws anything (``draws_something``), hide it otherwise."""
        empty = not any(draws_something(item) for item in self.plot_item.listDataItems())
        if empty != self.label.isVisible():
            self.label.setVisible(empty)
        if empty:
            self.place()
        if self.hold_range:
            self.hold(empty)

    def hold(self, empty: bool) -> None:
        """While the plot draws nothing, its range is the empty state's (``stepped_range.EMPTY_RANGE`` on
        both axes) and its auto-range is put aside; with the first mark, auto-range again. Auto-range
        fitted the comparison's one point per curve (or kept an emptied plot's old range): a log axis
        squeezed to one value, "7.375·10⁻¹ / 7.370·10⁻¹", over bare axes."""
        view = self.plot_item.getViewBox()
        if empty and self._held is None:
            self._held = tuple(view.autoRangeEnabled())
            view.setRange(xRange=EMPTY_RANGE, yRange=EMPTY_RANGE, padding=0)  # (auto-range off)
        elif not empty and self._held is not None:
            held, self._held = self._held, None
            for axis, on in zip((view.XAxis, view.YAxis), held):
                if on is not False:
                    view.enableAutoRange(axis=axis, enable=on)

    def place(self) -> None:
        """Centre the note on the data area, in the plot's tick font."""
        view = self.plot_item.getViewBox()
        font = self.plot_item.getAxis("bottom").style.get("tickFont") or self.plot_item.getAxis("bottom").font()
        if self.label.font() != font:
            self.label.setFont(font)
        box, rect = view.boundingRect(), self.label.boundingRect()
        self.label.setPos(box.center().x() - rect.width() / 2, box.center().y() - rect.height() / 2)
