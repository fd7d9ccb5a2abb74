"""The cheapest pyqtgraph path for a long per-epoch curve: only the part in
view is drawn (``setClipToView``), downsampled to one min/max pair per pixel
column ("peak": every spike is kept, so the picture is the full curve's), not
pyqtgraph's default of five points per pixel, with a cosmetic 1-pixel pen
(``live_pen``), never antialiased.

Qt's raster engine strokes a wide pen (2 px) as a polygon outline that it
fills, in time proportional to the points, and an antialiased pen costs more
again; a cosmetic 1-pixel pen without antialiasing takes its fast line path
(Bresenham). Presentation mode widens every curve's pen when it zooms
(``ui.presentation``), so a projector still shows thick lines. The cost per
panel before and after is in docs/performance.md ("Where a frame's time goes")."""

from __future__ import annotations

import pyqtgraph as pg

POINTS_PER_PIXEL = 1.0  # min/max buckets per pixel column (pyqtgraph's autoDownsampleFactor; its default: 5)
LIVE_WIDTH = 1  # pixels: a live curve's pen (the fast path of the raster engine)


def live_pen(colour, **options):
    """A cosmetic ``LIVE_WIDTH``-pixel pen of ``colour`` (any pg.mkColor argument) for a live curve."""
    pen = pg.mkPen(colour, width=LIVE_WIDTH, **options)
    pen.setCosmetic(True)
    return pen


def cheap_curve(curve):
    """``curve`` (a PlotDataItem) clipped to the view, peak-downsampled to the
    pixels, never antialiased; returns it."""
    curve.setClipToView(True)
    curve.setDownsampling(auto=True, method="peak")
    curve.opts["autoDownsampleFactor"] = POINTS_PER_PIXEL  # (a PlotDataItem option, set at construction otherwise)
    curve.opts["antialias"] = False
    curve.curve.opts["antialias"] = False
    return curve
