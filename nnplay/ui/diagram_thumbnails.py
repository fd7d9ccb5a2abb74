"""The network diagram's thumbnails drawn in one pass per layer, into one atlas.

Each neuron's output over the plane (``Snapshot.neurons[l]``, (res, res, n)) is
put on its colour scale for the whole layer at once (``unit_scale_each``:
tanh and sigmoid on their own range, other activations each on ± its largest
value) and coloured as RGBA through the palette's cached table
(``heatmap.unit_rgba``), written into the diagram's ``ThumbnailAtlas``
(``diagram_atlas``) in place. Case B's 48 thumbnails were 51 colour tables
built per frame, then 48 image items (issue 20).
"""

from __future__ import annotations

import numpy as np

from ..training.pictures import unit_scale_each
from .heatmap import unit_rgba


def draw_thumbnails(diagram, neurons) -> int:
    """Show ``neurons`` (per layer, (res, res, n) outputs) in ``diagram``'s
    thumbnails (its ``ThumbnailAtlas``, written in place: one repaint for all)
    and hatch the neurons whose output is undefined somewhere; returns how many are."""
    undefined = 0
    hatches = iter(diagram._hatches)
    start = 0
    for l, (col, acts) in enumerate(zip(diagram.nodes, neurons)):
        shown = list(diagram.bounds.shown[l])[:len(col)]
        if not shown:
            continue
        outputs = np.moveaxis(np.asarray(acts)[:, :, shown], 2, 0)  # (drawn neurons, res, res)
        diagram.atlas.set_block(start, unit_rgba(unit_scale_each(outputs, diagram._levels[l])))
        start += len(col)
        bad = ~np.isfinite(outputs).reshape(len(shown), -1).all(axis=1)
        for k in range(len(col)):
            next(hatches).setVisible(bool(bad[k]))
        undefined += int(bad.sum())
    return undefined
