"""The cheapest pyqtgraph path for a long per-epoch curve: only the part in
view is drawn (``setClipToView``), downsampled to one min/max pair per pixel
column ("peak": every spike is kept, so the picture is the full curve's), not
pyqtgraph's default of five points per pixel. A 2-pixel pen is stroked by
Qt's raster engine in time proportional to the points, so this halves the
paint of the loss and gradient-norm plots (README, "Where a frame's time goes")."""

from __future__ import annotations

POINTS_PER_PIXEL = 1.0  # min/max buckets per pixel column (pyqtgraph's autoDownsampleFactor; its default: 5)


def cheap_curve(curve):
    """``curve`` (a PlotDataItem) clipped to the view and peak-downsampled to the pixels; returns it."""
    curve.setClipToView(True)
    curve.setDownsampling(auto=True, method="peak")
    curve.opts["autoDownsampleFactor"] = POINTS_PER_PIXEL  # (a PlotDataItem option, set at construction otherwise)
    return curve
