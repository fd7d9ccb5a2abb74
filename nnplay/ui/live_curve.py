"""A per-epoch curve redrawn on every frame, at a fraction of a PlotDataItem's cost.

``pg.PlotDataItem.setData`` runs a pipeline per call (its dataset's bounds,
clipping to the view, downsampling, every style option handed again to its
inner ``PlotCurveItem``): about 0.45 ms a curve on this machine's core,
where the inner ``PlotCurveItem.setData`` alone takes 0.07 ms, and the
gradient norms redraw one curve per layer every frame (seven in case B;
issue 20). ``LiveCurve`` is a ``PlotCurveItem`` that does only what a live
curve needs of the rest:

- the y axis's log mode (``setLogMode``, called by ``PlotItem.setLogMode`` as
  for any item): log10 of each value, NaN (a gap) where it is not positive;
- one min/max pair per pixel column of its view (``curve_paths``' "peak"
  downsampling: every spike still drawn), only when there are more points
  than twice the columns, and again when the view's width changes;
- gaps at NaN (``connect="finite"``), never antialiased;
- a lone point (the first epoch's loss, the last finite one before a divergence)
  drawn as a dot of the curve's colour: a line through one point draws nothing,
  and the plot read "No data yet" beside a loss read-out of 14.6.

``getData()`` gives the points drawn (log10 on a log axis; at most two a
pixel column), as ``PlotDataItem.getData`` does.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt

LONE_RADIUS = 3.0  # pixels: the dot that marks a curve's only drawable point


def peak_decimate(x: np.ndarray, y: np.ndarray, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) with two points per bucket of at most ``columns`` equal runs of
    points: each bucket's minimum and maximum y (an all-NaN bucket stays NaN, so
    gaps stay gaps), both at the bucket's first x (pyqtgraph's "peak"
    downsampling). Unchanged when there are at most 2 * ``columns`` points.
    ``y`` may be (curves, points): every row decimated alike, against the one ``x``."""
    n = y.shape[-1]
    if columns < 1 or n <= 2 * columns:
        return x, y
    per = -(-n // columns)  # points per bucket (the last may have fewer)
    k = -(-n // per)  # buckets (at most columns)
    pad = k * per - n  # the last bucket filled up with its last value
    ys = np.concatenate([y, np.repeat(y[..., -1:], pad, axis=-1)], axis=-1) if pad else y
    ys = ys.reshape(*y.shape[:-1], k, per)
    lo, hi = _bucket_extremes(ys)  # NaN ignored; an all-NaN bucket: a gap
    out_x = np.repeat(x[::per], 2)  # both at the bucket's first x: a vertical stroke per column, as pyqtgraph's "peak"
    out_y = np.empty((*y.shape[:-1], 2 * k))
    out_y[..., 0::2], out_y[..., 1::2] = lo, hi
    return out_x, out_y


def _bucket_extremes(ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.fmin.reduce`` and ``np.fmax.reduce`` of ``ys`` over its last axis. A few points a
    bucket (the usual case: a few thousand epochs over some hundred pixel columns) are
    folded in column by column: NumPy's reduction over a short last axis cost ten times as
    much (0.12 ms against 0.013 for two curves of 1,200 points; issue 20). The same numbers."""
    per = ys.shape[-1]
    if per > 16:
        return np.fmin.reduce(ys, axis=-1), np.fmax.reduce(ys, axis=-1)
    lo, hi = ys[..., 0].copy(), ys[..., 0].copy()
    for j in range(1, per):
        np.fmin(lo, ys[..., j], out=lo)
        np.fmax(hi, ys[..., j], out=hi)
    return lo, hi


class ViewMapped:
    """What a live curve item (a pyqtgraph GraphicsObject) follows of its view: the y axis's
    log mode (``setLogMode``, as PlotItem calls it on its items) and the view's pixel
    columns; either change calls the item's ``_remap`` (map and decimate its data again)."""

    _log_y = False  # (class defaults: PlotCurveItem.__init__ calls setData)
    _columns = 0  # the view's pixel columns the data was decimated to

    def setLogMode(self, xMode: bool, yMode: bool) -> None:  # (named as pyqtgraph's: PlotItem calls it)
        if bool(yMode) != self._log_y:
            self._log_y = bool(yMode)
            self._remap()

    def viewTransformChanged(self) -> None:
        super().viewTransformChanged()
        if self._columns != self._view_columns():
            self._remap()  # the view's width changed: decimate to its new pixel columns

    def _view_columns(self) -> int:
        vb = self.getViewBox()
        return max(1, int(vb.width())) if vb is not None else 0


class LiveCurve(ViewMapped, pg.PlotCurveItem):
    """A live curve: ``setData(x, y)`` as a PlotDataItem's (other keywords go to
    ``PlotCurveItem``), mapped to a log y axis and peak-decimated to the view's
    pixel columns (see the module's docstring)."""

    _x = _y = np.empty(0)
    _bounds = None  # ((x min, max), (y min, max)) of the points drawn, or None
    _lone = None  # (x, y) of the only drawable point, drawn as a dot; None otherwise
    marks_lone_point = True  # (empty_note: one drawable point is a mark, not nothing)

    def __init__(self, pen=None, name: str | None = None):
        super().__init__(pen=pen, name=name, connect="finite", antialias=False)

    def setData(self, *args, **kwargs) -> None:
        if len(args) == 2:
            x, y = args
        elif len(args) == 1:
            x, y = None, args[0]
        else:
            x, y = kwargs.pop("x", None), kwargs.pop("y", None)
        y = np.asarray([] if y is None else y, dtype=np.float64)
        self._x = np.arange(len(y), dtype=np.float64) if x is None else np.asarray(x, dtype=np.float64)
        self._y = y
        self._show(**kwargs)

    @property
    def given(self) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) as given to ``setData``: before the log mapping and the decimation
        (a PlotDataItem's ``xData``, ``yData``; this item's are the points drawn)."""
        return self._x, self._y

    def _remap(self) -> None:
        self._show()

    def _show(self, **kwargs) -> None:
        y = self._y
        if self._log_y and len(y):
            with np.errstate(divide="ignore", invalid="ignore"):
                y = np.where(y > 0, np.log10(np.where(y > 0, y, 1.0)), np.nan)
        self._columns = self._view_columns()
        x, y = peak_decimate(self._x, y, self._columns)
        super().setData(x, y, **kwargs)
        self._bounds = (_finite_bounds(x), _finite_bounds(y)) if len(x) else None
        self._lone = _lone_point(x, y)

    def boundingRect(self) -> QRectF:
        """pyqtgraph's; with a lone point, the dot's pixels round it too (repainted when it goes)."""
        rect = super().boundingRect()
        if self._lone is None:
            return rect
        px, py = self.pixelLength(pg.Point(1, 0)), self.pixelLength(pg.Point(0, 1))
        px, py = px or 0.0, py or 0.0
        r = LONE_RADIUS + 1
        x, y = self._lone
        return rect.united(QRectF(x - r * px, y - r * py, 2 * r * px, 2 * r * py))

    def paint(self, p, opt, widget) -> None:
        super().paint(p, opt, widget)
        if self._lone is None:
            return
        at = p.transform().map(QPointF(*self._lone))
        p.save()
        p.resetTransform()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(pg.mkPen(self.opts["pen"]).color())
        p.drawEllipse(at, LONE_RADIUS, LONE_RADIUS)
        p.restore()

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        """pyqtgraph's, from the bounds kept when the data was set (its own scan of the points,
        with NumPy's NaN warnings caught, ran for both axes of every curve at every frame)."""
        if self._bounds is not None and frac >= 1.0 and orthoRange is None and self.opts["fillLevel"] is None \
                and self.opts["pen"].isCosmetic() and self._bounds[ax] is not None:
            return self._bounds[ax]
        return super().dataBounds(ax, frac, orthoRange)


def _lone_point(x: np.ndarray, y: np.ndarray) -> tuple[float, float] | None:
    """The only point of (x, y) with both finite, as floats; None when there are none or several."""
    if not len(x):
        return None
    ok = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    return (float(x[ok[0]]), float(y[ok[0]])) if len(ok) == 1 else None


def _finite_bounds(a: np.ndarray) -> tuple[float, float] | None:
    """(min, max) of ``a`` ignoring NaN, as pyqtgraph's ``dataBounds`` gives them; (nan, nan) when all
    are NaN; None when an infinity is among them (pyqtgraph's own bounds leave it out)."""
    lo, hi = float(np.fmin.reduce(a)), float(np.fmax.reduce(a))
    return None if np.isinf(lo) or np.isinf(hi) else (lo, hi)
