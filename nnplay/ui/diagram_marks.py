"""Frozen and pruned parameters drawn in the network diagram.

A frozen weight's link is drawn in the frozen colour (violet) instead of its
sign's, and carries a small lock at its middle; a neuron whose bias is frozen
(a frozen neuron or layer) has a lock at its corner. A pruned link is drawn
dashed and grey (its weight is 0, so it would otherwise vanish and could not
be restored from its menu); a pruned neuron is greyed, and its outgoing links,
dead while it outputs 0, are dashed too. The masks come in the snapshot
(``frozen_W``, ``frozen_b``, ``pruned_W``, ``pruned_neurons``: per weight
layer, shaped like W[l], b[l] and (n_l,); None when nothing is marked)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

FROZEN_RGB = (128, 90, 200)
PRUNED_RGB = (150, 150, 150)
LOCK_W, LOCK_H = 0.26, 0.2  # the lock's body, in view units (a neuron is 1 across)


def masks(snap) -> tuple:
    """(frozen_W, frozen_b, pruned_W, pruned_neurons) of a snapshot, each None when unset."""
    return tuple(getattr(snap, name, None) for name in ("frozen_W", "frozen_b", "pruned_W", "pruned_neurons"))


def _lock_path() -> QPainterPath:
    """A padlock with its body's lower-left corner at (0, 0), y pointing up (as the view's)."""
    path = QPainterPath()
    path.addRect(0.0, 0.0, LOCK_W, LOCK_H)
    inset = 0.06
    path.moveTo(inset, LOCK_H)
    path.lineTo(inset, LOCK_H + 0.11)
    path.lineTo(LOCK_W - inset, LOCK_H + 0.11)
    path.lineTo(LOCK_W - inset, LOCK_H)
    return path


def frozen_pen(width: float) -> QPen:
    pen = QPen(QColor(*FROZEN_RGB))
    pen.setCosmetic(True)
    pen.setWidthF(width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def pruned_pen() -> QPen:
    pen = QPen(QColor(*PRUNED_RGB))
    pen.setCosmetic(True)
    pen.setWidthF(1.2)
    pen.setStyle(Qt.PenStyle.DashLine)
    return pen


class DiagramMarks:
    """Draws the frozen and pruned marks of each frame on a ``NetworkDiagram``."""

    def __init__(self, diagram):
        self.diagram = diagram
        self.locks: list[QGraphicsPathItem] = []
        self._key = None  # the masks the locks were drawn for
        self.frozen_links = self.pruned_links = 0  # counts, for the readout and tests
        self.locked_neurons: list[tuple[int, int]] = []  # (diagram layer, index) with a lock
        self.greyed: list[tuple[int, int]] = []
        self.current: tuple = (None, None, None, None)  # the masks of the last frame
        self.styled: list[tuple[int, int, int]] = []

    def is_frozen(self, layer: int, row: int | None = None, col: int | None = None, whole: bool = True) -> bool:
        """Whether a weight (row and col) or a neuron's bias (row) is frozen now; with
        neither, whether the whole layer (``whole``) or any of it (not ``whole``) is.
        ``layer`` indexes the weights."""
        fW, fb = self.current[:2]
        if col is not None:
            return fW is not None and bool(fW[layer][row, col])
        b = None if fb is None else np.asarray(fb[layer]).reshape(-1)
        if row is not None:
            return b is not None and bool(b[row])
        W = None if fW is None else np.asarray(fW[layer])
        if whole:
            return b is not None and W is not None and bool(b.all() and W.all())
        return (b is not None and bool(b.any())) or (W is not None and bool(W.any()))

    def is_pruned(self, layer: int, row: int, col: int | None = None) -> bool:
        """Whether weight W[layer+1][row, col] (or, col None, neuron ``row`` of that layer) is pruned."""
        pW, pn = self.current[2:]
        if col is not None:
            return pW is not None and bool(pW[layer][row, col])
        return pn is not None and bool(pn[layer][row])

    def clear(self) -> None:
        """A new run: the view was cleared, and with it the locks."""
        self.locks, self._key = [], None
        self.current = (None, None, None, None)
        self.frozen_links = self.pruned_links = 0
        self.locked_neurons, self.greyed = [], []
        self.styled = []

    def show(self, snap) -> None:
        """Restyle the links and neurons for ``snap``'s masks (after the diagram drew
        the weights); the locks are rebuilt only when the masks change."""
        fW, fb, pW, pn = self.current = masks(snap)
        d = self.diagram
        if len(d.edges) != len(snap.weights):
            return
        if fW is fb is pW is pn is None and not (self.styled or self.greyed or self.locks):
            return  # nothing marked now nor on the last frame: nothing to restyle (a frame's common case)
        self.frozen_links = self.pruned_links = 0
        self.styled = []  # (k, i, j) of every link restyled here: its own pen, until the next frame (diagram_links)
        for k, grid in enumerate(d.edges):
            drawn = (slice(0, grid.shape[0]), slice(0, grid.shape[1]))  # a wide layer's first neurons (diagram_bounds)
            if fW is not None:
                for i, j in np.argwhere(fW[k][drawn]):
                    line = grid[i, j]
                    line.setPen(frozen_pen(max(1.5, line.pen().widthF())))
                    line.setVisible(True)
                    self.frozen_links += 1
                    self.styled.append((k, i, j))
            dead = np.zeros(grid.shape, bool)
            if pW is not None:
                dead |= pW[k][drawn].astype(bool)
            if pn is not None and k > 0:
                dead |= pn[k - 1][:grid.shape[1]].astype(bool)[None, :]  # the links out of a pruned neuron
            for i, j in np.argwhere(dead):
                grid[i, j].setPen(pruned_pen())
                grid[i, j].setVisible(True)
                self.pruned_links += 1
                self.styled.append((k, i, j))
        self._grey(pn)
        key = tuple(None if m is None else tuple(np.asarray(a).tobytes() for a in m) for m in (fW, fb))
        if key != self._key:
            self._key = key
            self._draw_locks(fW, fb)

    def _grey(self, pn) -> None:
        self.greyed = []
        for l, col in enumerate(self.diagram.nodes):
            for i, (img, _) in enumerate(col):
                off = pn is not None and 1 <= l <= len(pn) and bool(pn[l - 1][i])
                img.setOpacity(0.2 if off else 1.0)
                if off:
                    self.greyed.append((l, i))

    def _draw_locks(self, fW, fb) -> None:
        d = self.diagram
        for item in self.locks:
            d.view.removeItem(item)
        self.locks, self.locked_neurons = [], []
        if fb is not None:
            for k, b in enumerate(fb):
                for i in np.flatnonzero(np.asarray(b).reshape(-1)[:len(d.nodes[k + 1])]):
                    rect = d.nodes[k + 1][i][1]
                    self._add_lock(rect.right() - LOCK_W * 0.6, rect.bottom() - LOCK_H * 0.4)
                    self.locked_neurons.append((k + 1, int(i)))
        if fW is not None:
            for k, W in enumerate(fW):
                bias = None if fb is None else np.asarray(fb[k]).reshape(-1)
                for i, j in np.argwhere(np.asarray(W)[:d.edges[k].shape[0], :d.edges[k].shape[1]]):
                    if bias is not None and bias[i]:
                        continue  # the neuron's lock says it
                    line = d.edges[k][i, j].line()
                    mid = line.pointAt(0.55)
                    self._add_lock(mid.x() - LOCK_W / 2, mid.y() - LOCK_H / 2)

    def _add_lock(self, x: float, y: float) -> None:
        item = QGraphicsPathItem(_lock_path())
        item.setPos(x, y)
        colour = QColor(*FROZEN_RGB)
        item.setBrush(QBrush(colour))
        pen = QPen(colour.darker(140))
        pen.setCosmetic(True)
        pen.setWidthF(1.5)
        item.setPen(pen)
        item.setZValue(4)
        self.diagram.view.addItem(item)
        self.locks.append(item)
