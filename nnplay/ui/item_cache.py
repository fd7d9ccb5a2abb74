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


KEPT_PICTURES = 16  # a colour key's drawings kept, the latest used last (a stepped scale visits a handful)


def _picture_key(axis) -> tuple:
    """Everything ``axis``'s drawing (``AxisItem.generateDrawSpecs`` and ``drawPicture``) is made from:
    its range, ticks and their strings, geometry, size on the device, style, font and pens."""
    view = axis.linkedView()
    span = axis.mapRectToDevice(axis.boundingRect())  # (None off screen)
    ticks = axis._tickLevels
    return (axis.orientation, axis.logMode, tuple(axis.range), axis.scale, axis.autoSIPrefixScale,
            None if ticks is None else tuple((float(v), str(s)) for level in ticks for v, s in level),
            None if ticks is None else tuple(len(level) for level in ticks),
            axis.geometry().getRect(), axis.boundingRect().getRect(), None if span is None else span.getRect(),
            None if view is None or axis.grid is False else view.mapRectToItem(axis, view.boundingRect()).getRect(),
            tuple((k, v.toString() if hasattr(v, "toString") else repr(v)) for k, v in sorted(axis.style.items())),
            axis.font().toString(), axis.grid,
            tuple((pen.color().rgba(), pen.widthF(), pen.style().value)
                  for pen in (axis.pen(), axis.textPen(), axis.tickPen())))


def remember_pictures(axis, kept: int = KEPT_PICTURES) -> None:
    """``axis`` (a colour key's ``AxisItem``, whose ticks are set with ``setTicks``) keeps its last
    ``kept`` drawings (pyqtgraph's ``QPicture`` of ticks and labels), each under everything it is made
    from (``_picture_key``): a key whose scale steps back to an earlier bound (the gradients' shared scale
    moves every frame on a large CSV's noisy mini-batch gradients) replays that drawing rather than
    generating its tick labels again (1.2 ms a step; issue 20). A change of anything it is made from
    (range, ticks, size, font, palette) is another key: drawn afresh, never a stale picture."""
    pictures: dict = {}
    plain = axis.paint

    def paint(p, *args):
        key = None
        if axis.picture is None:
            key = _picture_key(axis)
            axis.picture = pictures.pop(key, None)
        plain(p, *args)
        if key is not None:
            pictures[key] = axis.picture  # (the latest last: the oldest goes first)
            while len(pictures) > kept:
                pictures.pop(next(iter(pictures)))

    axis.paint = paint
    axis._nnplay_pictures = pictures  # (tests read it)
