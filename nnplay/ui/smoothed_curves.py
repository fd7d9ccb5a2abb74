"""Curves drawn smoothed, with the raw curve faint behind (TensorBoard's
"Smoothing" slider): the loss, accuracy and gradient-norm plots share one
weight, set by the slider above the loss curves and kept with QSettings.

The smoothing is ``training.smoothing.debiased_ema`` over the points a curve
draws: every epoch where epochs are kept exactly; for older epochs kept as a
min/max envelope (``training.history``), over the envelope's points, as
TensorBoard smooths the points it has sampled. Hovering reads the raw values.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from ..training.smoothing import MAX_WEIGHT, debiased_ema
from .curve_paths import live_pen
from .live_curve import LiveCurve
from .widgets import named, width_for_text

RAW_ALPHA = 70  # of 255: the raw curve behind the smoothed one
SETTINGS_KEY = "curve_smoothing"


class Smoother:
    """Draws curves smoothed at ``weight`` (0: as they are), each with a faint
    raw twin behind it (shown only while smoothing)."""

    def __init__(self):
        self.weight = 0.0
        self._raw: dict[int, LiveCurve] = {}

    def add(self, plot, curve) -> None:
        """Give ``curve`` (an item of PlotWidget ``plot``, or a ``curve_bundle.BundleLane``) its raw twin
        (a lane of the same bundle, drawn behind it)."""
        bundle = getattr(curve, "bundle", None)
        if bundle is not None:
            raw = bundle.add_lane(None, z=curve.zValue() - 1)
        else:
            raw = LiveCurve()  # (a live curve: live_curve)
            raw.setZValue(curve.zValue() - 1)
            plot.addItem(raw)
        raw.setVisible(False)
        self._raw[id(curve)] = raw
        self.restyle(curve)

    def restyle(self, curve: pg.PlotDataItem) -> None:
        """The twin in ``curve``'s colour, faint and thin (after a palette change)."""
        raw = self._raw.get(id(curve))
        if raw is not None:
            colour = pg.mkPen(curve.opts["pen"]).color()
            colour.setAlpha(RAW_ALPHA)
            raw.setPen(live_pen(colour))

    def set_data(self, curves: list, xs: list, ys: list, place=None) -> None:
        """Draw each curve of ``curves`` at ``xs``, ``ys`` (raw values): smoothed,
        its twin raw. ``place`` (a ZeroFloor's) maps exact zeros on a log axis."""
        data, shown = [], []  # (item, x, y) to set; (twin, visible) to show or hide first
        if not self.weight:  # off: the curves as they are, and the twins emptied once
            for curve, x, y in zip(curves, xs, ys if place is None else place(ys)):
                data.append((curve, x, y))
                raw = self._raw.get(id(curve))
                if raw is not None and raw.isVisible():
                    data.append((raw, [], []))
                    shown.append((raw, False))
        else:
            smooth = [debiased_ema(y, self.weight) for y in ys]
            if place is not None:
                placed = place([*ys, *smooth])
                ys, smooth = placed[: len(ys)], placed[len(ys) :]
            for curve, x, y, s in zip(curves, xs, ys, smooth):
                data.append((curve, x, s))
                raw = self._raw.get(id(curve))
                if raw is not None:
                    shown.append((raw, True))
                    data.append((raw, x, y))
        for raw, visible in shown:
            raw.setVisible(visible)
        _set_all(data)

    def clear(self, curve: pg.PlotDataItem) -> None:
        curve.setData([], [])
        raw = self._raw.get(id(curve))
        if raw is not None:
            raw.setData([], [])

    def forget(self) -> None:
        """Drop every twin (their plot was cleared)."""
        self._raw.clear()


def _set_all(data) -> None:
    """``setData(x, y)`` for each ``(item, x, y)``; the lanes of one ``CurveBundle`` set together (one update)."""
    bundles: dict[int, tuple] = {}
    for item, x, y in data:
        bundle = getattr(item, "bundle", None)
        if bundle is None:
            item.setData(x, y, connect="finite")
        else:
            bundles.setdefault(id(bundle), (bundle, []))[1].append((item, x, y))
    for bundle, lanes in bundles.values():
        bundle.set_lanes(lanes)


class SmoothingControl(QWidget):
    """A slider 0 .. 0.99 in steps of 0.01 with its value, as TensorBoard's."""

    changed = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Smoothing"))
        self.slider = named(QSlider(Qt.Orientation.Horizontal), "curve_smoothing",
                            "Smooth the loss, accuracy and gradient-norm curves (TensorBoard's debiased "
                            "moving average); the raw curves stay faint behind. 0 is off.")
        self.slider.setRange(0, round(MAX_WEIGHT * 100))
        self.slider.setMinimumWidth(80)
        self.slider.setMaximumWidth(160)
        self.value_label = QLabel("0.00")
        width_for_text(self.value_label, "0.00 ")
        row.addWidget(self.slider)
        row.addWidget(self.value_label)
        self.slider.valueChanged.connect(self._moved)

    @property
    def weight(self) -> float:
        return self.slider.value() / 100

    def set_weight(self, weight: float) -> None:
        self.slider.setValue(round(min(max(float(weight), 0.0), MAX_WEIGHT) * 100))

    def _moved(self, value: int) -> None:
        self.value_label.setText(f"{value / 100:.2f}")
        self.changed.emit(value / 100)
