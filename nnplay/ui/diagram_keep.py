"""A new run drawn in the network diagram's items of the last one where the drawing is the same.

A Reset, a new seed, another data set, activation or dropout on the same layer sizes (and the
test suite's shared window at each reset) draws the same squares, titles, names and links in the
same places: ``NetworkDiagram.set_run`` then keeps every item (the thumbnails' atlas, the hatches,
the links, the titles, names and activation labels, the "more" nodes and summary links) and sets
each back to the state a new one has before the run's first frame (``reset_drawing``), instead of
clearing the view and making them all again (about 350 items for a wide network: two thirds of
drawing a new network). The layout is done again only where its inputs changed (the view's size
or font, the activation labels' texts: ``NetworkDiagram._fit``).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QPen

from .diagram_bounds import shown_units


def drawing_shape(d, sizes, names, cap: int) -> tuple:
    """What diagram ``d``'s items are made from for a network of layer ``sizes`` with input
    ``names``, drawing at most ``cap`` neurons a layer: the sizes, the neurons drawn a layer, the
    names, and the palette's colours of the texts and of the "more" captions' fill (RGBA ints).
    Two runs of the same shape draw the same items in the same places."""
    shown = tuple(len(shown_units(n, cap)) for n in sizes)
    fill = d.palette().color(d.backgroundRole()).rgba()
    return (tuple(sizes), shown, tuple(names), d.text_colour(0.75).rgba(), d.text_colour(0.85).rgba(), fill)


def can_keep(d, shape: tuple) -> bool:
    """Whether diagram ``d`` holds the items of a drawing of ``shape`` (``drawing_shape``), still in its view."""
    return (shape == d.drawn_shape and d.atlas is not None and d.links is not None
            and d.atlas.scene() is d.view.scene() is not None)


def reset_drawing(d) -> None:
    """Diagram ``d``'s items as a new drawing's are before its first frame: the thumbnails blank
    (transparent) and not greyed, no hatch shown, no link drawn and no mark's pen, the summary
    links in a new line's pen, and no lock (the marks' items are removed from the view)."""
    for item in d.marks.locks:
        d.view.removeItem(item)
    atlas = d.atlas
    atlas.rgba[...] = 0  # (the resolution kept: the QImages are views of this array)
    atlas.opacities[:] = 1.0
    atlas.update()
    for k in np.flatnonzero(d.hatched):
        d._hatches[k].setVisible(False)
    d.hatched[:] = False
    d.links.clear_keys()
    for links in d.bounds.links:
        for line, _, _ in links:
            line.setPen(QPen())  # (a new QGraphicsLineItem's pen; each frame sets the weights' pen)
