"""Axis titles that fit their axis: a long name (a CSV's column) is elided in its middle to the data
area's width (the bottom title) or height (the left one), whole in the axis's tooltip, and fitted again
as the plot is resized or zoomed. pyqtgraph draws an axis's title as long as its text: at 1016×740 the
output view's left title ran off the plot's top ("…long_nam")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

_TITLES = "_nnplay_axis_titles"  # {side: the whole title} of a PlotItem whose titles are fitted


def set_titles(plot, **titles: str) -> None:
    """Title the axes of ``plot`` (a pg.PlotWidget) by side (``bottom=``, ``left=``), each elided to its
    axis's length in pixels (``fit_titles``), now and whenever the data area's size changes."""
    item = plot.getPlotItem()
    if getattr(item, _TITLES, None) is None:
        item.getViewBox().sigResized.connect(lambda *_: fit_titles(item))
    setattr(item, _TITLES, dict(titles))
    fit_titles(item)


def fit_titles(item) -> None:
    """``item``'s (a pg.PlotItem) titles set by ``set_titles``, each elided in its middle to its axis's
    room (the data area's width or height) in the title's font; the whole title in the axis's tooltip
    where it is elided."""
    box = item.getViewBox()
    for side, whole in getattr(item, _TITLES, {}).items():
        axis = item.getAxis(side)
        room = box.width() if side in ("bottom", "top") else box.height()
        text = QFontMetricsF(axis.label.font()).elidedText(whole, Qt.TextElideMode.ElideMiddle, room) \
            if room > 0 else whole
        if axis.labelText != text or not axis.label.isVisible():
            item.setLabel(side, text)
        axis.setToolTip(whole if text != whole else "")
