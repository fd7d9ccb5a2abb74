"""What is under the pointer in the network diagram: a neuron (or an input's
name), a "more" node, a link or a summary link, found in pixels (a link is
hit within HOVER_PX of its line, whatever the zoom)."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF

HOVER_PX = 5.0


def hit(d, scene_pos):
    """What is at ``scene_pos`` in diagram ``d``: ("node", l, i), ("more", l),
    ("edge", l, i, j) for the link into neuron i of layer l from neuron j of
    layer l-1, ("summary", l, k) for summary link k into layer l, or None."""
    p = d.view.mapSceneToView(scene_pos)
    for l, col in enumerate(d.nodes):
        for i, (_, rect) in enumerate(col):
            if rect.contains(p):
                return ("node", l, i)
    for l, more in enumerate(d.bounds.more):
        if more and (more[0].contains(p) or more[2].sceneBoundingRect().contains(scene_pos)):
            return ("more", l)
    for i, label in enumerate(d._labels):  # an input's name: the input
        if label.isVisible() and label.sceneBoundingRect().contains(scene_pos):
            return ("node", 0, i)
    return _link_at(d, scene_pos)


def _link_at(d, scene_pos):
    best, best_d = None, HOVER_PX

    def distance(line) -> float:
        ln = line.line()
        return distance_to_segment(scene_pos, d.view.mapViewToScene(ln.p1()), d.view.mapViewToScene(ln.p2()))

    for l, grid in enumerate(d.edges, start=1):
        for (i, j), line in np.ndenumerate(grid):
            dist = distance(line)
            if dist < best_d:
                best, best_d = ("edge", l, i, j), dist
    for l, links in enumerate(d.bounds.links, start=1):
        for k, (line, _, _) in enumerate(links):
            dist = distance(line)
            if dist < best_d:
                best, best_d = ("summary", l, k), dist
    return best


def distance_to_segment(p: QPointF, a: QPointF, b: QPointF) -> float:
    """The distance from ``p`` to the segment from ``a`` to ``b`` (same units)."""
    ax, ay, bx, by, px, py = a.x(), a.y(), b.x(), b.y(), p.x(), p.y()
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))
