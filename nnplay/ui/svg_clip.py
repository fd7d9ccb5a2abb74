"""An SVG export clipped to each plot, as its PNG is.

The SVG is painted as SVG Tiny 1.2 without clip paths (see ``svg_fix``), so what a
plot clips on screen and in a PNG (a ``ViewBox`` clips its children to its rectangle:
a loss curve's spike beyond the range, the Distributions tab's bands cut at the scale)
was drawn over the axes, the key and the caption (tester 16, loss_cmp.png, dist_cmp.png).

``marked_views`` gives every ``ViewBox`` two marker items while the SVG is painted: one
below all its children, painting the view's rectangle in ``BEGIN``'s colour, one above
them in ``END``'s. QSvgGenerator writes one flat list of ``<g>`` state groups, in
painting order; ``clip_marked`` takes the markers out of the document and puts the
groups painted between them into a ``<g clip-path>`` whose ``<clipPath>`` is the begin
marker's rectangle with its transform: the view's rectangle, where the PNG is clipped.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem

BEGIN, END = "#01fe03", "#03fe01"  # colours no panel paints a whole rectangle in
BELOW_ALL, ABOVE_ALL = -1e9, 1e9  # the markers' z among the view's children


class _Marker(QGraphicsItem):
    """A child of a ViewBox that paints the view's rectangle in one marker colour."""

    def __init__(self, view, colour: str, z: float):
        super().__init__(view)
        self.view, self.colour = view, QColor(colour)
        self.setZValue(z)

    def boundingRect(self) -> QRectF:
        return self.view.rect()

    def paint(self, painter, option, widget=None) -> None:
        painter.fillRect(self.view.rect(), self.colour)


@contextmanager
def marked_views(items):
    """Every ViewBox among ``items`` (graphics items) marked for ``clip_marked`` for the time of one painting."""
    from pyqtgraph import ViewBox

    markers = [_Marker(view, colour, z) for view in items if isinstance(view, ViewBox)
               for colour, z in ((BEGIN, BELOW_ALL), (END, ABOVE_ALL))]
    try:
        yield
    finally:
        for marker in markers:
            if marker.scene() is not None:
                marker.scene().removeItem(marker)


def _marker(group) -> str | None:
    fill = (group.getAttribute("fill") or "").lower()
    return fill if fill in (BEGIN, END) else None


def clip_marked(doc) -> None:
    """Clip what is painted between each pair of markers of ``doc`` (a minidom document of a
    QSvgGenerator SVG) to the begin marker's rectangle; the markers removed. SVG 1.1 then."""
    root = doc.documentElement
    defs = (doc.getElementsByTagName("defs") or [None])[0]
    if defs is None:
        defs = root.insertBefore(doc.createElement("defs"), root.firstChild)
    clipped = 0
    for top in [g for g in doc.getElementsByTagName("g") if g.parentNode is not None]:
        groups = [g for g in top.childNodes if g.nodeType == g.ELEMENT_NODE and g.tagName == "g"]
        if not any(_marker(g) for g in groups):
            continue
        stack = []  # (the clip group being filled, its begin marker's group)
        for group in groups:
            kind = _marker(group)
            if kind == BEGIN:
                clipped += 1
                shape = next(c for c in group.childNodes if c.nodeType == c.ELEMENT_NODE).cloneNode(True)
                if group.getAttribute("transform"):
                    shape.setAttribute("transform", group.getAttribute("transform"))
                clip = doc.createElement("clipPath")
                clip.setAttribute("id", f"nnplay-view-{clipped}")
                clip.appendChild(shape)
                defs.appendChild(clip)
                wrapper = doc.createElement("g")
                wrapper.setAttribute("clip-path", f"url(#nnplay-view-{clipped})")
                group.parentNode.removeChild(group) if stack else group.parentNode.replaceChild(wrapper, group)
                if stack:  # (a view inside a view: clipped by both)
                    stack[-1].appendChild(wrapper)
                stack.append(wrapper)
            elif kind == END:
                group.parentNode.removeChild(group)
                if stack:
                    stack.pop()
            elif stack:
                group.parentNode.removeChild(group)
                stack[-1].appendChild(group)
        break  # (QSvgGenerator's groups are the children of one top group)
    if clipped:
        root.setAttribute("version", "1.1")
        root.removeAttribute("baseProfile")
