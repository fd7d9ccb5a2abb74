"""The network diagram's thumbnails drawn in one pass for the whole network, into one atlas.

Each neuron's output over the plane (``Snapshot.neurons[l]``, (res, res, n)) is
put on its colour scale (tanh and sigmoid on their own range, other
activations each on ± its largest value, a constant one on its layer's largest
value: the numbers of ``unit_scale_each`` per layer) and coloured as RGBA through the palette's cached table
(``heatmap.unit_rgba``), every drawn neuron of every layer at once, written
into the diagram's ``ThumbnailAtlas`` (``diagram_atlas``) in place. Case B's
48 thumbnails were 51 colour tables built per frame, then 48 image items, then
a pass per layer (issue 20). A neuron's hatch (its output undefined somewhere)
is shown or hidden only when that changes.
"""

from __future__ import annotations

import numpy as np

from ..training.pictures import half_widths, scale_positions
from .heatmap import unit_rgba


def network_units(layers: list[np.ndarray], levels: list) -> np.ndarray:
    """(n, res, res) float32: ``layers`` (per layer, (n_l, res, res) outputs)
    stacked and each neuron put on its colour scale: on its layer's ``levels``
    (lo, hi), or (None) on its own ± largest finite |value| (a constant picture:
    its layer's, ``half_widths``; 1 when there is none); NaN where an output is not finite. The same numbers as
    ``pictures.unit_scale_each(layers[l], levels[l])`` layer by layer."""
    if not layers:
        return np.empty((0, 0, 0), np.float32)
    a = np.concatenate(layers, dtype=np.float64)
    finite = np.isfinite(a)
    lo, hi = np.empty(len(a)), np.empty(len(a))
    start = 0
    for x, lv in zip(layers, levels):
        end = start + len(x)
        if lv is None:  # (a constant picture on its layer's widest scale, not stretched: half_widths)
            m = half_widths(a[start:end], finite[start:end])
            lo[start:end], hi[start:end] = -m, m
        else:
            lo[start:end], hi[start:end] = float(lv[0]), float(lv[1])
        start = end
    shape = (-1,) + (1,) * (a.ndim - 1)
    return scale_positions(a, lo.reshape(shape), hi.reshape(shape)).astype(np.float32)


def draw_thumbnails(diagram, neurons) -> int:
    """Show ``neurons`` (per layer, (res, res, n) outputs) in ``diagram``'s
    thumbnails (its ``ThumbnailAtlas``, written in place: one repaint for all)
    and hatch the neurons whose output is undefined somewhere; returns how many are."""
    layers, levels = [], []
    for l, (col, acts) in enumerate(zip(diagram.nodes, neurons)):
        k = min(len(diagram.bounds.shown[l]), len(col))  # the drawn neurons are the first ones (diagram_bounds)
        if np.shape(acts)[2:] < (k,):
            return int(diagram.hatched.sum())  # not this network's frame: the thumbnails stay as they are
        if k:
            layers.append(np.moveaxis(np.asarray(acts)[:, :, :k], 2, 0))  # (drawn neurons, res, res)
            levels.append(diagram._levels[l])
    units = network_units(layers, levels)
    if not len(units):
        return 0
    diagram.atlas.set_block(0, unit_rgba(units))
    bad = np.isnan(units).reshape(len(units), -1).any(axis=1)  # (NaN exactly where an output is not finite)
    for k in np.flatnonzero(bad != diagram.hatched):  # only the hatches that change
        diagram._hatches[k].setVisible(bool(bad[k]))
    diagram.hatched = bad
    return int(bad.sum())
