"""Whether a picture over two inputs keeps one unit the same length on both axes.

A built-in data set's (or hand-drawn points') X₁ and X₂ are in the same units,
so the Output view locks the aspect ratio (a circle stays round). A CSV's
columns are not (temperature 0–40 against size 10–200): locked, one axis would
be squeezed into a strip and the other stretched far past the data, so each
axis is fitted to its own range instead. With one input the vertical axis is
the target, another quantity again."""

from __future__ import annotations


def same_units(data) -> bool:
    """True when the first two inputs of ``data`` (a ``data.Dataset``) share one
    unit: a generated or hand-drawn set of two or more inputs, not a CSV import."""
    return data.import_options is None and data.n_inputs > 1



def fit_width(plot, rect, margins) -> None:
    """With the aspect locked, the data area of ``plot`` (a pyqtgraph PlotWidget showing the
    domain ``rect``, a QRectF) made no wider than the domain needs at the height it has, the
    rest of the width left as equal margins either side inside the plot (its size, its
    layout and its exports unchanged): locked, a wide plot filled its width with range past
    the data (X₁ from −10 to 10 for data within ±6, tester 17). ``margins``: the plot item's
    own (left, top, right, bottom) contents margins. Unlocked (a CSV), those margins alone."""
    item = plot.getPlotItem()
    view = item.getViewBox()
    left, top, right, bottom = margins
    side = 0.0
    if view.state["aspectLocked"] and rect is not None and rect.height() > 0 and view.height() > 0:
        added = item.getContentsMargins()[0] - left  # the margin this already added each side
        natural = view.width() + 2 * added  # the data area's width without it
        side = max(0.0, (natural - view.height() * rect.width() / rect.height()) / 2 - 1)
    if abs(item.getContentsMargins()[0] - (left + side)) >= 1:  # (a pixel's change: no resize loop)
        item.setContentsMargins(left + side, top, right + side, bottom)
