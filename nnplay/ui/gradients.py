"""Per-layer gradient heatmaps and gradient norms over time: where the gradient
flows and where it vanishes."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..data import input_labels
from ..engine.norms import norm2
from ..numbers import format_number
from ..training.history import History, layer_names
from ..training.pictures import symmetric_levels
from .colors import layer_rgb
from .curve_paths import live_pen
from .flow_layout import FlowLayout
from .check_report import CheckReport
from .gradient_maps import GradientMaps
from .heatmap import colour_matrices
from .heatmap_edit import HeatmapEditing
from .plot_room import keep_items_room, keep_wrapped_rows, least_height, wrapping_row
from .curve_bundle import CurveBundle
from .log_floor import ZeroFloor
from .curve_key import CurveKey, room_at_top
from .plot_layout import epoch_axis, fit_epochs, follow_epochs
from .plots import plot_widget
from .schedule_views import ClipMarks
from .smoothed_curves import Smoother
from .stepped_range import SteppedYRange, show_empty
from .tip import LiveTip
from .widgets import layer_name, named, nest, unit_name

SIGN_KEY = "blue positive, orange negative, white 0; a row is a neuron, a column one of its inputs."
NORM_PLOT_PX = 100  # the least height of the gradient norms' data area at 100%, in pixels (its axes besides)


def scale_tip(mats, sym: str, shared: tuple[float, float] | None) -> str:
    """The colour key's tooltip: the shared scale and largest |value| (``shared``, None when each
    layer has its own) and each layer's norm |dW[l]| (or |W[l]|). Made when a hover asks for it
    (``tip.LiveTip``), not at every frame."""
    bounds = "" if shared is None else \
        f"scale ±{format_number(shared[0], 2)} (largest |{sym}| {format_number(shared[1], 2)}); "
    return f"{bounds}|{sym}[l]| per layer: {', '.join(format_number(norm2(m), 2) for m in mats)}"


class GradientView(QWidget):
    check_requested = Signal()
    cell_clicked = Signal(int, int, int)  # (weight layer 0-based, row, column) of a heatmap cell clicked

    def __init__(self, parent=None):
        super().__init__(parent)
        self._names: list[str] = []
        self.norms: History | None = None  # |dW[l]| per epoch, bounded
        self._norms_drawn = None  # epochs the norm curves were last drawn with (None: draw them at the next frame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = FlowLayout(spacing=6)  # the two controls wrap onto two lines in a narrow column
        self.quantity = named(QComboBox(), "gradient_quantity",
                              "Choose whether the heatmaps show the gradients dW or the weights W themselves.")
        self.quantity.addItems(["Gradients dW", "Weights W"])
        self.quantity.currentIndexChanged.connect(lambda _: self._redraw())
        self.per_layer = named(QCheckBox("Scale each layer"), "gradient_per_layer_scale",
                               "Give every layer its own colour scale instead of one shared by all layers.")
        self.per_layer.toggled.connect(lambda _: self._redraw())
        row.addWidget(self.quantity)
        row.addWidget(self.per_layer)
        layout.addWidget(wrapping_row(row))  # (a widget: its wrapped height is kept, keep_wrapped_rows)
        self.check_button = named(QPushButton("Check gradients"), "gradient_check",
                                  "Compare backprop's gradients with central differences on the current network.")
        self.check_button.clicked.connect(self.check_requested)
        self.check = CheckReport()  # the last check's result, and the epoch it is of
        self.check_result = self.check.label
        self.scale_label = QLabel("")
        self.scale_label.setObjectName("gradient_scale")
        self.scale_tip = LiveTip(self.scale_label)  # its numbers change every frame
        self.scale_label.setWordWrap(True)  # the colour key in words: scale, sign, rows and columns
        layout.addWidget(self.scale_label)
        # (its wrapped lines kept whole by keep_wrapped_rows: a short window squeezed them, cut at top and bottom)

        self.maps = GradientMaps(self._report, self.cell_clicked.emit, lambda: self._redraw())
        self.maps_widget, self.key = self.maps.widget, self.maps.key
        layout.addWidget(self.maps_widget, 3)
        self.notes = QLabel("")  # why a gradient is exactly 0 (a dead layer, a zero loss), in words
        self.notes.setObjectName("gradient_notes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #b3261e")
        self.notes.setVisible(False)
        layout.addWidget(self.notes)
        self.readout = QLabel("Hover over a heatmap for exact values.")
        self.readout.setObjectName("gradient_readout")
        self.readout.setWordWrap(True)
        layout.addWidget(self.readout)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addStretch(1)
        nest(layout, check_row)
        layout.addWidget(self.check_result)

        self.norm_plot = plot_widget()
        named(self.norm_plot, "gradient_norms", "The size of each layer's gradient |dW[l]| after every epoch.")
        self.norm_plot.setLabel("left", "|dW[l]|")  # (no title: the key is above the plot)
        self.norm_plot.setLogMode(y=True)
        epoch_axis(self.norm_plot.getPlotItem())  # whole epochs from 0, at least 0…1, a note while empty
        self.norm_plot.setClipToView(True)
        self.norm_plot.setDownsampling(auto=True, mode="peak")
        self.norm_plot.getAxis("bottom").enableAutoSIPrefix(False)
        self.norm_floor = ZeroFloor(self.norm_plot)  # a gradient of exactly 0 is drawn on a floor marked 0
        self.norm_range = SteppedYRange(self.norm_plot, bounds=(0.0, float("inf")))  # in steps; a norm is >= 0
        self.legend = named(CurveKey(), "gradient_norms_key", "The key of the gradient norms' curves.")
        self.norm_plot.getPlotItem().legend = self.legend  # a line above the plot: never over its curves (curve_key)
        room_at_top(self.norm_plot.getPlotItem())
        layout.addWidget(self.legend)
        self._norm_curves = []
        self.smoother = Smoother()  # smoothing set by the loss curves' slider (set_smoothing)
        # its curves' room, as many more pixels as the window is zoomed, and its axes' (keep_items_room):
        # pyqtgraph would cut them. A fixed 150 px was the same at ×1.6, the axes' text 1.6 times larger
        least_height(self.norm_plot.getPlotItem().getViewBox(), NORM_PLOT_PX)
        keep_items_room(self.norm_plot)
        layout.addWidget(self.norm_plot, 2)
        keep_wrapped_rows(self)  # a narrow or zoomed column: wrapped lines keep their room, the column scrolls
        self.editing = HeatmapEditing(self)  # click a cell of a weight heatmap to type its value
        self.clip_marks = ClipMarks(self.norm_plot)  # the epochs whose steps were clipped
        self._snap = None
        self._hit = None  # the cell under the pointer, (layer, i, j), kept up to date while training

    def set_run(self, info) -> None:
        self.check.clear()
        self._names = input_labels(info.input_names, info.data.input_names)  # as the Data panel and diagram say
        self._snap = None
        self._hit = None  # the cell under the pointer, (layer, i, j), kept up to date while training
        self.readout.setText("Hover over a heatmap for exact values.")
        self.maps.blank(info.sizes)
        L = len(info.sizes) - 1
        self.norm_plot.clear()
        self.norm_floor.clear()  # (no "0" kept from the last run's zeros)
        self.norm_range.reset()
        self.norm_range.update()  # the empty state's range, as a new plot's (not the last run's)
        show_empty(self.norm_plot.getPlotItem(), y=False)
        self.clip_marks.clear()
        self.legend.clear()
        self.norms = History(layer_names(L))
        self._norms_drawn = None
        self._x_right = 0.0
        self.key_scale.shown = None  # a new run's scale its own, as a fresh window's (not the last run's kept bound)
        # every layer's curve (and its raw twin) a lane of one item: one update and one paint a frame (curve_bundle)
        self.norm_bundle = CurveBundle()
        self._norm_curves = [self.norm_bundle.add_lane(live_pen(layer_rgb(l)), layer_name(l + 1, L)) for l in range(L)]
        self.smoother.forget()  # (the plot was cleared)
        self.norm_plot.addItem(self.norm_bundle)
        for c in self._norm_curves:
            self.legend.addItem(c, c.name())
            self.smoother.add(self.norm_plot, c)
        self.legend.fit()  # (a key line wraps by itself: every layer in sight, the plot kept tall)

    @property
    def epochs_recorded(self) -> int:
        return len(self.norms) if self.norms is not None else 0

    def set_frame(self, frame) -> None:
        self._snap = frame.snapshot
        self.check.follow(frame)  # (the check said to be out of date once the weights change)
        snap = self._snap
        if self.norms is not None and snap.grad_norm_history.shape[1] == len(self.norms.names):
            if snap.grad_norm_base is not None:  # a whole record: drawn again whatever its length
                self._norms_drawn = None
            self.norms.receive(snap.grad_norm_base, snap.history_start, snap.grad_norm_history)
            self.clip_marks.add(snap)
        n = self.epochs_recorded
        self._x_right = follow_epochs((self.norm_plot,), n, self._x_right)  # (in steps: not redrawn every frame)
        self.gate.offer() if self.gate is not None else self.draw()  # (only while seen: ui.visibility)

    gate = None  # a visibility.PanelGate: draw only while the panel can be seen (None: always)

    def fit_epochs(self) -> None:
        """The norms' epoch axis fitted to the epochs recorded, without room to grow (a finished run's picture)."""
        fit_epochs((self.norm_plot,), self.epochs_recorded)

    def draw(self) -> None:
        """The norm curves, the notes and the heatmaps of the last frame."""
        snap = self._snap
        if snap is None:  # a frame kept back while hidden, then a new network (set_run): nothing of it to draw
            return
        if self._norms_drawn != self.epochs_recorded:  # (a long epoch's frames bring no epoch: the same curves)
            self._draw_norms()
        self.notes.setText("\n".join(snap.gradient_notes))
        self.notes.setVisible(bool(snap.gradient_notes))
        self._redraw()

    def _draw_norms(self) -> None:
        x, ys = self.norms.curves(self.norms.names) if self.norms is not None else (None, [])
        # smoothed, the raw curves faint behind; on the log axis exact zeros sit on the floor marked 0
        # (one x for every layer: the bundle maps them as one array)
        self.smoother.set_data(self._norm_curves, [x] * len(ys), ys, self.norm_floor.place)
        self.norm_range.update()
        self._norms_drawn = self.epochs_recorded

    def set_smoothing(self, weight: float) -> None:
        """Smooth the norm curves at ``weight`` (0..0.99; see smoothed_curves)."""
        self.smoother.weight = float(weight)
        self._draw_norms()

    last_snapshot = property(lambda self: self._snap, doc="The snapshot drawn last, or None")
    _maps = property(lambda self: self.maps.items, doc="each weight layer's HeatmapItem")
    _labels = property(lambda self: self.maps.labels, doc="each weight layer's title (a pg.LabelItem)")
    _columns = property(lambda self: self.maps.columns, doc="heatmaps per row")
    key_scale = property(lambda self: self.maps.key_scale, doc="the shared colour scale, moved in steps")

    def _redraw(self) -> None:
        snap = self._snap
        if snap is None or len(snap.dW) != len(self._maps):
            return
        show_w = self.quantity.currentIndex() == 1
        mats = [np.atleast_2d(np.asarray(m, dtype=np.float64)) for m in (snap.weights if show_w else snap.dW)]
        own = [symmetric_levels(m)[1] for m in mats]
        largest = max(own) if mats else 1.0
        shared = self.maps.key_scale.fit(largest)
        sym = "W" if show_w else "dW"
        scales = own if self.per_layer.isChecked() else [shared] * len(mats)
        coloured = colour_matrices(mats, scales)  # every layer's colours in one pass
        self.maps.show(snap, mats, coloured, scales, not show_w, None if self.per_layer.isChecked() else shared)
        if self.per_layer.isChecked():
            self.scale_label.setText(f"Each layer on its own colour scale (max: its largest |{sym}|): {SIGN_KEY}")
        else:
            # its bounds are on the key: a number here would lay the window out again every frame (steady_label)
            self.scale_label.setText(f"One colour scale for every layer, its bounds on the key below: {SIGN_KEY}")
        self.scale_tip.set(lambda: scale_tip(mats, sym, None if self.per_layer.isChecked() else (shared, largest)))
        hit = self._hit
        if hit is not None and hit[0] <= len(mats):
            m = mats[hit[0] - 1]
            if hit[1] < m.shape[0] and hit[2] < m.shape[1]:
                self._report((*hit, float(m[hit[1], hit[2]])))  # the hovered value, live

    def show_check(self, result) -> None:
        """The gradient check's result (``check_report.CheckReport.show``); None: nothing to show."""
        if result is not None:
            self.check.show(result)

    def refresh_colours(self) -> None:
        """The norm curves in the palette's layer colours; the heatmaps follow at the next redraw."""
        for l, curve in enumerate(self._norm_curves):
            curve.setPen(live_pen(layer_rgb(l)))
            self.smoother.restyle(curve)
        self.legend.refresh()  # (its swatches: the layers' colours)
        self._redraw()

    def follow(self, layer: int, i: int, j: int) -> None:
        """The read-out names W or dW[layer][i+1, j+1] (``layer`` 1-based) from the next frame on, its
        value as each frame draws it (a weight typed in: its value as training moves it on)."""
        self._hit = (layer, i, j)

    def _report(self, hit) -> None:
        if hit is None:  # the pointer left: the read-out still names the cell, its value followed, not left stale
            return
        layer, i, j, v = hit
        self._hit = (layer, i, j)
        sym = "W" if self.quantity.currentIndex() == 1 else "dW"
        L = len(self._maps)
        to, src = unit_name(layer, i, L), unit_name(layer - 1, j, L, self._names)
        self.readout.setText(f"{sym}[{layer}][{i + 1}, {j + 1}]\u00a0=\u00a0{format_number(v, 6)}   (row: {to}; column: {src})")
