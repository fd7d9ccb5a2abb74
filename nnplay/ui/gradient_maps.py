"""The Gradients tab's heatmaps: one per weight layer, as many to a row as fit the width (so every
layer of a deep network is in sight), each titled with its layer's name and shape, the colour key
under them and, in a strip of its own above them, which epoch's weights they are of (``epoch_stamp``).
``GradientView`` (``gradients.py``) chooses what they show (dW or W, one scale or each its own)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent

from .epoch_stamp import stamp_above
from .heatmap import OWN_SCALE_TICKS, HeatmapItem, colour_bar, set_bar
from .plot_room import keep_items_room, keep_readable, map_width, zoom_titles
from .stepped_range import SteppedScale
from .widgets import layer_name, named, on_event

MIN_MAP_PX = 72  # the narrowest a layer's heatmap gets: more layers than fit wrap to further rows
DEAD = "#b3261e"  # a layer's title marked "dW = 0"


class GradientMaps:
    """The heatmaps of a run of layer sizes ``sizes`` (set by ``blank``) in ``widget``, a
    GraphicsLayoutWidget. ``hovered(hit)`` gets (layer 1-based, row, column, value) or None;
    ``clicked(layer 0-based, row, column)``; ``rewrapped()`` after the columns changed with the width."""

    def __init__(self, hovered, clicked, rewrapped):
        self.widget = pg.GraphicsLayoutWidget()
        named(self.widget, "gradient_heatmaps",
              "One heatmap per layer: row i, column j is entry (i, j) of dW[l] (orange negative, blue positive).")
        self.widget.ci.setContentsMargins(2, 2, 2, 2)
        self.widget.ci.layout.setHorizontalSpacing(2)  # the layers' titles need the width
        self.stamp = stamp_above(self.widget.ci)  # the epoch they are of, over no heatmap
        self._hovered, self._clicked, self._rewrapped = hovered, clicked, rewrapped
        self.sizes: tuple = ()
        self.items: list[HeatmapItem] = []
        self.labels: list = []
        self.columns = 0  # heatmaps per row, from the panel's width
        self.key = colour_bar()  # the heatmaps' colour key, under them
        self.key_scale = SteppedScale()  # the shared scale moves in steps: no new key axis every frame
        on_event(self.widget, (QEvent.Type.Resize,), self._rewrap)
        keep_items_room(self.widget, self._rewrap)  # heatmaps readable: the column scrolls rather than squeeze

    def _fitting_columns(self) -> int:
        L = len(self.sizes) - 1
        least = map_width(self.labels, MIN_MAP_PX)  # (a zoomed layer title is wider)
        return max(1, min(L, self.widget.width() // least)) if L > 0 else 0

    def _rewrap(self) -> None:
        if self.sizes and self._fitting_columns() != self.columns:
            if len(self.items) == len(self.sizes) - 1:  # the same layers: moved, not made again
                self.regrid(self._fitting_columns())
            else:
                self.lay_out()
            self._rewrapped()

    def regrid(self, cols: int) -> None:
        """The heatmaps, their titles and the colour key moved to the cells of ``cols`` a row: the same
        items, not made again (a column shown or hidden, a window resized or zoomed made every layer's
        heatmap, view and title anew: the resize path's costliest Python)."""
        ci = self.widget.ci
        boxes = [item.getViewBox() for item in self.items]  # (out of the scene, an item finds no view box)
        if self.key.scene() is not None:
            ci.removeItem(self.key)
        for label, box in zip(self.labels, boxes):
            ci.removeItem(label)
            ci.removeItem(box)
        for l, (label, box) in enumerate(zip(self.labels, boxes)):
            ci.addItem(label, row=2 * (l // cols), col=l % cols)
            ci.addItem(box, row=2 * (l // cols) + 1, col=l % cols)
        if self.items:
            ci.addItem(self.key, row=2 * ((len(self.items) - 1) // cols + 1), col=0, colspan=cols)
        self.columns = cols

    def blank(self, sizes: tuple) -> None:
        """A new run's heatmaps, empty until its first frame. The layers' heatmaps that stay in
        their place (the same heatmaps a row, or the layer in the first row either way) are kept
        and blanked, their titles set again where they changed; only the layers added or dropped
        (a "+" or "-" layer click) are made or removed, and the colour key moved under them
        (a new layout was half the CPU of drawing a new run, 19 of 38 ms)."""
        self.sizes = sizes
        self.stamp.clear()
        cols = self._fitting_columns()
        if not self.items or not cols:
            self.lay_out()
            return
        L, old = len(self.sizes) - 1, self.columns
        kept = next((l for l in range(min(L, len(self.items))) if divmod(l, cols) != divmod(l, old)),
                    min(L, len(self.items)))  # the layers in the same cell of the grid
        changed = kept != len(self.items) or kept != L or cols != old
        ci = self.widget.ci
        if changed and self.key.scene() is not None:
            ci.removeItem(self.key)
        for label, item in zip(self.labels[kept:], self.items[kept:]):
            ci.removeItem(label)
            ci.removeItem(item.getViewBox())
        del self.items[kept:], self.labels[kept:]
        self.columns = cols
        for l, (item, label) in enumerate(zip(self.items, self.labels)):
            item.blank()
            text = self.title(l, L)
            if label.text != text:  # (a title marked "dW = 0" by the last run, or a layer's name)
                label.setText(text, color=None)
        for l in range(kept, L):
            self._add_map(l, L, cols)
        if changed:
            self.widget.addItem(self.key, row=2 * ((L - 1) // cols + 1), col=0, colspan=cols)
        if kept != L:
            zoom_titles(self.widget)  # titles made while zoomed: in the zoomed size

    def title(self, l: int, L: int, dead: bool = False) -> str:
        """The title of weight layer ``l`` (0-based) of ``L``: its name and shape, "dW = 0" if ``dead``."""
        a, b = self.sizes[l + 1], self.sizes[l]
        return f"{layer_name(l + 1, L)}<br>{a}×{b}" + ("<br>dW = 0" if dead else "")

    def lay_out(self) -> None:
        """One heatmap per layer, as many to a row as fit the width, the colour key under them."""
        cols = self.columns = self._fitting_columns()  # (measured on the titles there: a zoomed title is wider)
        if self.key.scene() is not None:
            self.widget.ci.removeItem(self.key)
        self.widget.clear()
        self.items, self.labels = [], []
        L = len(self.sizes) - 1
        for l in range(L):
            self._add_map(l, L, cols)
        if L:
            self.widget.addItem(self.key, row=2 * ((L - 1) // cols + 1), col=0, colspan=cols)
        zoom_titles(self.widget)  # titles made while zoomed: in the zoomed size

    def _add_map(self, l: int, L: int, cols: int) -> None:
        """Weight layer ``l``'s (0-based, of ``L``) title and heatmap, in its cell of ``cols`` a row."""
        row, col = 2 * (l // cols), l % cols
        label = self.widget.addLabel(self.title(l, L), row=row, col=col, size="8pt")
        # (enableMenu=False: a ViewBox made with its menu builds one, a tenth of a new run's set-up; plot_disposal)
        vb = keep_readable(self.widget.addViewBox(row=row + 1, col=col, enableMenu=False))
        vb.setMouseEnabled(False, False)
        vb.invertY(True)  # row 0 at the top, as a matrix is written
        item = HeatmapItem(lambda hit, layer=l + 1: self._hovered(None if hit is None else (layer, *hit)),
                           clicked=lambda i, j, layer=l: self._clicked(layer, i, j))
        vb.addItem(item)
        self.items.append(item)
        self.labels.append(label)

    def show(self, snap, mats: list, coloured: list, scales: list, dW: bool, shared: float | None) -> None:
        """``mats`` (one (n[l], n[l-1]) matrix a layer, of snapshot ``snap``: dW if ``dW``, else W) coloured
        (``heatmap.colour_matrices``) on ``scales`` (±scale a layer); the key at ±``shared`` (None: each
        layer on its own scale); a layer whose dW is all 0 titled so; the stamp naming the epoch."""
        for l, (item, m, scale, (unit, rgba)) in enumerate(zip(self.items, mats, scales, coloured)):
            reshaped = item.values is None or item.values.shape != m.shape
            item.show_coloured(m, (-scale, scale), unit, rgba)  # exact values kept for the read-out; NaN undefined
            if reshaped:
                item.getViewBox().autoRange(padding=0.02)
            dead = dW and not np.any(m)
            text = self.title(l, len(mats), dead)
            if self.labels[l].text != text:  # (setting a label re-lays out the whole canvas)
                self.labels[l].setText(text, color=DEAD if dead else None)
        if shared is None:
            set_bar(self.key, (-1.0, 1.0), OWN_SCALE_TICKS)  # max: each layer's own largest |value|
        else:
            set_bar(self.key, (-shared, shared))
        self.stamp.show(snap, "dW at the " if dW else "")
