"""One heatmap component for every matrix the window shows (the gradient panel's
dW[l] and W[l], the backprop inspector's Z, A, dZ, dW...): pyqtgraph's
``ImageItem`` coloured through a ``ColorMap``, keyed by a ``ColorBarItem``, as
in pyqtgraph's MatrixDisplay example (``examples/MatrixDisplayExample.py``).

``HeatmapItem`` holds a matrix's exact values beside the picture, reports the
cell under the pointer and the cell clicked, outlines one cell and, on request,
writes each value in its cell. Values are drawn on a symmetric scale
(orange negative, white 0, blue positive in the default palette); a value that
is not a finite number is transparent, so the grey hatch behind it shows
(``ui.undefined``): it is never painted as some value.
"""

from __future__ import annotations

import functools

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from ..training.pictures import picture_cells, scale_positions, symmetric_levels, unit_scale
from .colors import LUT_SIZE, WHITE, diverging_colormap, lut_index, negative, positive
from ..numbers import format_number, with_minus
from .plot_disposal import MenulessColorBar
from .plot_layout import tidy_labels


def _palette_key() -> tuple:
    """The colours of signed values now (they change with the palette: colors.set_palette)."""
    return tuple(negative()), tuple(positive())


@functools.lru_cache(maxsize=8)
def _rgba_table(key: tuple) -> np.ndarray:
    lut = diverging_colormap(key[0], WHITE, key[1]).getLookupTable(0.0, 1.0, LUT_SIZE, alpha=True)
    lut.flags.writeable = False
    return lut


def diverging_rgba() -> np.ndarray:
    """(LUT_SIZE, 4) uint8: the palette's diverging colour map as a lookup table with alpha, computed once
    per palette (a ColorMap built per heatmap per frame was a share of the frame)."""
    return _rgba_table(_palette_key())


def unit_rgba(unit: np.ndarray) -> np.ndarray:
    """(..., 4) uint8: values on the unit scale (0..1, NaN undefined: see
    ``pictures.unit_scale``) coloured by ``diverging_rgba``; NaN transparent. Given
    RGBA, pyqtgraph hands the pixels to Qt as they are (given a lookup table, it
    builds a 256-colour QImage table on every render of every image)."""
    u = np.asarray(unit)
    bad = np.isnan(u)
    t = np.where(bad, 0.0, u) * (LUT_SIZE - 1)  # (in place from here: a frame colours 15 of these in case B)
    np.rint(t, out=t)  # 0.5, a signed scale's 0, to the middle entry: white
    np.minimum(t, LUT_SIZE - 1, out=t)  # (two ufuncs: np.clip's Python checks cost more than a small matrix's colours)
    np.maximum(t, 0, out=t)
    rgba = np.take(diverging_rgba(), t.astype(np.uint8), axis=0)
    if bad.any():
        rgba[bad, 3] = 0
    return rgba


def colour_matrices(mats: list[np.ndarray], scales: list[float]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(unit, rgba) per matrix of ``mats`` (2-D float64) on its symmetric scale
    (-scales[k], scales[k]): the numbers of ``unit_scale`` and ``unit_rgba`` matrix by
    matrix, computed for all of them in one pass (the gradient panel's seven
    heatmaps a frame in case B, issue 20); a matrix wider or taller than
    ``pictures.PICTURE_SIDE`` is coloured as its ``picture_cells``."""
    if not mats:
        return []
    mats = [picture_cells(m) for m in mats]
    sizes = [m.size for m in mats]
    a = np.concatenate([m.ravel() for m in mats])
    hi = np.repeat([float(s) for s in scales], sizes)
    t = scale_positions(a, -hi, hi).astype(np.float32)
    rgba = unit_rgba(t)
    ends = np.cumsum(sizes)[:-1]
    return [(u.reshape(m.shape), c.reshape(m.shape + (4,)))
            for m, u, c in zip(mats, np.split(t, ends), np.split(rgba, ends))]


def short_number(v: float) -> str:
    """A value in at most about five characters, for a cell."""
    if not np.isfinite(v):
        return format_number(v)
    if v == 0:
        return "0"
    if 0.001 <= abs(v) < 100:
        text = f"{v:.3f}".rstrip("0").rstrip(".") if abs(v) < 1 else f"{v:.2f}".rstrip("0").rstrip(".")
        return with_minus(text)  # (the minus sign the axes write)
    return format_number(v, 1)  # (as the axes write it: 2·10⁻⁵, not 2e-05)


OWN_SCALE_TICKS = [(-1.0, "−max"), (0.0, "0"), (1.0, "+max")]  # a key for heatmaps each on its own scale


def key_strip(caption: str, ticks=OWN_SCALE_TICKS, height: int = 46) -> pg.GraphicsLayoutWidget:
    """A strip holding ``caption`` and a colour_bar labelled by ``ticks``: the key of a set of heatmaps."""
    strip = pg.GraphicsLayoutWidget()
    strip.setBackground(None)  # the window's own colour behind it
    strip.setFixedHeight(height)
    strip.ci.setContentsMargins(4, 0, 40, 0)
    strip.addLabel(caption, row=0, col=0, size="9pt")
    strip.bar = colour_bar(ticks=ticks)
    strip.addItem(strip.bar, row=0, col=1)
    strip.ci.layout.setColumnStretchFactor(1, 1)
    strip.ci.layout.setColumnSpacing(0, 30)  # room for the label at the bar's left end
    return strip


END_LABEL_PX = 22  # half of the widest end label of a colour bar ("-0.025")


def colour_bar(levels=(-1.0, 1.0), ticks=None, width: int = 12) -> pg.ColorBarItem:
    """A horizontal, non-interactive colour key of the diverging colour map from
    ``levels[0]`` to ``levels[1]``; ``ticks``: [(value, text)] to label it in
    words instead of numbers (e.g. a scale that differs per matrix)."""
    bar = MenulessColorBar(values=tuple(levels), colorMap=diverging_colormap(), interactive=False,
                          orientation="horizontal", width=width, colorMapMenu=False)
    bar.axis.setStyle(hideOverlappingLabels=40)  # the labels at the bar's ends too (40 px beyond it)
    tidy_labels(bar.axis)  # a short bar (a lesson open at 1280x800): fewer labels, never run together
    bar.axis.enableAutoSIPrefix(False)  # no axis title to prefix; it re-set its (hidden) title's HTML every frame
    bar.setContentsMargins(END_LABEL_PX, 0, END_LABEL_PX, 0)  # room for half of an end label, never cut
    if ticks is not None:
        bar._nnplay_ticks = ticks  # in words: not relabelled with numbers (plot_disposal.MenulessColorBar)
        bar.axis.setTicks([ticks, []])
    return bar


def set_bar(bar: pg.ColorBarItem, levels, ticks=None) -> None:
    """Show ``levels`` (and the palette's current colours) on ``bar``; ``ticks`` as in colour_bar.
    Only what changed is set (each set redraws the bar's picture or its axis: a live frame's cost)."""
    key = _palette_key()
    if getattr(bar, "_nnplay_palette", None) != key:
        bar.setColorMap(diverging_colormap())
        bar._nnplay_palette = key
    levels = tuple(float(v) for v in levels)
    if tuple(bar.levels()) != levels:
        bar.setLevels(levels)
    if getattr(bar, "_nnplay_ticks", None) != ticks:
        bar._nnplay_ticks = ticks
        bar.axis.setTicks([ticks, []]) if ticks is not None else bar.setLevels(levels)  # (numbers: bar_labels)


class HeatmapItem(pg.ImageItem):
    """A matrix as an image, row i at y = i, column j at x = j (one unit a cell).
    ``report((i, j, value))`` is called with the cell under the pointer (None
    when it leaves); ``clicked(i, j)`` with a clicked cell. ``values`` are the
    exact numbers; ``key_levels`` the values the colour scale's ends stand for."""

    def __init__(self, report=None, clicked=None):
        super().__init__(axisOrder="row-major")
        self._report, self._clicked = report, clicked
        self.values: np.ndarray | None = None
        self.key_levels = (-1.0, 1.0)
        self.setAcceptHoverEvents(True)
        self.outline = QGraphicsRectItem(self)  # the one selected cell
        pen = QPen(QColor(0, 0, 0), 2)
        pen.setCosmetic(True)
        self.outline.setPen(pen)
        self.outline.setZValue(2)
        self.outline.hide()
        self.numbers = _CellNumbers(self)
        self.numbers.hide()

    def set_matrix(self, values, levels=None) -> None:
        """Show ``values`` (a 2-D array) on the symmetric scale ``levels`` (its own largest |value| by default)."""
        m = np.atleast_2d(np.asarray(values, dtype=np.float64))
        levels = symmetric_levels(m) if levels is None else (float(levels[0]), float(levels[1]))
        unit = unit_scale(picture_cells(m), levels)  # coloured here through a cached table, handed to Qt as RGBA (unit_rgba)
        self.show_coloured(m, levels, unit, unit_rgba(unit))

    def show_coloured(self, values: np.ndarray, levels, unit: np.ndarray, rgba: np.ndarray) -> None:
        """Show ``values`` ((rows, cols) float64) on ``levels`` already coloured: ``unit`` its
        ``unit_scale`` on them, ``rgba`` that coloured by ``unit_rgba`` (``set_matrix`` in one call;
        ``colour_matrices`` colours a panel's every matrix at once)."""
        self.values, self.key_levels = values, (float(levels[0]), float(levels[1]))
        self._unit, self._lut = unit, diverging_rgba()
        self.setImage(rgba, levels=None)  # (RGBA without levels: pyqtgraph hands it to Qt as it is)
        # a downsampled picture (pictures.picture_cells) stretched over the matrix's cells: one unit a cell
        cells = (values.shape[0] / unit.shape[0], values.shape[1] / unit.shape[1])
        if cells != self._cells:
            self._cells = cells
            self.setRect(QRectF(0, 0, values.shape[1], values.shape[0]))
        self.numbers.update()

    _cells = (1.0, 1.0)  # matrix cells per picture cell, down and across (more than 1: downsampled)

    @property
    def downsampled(self) -> bool:
        """Whether the picture holds fewer cells than the matrix (each picture cell a block's largest |value|)."""
        return self._cells != (1.0, 1.0)

    def blank(self) -> None:
        """Show no matrix (a new run's heatmap before its first frame): no picture, no values,
        no outlined cell; the next matrix shown fits the view to its shape again."""
        self.values = None
        self.outline.hide()
        self.clear()
        self.numbers.update()

    def colours(self) -> np.ndarray:
        """(rows, cols, 3) uint8: each cell's colour; NaN cells (transparent in the picture) are -1."""
        t = self._unit
        lut = self._lut[:, :3].astype(np.int16)
        out = np.full(t.shape + (3,), -1, np.int16)
        ok = np.isfinite(t)
        out[ok] = lut[lut_index(t[ok])]
        return out

    def select(self, cell) -> None:
        """Outline ``cell`` = (i, j), or nothing for None."""
        ok = cell is not None and self.values is not None and \
            cell[0] < self.values.shape[0] and cell[1] < self.values.shape[1]
        if ok:
            dy, dx = self._cells  # (the outline is in the picture's cells: the item's own coordinates)
            self.outline.setRect(QRectF(cell[1] / dx, cell[0] / dy, 1 / dx, 1 / dy))
        self.outline.setVisible(ok)

    def cell_at(self, pos):
        """(i, j) of the cell at ``pos`` (item coordinates), or None outside."""
        if self.values is None:
            return None
        dy, dx = self._cells  # (``pos`` in the picture's cells: a downsampled one's stand for several)
        i, j = int(np.floor(pos.y() * dy)), int(np.floor(pos.x() * dx))
        r, c = self.values.shape
        return (i, j) if 0 <= i < r and 0 <= j < c else None

    def hoverEvent(self, ev):
        if self._report is None:
            return
        hit = None if ev.isExit() else self.cell_at(ev.pos())
        self._report(None if hit is None else (*hit, float(self.values[hit])))

    def mouseClickEvent(self, ev):
        hit = self.cell_at(ev.pos())
        if self._clicked is not None and hit is not None and ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self._clicked(*hit)


class _CellNumbers(QGraphicsItem):
    """Each value written in its cell, at the screen's text size whatever the cell's scale."""

    def boundingRect(self) -> QRectF:
        heat = self.parentItem()
        values = heat.values
        return QRectF() if values is None or heat.downsampled else QRectF(0, 0, values.shape[1], values.shape[0])

    def paint(self, p, *_):
        heat = self.parentItem()
        if heat.values is None or heat.downsampled:  # (cells far too small to write in)
            return
        rgb = heat.colours()
        to_device = p.transform()
        p.save()
        p.resetTransform()
        for (i, j), v in np.ndenumerate(heat.values):
            dark = 0 <= int(rgb[i, j].sum()) < 360  # white text on the deep colours
            p.setPen(QColor(255, 255, 255) if dark else QColor(20, 20, 20))
            p.drawText(to_device.mapRect(QRectF(j, i, 1, 1)), Qt.AlignmentFlag.AlignCenter, short_number(v))
        p.restore()
