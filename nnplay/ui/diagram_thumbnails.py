"""The network diagram's thumbnails drawn in one pass per layer.

Each neuron's output over the plane (``Snapshot.neurons[l]``, (res, res, n)) is
put on its colour scale for the whole layer at once (``unit_scale_each``:
tanh and sigmoid on their own range, other activations each on ± its largest
value) and coloured as RGBA through the palette's cached table
(``heatmap.unit_rgba``), so that pyqtgraph hands each image to Qt as it is.
Case B's 48 thumbnails were 51 colour tables built per frame (issue 20).
"""

from __future__ import annotations

import numpy as np

from ..training.pictures import unit_scale_each
from .heatmap import unit_rgba


def draw_thumbnails(diagram, neurons) -> int:
    """Show ``neurons`` (per layer, (res, res, n) outputs) in ``diagram``'s
    thumbnails and hatch the neurons whose output is undefined somewhere; returns
    how many are."""
    undefined = 0
    hatches = iter(diagram._hatches)
    for l, (col, acts) in enumerate(zip(diagram.nodes, neurons)):
        shown = list(diagram.bounds.shown[l])[:len(col)]
        if not shown:
            continue
        outputs = np.moveaxis(np.asarray(acts)[:, :, shown], 2, 0)  # (drawn neurons, res, res)
        rgba = unit_rgba(unit_scale_each(outputs, diagram._levels[l]))
        bad = ~np.isfinite(outputs).reshape(len(shown), -1).all(axis=1)
        for k, (img, rect) in enumerate(col):
            reshaped = img.image is None or img.image.shape[:2] != rgba.shape[1:3]
            img.setImage(rgba[k], autoLevels=False, levels=(0, 255))
            if reshaped:
                img.setRect(rect)
            next(hatches).setVisible(bool(bad[k]))
        undefined += int(bad.sum())
    return undefined
