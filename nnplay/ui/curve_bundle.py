"""Several live curves of one plot drawn as one item: one update, one paint (issue 20).

The gradient-norm plot draws one curve per layer (seven in case B), the loss
plot train, test (and a penalty), the accuracy plot train and test, and, while
smoothing, each a faint raw twin behind it. As seven ``LiveCurve`` items a frame
cost seven ``PlotCurveItem.setData`` pipelines (bounds, geometry change,
signals: about 0.1 ms a curve on this machine's core) and seven item paints,
each with its own bounding-rect and path bookkeeping. ``CurveBundle`` is one
``GraphicsObject`` that holds every curve as a ``BundleLane``; setting a
frame's lanes (``set_lanes``) maps them to the log axis, peak-decimates them
to the view's pixel columns (``live_curve.peak_decimate``: every spike drawn)
and builds one ``QPainterPath`` per lane, once; its one ``paint`` strokes the
lanes in z order, each with its own cosmetic pen, never antialiased, and a
lane's only drawable point as a dot (as ``LiveCurve`` does). The picture is
the same as the separate items': the same points, pens and order.

A ``BundleLane`` answers what the rest of the window asks of a curve:
``setData``, ``getData`` (the points drawn, log10 on a log axis), ``given``
(the data set), ``opts["pen"]``, ``setPen``, ``name``, ``zValue`` and
visibility; the legend (``curve_key.CurveKey``) names lanes as items.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter

from .live_curve import LONE_RADIUS, ViewMapped, _finite_bounds, peak_decimate


class BundleLane:
    """One curve of a ``CurveBundle`` (see the module's docstring)."""

    def __init__(self, bundle: "CurveBundle", pen, name: str | None, z: float):
        self.bundle = bundle
        self.opts = {"pen": pg.mkPen(pen)}
        self._name = name
        self._z = float(z)
        self._visible = True
        self.given = (np.empty(0), np.empty(0))  # (x, y) as set, before the log mapping and the decimation
        self.drawn = (np.empty(0), np.empty(0))  # (x, y) as drawn
        self.path = None
        self.bounds = None  # ((x min, max), (y min, max)) of the points drawn, or None
        self.lone = None  # (x, y) of the only drawable point, or None

    def setData(self, x, y, **_) -> None:
        """Set this lane alone (``CurveBundle.set_lanes`` sets several with one update)."""
        self.bundle.set_lanes([(self, x, y)])

    def getData(self) -> tuple[np.ndarray, np.ndarray]:
        return self.drawn

    xData = property(lambda self: self.drawn[0], doc="x of the points drawn (as a PlotCurveItem's)")
    yData = property(lambda self: self.drawn[1], doc="y of the points drawn")

    def setPen(self, pen) -> None:
        self.opts["pen"] = pg.mkPen(pen)
        self.bundle.changed()  # (its width rounds the bounding rect)

    def name(self) -> str | None:
        return self._name

    def zValue(self) -> float:
        return self._z

    def isVisible(self) -> bool:
        return self._visible

    def setVisible(self, visible: bool) -> None:
        if bool(visible) != self._visible:
            self._visible = bool(visible)
            self.bundle.changed()


class CurveBundle(ViewMapped, pg.GraphicsObject):
    """Live curves of one plot as one item (see the module's docstring). Add it to a
    PlotItem as a data item; ``add_lane`` makes its curves."""

    marks_lone_point = True  # (empty_note: one drawable point is a mark)

    def __init__(self):
        super().__init__()
        self.lanes: list[BundleLane] = []
        self._rect = None  # the bounding rect, kept until the data or the view changes

    def implements(self, interface=None):  # (pyqtgraph: a PlotItem lists it among its data items)
        return ["plotData"] if interface is None else interface == "plotData"

    def name(self):  # (no legend entry of its own: its lanes are named)
        return None

    def add_lane(self, pen, name: str | None = None, z: float = 0.0) -> BundleLane:
        lane = BundleLane(self, pen, name, z)
        self.lanes.append(lane)
        self.lanes.sort(key=BundleLane.zValue)  # (stable: drawn in z order, the first added first)
        return lane

    # ---------------------------------------------------------------- data
    def set_lanes(self, data) -> None:
        """Set each ``(lane, x, y)`` of ``data`` (raw values: mapped to the log axis and decimated here), then
        update once. Lanes given the same ``x`` array (``History.curves``' shared x) are mapped together."""
        self._columns = self._view_columns()
        groups: dict[int, tuple] = {}
        for lane, x, y in data:
            y = np.asarray([] if y is None else y, dtype=np.float64)
            x = np.arange(len(y), dtype=np.float64) if x is None else np.asarray(x, dtype=np.float64)
            lane.given = (x, y)
            groups.setdefault((id(x), len(y)), (x, []))[1].append(lane)
        for x, lanes in groups.values():
            self._map(x, lanes)
        self.changed()

    def _map(self, x: np.ndarray, lanes: list[BundleLane]) -> None:
        """Each of ``lanes`` (given ``x`` and a y of one length) mapped to the log axis and decimated, as one array."""
        if not len(x):
            for lane in lanes:
                lane.drawn, lane.path, lane.bounds, lane.lone = (x, lane.given[1]), None, None, None
            return
        y = np.stack([lane.given[1] for lane in lanes]) if len(lanes) > 1 else lanes[0].given[1][None, :]
        if self._log_y and y.size:
            with np.errstate(divide="ignore", invalid="ignore"):
                y = np.where(y > 0, np.log10(np.where(y > 0, y, 1.0)), np.nan)
        x, y = peak_decimate(x, y, self._columns)
        x_bounds = _finite_bounds(x) if len(x) else None
        finite = np.isfinite(x) & np.isfinite(y)  # (lanes, points)
        found = np.count_nonzero(finite, axis=1)
        with np.errstate(invalid="ignore"):
            lows, highs = np.fmin.reduce(y, axis=1), np.fmax.reduce(y, axis=1)
        for lane, row, n, ok, lo, hi in zip(lanes, y, found, finite, lows, highs):
            lane.drawn = (x, row)
            lane.path = pg.arrayToQPath(x, row, connect="finite") if len(x) > 1 else None
            y_bounds = None if np.isinf(lo) or np.isinf(hi) else (float(lo), float(hi))
            lane.bounds = (x_bounds, y_bounds)
            lane.lone = None
            if n == 1:
                i = int(np.flatnonzero(ok)[0])
                lane.lone = (float(x[i]), float(row[i]))

    def changed(self) -> None:
        """The lanes' points or visibility changed: new geometry, one repaint, the view told once."""
        self.prepareGeometryChange()
        self._rect = None
        self.informViewBoundsChanged()
        self.update()

    def _remap(self) -> None:
        self.set_lanes([(lane, *lane.given) for lane in self.lanes])

    def viewTransformChanged(self) -> None:
        self._rect = None  # (its pixel margins)
        super().viewTransformChanged()  # (ViewMapped: decimated again for a new width)

    def _shown(self) -> list[BundleLane]:
        return [lane for lane in self.lanes if lane._visible]

    def getData(self) -> tuple[np.ndarray, np.ndarray]:
        """Every visible lane's points drawn, one after another (empty_note counts them)."""
        shown = [lane.drawn for lane in self._shown()]
        if not shown:
            return np.empty(0), np.empty(0)
        return np.concatenate([x for x, _ in shown]), np.concatenate([y for _, y in shown])

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        """The visible lanes' finite bounds on axis ``ax`` (0: x, 1: y), as one; (None, None) when none."""
        found = [lane.bounds[ax] for lane in self._shown() if lane.bounds is not None and lane.bounds[ax] is not None]
        found = [b for b in found if np.isfinite(b[0])]
        if not found:
            return (None, None)
        return (min(b[0] for b in found), max(b[1] for b in found))

    # ---------------------------------------------------------------- drawing
    def boundingRect(self) -> QRectF:
        if self._rect is None:
            xs, ys = self.dataBounds(0), self.dataBounds(1)
            if xs[0] is None or ys[0] is None:
                self._rect = QRectF()
            else:
                px, py = self.pixelLength(pg.Point(1, 0)), self.pixelLength(pg.Point(0, 1))
                px, py = px or 0.0, py or 0.0
                width = max([lane.opts["pen"].widthF() for lane in self.lanes] + [1.0])
                r = max(LONE_RADIUS, width) + 1  # (a lone point's dot, or half a pen, round the points)
                self._rect = QRectF(xs[0] - r * px, ys[0] - r * py, xs[1] - xs[0] + 2 * r * px,
                                    ys[1] - ys[0] + 2 * r * py)
        return self._rect

    def paint(self, p, opt, widget) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for lane in self._shown():
            if lane.path is not None:
                p.setPen(lane.opts["pen"])
                p.drawPath(lane.path)
        dots = [lane for lane in self._shown() if lane.lone is not None]
        if not dots:
            return
        p.save()
        transform = p.transform()
        p.resetTransform()
        p.setPen(Qt.PenStyle.NoPen)
        for lane in dots:
            p.setBrush(lane.opts["pen"].color())
            p.drawEllipse(transform.map(QPointF(*lane.lone)), LONE_RADIUS, LONE_RADIUS)
        p.restore()
