"""SVG as librsvg draws it: the corrections a QSvgGenerator document needs.

SVG: pyqtgraph's ``SVGExporter`` cannot parse the paths Qt >= 6.7 writes
(pyqtgraph issue #3485), so the panel is painted with Qt's ``QSvgGenerator``
directly, as SVG Tiny 1.2 without clip paths (Qt's SVG 1.1 clipping keeps a
stale clip for the items painted after a plot title, which hides the axes).
Four of its habits are corrected here:

- its resolution is 72 dpi, while pyqtgraph caches axes as ``QPicture``s
  recorded at the screen's logical DPI; a picture replayed on a device of
  another DPI is rescaled, which put the axes at 72/96 of the data's scale.
  The generator gets the panel's own logical DPI;
- an image is embedded at its data's size (a 2x4 gradient is a 2x4-pixel
  PNG), and renderers smooth it when they stretch it. Each image is enlarged
  here, pixel by pixel (nearest neighbour), to at least the size it is drawn
  at, and marked ``image-rendering="optimizeSpeed"``;
- a matrix of extreme scale (values ~1e150 on a plot) draws nothing in librsvg: the shapes under
  it are mapped through it, the matrix made the identity;
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
from xml.dom import minidom

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage

from .svg_clip import clip_marked

MAX_IMAGE_SIDE = 4096  # an embedded SVG image is never enlarged beyond this many pixels a side


def encode(image: QImage, fmt: str = "PNG") -> bytes:
    """``image`` as the bytes of a ``fmt`` file."""
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


def finish_svg(svg: bytes, out: QSize, scale: float) -> bytes:
    """Pixel width and height; every plot's contents clipped to it (``svg_clip``); every embedded image
    enlarged by nearest neighbour."""
    doc = minidom.parseString(svg)
    clip_marked(doc)
    root = doc.documentElement
    root.setAttribute("width", f"{out.width()}px")
    root.setAttribute("height", f"{out.height()}px")
    for group in doc.getElementsByTagName("g"):
        _bake_extreme(group)
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


EXTREME_SCALE = 1e12  # a group's matrix stretching or shrinking more than this (weights ~1e150 on a plot's axis)


def _bake_extreme(group) -> None:
    """A group whose matrix scales beyond EXTREME_SCALE either way (a plot of values ~1e150: 1e-149 of a
    pixel per unit) has its shapes' coordinates mapped through it and an identity matrix: librsvg drew
    nothing under such a matrix (the Distributions tab's bands and medians at weights ~1e150), nor under
    the inverse that ``_unscale_stroke`` gave a cosmetic stroke there."""
    m = _MATRIX.search(group.getAttribute("transform") or "")
    if not m:
        return
    a, b, c, d, e, f = (float(v) for v in m.group(1).replace(",", " ").split()[:6])
    if all(1 / EXTREME_SCALE < k < EXTREME_SCALE for k in (math.hypot(a, b), math.hypot(c, d))):
        return

    def mapped(match):
        x, y = float(match.group(1)), float(match.group(2))
        return f"{a * x + c * y + e:.6g},{b * x + d * y + f:.6g}"

    for child in [n for n in group.childNodes if n.nodeType == n.ELEMENT_NODE]:
        if child.tagName == "rect":
            child = _rect_to_path(child)
        attr = {"path": "d", "polyline": "points", "polygon": "points"}.get(child.tagName)
        if attr is None or child.getAttribute("transform"):
            continue
        child.setAttribute(attr, _PAIR.sub(mapped, child.getAttribute(attr)))
    group.setAttribute("transform", "matrix(1,0,0,1,0,0)")


def _rect_to_path(rect):
    """The same rectangle as a <path>, whose corners _unscale_stroke can map."""
    x, y, w, h = (float(rect.getAttribute(k) or 0) for k in ("x", "y", "width", "height"))
    path = rect.ownerDocument.createElement("path")
    for name, value in rect.attributes.items():
        if name not in ("x", "y", "width", "height"):
            path.setAttribute(name, value)
    path.setAttribute("d", f"M{x:g},{y:g} L{x + w:g},{y:g} L{x + w:g},{y + h:g} L{x:g},{y + h:g} Z")
    rect.parentNode.replaceChild(path, rect)
    return path


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
    element.setAttribute("xlink:href", "data:image/png;base64," + base64.b64encode(encode(image)).decode("ascii"))
    element.setAttribute("image-rendering", "optimizeSpeed")
    element.setAttribute("style", "image-rendering:pixelated")


