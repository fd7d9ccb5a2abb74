"""The big output view: the network's output over the input domain with the
data points on top."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox, QLabel, QToolButton, QVBoxLayout, QWidget,
)

from ..data import CLASSIFICATION, input_labels
from ..data.plane_axes import plane_axes
from ..numbers import format_number
from ..training.pictures import UNDEFINED, focus_levels, scale_positions, undefined_fraction, unit_scale
from .class_list import ClassList, caption_key, key_label
from .colors import (class_image, class_names_tip, class_rgb, lookup_table, output_class_image, palette_name,
                     lut_index, point_symbols, value_maps)
from . import scatter_sample
from .drawing_tools import DrawingTools
from .flow_layout import FlowLayout
from ..data.target_units import in_target_units
from .plot_disposal import MenulessColorBar
from .plane_aspect import fit_shape, follow_room, same_units
from .shared_plane import other_plane
from .plots import plot_widget
from .target_axis import shown_extent, shown_heights, target_levels, target_range
from .boundary_items import CachedPoints, SmoothImageItem
from .coalesced import Coalesced
from .held_inputs import held_note
from .undefined import hatch_item, undefined_note
from .epoch_stamp import stamp_of
from .axis_titles import set_titles
from .elide import elided_names, short_name
from .item_cache import cache_axes
from .plot_layout import tidy_labels
from .tip import set_tip
from .plot_room import add_wrapped
from .widgets import FittedComboBox, keep_wrapped_height, named, nest
from .disabled_reason import give_reason


PLOT_MARGINS = (2, 10, 10, 2)  # the plot's own margins: room for the top and right tick labels
BAR_GAP = 8  # pixels between the data area and the colour bar beside it (pyqtgraph's setImageItem leaves 5)
POINT_ROOM = 5  # pixels kept between a point at the domain's edge and the data area's: half a test point and one
MOST_ROOM = 0.03  # ... at most this share of the range each side (a thumbnail-sized render keeps its picture)
UPSAMPLE = 2  # the class picture is coloured from the grid's probabilities at twice its density, at least,
FINE_GRID = 200  # ... at about this many cells a side when the grid is coarser (an export's: a cell per pixel),
MOST_FINE = 600  # ... or a cell per pixel of the data area, up to this many (a class border without stairs)


def fine_cells(pixels: float = 0.0) -> int:
    """Cells a side of the class picture for a data area ``pixels`` (device pixels) across: one per
    pixel, at least FINE_GRID, at most MOST_FINE."""
    return int(min(MOST_FINE, max(FINE_GRID, round(pixels))))


def fine_factor(res: int, pixels: float = 0.0) -> int:
    """The upsampling of a res x res grid for the class picture: UPSAMPLE, or more for a grid coarser
    than ``fine_cells(pixels)`` (the live grid while playing, training.live_grid: 47 -> 185; the
    screen's 100 x 100 in a data area 415 pixels wide: 397)."""
    return max(UPSAMPLE, round((fine_cells(pixels) - 1) / max(1, res - 1)))


def discretize_box() -> QCheckBox:
    """The Discretize check box, greyed out with its reason for a regression (``disabled_reason``)."""
    box = named(QCheckBox("Discretize output"), "discretize_output",
                "Colour each point of the plane by its predicted class instead of by confidence.")
    return give_reason(box, lambda: "Discretize colours the plane by class: this data is a regression.")


class DecisionBoundaryView(DrawingTools, QWidget):
    axes_changed = Signal(tuple)
    edit_requested = Signal(tuple)  # ("add", (x1, x2), class) / ("erase", (x1, x2), radius) / ("clear",) / ...

    def __init__(self, parent=None, drawing: bool = True):
        """``drawing``: offer the Draw/Erase tools (not in the comparison's views)."""
        super().__init__(parent)
        self.info = self._frame = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = FlowLayout(spacing=6)  # the controls wrap onto a second line in a narrow column
        self.show_test = named(QCheckBox("Show test data"), "show_test_data",
                               "Draw the held-out test points (outlined) as well as the training points.")
        self.discretize = discretize_box()
        self.show_test.toggled.connect(self._update_points)
        self.show_test.toggled.connect(self._redraw)  # the caption names the points drawn, paused or not
        self.discretize.toggled.connect(self._discretize_toggled)
        self.discretize_wanted = False  # the user's choice, kept while the box is off for regression
        row.addWidget(self.show_test)
        row.addWidget(self.discretize)
        add_wrapped(layout, row)  # (as high as its wrapped lines: the window's least height counts them, tester 22)
        row = FlowLayout(spacing=6)
        self.axis_label = QLabel("Horizontal / vertical axis:")
        # a column's name elided where it is long, whole in the tooltip and the list
        self.axis_x = named(FittedComboBox(), "axis_x", "The input shown along the horizontal axis.")
        self.axis_y = named(FittedComboBox(), "axis_y", "The input shown along the vertical axis.")
        for w in (self.axis_label, self.axis_x, self.axis_y):
            row.addWidget(w)
            w.setVisible(False)
        self.axis_x.activated.connect(self.axes_picked)
        self.axis_y.activated.connect(self.axes_picked)
        nest(layout, row)
        # (one line counted before: at 800x381 the plot's axis title went under the caption)
        add_wrapped(layout, self._build_drawing()).setVisible(drawing)
        if not drawing:
            for w in (self.draw_add, self.draw_erase, self.draw_class, self.draw_undo, self.draw_redo,
                      self.draw_clear):
                w.setVisible(False)
                w.setShortcut("") if isinstance(w, QToolButton) else None

        self.plot = plot_widget(tidy=False)  # (its own axes: top and right too)
        named(self.plot, "decision_boundary", "The network's output over the plane; points are the data.")
        self.plot.setMouseEnabled(False, False)
        self.plot.setAspectLocked(True)
        self.plot.getPlotItem().setContentsMargins(*PLOT_MARGINS)
        cache_axes(self.plot.getPlotItem())  # a pixmap on screen: the new picture each frame reached under them
        self.value_bar = MenulessColorBar(interactive=False, colorMapMenu=False, width=12)  # the key of values
        self.value_bar.setObjectName("output_value_key")
        follow_room(self.plot, self._fit_range)  # the room in pixels, at every size
        self._drawn_factor = 0  # the upsampling the class picture was coloured at (fine_factor)
        self._refine = Coalesced(self._follow_size, self)  # once the resize's range is set
        self.plot.getPlotItem().getViewBox().sigResized.connect(self._refine.request)
        tidy_labels(self.value_bar.axis)  # a short bar: fewer labels, never run together
        self.image = SmoothImageItem(axisOrder="row-major")  # interpolated: no blocks (but Discretize)
        self.plot.addItem(self.image)
        self.hatch = hatch_item(QRectF(), z=-1.0)  # shows through where the output is undefined
        self.hatch.setVisible(False)
        self.plot.addItem(self.hatch)
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        self.plot.scene().sigMouseMoved.connect(self._dragged)
        self._last_stroke_pos = None  # where a drag last drew or erased (scene pixels)
        self._stroking = False  # the left button is down on the plot
        self.plot.viewport().installEventFilter(self)
        self.train_points = CachedPoints(size=6, pxMode=True)  # a pixmap on screen: a blit per frame
        self._sample_note = ""  # says when a large set is drawn as a sample (scatter_sample)
        self._described = (None, "", None)  # ((run, Discretize, axes), the caption's key of the colours) (_describe)
        self.test_points = CachedPoints(size=6, pxMode=True)
        self.plot.addItem(self.train_points)
        self.plot.addItem(self.test_points)
        layout.addWidget(self.plot, 1)
        self.caption = key_label("boundary_caption")  # also the key of the colours: the classes, or the value scale
        layout.addWidget(self.caption)
        keep_wrapped_height(self.caption)  # on two lines in a narrow column, over the plot's axis title before
        self.class_list = ClassList(layout)  # many classes' swatches and names, scrolled (the caption counts them)

    # ---------------------------------------------------------------- run
    def set_run(self, info) -> None:
        before = self.info
        self.info = info
        self._frame = None
        data = info.data
        # (its room taken before the first frame's picture is made, not from under it; the palette: _describe)
        self.class_list.set_classes(data.class_names if data.task == CLASSIFICATION else None)
        many = data.n_inputs > 2
        for w in (self.axis_label, self.axis_x, self.axis_y):
            w.setVisible(many)
        was = self.shown_axes
        axes = plane_axes(data, before.data if before is not None else None, was)
        if many:
            for combo, pick in zip((self.axis_x, self.axis_y), axes):
                combo.blockSignals(True)
                combo.clear()
                combo.addItems(list(data.input_names))
                combo.setCurrentIndex(pick)
                combo.blockSignals(False)
        self._show_discretize(data.task == CLASSIFICATION)
        self.plot.setAspectLocked(same_units(data))  # a CSV's columns: each axis fitted (plane_aspect)
        self._axes = axes
        self._label_axes()
        self._update_drawing()
        self._set_extent(info.extent)
        self._update_points()
        self.image.clear()
        if (axes, was) != ((0, 1), (0, 1)):  # the training process draws the pictures over these two inputs
            self.axes_changed.emit(axes)

    def _discretize_toggled(self, on: bool) -> None:
        if self.discretize.isEnabled():
            self.discretize_wanted = on
        self._redraw()

    def _show_discretize(self, applies: bool) -> None:
        """Discretize means something for classes only: for regression it is off and unticked."""
        with QSignalBlocker(self.discretize):
            self.discretize.setEnabled(applies)
            self.discretize.setChecked(applies and self.discretize_wanted)

    def _show_value_key(self, levels, cmap) -> None:
        """The colour bar of values beside the plot (regression, a neuron's output); None hides it."""
        layout = self.plot.getPlotItem().layout
        shown = self.value_bar.scene() is not None
        if levels is None:
            if shown:
                layout.removeItem(self.value_bar)
                self.plot.scene().removeItem(self.value_bar)
                layout.setColumnFixedWidth(4, 0)
            return
        if getattr(self.value_bar, "_nnplay_cmap", None) is not cmap:  # (each set redraws the bar: only changes)
            self.value_bar.setColorMap(cmap)
            self.value_bar._nnplay_cmap = cmap
        levels = tuple(float(v) for v in levels)
        if tuple(self.value_bar.levels()) != levels:
            self.value_bar.setLevels(levels)
        if not shown:  # right of the data area, a gap between (the bar covered the points at its right edge)
            layout.addItem(self.value_bar, 2, 5)
            layout.setColumnFixedWidth(4, BAR_GAP)

    @property
    def shown_axes(self) -> tuple[int, int]:
        """The two inputs the picture spans (indices into the data's inputs)."""
        return getattr(self, "_axes", (0, 1))

    def axes_picked(self, _=None) -> None:
        """The pair of inputs in the X/Y menus shown (``axes_changed`` emitted), as a pick in them does."""
        axes = (self.axis_x.currentIndex(), self.axis_y.currentIndex())
        if axes[0] == axes[1] or axes == self._axes:
            return
        self._axes = axes
        self._label_axes()
        self._update_points()
        self.axes_changed.emit(axes)

    def _label_axes(self) -> None:
        """Axis titles: the inputs as the diagram names them (``input_labels``: X₁, X₂; a CSV's column x2 "x2")."""
        raw = self.info.data.input_names  # (cut as a list: measurement_0_… and measurement_1_… stay apart)
        names = elided_names(input_labels(raw, raw), 24)[0]
        if len(names) == 1:
            names.append("target" if self.info.data.task != CLASSIFICATION else "")
        set_titles(self.plot, bottom=names[self._axes[0]], left=names[self._axes[1]])  # (each fitted to its axis)

    def _set_extent(self, extent) -> None:
        self._extent = extent  # (as the training process sends it: compared with each frame's)
        (x0, x1), (y0, y1) = shown_extent(self.info, extent)  # one input: the target's units
        self._rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        self.hatch.setRect(self._rect)
        self._fit_range()

    def _fit_range(self, *_) -> None:
        """The domain in view whole, POINT_ROOM pixels of room round it: a point on its
        edge drawn whole, not cut by the data area's edge (nor under the colour bar).
        One call: with the aspect locked, a range set alone is kept and the other axis is cut
        to the plot's shape (a wide data set lost its sides until a resize); both together, the whole fits."""
        rect = getattr(self, "_rect", None)
        if rect is None:
            return
        view = self.plot.getPlotItem().getViewBox()
        least = min(view.width(), view.height())
        pad = min(MOST_ROOM, POINT_ROOM / least) if least > 0 else 0.0  # (a fraction of the range, each side)
        self.plot.setRange(xRange=(rect.left(), rect.right()), yRange=(rect.top(), rect.bottom()), padding=pad)
        fit_shape(self.plot, rect, PLOT_MARGINS)  # the domain's shape: no range past the data either way

    def _pixels_across(self) -> float:
        """Device pixels the picture spans on screen, along its longer side (0 before it is laid out)."""
        rect, view = getattr(self, "_rect", None), self.plot.getPlotItem().getViewBox()
        (x0, x1), (y0, y1) = view.viewRange()
        if rect is None or x1 <= x0 or y1 <= y0:
            return 0.0
        across = max(view.width() * rect.width() / (x1 - x0), view.height() * rect.height() / (y1 - y0))
        return across * self.devicePixelRatioF()

    def _follow_size(self) -> None:
        """Recolour the class picture from the frame it has when its data area now needs another
        density (a paused window enlarged, a column folded, a zoom step): no new frame, no training."""
        snap = None if self._frame is None else self._frame.snapshot
        if snap is not None and snap.grid is not None and snap.grid_classes is not None and snap.focus is None \
                and fine_factor(snap.grid.shape[0], self._pixels_across()) != self._drawn_factor:
            self._redraw()

    def _point_brushes(self, y):
        data = self.info.data
        if data.task == CLASSIFICATION:
            rgb = class_rgb(max(2, data.n_classes))[y].astype(np.uint8)
        else:
            lo, hi = target_levels(data, units=False)  # (the bar's: a constant target its middle colour)
            rgb = lookup_table(value_maps()[0])[lut_index(scale_positions(y, lo, hi))]
        return rgb

    def _update_points(self, *_):
        if self.info is None:
            return
        data, (a, b) = self.info.data, getattr(self, "_axes", (0, 1))
        X = data.X
        if data.n_inputs == 1:  # plot against the target (regression) or on one line (classes)
            second = shown_heights(data, data.y) if data.task != CLASSIFICATION else np.zeros(data.n_examples)
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
            symbol = point_symbols(data.n_classes, data.y[shown]) if data.task == CLASSIFICATION else "o"
            if filled:
                item.setData(X[shown, a], X[shown, b], brush=scatter_sample.brushes(rgb),
                             pen=pg.mkPen(40, 40, 40, 220, width=1), symbol=symbol)
            else:
                item.setData(X[shown, a], X[shown, b], brush=pg.mkBrush(255, 255, 255, 200),
                             pen=scatter_sample.pens(rgb), size=7, symbol=symbol)
        if self._axes != (0, 1):
            ext = (_span(X[:, a]), _span(X[:, b]))
            self._set_extent(ext)

    # -------------------------------------------------------------- frames
    def set_frame(self, frame) -> None:
        self._frame = frame
        self._redraw()

    def _redraw(self) -> None:
        info, snap = self.info, None if self._frame is None else self._frame.snapshot
        if snap is None or info is None or (snap.grid is None and snap.grid_classes is None) or other_plane(self, snap):
            return  # (no pictures; or of another pair of inputs than this view's: shared_plane)
        grid = snap.grid
        stamp_of(self.plot.getPlotItem().getViewBox()).show(snap)  # the weights it is of (a focused neuron's too)
        if snap.grid_extent is not None and snap.grid_extent != self._extent:
            self._set_extent(snap.grid_extent)
        discrete = self.discretize.isChecked() and info.data.task == CLASSIFICATION
        self.image.set_smooth(not discrete)  # class regions keep hard edges
        _, smooth = value_maps()
        if snap.focus is not None:
            layer, index = snap.focus
            name = short_name(input_labels(info.input_names, info.data.input_names)[index]) if layer == 0 else \
                f"neuron {index + 1} of layer {layer}"  # an input named as the diagram and the Data panel name it
            self._image(grid, focus_levels(grid, snap.neurons[layer] if snap.neurons else None), smooth)
            undefined = undefined_fraction(grid)
            self.hatch.setVisible(undefined > 0)
            self.caption.setText(f"Showing {name}; move off the network for the output."
                                 + undefined_note(undefined, "its output"))
            return
        if snap.grid_classes is not None:  # each cell its predicted class, shaded by confidence
            classes = snap.grid_classes
            if snap.grid_confidence is not None:  # an export's grid, a cell an output pixel: its classes as they are
                img = class_image(classes, snap.grid_confidence, info.data.n_classes, discrete)
            else:  # (the drawn density followed on a resize: _follow_size)
                self._drawn_factor = fine_factor(grid.shape[0], pixels := self._pixels_across())
                factor = self._drawn_factor if grid.shape[0] < fine_cells(pixels) else 1  # a cell a pixel, each a
                img = output_class_image(grid, info.loss, info.data.n_classes, discrete, factor)  # class of its corners'
                self.image.set_smooth(not discrete and (info.data.n_classes <= 2 or pixels > len(img)))  # (no blend)
            self.image.setImage(img, levels=None, lut=None)  # (RGBA without levels: handed to Qt as it is, no makeARGB)
            self.image.setRect(self._rect)
            self._show_value_key(None, None)  # the classes' key is the caption's
            undefined = float(np.mean(classes == UNDEFINED))
        else:
            grid = in_target_units(grid, info.data.target_scale)  # the key in the target's units, also standardised
            self._image(grid, target_levels(info.data), smooth)  # (found once per data set, not at every frame)
            undefined = undefined_fraction(grid)
        self.hatch.setVisible(undefined > 0)  # (a hatch costs a fill on every repaint: only when it shows)
        self.caption.setText(self._describe() + undefined_note(undefined) + self._sample_note)

    def _image(self, grid, levels, cmap) -> None:
        """Values on the colour map ``cmap`` from ``levels``, keyed by the colour
        bar beside the plot; NaN (undefined) is transparent."""
        self.image.setImage(unit_scale(grid, levels), autoLevels=False, levels=(0.0, 1.0), lut=lookup_table(cmap))
        self._show_value_key(levels, cmap)
        self.image.key_levels = tuple(float(v) for v in levels)  # the values the scale's ends stand for
        self.image.setRect(self._rect)  # maps the image's pixels onto the domain

    def _describe(self) -> str:
        """``colour_key`` of the run, made again only when the run, Discretize, the axes shown or the palette
        changed (not at every frame), with the caption's tooltip."""
        key = (id(self.info), self.discretize.isChecked(), self._axes, palette_name())
        if self._described[0] != key:  # (the run held below: its id names no other while kept)
            data = self.info.data
            set_tip(self.caption, class_names_tip(data.class_names) if data.task == CLASSIFICATION else "")
            self.class_list.set_classes(data.class_names if data.task == CLASSIFICATION else None)
            self._described = (key, colour_key(data, key[1], self._axes), self.info)
        return self._described[1]


def colour_key(data, discretize: bool, axes) -> str:
    """The key of the output picture's colours for ``data``, in words and swatches."""
    if data.task != CLASSIFICATION:
        lo, hi = target_range(data)  # the target's own units, as the bar
        if hi == lo:  # one value: the bar's middle colour, as the points (target_levels)
            return (f"Colour: the predicted value on the bar at the right; every target is {format_number(lo)}, its "
                    f"middle colour, as the points: orange below it, blue above.{held_note(data, axes)}")
        return (f"Colour: the predicted value on the bar at the right, orange low ({format_number(lo)}) to "
                f"blue high ({format_number(hi)}): the targets' range; beyond it, the end colours.{held_note(data, axes)}")
    if discretize:  # flat class colours: no certainty to read
        return (f"Predicted class: {caption_key(data.class_names)}; Discretize shows the class alone."
                f"{held_note(data, axes)}")
    return f"Predicted class: {caption_key(data.class_names)}; greyer is less sure.{held_note(data, axes)}"


def _span(col: np.ndarray, pad: float = 0.1):
    lo, hi = float(col.min()), float(col.max())
    d = hi - lo if hi > lo else 1.0
    return (lo - pad * d, hi + pad * d)

