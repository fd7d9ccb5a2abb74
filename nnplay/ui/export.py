"""Panel export: a panel as a PNG at a chosen scale, or as an SVG whose axes,
ticks and data share one coordinate system at any screen DPI.

Both paint the panel's widget tree (so whatever the panel shows beside its
plot, a colour key or a caption, comes along) with pyqtgraph's *export mode*
switched on for every graphics item, as pyqtgraph's own exporters do
(``pyqtgraph/exporters/ImageExporter.py``): a ``ScatterPlotItem`` then draws
each point as a vector symbol in its own brush, instead of copying it from the
cached symbol atlas (an SVG would otherwise hold the whole atlas bitmap for
every point).

SVG: pyqtgraph's ``SVGExporter`` cannot parse the paths Qt >= 6.7 writes
(pyqtgraph issue #3485), so the panel is painted with Qt's ``QSvgGenerator``
directly, as SVG Tiny 1.2 without clip paths (Qt's SVG 1.1 clipping keeps a
stale clip for the items painted after a plot title, which hides the axes).
Three of its habits are corrected here:

- its resolution is 72 dpi, while pyqtgraph caches axes as ``QPicture``s
  recorded at the screen's logical DPI; a picture replayed on a device of
  another DPI is rescaled, which put the axes at 72/96 of the data's scale.
  The generator gets the panel's own logical DPI;
- an image is embedded at its data's size (a 2x4 gradient is a 2x4-pixel
  PNG), and renderers smooth it when they stretch it. Each image is enlarged
  here, pixel by pixel (nearest neighbour), to at least the size it is drawn
  at, and marked ``image-rendering="optimizeSpeed"``;
- a cosmetic pen is written as ``vector-effect="non-scaling-stroke"``, which
  SVG 1.1 renderers (librsvg) ignore, so a 1-pixel point outline under a
  6x symbol transform became 6 pixels wide. Such strokes are baked: their
  coordinates mapped through the group's matrix, their width in output pixels
  as Qt draws them in a PNG.

Width and height are written in pixels (the output size), the view box in the
panel's logical pixels, so any renderer draws the SVG at the PNG's size.
"""

from __future__ import annotations

import base64
import math
import re
from contextlib import contextmanager
from pathlib import Path
from xml.dom import minidom

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsView, QWidget

DEFAULT_SCALE = 2.0  # PNG pixels per on-screen pixel
MAX_IMAGE_SIDE = 4096  # an embedded SVG image is never enlarged beyond this many pixels a side
FORMATS = (".png", ".svg")
KEY_HEIGHT = 48  # on-screen pixels of the colour key below a panel with a heatmap


class ExportError(ValueError):
    """A panel that cannot be written; the message is one line naming the file."""


def export_panel(parts, path, scale: float = DEFAULT_SCALE, key: bool = False) -> None:
    """Write a panel to ``path``: SVG for a ``.svg`` suffix, PNG for ``.png``.
    ``parts``: a widget, or a list of widgets stacked top to bottom (a plot and
    its caption, say), each painted as on screen; with ``key``, below them a
    colour key of their first heatmap (``colour_key``), KEY_HEIGHT on-screen
    pixels high. ``scale``: output pixels
    per on-screen pixel (the PNG's size, and the SVG's width and height, are
    the parts' size times ``scale``). Raises ExportError (one line)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"{path}: the file name must end in .png or .svg")
    if not (scale > 0 and math.isfinite(scale)):
        raise ExportError(f"{path}: the scale must be a positive number, got {scale!r}")
    key = colour_key(parts) if key else None
    try:
        parts = _parts(parts) + ([key] if key is not None else [])
        data = svg_bytes(parts, scale) if suffix == ".svg" else png_bytes(parts, scale)
    finally:
        if key is not None:
            key.close()
            key.deleteLater()
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror or exc}") from None


def panel_size(parts) -> QSize:
    """The on-screen size of the parts stacked: the widest part's width, the heights added."""
    parts = _parts(parts)
    return QSize(max(w.width() for w in parts), sum(w.height() for w in parts))


def png_bytes(parts, scale: float = DEFAULT_SCALE) -> bytes:
    """The parts painted into a PNG of their size times ``scale`` (a device pixel
    ratio, so text, lines and symbols are drawn sharp at that size, not enlarged)."""
    parts, size = _parts(parts), panel_size(parts)
    image = QImage(QSize(round(size.width() * scale), round(size.height() * scale)),
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
    return _encode(image)


def svg_bytes(parts, scale: float = DEFAULT_SCALE) -> bytes:
    """The parts painted into an SVG document (see the module's notes)."""
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
        _paint(parts, painter)
    finally:
        painter.end()
    out = QSize(round(size.width() * scale), round(size.height() * scale))
    return _finish_svg(bytes(buffer.data()), out, scale)


def key_image(parts):
    """The heatmap a colour key describes: the first visible ImageItem in the
    parts that maps values through a lookup table (None for RGB pictures)."""
    import pyqtgraph as pg

    for part in _parts(parts):
        for item in sorted(_graphics_items(part), key=lambda i: (i.scenePos().y(), i.scenePos().x())):
            if isinstance(item, pg.ImageItem) and item.isVisible() and item.image is not None and \
                    item.image.ndim == 2 and item.lut is not None and item.getLevels() is not None:
                return item
    return None


def colour_key(parts):
    """A horizontal colour bar (pyqtgraph's ColorBarItem) with the levels and the
    lookup table of the parts' first heatmap, as wide as the parts; None when
    they have no such heatmap. The caller closes it."""
    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    image = key_image(parts)
    if image is None:
        return None
    # the values the scale's ends stand for (a view may scale its values to 0..1 itself)
    lo, hi = getattr(image, "key_levels", None) or (float(v) for v in np.ravel(image.getLevels())[:2])
    lut = np.asarray(image.lut)
    cmap = pg.ColorMap(np.linspace(0.0, 1.0, len(lut)), lut[:, :3])
    key = pg.GraphicsLayoutWidget()
    key.setObjectName("colour_key")
    key.setBackground(_background(_parts(parts)))
    key.ci.setContentsMargins(40, 2, 40, 2)
    key.addItem(pg.ColorBarItem(values=(lo, hi), colorMap=cmap, interactive=False, orientation="horizontal",
                                width=14))
    key.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    key.resize(panel_size(parts).width(), KEY_HEIGHT)
    key.show()
    QApplication.sendPostedEvents()  # lay the bar out before it is painted
    return key


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
    top = 0
    for part in parts:
        if not _graphics_items(part):  # plain widgets: Qt paints the tree, clipped as on screen
            QWidget.render(part, painter, QPoint(0, top), renderFlags=flags | QWidget.RenderFlag.DrawChildren)
            top += part.height()
            continue
        with _export_mode(part, painter):
            for w in [part, *part.findChildren(QWidget)]:
                if w is not part and (not w.isVisibleTo(part) or _inside_view(w, part)):
                    continue
                painter.save()
                painter.translate(QPointF(w.mapTo(part, QPoint(0, 0))) + QPointF(0, top))
                if isinstance(w, QGraphicsView):
                    w.render(painter, QRectF(0, 0, w.width(), w.height()), w.viewport().rect())
                else:
                    QWidget.render(w, painter, QPoint(), renderFlags=flags)
                painter.restore()
        top += part.height()


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


def _encode(image: QImage, fmt: str = "PNG") -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, fmt)
    return bytes(data.data())


_MATRIX = re.compile(r"matrix\(([^)]*)\)")


def _scale_of(element) -> tuple[float, float]:
    """How much the transforms of ``element``'s ancestors stretch it along x and y."""
    sx = sy = 1.0
    node = element.parentNode
    while node is not None and node.nodeType == node.ELEMENT_NODE:
        m = _MATRIX.search(node.getAttribute("transform") or "")
        if m:
            a, b, c, d = (float(v) for v in m.group(1).replace(",", " ").split()[:4])
            sx, sy = sx * math.hypot(a, b), sy * math.hypot(c, d)
        node = node.parentNode
    return sx, sy


def _finish_svg(svg: bytes, out: QSize, scale: float) -> bytes:
    """Pixel width and height; every embedded image enlarged by nearest neighbour."""
    doc = minidom.parseString(svg)
    root = doc.documentElement
    root.setAttribute("width", f"{out.width()}px")
    root.setAttribute("height", f"{out.height()}px")
    for element in doc.getElementsByTagName("image"):
        _sharpen(element, scale)
    for rect in doc.getElementsByTagName("rect"):
        if rect.getAttribute("vector-effect") == "non-scaling-stroke":
            _rect_to_path(rect)
    for tag in ("path", "polyline", "polygon"):
        for element in doc.getElementsByTagName(tag):
            if element.getAttribute("vector-effect") == "non-scaling-stroke":
                _unscale_stroke(element, scale)
    return doc.toxml(encoding="UTF-8")


def _rect_to_path(rect) -> None:
    """The same rectangle as a <path>, whose corners _unscale_stroke can map."""
    x, y, w, h = (float(rect.getAttribute(k) or 0) for k in ("x", "y", "width", "height"))
    path = rect.ownerDocument.createElement("path")
    for name, value in rect.attributes.items():
        if name not in ("x", "y", "width", "height"):
            path.setAttribute(name, value)
    path.setAttribute("d", f"M{x:g},{y:g} L{x + w:g},{y:g} L{x + w:g},{y + h:g} L{x:g},{y + h:g} Z")
    rect.parentNode.replaceChild(path, rect)


_PAIR = re.compile(r"(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?),(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)")


def _unscale_stroke(element, scale: float) -> None:
    """A cosmetic pen: Qt writes ``vector-effect="non-scaling-stroke"`` (a width
    in output pixels, as Qt draws it in a PNG), which SVG 1.1 renderers such as
    librsvg ignore. Under a scaling group, map the coordinates through the
    group's matrix M and give the element M's inverse, so the shape lands where
    it did while its stroke is not stretched; then give the width in view-box
    units (the output's pixels divided by ``scale``)."""
    parent = element.parentNode
    m = _MATRIX.search(parent.getAttribute("transform") or "") if parent.nodeType == parent.ELEMENT_NODE else None
    a, b, c, d, e, f = (float(v) for v in m.group(1).replace(",", " ").split()[:6]) if m else (1, 0, 0, 1, 0, 0)
    det = a * d - b * c
    if det != 0 and (a, b, c, d) != (1.0, 0.0, 0.0, 1.0):
        def mapped(match):
            x, y = float(match.group(1)), float(match.group(2))
            return f"{a * x + c * y + e:.6g},{b * x + d * y + f:.6g}"

        attr = "d" if element.tagName == "path" else "points"
        element.setAttribute(attr, _PAIR.sub(mapped, element.getAttribute(attr)))
        ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
        ie, if_ = -(ia * e + ic * f), -(ib * e + id_ * f)
        element.setAttribute("transform", f"matrix({ia:.9g},{ib:.9g},{ic:.9g},{id_:.9g},{ie:.9g},{if_:.9g})")
    width = float(_inherited(element, "stroke-width") or 1.0)
    element.setAttribute("stroke-width", f"{width / scale:.6g}")
    element.removeAttribute("vector-effect")


def _inherited(element, name: str) -> str:
    node = element
    while node is not None and node.nodeType == node.ELEMENT_NODE:
        if node.getAttribute(name):
            return node.getAttribute(name)
        node = node.parentNode
    return ""


def _repeat_pixels(image: QImage, k: int) -> QImage:
    """Each pixel as a k x k block (QImage.scaled's fast mode is not exact: its
    rows come out up to 15% uneven)."""
    import numpy as np

    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    h, w = image.height(), image.width()
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(h, image.bytesPerLine())[:, :4 * w]
    big = np.ascontiguousarray(np.repeat(np.repeat(rows.reshape(h, w, 4), k, axis=0), k, axis=1))
    return QImage(big.data, w * k, h * k, 4 * w * k, QImage.Format.Format_ARGB32).copy()


def _sharpen(element, scale: float) -> None:
    href = element.getAttribute("xlink:href")
    head, _, payload = href.partition(",")
    if not head.startswith("data:image/") or not payload:
        return
    image = QImage.fromData(base64.b64decode(payload))
    if image.isNull() or image.width() == 0 or image.height() == 0:
        return
    sx, sy = _scale_of(element)
    wanted = max(float(element.getAttribute("width") or 0) * sx * scale / image.width(),
                 float(element.getAttribute("height") or 0) * sy * scale / image.height())
    k = max(1, min(math.ceil(wanted), MAX_IMAGE_SIDE // max(image.width(), image.height())))
    if k > 1:
        image = _repeat_pixels(image, k)
    element.setAttribute("xlink:href", "data:image/png;base64," + base64.b64encode(_encode(image)).decode("ascii"))
    element.setAttribute("image-rendering", "optimizeSpeed")
    element.setAttribute("style", "image-rendering:pixelated")


# ---------------------------------------------------------------- panels
KEYED = ("output", "gradients")  # panels exported with a colour key below them
PANELS = {
    "output": "the network's output over the plane with the data, and its colour key",
    "network": "the network diagram: each neuron's output, the weights as lines",
    "loss": "training and test loss per epoch",
    "accuracy": "training and test accuracy per epoch (classification)",
    "gradients": "the gradient dW[l] of every layer as a heatmap, and its colour scale",
    "norms": "the gradient norm |dW[l]| of every layer per epoch",
    "inspector": "the backprop inspector: one mini-batch's step through every equation",
}


def export_view(views, name: str, path, scale: float = DEFAULT_SCALE) -> None:
    """Write panel ``name`` of ``views`` (see panel_parts) to ``path``, with its colour key."""
    export_panel(panel_parts(views, name), path, scale, key=name in KEYED)


def panel_parts(views, name: str) -> list:
    """The widgets that make up panel ``name`` of ``views`` (the window, or the
    headless renderer's views: any object with ``boundary``, ``curves``,
    ``gradients``, ``diagram`` and ``inspector``), top to bottom."""
    if name not in PANELS:
        raise ExportError(f"unknown panel {name!r}; the panels are {', '.join(PANELS)}")
    return {
        "output": lambda: [views.boundary.plot, views.boundary.caption],
        "network": lambda: [views.diagram.canvas, *_shown(views.diagram.zero_count, views.diagram.undefined_label)],
        "loss": lambda: [views.curves.loss_plot, *_shown(views.curves.zero_note)],
        "accuracy": lambda: [views.curves.acc_plot],
        "gradients": lambda: [views.gradients.scale_label, views.gradients.maps_widget,
                              *_shown(views.gradients.notes)],
        "norms": lambda: [views.gradients.norm_plot],
        "inspector": lambda: [views.inspector],
    }[name]()
