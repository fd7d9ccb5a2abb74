"""Panel export: a panel as a PNG at a chosen scale, or as an SVG whose axes,
ticks and data share one coordinate system at any screen DPI.

Both paint the panel's widget tree (so whatever the panel shows beside its
plot, a colour key or a caption, comes along) with pyqtgraph's *export mode*
switched on for every graphics item, as pyqtgraph's own exporters do
(``pyqtgraph/exporters/ImageExporter.py``): a ``ScatterPlotItem`` then draws
each point as a vector symbol in its own brush, instead of copying it from the
cached symbol atlas (an SVG would otherwise hold the whole atlas bitmap for
every point).

SVG: painted with Qt's ``QSvgGenerator`` and corrected for librsvg by
``nnplay.ui.svg_fix`` (see its notes).

PNG: by default at least SLIDE_WIDTH pixels wide (``slide_scale``), so a
panel exported from the window fits a slide; every panel carries its colour
key (a colour bar or swatches with the class names) and its notes.
"""

from __future__ import annotations

import math
from contextlib import contextmanager, nullcontext
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsView, QLabel, QWidget

from ..file_write import written_in_place
from ..interrupts import check as check_interrupt
from ..failures import RunFailure
from ..user_text import file_name, shown
from ..write_errors import cannot_write, unwritable
from .export_layout import can_lay_out, laid_out_at, resized
from .svg_clip import marked_views
from .svg_fix import encode, finish_svg

DEFAULT_SCALE = 2.0  # PNG pixels per on-screen pixel
FORMATS = (".png", ".svg")
SLIDE_WIDTH = 1600  # output pixels: the least width of a panel exported from the window by default
MARGIN = 4  # on-screen pixels of the panel's background around its parts in a file: no text at its edge


class ExportError(ValueError):
    """A panel that cannot be written; the message is one line naming the file."""


class ExportWriteFailed(ExportError, RunFailure):
    """The file's write failed (its path was checked first): a failure at run time, not a bad input."""


def format_problem(path) -> str | None:
    """Why a panel cannot be written to ``path`` whatever its content ("x.jpg: the file name must end in .png
    or .svg"), or None: asked before the PNG's scale is (a .jpg was refused only after it)."""
    path = Path(path)
    return None if path.suffix.lower() in FORMATS else f"{file_name(path)}: the file name must end in .png or .svg"


def export_panel(parts, path, scale: float | None = None, laid_out: bool = False,
                 file_size: QSize | None = None) -> None:
    """Write a panel to ``path``: SVG for a ``.svg`` suffix, PNG for ``.png``.
    ``parts``: a widget, or a list of widgets stacked top to bottom (a plot and
    its caption, say), each painted as on screen. ``scale``: output pixels per
    on-screen pixel (the PNG's size, and the SVG's width and height, are the
    parts' size times ``scale``); by default ``slide_scale``. ``laid_out``: a
    file more than TEXT_SCALE times the panel's size is laid out larger, its text
    drawn at TEXT_SCALE times its size on screen and the plots given the rest of
    the room (``export_layout``; File › Export), not the panel drawn enlarged
    (``nnplay render``, which lays its panel out itself). ``file_size``: the file's size in pixels where it is not the
    parts' size times ``scale`` (``nnplay render``: the size asked, which a panel of whole on-screen pixels at
    ×2 misses by one at an odd height). Raises ExportError (one line)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if problem := format_problem(path):
        raise ExportError(problem)
    if problem := unwritable(path):  # before any painting
        raise ExportError(problem)
    with labels_fitted(parts):  # (before the scale: the panel's width is the plot's)
        scale = slide_scale(parts) if scale is None else scale
        if not (scale > 0 and math.isfinite(scale)):
            raise ExportError(f"{file_name(path)}: the scale must be a positive number, got {scale!r}")
        size = panel_size(parts)
        out = file_size or QSize(round(size.width() * scale), round(size.height() * scale))  # (the size promised)
        with _laid_out(parts, size, scale) if laid_out and can_lay_out(_parts(parts), scale / TEXT_SCALE) \
                else nullcontext(scale) as drawn:
            data = svg_bytes(parts, drawn, out) if suffix == ".svg" else png_bytes(parts, drawn, out)
    check_interrupt()  # a Ctrl+C while painting (nnplay render, interrupts.held): no file written
    try:
        with written_in_place(path) as part:  # whole or not at all
            part.write_bytes(data)
    except OSError as exc:
        raise ExportWriteFailed(cannot_write(path, exc)) from None


@contextmanager
def labels_fitted(parts):
    """A word-wrapped label among ``parts`` wider than the panel's other parts (the curves' key, shared by
    the loss and accuracy plots side by side, over the loss plot alone), or narrower (the output view's list of
    many classes, beside its scroll bar), laid out at their width for the time of one export: the file is as
    wide as what it shows (tester 16: the right 40% of Export › Loss curves was blank), and a text part is as
    wide as the panel."""
    width, unfitted = _fitted_width(_parts(parts))
    with resized([(w, QSize(width, w.heightForWidth(width))) for w in unfitted]):
        yield


TEXT_SCALE = 2.0  # a file's text at most twice its size on screen (a slide's, read from the back of a room)


@contextmanager
def _laid_out(parts, size: QSize, scale: float):
    """The parts laid out for a file ``scale`` times the panel's ``size`` (export_layout): its text and lines
    drawn at most TEXT_SCALE times their size on screen (a 230-pixel panel at the slide width, ×7, had
    7-times digits and lines, its plot a thumbnail magnified), the rest of the room given to its plots,
    as ``nnplay render`` does (laid out at half its size, drawn at ×2). Yields the scale they are drawn at."""
    text = min(scale, TEXT_SCALE)
    width = round(size.width() * scale / text) - 2 * MARGIN
    height = round(size.height() * scale / text) - 2 * MARGIN
    with laid_out_at(_parts(parts), width, height):
        yield text


def slide_scale(parts) -> float:
    """Output pixels per on-screen pixel that make the parts at least
    SLIDE_WIDTH pixels wide (and never less than DEFAULT_SCALE)."""
    return max(DEFAULT_SCALE, SLIDE_WIDTH / max(1, panel_size(parts).width()))


def panel_size(parts) -> QSize:
    """The on-screen size of the parts stacked, as exported: the widest part's width (a wrapped label's
    only when nothing else is wider, see labels_fitted), the heights added, and MARGIN all round (a
    caption's, a key's or an axis's text at a part's edge was at the file's: tester 16, round 17)."""
    parts = _parts(parts)
    width, unfitted = _fitted_width(parts)
    height = sum(w.heightForWidth(width) if w in unfitted else w.height() for w in parts)
    return QSize(width + 2 * MARGIN, height + 2 * MARGIN)


def _fitted_width(parts: list) -> tuple[int, list]:
    """The width of the panel of ``parts``, and its word-wrapped labels of another width (laid out at it)."""
    others = [w.width() for w in parts if not (isinstance(w, QLabel) and w.wordWrap())]
    width = max(others) if others else max(w.width() for w in parts)
    return width, [w for w in parts if isinstance(w, QLabel) and w.wordWrap() and w.width() != width]


def png_bytes(parts, scale: float = DEFAULT_SCALE, out: QSize | None = None) -> bytes:
    """The parts painted into a PNG of their size times ``scale`` (a device pixel
    ratio, so text, lines and symbols are drawn sharp at that size, not enlarged);
    ``out``: the file's size in pixels, if not that (a panel laid out for it, within a pixel)."""
    return encode(panel_image(parts, scale, out))


def panel_image(parts, scale: float = DEFAULT_SCALE, out: QSize | None = None) -> QImage:
    """The parts painted into an image of their size times ``scale``, or of size ``out`` (see png_bytes)."""
    parts, size = _parts(parts), panel_size(parts)
    image = QImage(out or QSize(round(size.width() * scale), round(size.height() * scale)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(_background(parts))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _paint(parts, painter)
    finally:
        painter.end()
    return image


def svg_bytes(parts, scale: float = DEFAULT_SCALE, out: QSize | None = None) -> bytes:
    """The parts painted into an SVG document (see the module's notes; ``out``: see png_bytes)."""
    from PySide6.QtSvg import QSvgGenerator

    parts, size = _parts(parts), panel_size(parts)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # SVG Tiny 1.2, without clip paths: Qt 6.7's SVG 1.1 clipping keeps a stale clip
    # (a plot title's) for the items painted after it, which hides the axes
    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
    gen.setSize(size)
    gen.setViewBox(QRect(QPoint(0, 0), size))
    gen.setResolution(round(parts[0].logicalDpiX()))
    gen.setTitle("nnplay")
    painter = QPainter(gen)
    try:
        painter.fillRect(QRect(QPoint(0, 0), size), _background(parts))
        with marked_views([i for part in parts for i in _graphics_items(part)]):  # (each plot clipped: svg_clip)
            _paint(parts, painter)
    finally:
        painter.end()
    out = out or QSize(round(size.width() * scale), round(size.height() * scale))
    return finish_svg(bytes(buffer.data()), out, scale)


# ---------------------------------------------------------------- helpers
def _shown(*labels) -> list:
    """The labels that say something now (a note the window shows only when it applies)."""
    return [w for w in labels if not w.isHidden() and w.text()]


def _parts(parts) -> list:
    return [parts] if isinstance(parts, QWidget) else list(parts)


def _paint(parts: list, painter: QPainter) -> None:
    """Paint each part, and each visible widget inside it, at its place; a
    graphics view paints its scene in export mode. (One widget at a time under
    a translated painter: QWidget.render's own descent into child widgets
    writes their clip paths to an SVG without their offset.)"""
    flags = QWidget.RenderFlag.DrawWindowBackground
    painter.translate(MARGIN, 0)  # (the file's margin: see panel_size)
    top = MARGIN
    for part in parts:
        if not _graphics_items(part):  # plain widgets: Qt paints the tree, clipped as on screen
            QWidget.render(part, painter, QPoint(0, top), renderFlags=flags | QWidget.RenderFlag.DrawChildren)
            top += part.height()
            continue
        with _export_mode(part, painter):
            for w in [part, *part.findChildren(QWidget)]:
                if w is not part and (not w.isVisibleTo(part) or _inside_view(w, part)):
                    continue
                seen = _seen_rect(w, part)  # a widget scrolled out of its scroll area is not drawn
                if seen.isEmpty():
                    continue
                painter.save()
                painter.translate(QPointF(w.mapTo(part, QPoint(0, 0))) + QPointF(0, top))
                painter.setClipRect(seen)  # (a PNG's clip; an SVG has none: a panel is laid out to show all)
                if isinstance(w, QGraphicsView):
                    w.render(painter, QRectF(0, 0, w.width(), w.height()), w.viewport().rect())
                else:
                    QWidget.render(w, painter, QPoint(), renderFlags=flags)
                painter.restore()
        top += part.height()


def _seen_rect(w: QWidget, root: QWidget) -> QRect:
    """The part of ``w`` (in its own coordinates) that its parents up to ``root`` show."""
    seen, parent, at = w.rect(), w.parentWidget(), QPoint(0, 0)
    while parent is not None and w is not root:
        at += w.pos()
        seen &= parent.rect().translated(-at)
        if parent is root:
            break
        w, parent = parent, parent.parentWidget()
    return seen


def _inside_view(w: QWidget, root: QWidget) -> bool:
    parent = w.parentWidget()
    while parent is not None and parent is not root.parentWidget():
        if isinstance(parent, QGraphicsView):
            return True
        parent = parent.parentWidget()
    return False


def _graphics_items(widget: QWidget) -> list:
    views = [widget] if isinstance(widget, QGraphicsView) else []
    views += widget.findChildren(QGraphicsView)
    return [item for view in views if view.scene() is not None for item in view.scene().items()]


@contextmanager
def _export_mode(widget: QWidget, painter: QPainter):
    """pyqtgraph items in export mode for the time of one painting (GraphicsItem.setExportMode)."""
    items = [i for i in _graphics_items(widget) if hasattr(i, "setExportMode")]
    opts = {"antialias": True, "painter": painter, "resolutionScale": 1.0}
    for item in items:
        item.setExportMode(True, dict(opts))
    try:
        yield
    finally:
        for item in items:
            item.setExportMode(False)


def _background(parts: list) -> QColor:
    """The colour behind the panel: its plots' background, else the window colour."""
    for part in parts:
        for view in ([part] if isinstance(part, QGraphicsView) else part.findChildren(QGraphicsView)):
            brush = view.backgroundBrush()
            if brush.style() != Qt.BrushStyle.NoBrush:
                return brush.color()
    return parts[0].palette().color(parts[0].backgroundRole())


# ---------------------------------------------------------------- panels
PANELS = {
    "output": "the network's output over the plane with the data, and its colour key",
    "network": "the network diagram: each neuron's output, the weights as lines, and its key",
    "loss": "training and test loss per epoch",
    "accuracy": "training and test accuracy per epoch (classification)",
    "gradients": "the gradient dW[l] of every layer as a heatmap, and its colour scale",
    "norms": "the gradient norm |dW[l]| of every layer per epoch",
    "hidden": "the data as a hidden layer of 2 or 3 neurons sees it, and its key",
    "metrics": "the confusion matrix with precision and recall, or RMSE and R², on training and test data",
    "inspector": "the backprop inspector: one mini-batch's step through every equation",
    "landscape": "the loss over a plane through the weights, the weights' path on it, and its key",
    "distributions": "every layer's W, Z, A and dW over the epochs as percentile bands, and the health findings",
}


# what each panel is called in a dialog's title ("Export the decision boundary"; "Export the panel" said nothing:
# tester 22), as File › Export calls it ("Decision boundary as PNG or SVG…": the dialog said "the output view")
PANEL_NAMES = {"output": "the decision boundary", "network": "the network diagram", "loss": "the loss curves",
               "accuracy": "the accuracy curves", "gradients": "the gradient heatmaps", "norms": "the gradient norms",
               "hidden": "the hidden space", "metrics": "the metrics", "inspector": "the backprop inspector",
               "landscape": "the loss landscape", "distributions": "the distributions"}


def export_view(views, name: str, path, scale: float | None = None, laid_out: bool = False,
                file_size: QSize | None = None) -> None:
    """Write panel ``name`` of ``views`` (see panel_parts) to ``path`` (scale, laid_out, file_size: see
    export_panel); the Distributions' health findings whole (``DistributionsView.findings_whole``), never elided."""
    with views.distributions.findings_whole() if name == "distributions" else nullcontext():
        export_panel(panel_parts(views, name), path, scale, laid_out, file_size)


def panel_parts(views, name: str) -> list:
    """The widgets that make up panel ``name`` of ``views`` (the window, or the
    headless renderer's views: any object with ``boundary``, ``curves``,
    ``gradients``, ``diagram``, ``hidden_space``, ``metrics``, ``inspector``
    and ``landscape``), top to bottom. ExportError for a panel with nothing to show."""
    if name not in PANELS:
        raise ExportError(f"unknown panel {shown(name)}; the panels are {', '.join(PANELS)}")
    if name == "hidden" and views.hidden_space.layer.count() == 0:
        raise ExportError("the hidden space needs a hidden layer of exactly 2 or 3 neurons")
    if name == "hidden" and not views.hidden_space.has_picture:
        raise ExportError("the hidden space is not computed yet: open the Hidden space tab, then export again")
    if name == "distributions" and not views.distributions.has_records:
        raise ExportError("no distributions recorded yet: open the Distributions tab, then export again")
    if name == "metrics" and not views.metrics.label.text():
        raise ExportError("the metrics are not computed yet: open the Metrics tab, then export again")
    if name == "landscape" and (views.landscape.landscape is None or views.landscape.landscape.grid is None):
        raise ExportError("the loss landscape is not computed yet: open Run › Loss landscape, then export again")
    return {
        "output": lambda: [views.boundary.plot, views.boundary.caption, *_shown(views.boundary.class_list.label)],
        "network": lambda: [views.diagram.canvas, views.diagram.key,
                            *_shown(views.diagram.zero_count, views.diagram.undefined_label)],
        "loss": lambda: [*_shown(views.curves.zero_note), views.curves.key, views.curves.loss_plot],
        "accuracy": lambda: [views.curves.key, views.curves.acc_plot],  # (the key above is the key of both)
        "gradients": lambda: [views.gradients.scale_label, views.gradients.maps_widget,
                              *_shown(views.gradients.notes)],
        "norms": lambda: [views.gradients.legend, views.gradients.norm_plot],
        "hidden": lambda: [*_shown(views.hidden_space.message), views.hidden_space.plot, views.hidden_space.key],
        "metrics": lambda: [views.metrics.label],
        "inspector": lambda: [views.inspector],
        "landscape": lambda: [views.landscape.plot, views.landscape.caption],
        "distributions": lambda: [*_shown(views.distributions.health), views.distributions.plots, views.distributions.caption],
    }[name]()
