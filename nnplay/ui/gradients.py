"""Per-layer gradient heatmaps and gradient norms over time: where the gradient
flows and where it vanishes."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Signal
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
from .heatmap import OWN_SCALE_TICKS, HeatmapItem, colour_bar, colour_matrices, set_bar
from .heatmap_edit import HeatmapEditing
from .plot_room import keep_items_room, keep_readable, keep_wrapped_rows, map_width, wrapping_row, zoom_titles
from .curve_bundle import CurveBundle
from .log_floor import ZeroFloor
from .loss_curves import _nice_ceil
from .curve_key import CurveKey, room_at_top
from .plot_layout import epoch_axis, fit_epochs, show_epochs
from .plots import plot_widget
from .schedule_views import ClipMarks
from .smoothed_curves import Smoother
from .stepped_range import SteppedScale, SteppedYRange, show_empty
from .tip import LiveTip
from .widgets import layer_name, named, nest, on_event, unit_name

SIGN_KEY = "blue positive, orange negative, white 0; a row is a neuron, a column one of its inputs."
MIN_MAP_PX = 72  # the narrowest a layer's heatmap gets: more layers than fit wrap to further rows


def scale_tip(mats, sym: str, shared: tuple[float, float] | None) -> str:
    """The colour key's tooltip: the shared scale and largest |value| (``shared``, None when each
    layer has its own) and each layer's norm |dW[l]| (or |W[l]|). Made when a hover asks for it
    (``tip.LiveTip``), not at every frame."""
    bounds = "" if shared is None else \
        f"scale ±{format_number(shared[0], 2)} (largest |{sym}| {format_number(shared[1], 2)}); "
    return f"{bounds}|{sym}[l]| per layer: {', '.join(format_number(norm2(m), 2) for m in mats)}"


def regrid(ci, labels: list, maps: list, key, cols: int) -> int:
    """The heatmaps ``maps``, their titles ``labels`` and the colour ``key`` moved to the cells of
    ``cols`` a row in the GraphicsLayout ``ci``: the same items, not made again (a column shown or
    hidden, a window resized or zoomed made every layer's heatmap, view and title anew). Returns ``cols``."""
    boxes = [item.getViewBox() for item in maps]  # (out of the scene, an item finds no view box)
    if key.scene() is not None:
        ci.removeItem(key)
    for label, box in zip(labels, boxes):
        ci.removeItem(label)
        ci.removeItem(box)
    for l, (label, box) in enumerate(zip(labels, boxes)):
        ci.addItem(label, row=2 * (l // cols), col=l % cols)
        ci.addItem(box, row=2 * (l // cols) + 1, col=l % cols)
    if maps:
        ci.addItem(key, row=2 * ((len(maps) - 1) // cols + 1), col=0, colspan=cols)
    return cols


class GradientView(QWidget):
    check_requested = Signal()
    cell_clicked = Signal(int, int, int)  # (weight layer 0-based, row, column) of a heatmap cell clicked

    def __init__(self, parent=None):
        super().__init__(parent)
        self._sizes = ()
        self._names: list[str] = []
        self._maps: list[HeatmapItem] = []
        self._columns = 0  # heatmaps per row, from the panel's width
        self._labels = []
        self.norms: History | None = None  # |dW[l]| per epoch, bounded
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

        self.maps_widget = pg.GraphicsLayoutWidget()
        named(self.maps_widget, "gradient_heatmaps",
              "One heatmap per layer: row i, column j is entry (i, j) of dW[l] (orange negative, blue positive).")
        self.maps_widget.ci.setContentsMargins(2, 2, 2, 2)
        self.maps_widget.ci.layout.setHorizontalSpacing(2)  # the layers' titles need the width
        layout.addWidget(self.maps_widget, 3)
        on_event(self.maps_widget, (QEvent.Type.Resize,), self._rewrap)
        keep_items_room(self.maps_widget, self._rewrap)  # heatmaps readable: the column scrolls rather than squeeze
        self.key = colour_bar()  # the heatmaps' colour key, under them
        self.key_scale = SteppedScale()  # the shared scale moves in steps: no new key axis every frame
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
        self.norm_plot.setMinimumHeight(150)  # its axes and room for the curves: pyqtgraph would cut them
        layout.addWidget(self.norm_plot, 2)
        keep_wrapped_rows(self)  # a narrow or zoomed column: wrapped lines keep their room, the column scrolls
        self.editing = HeatmapEditing(self)  # click a cell of a weight heatmap to type its value
        self.clip_marks = ClipMarks(self.norm_plot)  # the epochs whose steps were clipped
        self._snap = None
        self._hit = None  # the cell under the pointer, (layer, i, j), kept up to date while training

    def set_run(self, info) -> None:
        self.check.clear()
        self._sizes = info.sizes
        self._names = input_labels(info.input_names, info.data.input_names)  # as the Data panel and diagram say
        self._snap = None
        self._hit = None  # the cell under the pointer, (layer, i, j), kept up to date while training
        self.readout.setText("Hover over a heatmap for exact values.")
        self._blank_maps()
        L = len(info.sizes) - 1
        self.norm_plot.clear()
        self.norm_floor.clear()  # (no "0" kept from the last run's zeros)
        self.norm_range.reset()
        self.norm_range.update()  # the empty state's range, as a new plot's (not the last run's)
        show_empty(self.norm_plot.getPlotItem(), y=False)
        self.clip_marks.clear()
        self.legend.clear()
        self.norms = History(layer_names(L))
        self._x_right = 0.0
        # every layer's curve (and its raw twin) a lane of one item: one update and one paint a frame (curve_bundle)
        self.norm_bundle = CurveBundle()
        self._norm_curves = [self.norm_bundle.add_lane(live_pen(layer_rgb(l)), layer_name(l + 1, L)) for l in range(L)]
        self.smoother.forget()  # (the plot was cleared)
        self.norm_plot.addItem(self.norm_bundle)
        for c in self._norm_curves:
            self.legend.addItem(c, c.name())
            self.smoother.add(self.norm_plot, c)
        self.legend.fit()  # (a key line wraps by itself: every layer in sight, the plot kept tall)

    def _fitting_columns(self) -> int:
        L = len(self._sizes) - 1
        least = map_width(self._labels, MIN_MAP_PX)  # (a zoomed layer title is wider)
        return max(1, min(L, self.maps_widget.width() // least)) if L > 0 else 0

    def _rewrap(self) -> None:
        if self._sizes and self._fitting_columns() != self._columns:
            if len(self._maps) == len(self._sizes) - 1:  # the same layers: moved, not made again
                self._columns = regrid(self.maps_widget.ci, self._labels, self._maps, self.key, self._fitting_columns())
            else:
                self._lay_out_maps()
            self._redraw()

    def _blank_maps(self) -> None:
        """A new run's heatmaps, empty until its first frame. The layers' heatmaps that stay in
        their place (the same heatmaps a row, or the layer in the first row either way) are kept
        and blanked, their titles set again where they changed; only the layers added or dropped
        (a "+" or "-" layer click) are made or removed, and the colour key moved under them
        (a new layout was half the CPU of drawing a new run, 19 of 38 ms)."""
        cols = self._fitting_columns()
        if not self._maps or not cols:
            self._lay_out_maps()
            return
        L, old = len(self._sizes) - 1, self._columns
        kept = next((l for l in range(min(L, len(self._maps))) if divmod(l, cols) != divmod(l, old)),
                    min(L, len(self._maps)))  # the layers in the same cell of the grid
        changed = kept != len(self._maps) or kept != L or cols != old
        ci = self.maps_widget.ci
        if changed and self.key.scene() is not None:
            ci.removeItem(self.key)
        for label, item in zip(self._labels[kept:], self._maps[kept:]):
            ci.removeItem(label)
            ci.removeItem(item.getViewBox())
        del self._maps[kept:], self._labels[kept:]
        self._columns = cols
        for l, (item, label) in enumerate(zip(self._maps, self._labels)):
            item.blank()
            text = self._title(l, L)
            if label.text != text:  # (a title marked "dW = 0" by the last run, or a layer's name)
                label.setText(text, color=None)
        for l in range(kept, L):
            self._add_map(l, L, cols)
        if changed:
            self.maps_widget.addItem(self.key, row=2 * ((L - 1) // cols + 1), col=0, colspan=cols)
        if kept != L:
            zoom_titles(self.maps_widget)  # titles made while zoomed: in the zoomed size

    def _title(self, l: int, L: int, dead: bool = False) -> str:
        """The title of weight layer ``l`` (0-based) of ``L``: its name and shape, "dW = 0" if ``dead``."""
        a, b = self._sizes[l + 1], self._sizes[l]
        return f"{layer_name(l + 1, L)}<br>{a}×{b}" + ("<br>dW = 0" if dead else "")

    def _lay_out_maps(self) -> None:
        """One heatmap per layer, as many to a row as fit the width (so every
        layer of a deep network is in sight), the colour key under them."""
        cols = self._columns = self._fitting_columns()  # (measured on the titles there: a zoomed title is wider)
        if self.key.scene() is not None:
            self.maps_widget.ci.removeItem(self.key)
        self.maps_widget.clear()
        self._maps, self._labels = [], []
        L = len(self._sizes) - 1
        for l in range(L):
            self._add_map(l, L, cols)
        if L:
            self.maps_widget.addItem(self.key, row=2 * ((L - 1) // cols + 1), col=0, colspan=cols)
        zoom_titles(self.maps_widget)  # titles made while zoomed: in the zoomed size

    def _add_map(self, l: int, L: int, cols: int) -> None:
        """Weight layer ``l``'s (0-based, of ``L``) title and heatmap, in its cell of ``cols`` a row."""
        row, col = 2 * (l // cols), l % cols
        label = self.maps_widget.addLabel(self._title(l, L), row=row, col=col, size="8pt")
        # (enableMenu=False: a ViewBox made with its menu builds one, a tenth of a new run's set-up; plot_disposal)
        vb = keep_readable(self.maps_widget.addViewBox(row=row + 1, col=col, enableMenu=False))
        vb.setMouseEnabled(False, False)
        vb.invertY(True)  # row 0 at the top, as a matrix is written
        item = HeatmapItem(lambda hit, layer=l + 1: self._report(None if hit is None else (layer, *hit)),
                           clicked=lambda i, j, layer=l: self.cell_clicked.emit(layer, i, j))
        vb.addItem(item)
        self._maps.append(item)
        self._labels.append(label)

    @property
    def epochs_recorded(self) -> int:
        return len(self.norms) if self.norms is not None else 0

    def set_frame(self, frame) -> None:
        self._snap = frame.snapshot
        self.check.follow(frame)  # (the check said to be out of date once the weights change)
        snap = self._snap
        if self.norms is not None and snap.grad_norm_history.shape[1] == len(self.norms.names):
            self.norms.receive(snap.grad_norm_base, snap.history_start, snap.grad_norm_history)
            self.clip_marks.add(snap)
        n = self.epochs_recorded
        right = max(10.0, float(n - 1))
        if right > self._x_right or right < self._x_right / 4:
            self._x_right = _nice_ceil(right * 1.25)
            show_epochs((self.norm_plot,), self._x_right)  # (padded: a dot at epoch 0 whole)
        self.gate.offer() if self.gate is not None else self.draw()  # (only while seen: ui.visibility)

    gate = None  # a visibility.PanelGate: draw only while the panel can be seen (None: always)

    def fit_epochs(self) -> None:
        """The norms' epoch axis fitted to the epochs recorded, without room to grow (a finished run's picture)."""
        fit_epochs((self.norm_plot,), self.epochs_recorded)

    def draw(self) -> None:
        """The norm curves, the notes and the heatmaps of the last frame."""
        snap = self._snap
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

    def set_smoothing(self, weight: float) -> None:
        """Smooth the norm curves at ``weight`` (0..0.99; see smoothed_curves)."""
        self.smoother.weight = float(weight)
        self._draw_norms()

    last_snapshot = property(lambda self: self._snap, doc="The snapshot drawn last, or None")

    def _redraw(self) -> None:
        snap = self._snap
        if snap is None or len(snap.dW) != len(self._maps):
            return
        show_w = self.quantity.currentIndex() == 1
        mats = [np.atleast_2d(np.asarray(m, dtype=np.float64)) for m in (snap.weights if show_w else snap.dW)]
        own = [symmetric_levels(m)[1] for m in mats]
        largest = max(own) if mats else 1.0
        shared = self.key_scale.fit(largest)
        sym = "W" if show_w else "dW"
        scales = own if self.per_layer.isChecked() else [shared] * len(mats)
        coloured = colour_matrices(mats, scales)  # every layer's colours in one pass
        for l, (item, m, scale, (unit, rgba)) in enumerate(zip(self._maps, mats, scales, coloured)):
            reshaped = item.values is None or item.values.shape != m.shape
            item.show_coloured(m, (-scale, scale), unit, rgba)  # exact values kept for the read-out; NaN undefined
            if reshaped:
                item.getViewBox().autoRange(padding=0.02)
            dead = not show_w and not np.any(m)
            text = self._title(l, len(mats), dead)
            if self._labels[l].text != text:  # (setting a label re-lays out the whole canvas)
                self._labels[l].setText(text, color="#b3261e" if dead else None)
        if self.per_layer.isChecked():
            set_bar(self.key, (-1.0, 1.0), OWN_SCALE_TICKS)  # max: each layer's own largest |value|
            self.scale_label.setText(f"Each layer on its own colour scale (max: its largest |{sym}|): {SIGN_KEY}")
        else:
            set_bar(self.key, (-shared, shared))
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

    def _report(self, hit) -> None:
        if hit is None:  # the pointer left: the last value stays, no longer followed
            self._hit = None
            return
        layer, i, j, v = hit
        self._hit = (layer, i, j)
        sym = "W" if self.quantity.currentIndex() == 1 else "dW"
        L = len(self._maps)
        to, src = unit_name(layer, i, L), unit_name(layer - 1, j, L, self._names)
        self.readout.setText(f"{sym}[{layer}][{i + 1}, {j + 1}] = {format_number(v, 6)}   (row: {to}; column: {src})")
