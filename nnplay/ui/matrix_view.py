"""One matrix of the backprop inspector's equations as a heatmap (with its values
written in, on request), and what its rows and columns mean."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..numbers import format_number
from .heatmap import HeatmapItem
from .steady_label import SteadyLabel
from .tip import set_tip
from .undefined import hatch_item


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
    """One matrix as a heatmap (``heatmap.HeatmapItem``: orange negative, blue
    positive, white 0, on the matrix's own symmetric scale), its name, shape and
    scale above. Hovering reports the exact value; clicking a cell emits
    ``cell_clicked`` (0-based row, column). ``weight`` = (l, transposed) marks a
    matrix whose cell (i, j) is the weight W[l][i, j] (W[l][j, i] when
    transposed); ``selected`` is the one cell outlined (``update`` shows it)."""

    hovered = Signal(str)
    cell_clicked = Signal(int, int)

    MAX_SIDE = 190  # pixels for the longer side of the grid
    NUMBER_CELL = (46, 18)  # least cell size when the numbers are written in
    WIDEST_NUMBERS = ("−0.0008", "−8·10⁻⁸", "−88.88", "−0.888")  # the widest forms short_number writes
    MAX_NUMBERED = (12, 16)  # columns, rows: larger matrices stay colour only

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.title = title
        self.values = np.zeros((1, 1))
        self.selected: tuple[int, int] | None = None
        self.numbers = False  # write each value in its cell (small matrices)
        self.axes: tuple[str, str | None] | None = None  # what rows and columns stand for, e.g. ("neuron", "example")
        self.weight: tuple[int, bool] | None = None  # (l, transposed) when the cells are the weights of layer l
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 2)
        layout.setSpacing(0)
        self.name_label = QLabel(title)
        self.name_label.setStyleSheet("font-weight: bold;")
        self.shape_label = SteadyLabel("")  # its ± changes at every trace: no relayout of the inspector for it
        self.shape_label.setStyleSheet("font-size: 11px;")
        self.plot = pg.GraphicsView()
        self.plot.setStyleSheet("border: 1px solid #787878;")
        self.box = pg.ViewBox(enableMouse=False, enableMenu=False, invertY=True, defaultPadding=0.0)
        self.plot.setCentralItem(self.box)
        self.heat = HeatmapItem(self._hover, self.cell_clicked.emit)
        self.hatch = hatch_item(QRectF(), z=-1.0)  # shows through where a value is not a number
        self.box.addItem(self.hatch)
        self.box.addItem(self.heat)
        for w in (self.name_label, self.shape_label, self.plot):
            layout.addWidget(w)
        self._hovered_cell = None
        self._cw = self._ch = 10.0  # cell width and height in pixels (below 1 for a large matrix)
        self._shape = self._grid = None  # (rows, columns) and pixel size the view was last set up for
        self.set_values(self.values)

    def number_cell(self) -> tuple[int, int]:
        """(width, height) in pixels of a cell with its number written in: NUMBER_CELL, or wider where
        the font's widest numbers (a minus sign and seven characters) need it, 3 px clear each side."""
        metrics = QFontMetrics(self.font())
        widest = max(metrics.horizontalAdvance(text) for text in self.WIDEST_NUMBERS)
        return max(self.NUMBER_CELL[0], widest + 6), max(self.NUMBER_CELL[1], metrics.height() + 2)

    def set_values(self, values: np.ndarray, title: str | None = None, coloured=None) -> None:
        """Show ``values`` ((rows, cols)) titled ``title`` (the same by default); the read-out of the cell
        last hovered follows them (another matrix in this view: it is no longer followed). ``coloured``:
        (values as float64, levels, unit, rgba) already coloured (``inspector_equations.coloured_terms``)."""
        self.values = np.atleast_2d(np.asarray(values, dtype=float)) if coloured is None else coloured[0]
        if title is not None:
            if title != self.title:
                self._followed = None
            self.title = title
        r, c = self.values.shape
        if coloured is None:
            self.heat.set_matrix(self.values)
        else:
            self.heat.show_coloured(*coloured)
        self.hatch.setRect(QRectF(0, 0, c, r))
        self.hatch.setVisible(not np.isfinite(self.values).all())
        self._cw = self._ch = min(22.0, self.MAX_SIDE / max(r, c, 1))
        if self.numbered:
            self._cw, self._ch = self.number_cell()
        self.heat.numbers.setVisible(self.numbered)
        self.name_label.setText(self.title)
        finite = np.abs(self.values[np.isfinite(self.values)])
        largest = float(finite.max()) if finite.size else 0.0  # (an all-zero b says ±0; its colour scale stays ±1)
        self.shape_label.setText(f"{r}×{c}   ±{format_number(largest, 2)}")
        grid = max(1, round(c * self._cw)), max(1, round(r * self._ch))
        if grid != self._grid or (r, c) != self._shape:  # (the next trace's values: same size)
            self._grid, self._shape = grid, (r, c)
            self.plot.setFixedSize(grid[0] + 2, grid[1] + 2)  # (the border: the viewport, and the ViewBox in it, is w x h)
            self.box.setRange(QRectF(0, 0, c, r), padding=0.0)
        set_tip(self, f"{self.title}: {r}×{c}. Hover a cell for its value.")  # (not again at every trace)
        self.heat.select(self.selected)  # (the picture's scene repaints itself; the widget's labels, when they change)
        self._follow()

    @property
    def numbered(self) -> bool:
        r, c = self.values.shape
        return self.numbers and c <= self.MAX_NUMBERED[0] and r <= self.MAX_NUMBERED[1]

    def set_numbers(self, on: bool) -> None:
        self.numbers = on
        self.set_values(self.values)

    def update(self) -> None:
        """Outline the ``selected`` cell (an item of the picture's scene: the scene repaints it; the
        widget itself, its labels and the whole picture, is not repainted for it)."""
        self.heat.select(self.selected)

    def sizeHint(self) -> QSize:
        hint = self.layout().sizeHint()
        return QSize(max(hint.width(), 96), hint.height())

    def cell_point(self, i: int, j: int) -> QPoint:
        """The centre of cell (i, j) in the coordinates of ``plot.viewport()`` (for a pointer), mapped
        as the view maps it now (not from the size the layout will give it: a view just shown may still
        be waiting for its resize, and a point computed from that size would fall on a neighbour)."""
        return self.plot.mapFromScene(self.heat.mapToScene(QPointF(j + 0.5, i + 0.5)))

    _followed = None  # the cell (i, j) the read-out names: the last hovered, its number followed through traces
    _said = None  # the read-out's text last sent

    def _hover(self, hit) -> None:
        """The value under the pointer, once per cell entered (so a message
        about a click on that cell stays until the pointer moves on or its number changes)."""
        cell = None if hit is None else hit[:2]
        if cell == self._hovered_cell:
            return
        self._hovered_cell = cell
        if cell is not None:  # (the pointer gone, the read-out still names the cell: followed, not left stale)
            self._followed = cell
            self._say(self._cell_text(*cell))

    def follow_no_more(self) -> None:
        """Another matrix's cell is in the read-out now: this one's next values are not sent."""
        self._followed = None

    def _follow(self) -> None:
        """New values: the followed cell's read-out again, where its number (or its names) changed."""
        cell = self._followed
        if cell is not None and cell[0] < self.values.shape[0] and cell[1] < self.values.shape[1]:
            text = self._cell_text(*cell)
            if text != self._said:
                self._say(text)

    def _say(self, text: str) -> None:
        self._said = text
        self.hovered.emit(text)

    def _cell_text(self, i: int, j: int) -> str:
        """The read-out of cell (i, j): its value now, its row's and column's names."""
        v = float(self.values[i, j])
        where = ""
        if self.axes is not None:
            rows, cols = self.axes
            where = f"   ({rows} {i + 1}" + (f", {cols} {j + 1})" if cols else ")")
        if self.weight is not None and self.weight[1]:
            where += f" — the weight W[{self.weight[0]}][{j + 1}, {i + 1}]"
        return f"{self.title}[{i + 1}, {j + 1}]\u00a0=\u00a0{format_number(v, 6)}{where}"
