"""Plots kept readable at any window size and zoom: a plot's data area never a strip.

A curve plot (``keep_plot_area``) keeps its data area at least MIN_PLOT_PX high,
the widget asking its layout for that room and its axes' (the curves under the
output at 1024×768 zoomed ×1.6 were 35 px high).

In the gradients column, each layer's heatmap (a ViewBox in the heatmaps' ``pg.GraphicsLayoutWidget``) is
kept at least MIN_HEATMAP_PX high, and the canvas at least as high as its rows of
titles, heatmaps and colour key then need: the column around it (a scroll area,
``window_columns._scrolled``) scrolls rather than squeeze a layer's heatmap into
a strip (a 1100×680 window, a zoom ×1.6, drew them 15–20 px high). So are its
wrapping rows (the controls, the read-out, the curves' key) kept at their wrapped
height: a box layout counts one line of each, and drew the next widget over them.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QLayout, QWidget

from .plane_aspect import shape_slack
from .widgets import keep_wrapped_height, on_event

MIN_HEATMAP_PX = 48  # the least height of a layer's heatmap, in pixels: its rows stay apart
MIN_PLOT_PX = 48  # the least height of a curve plot's data area, in pixels
MIN_VIEW_PX = 120  # the least height of a picture's data area (the output, the inspector's matrices), in pixels


def keep_plot_area(plot: pg.PlotWidget) -> pg.PlotWidget:
    """``plot``'s data area kept at least MIN_PLOT_PX high, the widget as high as it and its
    axes then need (a layout gives it no less, and its column scrolls or folds); returned."""
    least_height(plot.getPlotItem().getViewBox(), MIN_PLOT_PX)
    keep_items_room(plot)
    return plot


def least_height(box: pg.ViewBox, px: float) -> pg.ViewBox:
    """``box`` kept at least ``px`` pixels high at 100%, and as many more as the window is zoomed
    (``presentation.Presentation.scale_view`` scales ``least_height``: at ×1.6 a heatmap kept
    48 px high beside text 1.6 times larger was a strip); returned."""
    box.least_height = px
    box.setMinimumHeight(px)
    return box


def keep_items_room(canvas: pg.GraphicsView, changed=None):
    """Keep ``canvas`` (a QWidget) at least as high as its items' layout needs at least
    (pyqtgraph does not pass its items' minimum to the widget, so a layout squeezed it and cut
    them). Measured again whenever that layout changes: a title's new text, a zoomed font,
    a layer more; ``changed()`` (if given) is then called too (the heatmaps wrap again). Returns
    the measuring function, for a caller that must have the height at once."""

    def fit() -> None:
        least = canvas.centralWidget.effectiveSizeHint(Qt.SizeHint.MinimumSize).height()
        least -= shape_slack(canvas)  # (room fit_shape gave away, not needed)
        need = math.ceil(least) + 2 * canvas.frameWidth()
        if need != canvas.minimumHeight():
            canvas.setMinimumHeight(need)
        if changed is not None:
            changed()

    on_event(canvas.centralWidget, (QEvent.Type.LayoutRequest,), fit)
    fit()
    return fit


def keep_readable(box: pg.ViewBox) -> pg.ViewBox:
    """``box`` (a layer's heatmap) never laid out under MIN_HEATMAP_PX high (times the zoom); returned."""
    return least_height(box, MIN_HEATMAP_PX)


def wrapping_row(row: QLayout) -> QWidget:
    """A widget holding ``row`` (a FlowLayout), whose wrapped height can be kept (keep_wrapped_rows)."""
    holder = QWidget()
    holder.setLayout(row)
    return holder


def add_wrapped(layout: QLayout, row: QLayout) -> QWidget:
    """``row`` (a FlowLayout) added to ``layout`` in a widget kept as high as its wrapped lines (a box
    layout counts one line of a nested one); the widget, returned."""
    holder = wrapping_row(row)
    layout.addWidget(holder)
    keep_wrapped_height(holder)
    return holder


def keep_wrapped_rows(column: QWidget) -> None:
    """Keep every widget laid out in ``column`` that wraps (has a height for its width: a
    word-wrapped label, empty as yet, a row of controls that wraps) at least as high as its wrapped lines."""
    layout = column.layout()
    for w in column.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if layout.indexOf(w) >= 0 and (w.hasHeightForWidth() or isinstance(w, QLabel) and w.wordWrap()):
            keep_wrapped_height(w)


def map_width(titles, least: int) -> int:
    """The width, in pixels, a column of heatmaps needs: ``least``, or more for its widest
    title (``titles``: pg.LabelItems; a zoomed "Hidden 1 4×2" is wider than a heatmap's least)."""
    return max([least] + [math.ceil(t.minimumWidth()) + 4 for t in titles])


def zoom_titles(canvas: pg.GraphicsLayoutWidget) -> None:
    """The titles and key of ``canvas``, made again (a new run, a rewrap), in the window's zoom."""
    presentation = getattr(canvas.window(), "presentation", None)
    if presentation is not None:
        presentation.scale_view(canvas)
