"""A hidden layer of two or three neurons seen from inside: the training points
and a grid of lines over the input plane, mapped through the network up to that
layer (as ConvNetJS shows), so one sees how the layers untangle the classes.

Until the training side's first picture of the chosen layer arrives the view
says it is computing; past scatter_sample.MAX_POINTS training points a stated
random sample is drawn, one brush per class (a 25,000-point CSV took seconds
with a brush per point), and the grid lines are drawn above the points."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..data import CLASSIFICATION
from ..numbers import count, format_number
from ..training.pictures import scale_positions
from .colors import class_key, class_names_tip, class_rgb, diverging_lut, lut_index, point_symbols
from .epoch_stamp import EpochStamp
from .plots import plot_widget
from .scatter_sample import MAX_POINTS, brushes, sample, sample_note
from .target_axis import target_levels, target_range
from .widgets import named, nest

PAIRS = [(0, 1), (0, 2), (1, 2)]
AUTO_PADDING = 0.05  # of the range each side, at every size (pyqtgraph's, 1/sqrt(pixels), is 0.05 at 400 pixels)


class SteadyPaddingBox(pg.ViewBox):
    """A ViewBox whose auto-range pads the data by AUTO_PADDING at every size: pyqtgraph's padding
    shrinks as the plot grows (2% to 10%), so an export laid out larger (``export_layout``) or a render
    showed another range than the window's (tester 21: X +-1.03 in the SVG for the window's +-1.07)."""

    def suggestPadding(self, axis) -> float:
        return AUTO_PADDING


class HiddenSpaceView(QWidget):
    layer_changed = Signal(object)  # 1-based hidden layer, or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.info = None
        self._key = ""  # the key's text, before a sample's note
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        row = QHBoxLayout()
        self.layer = named(QComboBox(), "hidden_space_layer", "The hidden layer (of 2 or 3 neurons) to look into.")
        self.pair = named(QComboBox(), "hidden_space_pair", "Which two of the layer's three neurons make the axes.")
        self.pair.addItems([f"neurons {a + 1} and {b + 1}" for a, b in PAIRS])
        self.layer.activated.connect(self._layer_picked)
        self.pair.activated.connect(lambda _: self._redraw())
        self.layer_label = QLabel("Layer")
        row.addWidget(self.layer_label)
        row.addWidget(self.layer)
        row.addWidget(self.pair)
        row.addStretch(1)
        nest(layout, row)
        self.message = QLabel("")
        self.message.setObjectName("hidden_space_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.plot = plot_widget(tidy=False, viewBox=SteadyPaddingBox(enableMenu=False))  # (no menu: plot_disposal)
        self.stamp = EpochStamp(self.plot.getPlotItem().getViewBox())  # the weights the points are of
        named(self.plot, "hidden_space_plot", "The data and the input plane's grid lines, as this layer sees them.")
        for side in ("left", "bottom"):
            self.plot.getAxis(side).enableAutoSIPrefix(False)
        self.lines = pg.PlotCurveItem(pen=pg.mkPen(150, 150, 150, 160, width=1))
        self.points = pg.ScatterPlotItem(size=6, pen=pg.mkPen(40, 40, 40, 200))
        self.lines.setZValue(1)  # above the points: a dense cloud of points hid the grid the key promises
        self.plot.addItem(self.lines)
        self.plot.addItem(self.points)
        layout.addWidget(self.plot, 1)
        self.key = QLabel("")  # what the points' colours stand for
        self.key.setObjectName("hidden_space_key")
        self.key.setTextFormat(Qt.TextFormat.RichText)
        self.key.setWordWrap(True)
        layout.addWidget(self.key)
        self._space = None

    def _layer_picked(self, _=None) -> None:
        self._space = None
        self._computing()
        self._show_pair()
        self.layer_changed.emit(self.current_layer())

    def _show_pair(self) -> None:
        """The choice of two of three neurons, only for a layer of three."""
        n = self.info.sizes[self.current_layer()] if self.current_layer() is not None else 0
        self.pair.setVisible(n == 3)

    @property
    def has_picture(self) -> bool:
        """Whether a frame of the chosen layer has been drawn."""
        return self._space is not None

    def current_layer(self):
        return self.layer.currentData()

    def set_run(self, info) -> None:
        self.info = info
        self._space = None
        self._key = ""
        self.layer.clear()
        for l, n in enumerate(info.sizes[1:-1], start=1):
            if n in (2, 3):
                self.layer.addItem(f"{l} ({count(n, 'neuron')})", l)
        has = self.layer.count() > 0
        for w in (self.layer_label, self.layer, self.plot, self.key):  # no lists of nothing beside the message
            w.setVisible(has)
        self._show_pair()
        self._show_key()
        self.lines.setData([], [])
        self.points.setData([], [])
        if has:
            self._computing()
        else:
            self.message.setText("Give a hidden layer exactly 2 or 3 neurons to see the data as that layer sees it.")
            self.message.setVisible(True)

    def _show_key(self) -> None:
        """The key of the run's data, in the palette's colours."""
        data = self.info.data
        self.key.setToolTip(class_names_tip(data.class_names) if data.task == CLASSIFICATION else "")
        grid = "a grid over the input plane" if data.n_inputs <= 2 else \
            "a grid over the output view's two axes (the other inputs at their mean)"
        if data.task == CLASSIFICATION:
            self._key = (f"Points: the training data by class, {class_key(data.class_names)}; grey lines: "
                         f"{grid}, as this layer sees it.")
        else:
            lo, hi = target_range(data)  # in the target's own units, as the output view's key
            self._key = (f"Points: the training data, orange for the lowest target "
                         f"({format_number(lo)}) to blue for the highest "
                         f"({format_number(hi)}); grey lines: {grid}." if hi > lo else  # one colour: its middle
                         f"Points: the training data, every target {format_number(lo)} (one colour); grey lines: {grid}.")
        self.key.setText(self._key)

    def refresh_colours(self) -> None:
        """The key and the points in the palette's colours."""
        self.stamp.refresh_colours()
        if self.info is not None:
            self._show_key()
            self._redraw()

    def _computing(self) -> None:
        """Said until the chosen layer's first picture arrives (the plot is empty meanwhile)."""
        self.message.setText("Computing where this layer puts the training points…")
        self.message.setVisible(True)

    def set_frame(self, frame) -> None:
        space = frame.snapshot.hidden_space
        if space is None or space["layer"] != self.current_layer():
            return
        self._space = space
        self.stamp.show(frame.snapshot)
        self._redraw()

    def _redraw(self) -> None:
        space, info = self._space, self.info
        if space is None or info is None:
            return
        n = space["points"].shape[1]
        a, b = PAIRS[self.pair.currentIndex()] if n == 3 else (0, 1)
        lines = space["lines"]
        x = np.concatenate([lines[:, :, a], np.full((len(lines), 1), np.nan)], axis=1).ravel()
        y = np.concatenate([lines[:, :, b], np.full((len(lines), 1), np.nan)], axis=1).ravel()
        self.lines.setData(x, y, connect="finite")
        pts, labels = space["points"], space["labels"]
        keep = sample(np.arange(len(pts)), MAX_POINTS)  # the same random sample at every frame
        pts, labels = pts[keep], labels[keep]
        if info.data.task == CLASSIFICATION:
            rgb = class_rgb(max(2, info.data.n_classes))[labels]
        else:
            lo, hi = target_levels(info.data, units=False)  # (once per data set, not over every row per frame)
            rgb = diverging_lut()[lut_index(scale_positions(labels, lo, hi))]
        drawn = np.isfinite(pts[:, a]) & np.isfinite(pts[:, b])  # an overflowed activation has no place
        symbol = point_symbols(info.data.n_classes, labels[drawn]) if info.data.task == CLASSIFICATION else "o"
        self.points.setData(pts[drawn, a], pts[drawn, b], brush=brushes(rgb[drawn, :3]), symbol=symbol)
        self.key.setText(self._key + sample_note(len(keep), len(space["points"]), "training"))
        missing = int(drawn.size - drawn.sum())
        self.message.setText(f"{missing} of {count(drawn.size, 'training point')} are not drawn: their activations in "
                             "this layer overflowed (undefined)." if missing else "")
        self.message.setVisible(bool(missing))
        self.plot.setLabel("bottom", f"neuron {a + 1}")
        self.plot.setLabel("left", f"neuron {b + 1}")
