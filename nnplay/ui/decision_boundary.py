"""The big output view: the network's output over the input domain with the
data points on top."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget,
)

from ..data import CLASSIFICATION, feature_label
from ..training.pictures import UNDEFINED, class_confidence, symmetric_levels, undefined_fraction, unit_scale
from ..numbers import format_number
from .colors import WHITE, class_image, class_rgb, diverging_lut, hex_color, negative, pale, positive
from . import scatter_sample
from .undefined import hatch_item, undefined_note
from .widgets import named

def _luts():
    """Point colours, and the background's table for values, paler than the
    points so a point of the class its region predicts still stands out."""
    return diverging_lut(), diverging_lut(pale(negative()), WHITE, pale(positive()))


ERASE_PIXELS = 12  # the eraser's radius on screen
STROKE_PIXELS = 14  # a drag draws a point each time the pointer has moved this far


def _swatch(rgb) -> QIcon:
    pm = QPixmap(14, 14)
    pm.fill(QColor(int(rgb[0]), int(rgb[1]), int(rgb[2])))
    return QIcon(pm)


class DecisionBoundaryView(QWidget):
    axes_changed = Signal(tuple)
    edit_requested = Signal(tuple)  # ("add", (x1, x2), class) / ("erase", (x1, x2), radius) / ("clear",) / ...

    def __init__(self, parent=None, drawing: bool = True):
        """``drawing``: offer the Draw/Erase tools (not in the comparison's views)."""
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
        for combo in (self.axis_x, self.axis_y):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # a column's whole name
        for w in (self.axis_label, self.axis_x, self.axis_y):
            row.addWidget(w)
            w.setVisible(False)
        row.addStretch(1)
        self.axis_x.activated.connect(self._axes_picked)
        self.axis_y.activated.connect(self._axes_picked)
        layout.addLayout(row)
        layout.addLayout(self._build_drawing())
        if not drawing:
            for w in (self.draw_add, self.draw_erase, self.draw_class, self.draw_undo, self.draw_redo,
                      self.draw_clear):
                w.setVisible(False)
                w.setShortcut("") if isinstance(w, QToolButton) else None

        self.plot = pg.PlotWidget()
        named(self.plot, "decision_boundary", "The network's output over the plane; points are the data.")
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        self.plot.setAspectLocked(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.hatch = hatch_item(QRectF(), z=-1.0)  # shows through where the output is undefined
        self.hatch.setVisible(False)
        self.plot.addItem(self.hatch)
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        self.plot.scene().sigMouseMoved.connect(self._dragged)
        self._last_stroke_pos = None  # where a drag last drew or erased (scene pixels)
        self._stroking = False  # the left button is down on the plot
        self.plot.viewport().installEventFilter(self)
        self.train_points = pg.ScatterPlotItem(size=6, pxMode=True)
        self._sample_note = ""  # says when a large set is drawn as a sample (scatter_sample)
        self.test_points = pg.ScatterPlotItem(size=6, pxMode=True)
        self.plot.addItem(self.train_points)
        self.plot.addItem(self.test_points)
        layout.addWidget(self.plot, 1)
        self.caption = QLabel("")  # also the key of the colours: the classes, or the value scale
        self.caption.setObjectName("boundary_caption")
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)

    def _build_drawing(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(3)
        self.draw_add = named(QToolButton(), "draw_add",
                              "Click on the plot to add a training point of the chosen class, or drag to draw "
                              "several (Shift+click or right-click erases).")
        self.draw_add.setText("✚ Draw")
        self.draw_erase = named(QToolButton(), "draw_erase", "Click on the plot to erase the points under the pointer.")
        self.draw_erase.setText("⌫ Erase")
        self.draw_modes = QButtonGroup(self)
        self.draw_modes.setExclusive(False)
        for b in (self.draw_add, self.draw_erase):
            b.setCheckable(True)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.draw_modes.addButton(b)
            row.addWidget(b)
        self.draw_add.toggled.connect(lambda on: on and self.draw_erase.setChecked(False))
        self.draw_erase.toggled.connect(lambda on: on and self.draw_add.setChecked(False))
        self.draw_class = named(QComboBox(), "draw_class", "The class of the points you draw.")
        self.draw_class.setIconSize(QSize(14, 14))
        self.draw_class.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        row.addWidget(self.draw_class)
        self.draw_undo = named(QToolButton(), "draw_undo", "Undo the last point drawn or erased (Ctrl+Z).")
        self.draw_undo.setText("Undo")
        self.draw_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.draw_redo = named(QToolButton(), "draw_redo", "Redo what was undone (Ctrl+Shift+Z).")
        self.draw_redo.setText("Redo")
        self.draw_redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.draw_clear = named(QToolButton(), "draw_clear", "Remove every point, to draw a data set from nothing.")
        self.draw_clear.setText("Clear")
        for b, op in ((self.draw_undo, "undo"), (self.draw_redo, "redo"), (self.draw_clear, "clear")):
            b.clicked.connect(lambda _=False, op=op: self.edit_requested.emit((op,)))
            row.addWidget(b)
        self.set_edits(False, False)
        row.addStretch(1)
        return row

    def set_edits(self, can_undo: bool, can_redo: bool) -> None:
        self.draw_undo.setEnabled(can_undo)
        self.draw_redo.setEnabled(can_redo)

    def _drawable(self) -> bool:
        info = self.info
        return info is not None and info.data.task == CLASSIFICATION and info.data.n_inputs == 2

    def _update_drawing(self) -> None:
        ok = self._drawable()
        for w in (self.draw_add, self.draw_erase, self.draw_class, self.draw_clear):
            w.setEnabled(ok)
        if not ok:
            self.draw_add.setChecked(False)
            self.draw_erase.setChecked(False)
            return
        data = self.info.data
        names = [f"class {c}" for c in data.class_names]
        current = self.draw_class.currentIndex()
        self.draw_class.clear()
        rgb = class_rgb(max(2, data.n_classes))
        for k, name in enumerate(names):
            self.draw_class.addItem(_swatch(rgb[k]), name, k)
        self.draw_class.setCurrentIndex(current if 0 <= current < len(names) else 0)

    def eventFilter(self, obj, ev) -> bool:
        """Watch the left button on the plot, for drawing by dragging (the plot still gets every event)."""
        kind = ev.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease) and \
                ev.button() == Qt.MouseButton.LeftButton:
            self._stroking = kind == QEvent.Type.MouseButtonPress
            self._last_stroke_pos = None
            if self._drawable() and (self.draw_add.isChecked() or self.draw_erase.isChecked()):
                self.edit_requested.emit(("begin_stroke",) if self._stroking else ("end_stroke",))
        return False

    def _edit_at(self, scene_pos, erase: bool) -> bool:
        """In drawing mode, add a point of the chosen class at ``scene_pos`` (or
        erase the points under it; Erase mode always erases). False when not
        drawing or outside the plot."""
        if not self._drawable() or not (self.draw_add.isChecked() or self.draw_erase.isChecked()):
            return False
        vb = self.plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return False
        p = vb.mapSceneToView(scene_pos)
        if erase or self.draw_erase.isChecked():
            self.edit_requested.emit(("erase", (p.x(), p.y()), ERASE_PIXELS * vb.viewPixelSize()[0]))
        else:
            self.edit_requested.emit(("add", (p.x(), p.y()), int(self.draw_class.currentData() or 0)))
        return True

    def _dragged(self, scene_pos) -> None:
        """Dragging with the left button held draws (or, with Shift, erases) along
        the way, a point every STROKE_PIXELS."""
        from PySide6.QtWidgets import QApplication

        last = self._last_stroke_pos
        if not self._stroking or (last is not None and (scene_pos - last).manhattanLength() < STROKE_PIXELS):
            return
        shift = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier)
        if self._edit_at(scene_pos, shift):
            self._last_stroke_pos = scene_pos

    def _clicked(self, ev) -> None:
        """A click adds a point (Shift+click or a right-click erases), in drawing mode."""
        erase = ev.button() == Qt.MouseButton.RightButton or bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if self._edit_at(ev.scenePos(), erase):
            ev.accept()

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
        self._label_axes()
        self._update_drawing()
        self._set_extent(info.extent)
        self._update_points()
        self.image.clear()

    def _axes_picked(self, _=None) -> None:
        axes = (self.axis_x.currentIndex(), self.axis_y.currentIndex())
        if axes[0] == axes[1] or axes == self._axes:
            return
        self._axes = axes
        self._label_axes()
        self._update_points()
        self.axes_changed.emit(axes)

    def _label_axes(self) -> None:
        """Axis titles: the data's own input names (X₁, X₂ for the built-in sets)."""
        names = [feature_label(n) for n in self.info.data.input_names]
        if len(names) == 1:
            names.append("target" if self.info.data.task != CLASSIFICATION else "")
        self.plot.setLabel("bottom", names[self._axes[0]])
        self.plot.setLabel("left", names[self._axes[1]])

    def _set_extent(self, extent) -> None:
        (x0, x1), (y0, y1) = extent
        self._extent = extent
        self._rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        self.hatch.setRect(self._rect)
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
        self._sample_note = ""
        for item, idx, filled in ((self.train_points, self.info.train_index, True),
                                  (self.test_points, self.info.test_index, False)):
            if not filled and not self.show_test.isChecked():
                item.setData([], [])
                continue
            shown = scatter_sample.sample(idx)  # a stated subsample of a large set (scatter_sample)
            self._sample_note += scatter_sample.sample_note(len(shown), len(idx), "training" if filled else "test")
            rgb = self._point_brushes(data.y[shown])
            if filled:
                item.setData(X[shown, a], X[shown, b], brush=scatter_sample.brushes(rgb),
                             pen=pg.mkPen(40, 40, 40, 220, width=1))
            else:
                item.setData(X[shown, a], X[shown, b], brush=pg.mkBrush(255, 255, 255, 200),
                             pen=scatter_sample.pens(rgb), size=7)
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
        _, smooth = _luts()
        if snap.focus is not None:
            layer, index = snap.focus
            name = info.input_names[index] if layer == 0 else f"neuron {index + 1} of layer {layer}"
            self._image(grid, symmetric_levels(grid), smooth)
            undefined = undefined_fraction(grid)
            self.hatch.setVisible(undefined > 0)
            self.caption.setText(f"Showing {name}; move off the network for the output."
                                 + undefined_note(undefined, "its output"))
            return
        if snap.grid_classes is not None:  # each cell its predicted class, shaded by confidence
            classes = snap.grid_classes
            img = class_image(classes, class_confidence(grid, info.loss), info.data.n_classes, discrete)
            self.image.setImage(img, autoLevels=False, levels=(0, 255), lut=None)
            self.image.setRect(self._rect)
            undefined = float(np.mean(classes == UNDEFINED))
        else:
            lo, hi = float(info.data.y.min()), float(info.data.y.max())
            self._image(grid, (lo, hi) if hi > lo else (lo - 1, hi + 1), smooth)
            undefined = undefined_fraction(grid)
        self.hatch.setVisible(undefined > 0)  # (a hatch costs a fill on every repaint: only when it shows)
        self.caption.setText(self._describe() + undefined_note(undefined) + self._sample_note)

    def _image(self, grid, levels, lut) -> None:
        """Values on a colour scale from ``levels``; NaN (undefined) is transparent."""
        self.image.setImage(unit_scale(grid, levels), autoLevels=False, levels=(0.0, 1.0), lut=lut)
        self.image.key_levels = tuple(float(v) for v in levels)  # the values the scale's ends stand for
        self.image.setRect(self._rect)  # maps the image's pixels onto the domain

    def _describe(self) -> str:
        """The key of the picture's colours, in words and swatches."""
        data = self.info.data
        if data.task != CLASSIFICATION:
            lo, hi = float(data.y.min()), float(data.y.max())
            return (f"Colour: the predicted value, orange low ({format_number(lo)}) to blue high "
                    f"({format_number(hi)}).")
        rgb = class_rgb(max(2, data.n_classes))
        swatches = " ".join(f"<span style='color:{hex_color(rgb[k])}'>■</span>&nbsp;{html.escape(str(name))}"
                            for k, name in enumerate(data.class_names))
        return f"Predicted class: {swatches}; paler is less sure."


def _span(col: np.ndarray, pad: float = 0.1):
    lo, hi = float(col.min()), float(col.max())
    d = hi - lo if hi > lo else 1.0
    return (lo - pad * d, hi + pad * d)

