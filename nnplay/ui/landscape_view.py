"""The loss landscape window (Run › Loss landscape…): the training loss over a plane through the current weights,
as a heatmap of log10 J with contour lines (pyqtgraph ImageItem, IsocurveItem,
a ColorMap and its ColorBarItem), the weights' path as a polyline with the
current point marked, axes named after the directions, and a caption stating
the method, the directions and the share of the path's variance the plane
explains. The numbers are computed in the training process
(``training.landscape_live``); this view only asks for them (``changed``,
then ``request()``) and draws what the frames carry: a new grid at once, the
path (which grows every frame) at most twice a second and only while the
window is open (``PacedRedraw``).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .disabled_reason import give_reason
from ..training.landscape_live import LandscapeFrame, LandscapeRequest, landscape_csv
from .flow_layout import FlowLayout
from .paced_redraw import PacedRedraw
from .plot_disposal import MenulessColorBar
from .plots import plot_widget
from .undefined import hatch_item
from .widgets import keep_wrapped_height, named, nest, on_event, width_for_text
from .side_window import SideWindow
from .screen_fit import resize_within_screen

COLOUR_MAP = "viridis"  # sequential, perceptually uniform, readable in grey and by the colour-blind
CONTOURS = 8  # contour lines, evenly spaced in log10 J
PROMPT = "Press Compute: the loss is computed around the current weights."
DIRECTIONS = (("pca", "Path's principal directions"), ("random", "Random, filter-normalised"))
MIN_WIDTH = 600  # pixels: the window's least width
MIN_PLOT = (260, 220)  # pixels: the plot's least size (its axes, colour bar and a picture; 29 px high at the least before)


class LandscapeView(QWidget):
    """``changed`` is emitted when the user asks for another grid or stops it;
    ``request()`` is then what to ask the training process for (None: nothing)."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.landscape: LandscapeFrame | None = None
        self._active = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        nest(layout, self._controls())
        self.plot = plot_widget()
        named(self.plot, "landscape_plot", "The loss around the current weights; the line is the weights' path.")
        for side in ("left", "bottom"):
            self.plot.getAxis(side).enableAutoSIPrefix(False)
        self.image = pg.ImageItem()
        self.plot.addItem(self.image)
        self.hatch = hatch_item(QRectF(0, 0, 1, 1), -1)  # shows where J overflowed
        self.plot.addItem(self.hatch)
        self.contours = [pg.IsocurveItem(pen=pg.mkPen(255, 255, 255, 110, width=1)) for _ in range(CONTOURS)]
        for c in self.contours:
            c.setParentItem(self.image)
        self.path = pg.PlotDataItem(pen=pg.mkPen(230, 60, 40, width=2), symbol="o", symbolSize=3,
                                    symbolBrush=(230, 60, 40), symbolPen=None)
        self.start = pg.ScatterPlotItem(size=9, symbol="s", brush=(255, 255, 255), pen=pg.mkPen(0, 0, 0))
        self.current = pg.ScatterPlotItem(size=14, symbol="star", brush=(255, 70, 40), pen=pg.mkPen(0, 0, 0))
        for item in (self.path, self.start, self.current):
            self.plot.addItem(item)
        self.bar = MenulessColorBar(colorMap=pg.colormap.get(COLOUR_MAP), interactive=False, width=12,
                                   label="log₁₀ J", colorMapMenu=False)
        self.bar.setImageItem(self.image, insert_in=self.plot.getPlotItem())
        self.plot.setMinimumSize(*MIN_PLOT)  # the window's least size: never squeezed to a strip under the caption
        layout.addWidget(self.plot, 1)
        self.caption = QLabel(PROMPT)
        self.caption.setObjectName("landscape_caption")
        self.caption.setWordWrap(True)
        keep_wrapped_height(self.caption)  # four lines while a grid is computed: never squeezed (cut) by the plot
        layout.addWidget(self.caption)
        self.paced = PacedRedraw(self, lambda: self._draw_path(self.landscape), seen=self.isVisible)

    def _controls(self) -> FlowLayout:
        row = FlowLayout(spacing=6)  # the controls wrap onto a second line in a narrow column
        self.directions = named(QComboBox(), "landscape_directions",
                                "The plane's directions: the path's first two principal directions, or random ones "
                                "scaled like each neuron's weights (Li et al. 2018).")
        for key, text in DIRECTIONS:
            self.directions.addItem(text, key)
        self.resolution = named(QSpinBox(), "landscape_resolution", "Grid points per side (odd).")
        self.resolution.setRange(5, 101)
        self.resolution.setSingleStep(2)
        self.resolution.setValue(21)
        self.resolution.setPrefix("grid ")
        self.span = named(QDoubleSpinBox(), "landscape_span",
                          "How far the grid reaches: a multiple of the path's extent (principal directions) or "
                          "of each neuron's weight norm (random directions).")
        self.span.setRange(0.1, 20.0)
        self.span.setSingleStep(0.25)
        self.span.setValue(1.0)
        self.span.setPrefix("span ×")
        self.compute = named(QPushButton("Compute"), "landscape_compute",
                             "Compute the landscape now, and again every 25 epochs while training.")
        self.stop = named(QPushButton("Cancel"), "landscape_stop",
                          "Stop computing the grid under way, and the recomputations while training (the picture "
                          "stays; Compute starts again).")
        self.stop.setEnabled(False)  # only while a grid is being computed
        give_reason(self.stop, lambda: "No grid is being computed: there is nothing to stop (Compute starts one).")
        self.progress = named(QProgressBar(), "landscape_progress", "How much of the grid is computed, row by row.")
        self.progress.setFormat("row %v of %m")
        width_for_text(self.progress, "row 101 of 101", 24)
        self.progress.hide()
        for w in (self.directions, self.resolution, self.span, self.compute, self.stop, self.progress):
            row.addWidget(w)
        self.compute.clicked.connect(lambda: self._set_active(True))
        self.stop.clicked.connect(self._cancel)
        self.directions.activated.connect(lambda _: self._set_active(True))
        self.resolution.editingFinished.connect(lambda: self._set_active(True))
        self.span.editingFinished.connect(lambda: self._set_active(True))
        return row

    def _set_active(self, on: bool) -> None:
        if self.resolution.value() % 2 == 0:
            self.resolution.setValue(self.resolution.value() + 1)
        self._active = on
        self.changed.emit()

    def _cancel(self) -> None:
        self._show_progress(None)  # (the next frame says so too)
        self._set_active(False)
        self._show_caption(self.landscape)  # no longer "computing…"

    def _show_progress(self, rows: tuple | None) -> None:
        """The progress bar ("row 12 of 41") and Cancel, only while a grid is computed."""
        computing = rows is not None and self._active
        self.progress.setVisible(computing)
        self.stop.setEnabled(computing)
        if computing:
            self.progress.setRange(0, rows[1])
            self.progress.setValue(rows[0])

    def request(self) -> LandscapeRequest | None:
        """What to compute, or None after Stop."""
        if not self._active:
            return None
        return LandscapeRequest(resolution=self.resolution.value(), span=float(self.span.value()),
                                directions=self.directions.currentData())

    # --------------------------------------------------------------- frames
    def set_run(self, info) -> None:
        """A new run: the old picture means nothing for it."""
        self.show_landscape(None)

    def set_frame(self, frame) -> None:
        self.show_landscape(getattr(frame, "landscape", None))

    def show_landscape(self, land: LandscapeFrame | None) -> None:
        if land is None and self.landscape is None:
            return  # nothing asked, nothing shown: a frame changes nothing
        previous, self.landscape = self.landscape, land
        computing = land is not None and land.rows is not None
        self._show_progress(_rows(land) if computing else None)
        grid = None if land is None else land.grid
        if grid is None:
            for item in (self.image, self.path, self.start, self.current):
                item.clear()
            self.hatch.hide()
            for c in self.contours:
                c.setData(None)
            for side in ("bottom", "left"):
                self.plot.getAxis(side).setLabel("")  # no picture: no directions to name
        elif previous is None or previous.grid is None or previous.grid.serial != grid.serial:
            self._draw_grid(grid)  # (each frame carries the grid: drawn once)
            self._draw_path(land)
        else:
            self.paced.request()  # the path grows every frame: drawn at most twice a second
        self._show_caption(land)

    def _show_caption(self, land: LandscapeFrame | None) -> None:
        """The caption, from this one frame: the grid on screen and the grid under way (see ``caption``)."""
        text = caption(land, self._active)
        if text != self.caption.text():
            self.caption.setText(text)

    def _draw_grid(self, grid) -> None:
        z = log_loss(grid.loss)
        a, b = grid.a, grid.b
        da, db = (a[1] - a[0]), (b[1] - b[0])
        rect = QRectF(a[0] - da / 2, b[0] - db / 2, da * len(a), db * len(b))
        finite = z[np.isfinite(z)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        hi = hi if hi > lo else lo + 1e-9
        self.image.setImage(z, autoLevels=False)
        self.image.setRect(rect)
        self.bar.setLevels((lo, hi))
        self.hatch.setRect(rect)
        self.hatch.setVisible(finite.size < z.size)
        filled = np.where(np.isfinite(z), z, hi)
        for k, c in enumerate(self.contours):
            c.setData(filled, level=lo + (hi - lo) * (k + 0.5) / CONTOURS)
        self.plot.getAxis("bottom").setLabel(grid.axis_names[0])
        self.plot.getAxis("left").setLabel(grid.axis_names[1])
        self._fit_side_title()
        self.plot.setRange(rect, padding=0)

    def _fit_side_title(self) -> None:
        """The plot at least as high as its side axis's title needs, beside the other axis (at the window's
        least size, "random direction 2 (× filter norms)" was cut to "... (× filter norm": tester 22)."""
        left, bottom = self.plot.getAxis("left"), self.plot.getAxis("bottom")
        title = left.label.boundingRect().width() - 2 * left.label.document().documentMargin()
        need = round(title + bottom.height() + 2 * self.plot.fontMetrics().lineSpacing())
        self.plot.setMinimumHeight(max(MIN_PLOT[1], need))

    def _draw_path(self, land: LandscapeFrame | None) -> None:
        if land is None or land.grid is None:
            return
        if land.path is None or not len(land.path):
            self.path.clear()
            self.start.clear()
        else:
            self.path.setData(land.path[:, 0], land.path[:, 1])
            self.start.setData([land.path[0, 0]], [land.path[0, 1]])
        if land.current is not None:
            self.current.setData([land.current[0]], [land.current[1]])

    def csv_text(self) -> str | None:
        """The grid and the path as CSV (see ``training.landscape_live.landscape_csv``), or None with no grid."""
        if self.landscape is None or self.landscape.grid is None:
            return None
        return landscape_csv(self.landscape)


def caption(land: LandscapeFrame | None, active: bool = True) -> str:
    """The caption for frame ``land``: what the picture shows (the grid's size, plane, method, epoch), then,
    while ``active`` and a grid is under way, what that grid is and how far it has got. Both parts come from
    the same frame, so the caption never names the size of a grid being computed for the one shown."""
    computing = active and land is not None and land.rows is not None
    grid = None if land is None else land.grid
    if grid is None:
        if not computing:
            return PROMPT
        done, rows = _rows(land)
        what = f" ({land.computing})" if land.computing else ""
        return f"Computing the loss over the plane{what}: row {done} of {rows}…"
    z = grid.loss
    note = " Hatched: J overflowed there." if not np.all(np.isfinite(z)) else ""
    text = (f"Shown: {grid.caption()}. Line: the weights after each recorded epoch; square: the first; "
            f"star: now.{note}")
    if computing:
        done, rows = _rows(land)
        text += f" Computing {land.computing or 'a new grid'}: row {done} of {rows}…"
    return text


def _rows(land: LandscapeFrame) -> tuple:
    """(rows computed, rows in all) of the grid under way: the frame's own count (never the shown grid's size,
    which is another grid's)."""
    return land.rows


def log_loss(loss: np.ndarray) -> np.ndarray:
    """log10 of each J; NaN (drawn hatched) where J is not a finite number; a J of
    exactly 0 (a perfect fit) at the smallest positive J of the grid."""
    finite = np.isfinite(loss)
    positive = loss[finite & (loss > 0)]
    floor = positive.min() if positive.size else 1.0
    with np.errstate(all="ignore"):
        return np.where(finite, np.log10(np.maximum(loss, floor)), np.nan)


class LandscapeWindow(SideWindow):
    """Run › Loss landscape…: the LandscapeView (``view``) in a window of its own,
    beside the playground."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Loss landscape")
        self.setObjectName("landscape_window")
        self.view = LandscapeView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view)
        self.setMinimumWidth(MIN_WIDTH)  # narrower, the caption wraps taller than the least height has room for
        resize_within_screen(self, 760, 620)


def connect_landscape(win) -> None:
    """Give the window its loss landscape: ``landscape_window(win)`` (opened by
    ``win.landscape_action``; the window's ``landscape_window`` and ``landscape``,
    its view, stand for it), which draws run A's frames and asks for a grid only
    while the window is open. It is made when first opened or asked for: most
    sessions never open it, and every window paid for its plot (~0.14 s) at start."""
    win._landscape_window = None

    def show() -> None:
        window = landscape_window(win)
        window.show()
        window.raise_()
        window.activateWindow()

    win.landscape_action.triggered.connect(show)
    on_event(win, (QEvent.Type.Close,), lambda: win._landscape_window is not None and win._landscape_window.close())


def landscape_window(win) -> LandscapeWindow:
    """The window's LandscapeWindow, made on the first call. Until then nothing
    was asked for, so a new view is the one it would be had it seen every run and
    frame (they carry a landscape only while the window is open)."""
    if win._landscape_window is not None:
        return win._landscape_window
    from ..training.commands import SetLandscape

    window = win._landscape_window = LandscapeWindow(win)
    view = window.view
    run = win.controller.run

    def ask() -> None:
        run.send(SetLandscape(view.request() if window.isVisible() else None))

    run.started.connect(view.set_run)
    run.frame.connect(view.set_frame)
    view.changed.connect(ask)
    on_event(window, (QEvent.Type.Show, QEvent.Type.Hide), ask)  # asks only while open
    return window


def landscape_made(win) -> LandscapeView | None:
    """The landscape view if the window has made it (None: never opened nor asked for)."""
    made = getattr(win, "_landscape_window", None)
    return None if made is None else made.view


def export_landscape_csv(win, path: str | None = None) -> bool:
    """File > Export > Loss landscape as CSV…: the grid and the path."""
    view = landscape_made(win)
    text = None if view is None else view.csv_text()
    if text is None:
        win.show_error("Cannot export the loss landscape", "the loss landscape is not computed yet: open "
                                                              "Run › Loss landscape, then export again")
        return False
    path = path or win._ask_save("Export the loss landscape", "nnplay-landscape.csv", "CSV (*.csv)")
    from ..file_write import write_text

    return bool(path) and win._write(path, lambda: write_text(path, text), "the loss landscape")
