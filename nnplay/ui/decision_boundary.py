"""The big output view: the network's output over the input domain with the
data points on top."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..data import CLASSIFICATION
from .colors import WHITE, class_rgb, diverging_lut, multiclass_image, negative, pale, positive, two_colour_lut
from .widgets import named

def _luts():
    """Point colours, and the background's smooth and discrete tables, paler than
    the points so a point of the class its region predicts still stands out."""
    return (diverging_lut(), diverging_lut(pale(negative()), WHITE, pale(positive())),
            two_colour_lut(pale(negative()), pale(positive())))


class DecisionBoundaryView(QWidget):
    axes_changed = Signal(tuple)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.info = None
        self._frame = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.show_test = named(QCheckBox("Show test data"), "show_test_data",
                               "Draw the held-out test points (outlined) as well as the training points.")
        self.discretize = named(QCheckBox("Discretize output"), "discretize_output",
                                "Colour each point of the plane by its predicted class instead of by confidence.")
        self.show_test.toggled.connect(self._update_points)
        self.discretize.toggled.connect(lambda _: self._redraw())
        row.addWidget(self.show_test)
        row.addWidget(self.discretize)
        row.addStretch(1)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.axis_label = QLabel("Horizontal / vertical axis:")
        self.axis_x = named(QComboBox(), "axis_x", "The input shown along the horizontal axis.")
        self.axis_y = named(QComboBox(), "axis_y", "The input shown along the vertical axis.")
        for w in (self.axis_label, self.axis_x, self.axis_y):
            row.addWidget(w)
            w.setVisible(False)
        row.addStretch(1)
        self.axis_x.activated.connect(self._axes_picked)
        self.axis_y.activated.connect(self._axes_picked)
        layout.addLayout(row)

        self.plot = pg.PlotWidget()
        named(self.plot, "decision_boundary", "The network's output over the plane; points are the data.")
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        self.plot.setAspectLocked(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.train_points = pg.ScatterPlotItem(size=6, pxMode=True)
        self.test_points = pg.ScatterPlotItem(size=6, pxMode=True)
        self.plot.addItem(self.train_points)
        self.plot.addItem(self.test_points)
        layout.addWidget(self.plot, 1)
        self.caption = QLabel("")
        self.caption.setObjectName("boundary_caption")
        layout.addWidget(self.caption)

    # ---------------------------------------------------------------- run
    def set_run(self, info) -> None:
        self.info = info
        self._frame = None
        data = info.data
        many = data.n_inputs > 2
        for w in (self.axis_label, self.axis_x, self.axis_y):
            w.setVisible(many)
        if many:
            for combo, pick in ((self.axis_x, 0), (self.axis_y, 1)):
                combo.blockSignals(True)
                combo.clear()
                combo.addItems(list(data.input_names))
                combo.setCurrentIndex(pick)
                combo.blockSignals(False)
        self.discretize.setEnabled(data.task == CLASSIFICATION)
        self._axes = (0, 1)
        self._set_extent(info.extent)
        self._update_points()
        self.image.clear()

    def _axes_picked(self, _=None) -> None:
        axes = (self.axis_x.currentIndex(), self.axis_y.currentIndex())
        if axes[0] == axes[1] or axes == self._axes:
            return
        self._axes = axes
        self._update_points()
        self.axes_changed.emit(axes)

    def _set_extent(self, extent) -> None:
        (x0, x1), (y0, y1) = extent
        self._extent = extent
        self._rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        self.plot.setXRange(x0, x1, padding=0)
        self.plot.setYRange(y0, y1, padding=0)

    def _point_brushes(self, y):
        data = self.info.data
        if data.task == CLASSIFICATION:
            rgb = class_rgb(max(2, data.n_classes))[y].astype(np.uint8)
        else:
            lo, hi = float(data.y.min()), float(data.y.max())
            t = np.clip((y - lo) / (hi - lo if hi > lo else 1.0), 0, 1)
            rgb = _luts()[0][(t * 255).astype(int)]
        return rgb

    def _update_points(self, *_):
        if self.info is None:
            return
        data, (a, b) = self.info.data, getattr(self, "_axes", (0, 1))
        X = data.X
        if data.n_inputs == 1:  # plot against the target (regression) or on one line (classes)
            second = data.y if data.task != CLASSIFICATION else np.zeros(data.n_examples)
            X, b = np.column_stack([X[:, 0], second]), 1
        for item, idx, filled in ((self.train_points, self.info.train_index, True),
                                  (self.test_points, self.info.test_index, False)):
            if not filled and not self.show_test.isChecked():
                item.setData([], [])
                continue
            rgb = self._point_brushes(data.y[idx])
            if filled:
                brushes = [pg.mkBrush(*c) for c in rgb]
                item.setData(X[idx, a], X[idx, b], brush=brushes, pen=pg.mkPen(40, 40, 40, 220, width=1))
            else:
                pens = [pg.mkPen(*c, width=2) for c in rgb]
                item.setData(X[idx, a], X[idx, b], brush=pg.mkBrush(255, 255, 255, 200), pen=pens, size=7)
        if self._axes != (0, 1):
            ext = (_span(X[:, a]), _span(X[:, b]))
            self._set_extent(ext)

    # -------------------------------------------------------------- frames
    def set_frame(self, frame) -> None:
        self._frame = frame
        self._redraw()

    def _redraw(self) -> None:
        frame, info = self._frame, self.info
        if frame is None or info is None or frame.snapshot.grid is None:
            return
        snap = frame.snapshot
        grid = snap.grid
        if snap.grid_extent is not None and snap.grid_extent != self._extent:
            self._set_extent(snap.grid_extent)
        discrete = self.discretize.isChecked() and info.data.task == CLASSIFICATION
        _, smooth, sharp = _luts()
        if snap.focus is not None:
            layer, index = snap.focus
            name = info.input_names[index] if layer == 0 else f"neuron {index + 1} of layer {layer}"
            self.caption.setText(f"Showing {name}; move off the network for the output.")
            m = float(np.nanmax(np.abs(grid))) or 1.0
            self._image(grid, (-m, m), smooth)
            return
        _, smooth, sharp = _luts()
        self.caption.setText(self._describe())
        if grid.ndim == 3:  # softmax: class colours shaded by confidence
            self.image.setImage(multiclass_image(grid, discrete), autoLevels=False, levels=(0, 255))
            self.image.setRect(self._rect)
        elif info.data.task == CLASSIFICATION:
            levels = (-1.0, 1.0) if info.loss == "tanh_mse" else (0.0, 1.0)
            self._image(grid, levels, sharp if discrete else smooth)
        else:
            lo, hi = float(info.data.y.min()), float(info.data.y.max())
            self._image(grid, (lo, hi) if hi > lo else (lo - 1, hi + 1), smooth)

    def _image(self, grid, levels, lut) -> None:
        img = np.ascontiguousarray(np.nan_to_num(grid, nan=0.0, posinf=0.0, neginf=0.0), dtype=np.float32)
        self.image.setImage(img, autoLevels=False, levels=levels, lut=lut)
        self.image.setRect(self._rect)  # maps the image's pixels onto the domain

    def _describe(self) -> str:
        data = self.info.data
        if data.task != CLASSIFICATION:
            return "Colour: the predicted value, orange low, blue high."
        if data.n_classes == 2:
            a, b = data.class_names[:2]
            return f"Orange: class {a}, blue: class {b}; paler is less sure."
        return "Colour: the most likely class; paler is less sure."


def _span(col: np.ndarray, pad: float = 0.1):
    lo, hi = float(col.min()), float(col.max())
    d = hi - lo if hi > lo else 1.0
    return (lo - pad * d, hi + pad * d)

