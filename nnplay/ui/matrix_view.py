"""One matrix of the backprop inspector's equations as a grid of coloured cells
(with its values written in, on request), and what its rows and columns mean."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..numbers import format_number
from .colors import diverging_lut
from .undefined import HATCH_COLOUR as UNDEFINED_RGB


def _short(v: float) -> str:
    """A value in at most about five characters, for a cell."""
    if not np.isfinite(v):
        return str(v)
    if v == 0:
        return "0"
    if 0.001 <= abs(v) < 100:
        return f"{v:.3f}".rstrip("0").rstrip(".") if abs(v) < 1 else f"{v:.2f}".rstrip("0").rstrip(".")
    return f"{v:.0e}"


def axis_names(title: str, shape, m: int, weight: tuple[int, bool] | None = None) -> tuple[str, str | None] | None:
    """What the rows and columns of a matrix in the equations stand for; ``weight``
    is the view's (layer, transposed) when its cells are the weights of a layer."""
    if len(shape) != 2:
        return None
    c = shape[1]
    if weight is not None:  # W[l][i, j]: from neuron j of layer l-1 into neuron i of layer l
        return ("neuron", "neuron of the next layer") if weight[1] else ("neuron", "input")
    unit = "input" if title.startswith("A[0]") else "neuron"
    if title.startswith("A[") and title.endswith("ᵀ"):
        return ("example", unit)
    if c == m:
        return (unit, "example")
    return ("neuron", None) if c == 1 else None


class MatrixView(QWidget):
    """One matrix as a grid of coloured cells (orange negative, blue positive,
    white 0, on the matrix's own symmetric scale), its name and shape above.
    Hovering reports the exact value; clicking a cell emits ``cell_clicked``
    (0-based row, column). ``weight`` = (l, transposed) marks a matrix whose
    cell (i, j) is the weight W[l][i, j] (W[l][j, i] when transposed); ``selected``
    is the one cell outlined."""

    hovered = Signal(str)
    cell_clicked = Signal(int, int)

    MAX_SIDE = 190  # pixels for the longer side of the grid
    NUMBER_CELL = (46, 18)  # cell size when the numbers are written in
    MAX_NUMBERED = (12, 16)  # columns, rows: larger matrices stay colour only

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.title = title
        self.values = np.zeros((1, 1))
        self.selected: tuple[int, int] | None = None
        self.numbers = False  # write each value in its cell (small matrices)
        self.axes: tuple[str, str | None] | None = None  # what rows and columns stand for, e.g. ("neuron", "example")
        self.weight: tuple[int, bool] | None = None  # (l, transposed) when the cells are the weights of layer l
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._cw = self._ch = 10.0  # cell width and height in pixels (below 1 for a large matrix)
        self._colours = self._colour_image()

    def set_values(self, values: np.ndarray, title: str | None = None) -> None:
        self.values = np.atleast_2d(np.asarray(values, dtype=float))
        if title is not None:
            self.title = title
        r, c = self.values.shape
        self._colours = self._colour_image()
        self._cw = self._ch = min(22.0, self.MAX_SIDE / max(r, c, 1))
        if self.numbered:
            self._cw, self._ch = self.NUMBER_CELL
        self.setToolTip(f"{self.title}: {r}×{c}. Hover a cell for its value.")
        self.updateGeometry()
        self.update()

    def _colour_image(self) -> tuple[float, np.ndarray]:
        """(the symmetric scale, the cells' colours as an RGB array). A matrix larger
        than the pixels it gets is thinned to every k-th row and column first."""
        v = self.values
        finite = np.isfinite(v)
        scale = float(np.max(np.abs(v[finite]))) if finite.any() else 0.0
        step_r, step_c = (max(1, n // (2 * self.MAX_SIDE)) for n in v.shape)
        shown = v[::step_r, ::step_c]
        with np.errstate(all="ignore"):
            t = np.where(np.isfinite(shown), shown / scale, 0.0) if scale > 0 else np.zeros(shown.shape)
        idx = np.clip(np.round((t + 1) * 127.5), 0, 255).astype(int)
        rgb = diverging_lut()[idx][..., :3].astype(np.uint8)
        rgb[~np.isfinite(shown)] = UNDEFINED_RGB  # not a number is never painted as some value
        return scale, np.ascontiguousarray(rgb)

    @property
    def numbered(self) -> bool:
        r, c = self.values.shape
        return self.numbers and c <= self.MAX_NUMBERED[0] and r <= self.MAX_NUMBERED[1]

    def set_numbers(self, on: bool) -> None:
        self.numbers = on
        self.set_values(self.values)

    def _grid_rect(self) -> QRect:
        r, c = self.values.shape
        return QRect(2, 34, max(1, math.ceil(c * self._cw)), max(1, math.ceil(r * self._ch)))

    def sizeHint(self) -> QSize:
        g = self._grid_rect()
        return QSize(max(g.right() + 4, 96), g.bottom() + 4)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        v = self.values
        r, c = v.shape
        scale, rgb = self._colours
        p.setPen(self.palette().windowText().color())
        f = QFont(self.font())
        f.setBold(True)
        p.setFont(f)
        p.drawText(QRect(2, 0, 400, 16), Qt.AlignmentFlag.AlignLeft, self.title)
        f.setBold(False)
        f.setPointSizeF(max(6.0, f.pointSizeF() * 0.85))
        p.setFont(f)
        p.drawText(QRect(2, 16, 400, 16), Qt.AlignmentFlag.AlignLeft, f"{r}×{c}   ±{format_number(scale, 2)}")
        g, cw, ch = self._grid_rect(), self._cw, self._ch
        image = QImage(rgb.data, rgb.shape[1], rgb.shape[0], 3 * rgb.shape[1], QImage.Format.Format_RGB888)
        p.drawImage(QRectF(g.x(), g.y(), c * cw, r * ch), image)  # one image, however large the matrix
        if self.numbered:
            for i in range(r):
                for j in range(c):
                    dark = int(rgb[i, j].sum()) < 360  # white text on the deep colours
                    p.setPen(QColor(255, 255, 255) if dark else QColor(20, 20, 20))
                    p.drawText(QRectF(g.x() + j * cw, g.y() + i * ch, cw, ch), Qt.AlignmentFlag.AlignCenter,
                               _short(v[i, j]))
        p.setPen(QPen(QColor(120, 120, 120), 1))
        p.drawRect(g.adjusted(0, 0, -1, -1))
        if self.selected is not None:
            i, j = self.selected
            if i < r and j < c:
                p.setPen(QPen(QColor(0, 0, 0), 2))
                p.drawRect(QRectF(g.x() + j * cw, g.y() + i * ch, max(cw - 1, 1), max(ch - 1, 1)))
        p.end()

    def _cell_at(self, pos):
        g = self._grid_rect()
        if not g.contains(pos):
            return None
        return int((pos.y() - g.y()) / self._ch), int((pos.x() - g.x()) / self._cw)

    def mouseMoveEvent(self, event) -> None:
        hit = self._cell_at(event.position().toPoint())
        if hit is not None and hit[0] < self.values.shape[0] and hit[1] < self.values.shape[1]:
            i, j = hit
            where = ""
            if self.axes is not None:
                rows, cols = self.axes
                where = f"   ({rows} {i + 1}" + (f", {cols} {j + 1})" if cols else ")")
            if self.weight is not None and self.weight[1]:
                where += f" — the weight W[{self.weight[0]}][{j + 1}, {i + 1}]"
            self.hovered.emit(f"{self.title}[{i + 1}, {j + 1}] = {format_number(self.values[i, j], 6)}{where}")

    def mousePressEvent(self, event) -> None:
        hit = self._cell_at(event.position().toPoint())
        if hit is not None and hit[0] < self.values.shape[0] and hit[1] < self.values.shape[1]:
            self.cell_clicked.emit(*hit)
