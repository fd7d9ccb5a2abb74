"""Plot items kept as a pixmap on screen between their changes.

Qt's raster engine repaints every item that meets a repainted region of a
``QGraphicsView``. A plot's axis reaches five pixels into its data area (its
ticks; pyqtgraph's ``AxisItem.boundingRect``), so every frame that redraws a
curve starting at the left edge also repainted the axis: its tick labels
replayed as text from a ``QPicture``, 0.3–0.4 ms an axis, eight axes a frame in
case A (issue 20). With ``QGraphicsItem.DeviceCoordinateCache`` Qt keeps the
item's last painting as a pixmap and blits it until the item itself changes
(``update()``: new ticks, a new range, a resize, a zoom).

``ScreenCached`` is a mixin for a pyqtgraph ``GraphicsItem`` that does so on
screen; an export (pyqtgraph's export mode: an SVG, a PNG at another
resolution) paints it uncached, so its text stays vector text.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsItem

_ON_SCREEN = QGraphicsItem.CacheMode.DeviceCoordinateCache
_UNCACHED = QGraphicsItem.CacheMode.NoCache


class ScreenCached:
    """Mixin (before the pyqtgraph item class): the item is cached as a pixmap on screen, uncached in an export."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setCacheMode(_ON_SCREEN)

    def setExportMode(self, export, opts=None):
        self.setCacheMode(_UNCACHED if export else _ON_SCREEN)
        return super().setExportMode(export, opts)


def cache_on_screen(item) -> None:
    """``item``, an item made elsewhere (a PlotItem's or a colour bar's ``AxisItem``), cached as ``ScreenCached`` is."""
    plain = item.setExportMode

    def export_mode(export, opts=None):
        item.setCacheMode(_UNCACHED if export else _ON_SCREEN)
        return plain(export, opts)

    item.setCacheMode(_ON_SCREEN)
    item.setExportMode = export_mode  # (pyqtgraph's exporters and ui.export call it by name on each item)


def cache_axes(plot) -> None:
    """Every axis of ``plot`` (a PlotItem, a ColorBarItem) cached on screen (``cache_on_screen``)."""
    for side in ("left", "bottom", "top", "right"):
        axis = plot.getAxis(side)
        if not isinstance(axis, ScreenCached):
            cache_on_screen(axis)
