"""The backprop inspector: the equations of one mini-batch's step with the real
numbers in them, one layer at a time from the last to the first, and the chain
rule from the loss to one chosen weight.

It draws ``BackpropTrace`` objects (nnplay.engine.trace) that the training
process computes on request; it never computes anything itself.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea, QSizePolicy, QSpinBox, QSplitter,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from .colors import diverging_lut
from .widgets import named

OPTIMIZER_NAMES = {"sgd": "SGD", "momentum": "momentum", "adam": "Adam"}
G = {"tanh": "tanh", "relu": "relu", "leaky_relu": "leaky relu", "sigmoid": "σ", "linear": "identity",
     "softmax": "softmax"}


def _short(v: float) -> str:
    """A value in at most about five characters, for a cell."""
    if not np.isfinite(v):
        return str(v)
    if v == 0:
        return "0"
    if 0.001 <= abs(v) < 100:
        return f"{v:.3f}".rstrip("0").rstrip(".") if abs(v) < 1 else f"{v:.2f}".rstrip("0").rstrip(".")
    return f"{v:.0e}"


def axis_names(title: str, shape, m: int) -> tuple[str, str] | None:
    """What the rows and columns of a matrix in the equations stand for."""
    if len(shape) != 2:
        return None
    r, c = shape
    unit = "input" if title.startswith("A[0]") else "neuron"
    weights = title.startswith(("W[", "dW[", "new W[", "step", "regularisation")) and " dZ" not in title
    if title.startswith("A[") and title.endswith("ᵀ"):
        return ("example", unit)
    if weights and title.endswith("ᵀ"):
        return ("neuron", "neuron of the next layer")
    if weights:
        return ("neuron", "input")  # W[l][i, j]: from neuron j of layer l-1 into neuron i of layer l
    if c == m:
        return (unit, "example")
    return ("neuron", None) if c == 1 else None


def sub(name: str, l) -> str:
    return f"{name}<sup>[{l}]</sup>"


class MatrixView(QWidget):
    """One matrix as a grid of coloured cells (orange negative, blue positive,
    white 0, on the matrix's own symmetric scale), its name and shape above.
    Hovering reports the exact value; clicking a cell emits ``cell_clicked``."""

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
        shown = np.nan_to_num(v[::step_r, ::step_c])
        idx = np.clip(np.round((shown / scale + 1) * 127.5), 0, 255).astype(int) if scale > 0 else \
            np.full(shown.shape, 128)
        return scale, np.ascontiguousarray(diverging_lut()[idx][..., :3], dtype=np.uint8)

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
        p.drawText(QRect(2, 16, 400, 16), Qt.AlignmentFlag.AlignLeft, f"{r}×{c}   ±{scale:.2g}")
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
            self.hovered.emit(f"{self.title}[{i + 1}, {j + 1}] = {self.values[i, j]:.6g}{where}")

    def mousePressEvent(self, event) -> None:
        hit = self._cell_at(event.position().toPoint())
        if hit is not None and hit[0] < self.values.shape[0] and hit[1] < self.values.shape[1]:
            self.cell_clicked.emit(*hit)


class _Equation(QWidget):
    """One equation: its formula in words and symbols, then its terms as matrices
    with the operators between them."""

    def __init__(self, report, clicked, parent=None):
        super().__init__(parent)
        self._report, self._clicked = report, clicked
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 6)
        self.formula = QLabel("")
        self.formula.setTextFormat(Qt.TextFormat.RichText)
        self.formula.setStyleSheet("font-size: 15px;")
        outer.addWidget(self.formula)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(mid);")
        outer.addWidget(self.note)
        self.row = QHBoxLayout()
        self.row.setSpacing(8)
        outer.addLayout(self.row)
        self.views: list[MatrixView] = []
        self._ops: list[QLabel] = []
        self.numbers = False
        self.batch = 0  # m, the mini-batch's size

    def set_numbers(self, on: bool) -> None:
        self.numbers = on
        for v in self.views:
            v.set_numbers(on)

    def set_terms(self, formula: str, note: str, terms: list) -> None:
        """``terms``: (title, matrix) pairs and plain strings (operators) in order."""
        self.formula.setText(formula)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        while self.row.count():
            item = self.row.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
        views, ops = iter(self.views), iter(self._ops)
        used_v, used_o = [], []
        for term in terms:
            if isinstance(term, str):
                w = next(ops, None)
                if w is None:
                    w = QLabel()
                    w.setStyleSheet("font-size: 18px; padding-top: 36px;")  # level with the matrices' first row
                    self._ops.append(w)
                w.setText(term)
                used_o.append(w)
            else:
                w = next(views, None)
                if w is None:
                    w = MatrixView("")
                    w.numbers = self.numbers
                    w.hovered.connect(self._report)
                    w.cell_clicked.connect(lambda i, j, view=w: self._clicked(view, i, j))
                    self.views.append(w)
                w.axes = axis_names(term[0], np.shape(term[1]), self.batch)
                w.set_values(term[1], term[0])
                used_v.append(w)
            self.row.addWidget(w, 0, Qt.AlignmentFlag.AlignTop)
            w.show()
        self.row.addStretch(1)


class InspectorWindow(QWidget):
    """A window of its own (it needs room): Step layer walks the backward pass
    from the output layer to the first; Step mini-batch applies the update and
    moves to the next mini-batch."""

    step_batch_requested = Signal()
    visibility_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Backprop inspector — nnplay")
        self.setObjectName("backprop_inspector")
        self.resize(1100, 820)
        self.trace = None
        self.layer = None  # the layer shown (L first)
        self._key = None  # (epoch, batch) of the trace shown: a new batch restarts at layer L
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.header = QLabel("Press Play or Step to get a mini-batch.")
        self.header.setObjectName("inspector_header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(self.header, 1)
        self.back_button = named(QPushButton("◀ Later layer"), "inspector_layer_back",
                                 "Go back towards the output layer.")
        self.layer_button = named(QPushButton("Step layer ▶"), "inspector_step_layer",
                                  "Follow the backward pass one layer further towards the inputs.")
        self.batch_button = named(QPushButton("Step mini-batch ▶▶"), "inspector_step_batch",
                                  "Apply this update (W := W − α dW) and trace the next mini-batch.")
        self.numbers = named(QCheckBox("Numbers"), "inspector_numbers",
                             "Write each value in its cell (matrices up to 12×16; hover works for all).")
        self.numbers.toggled.connect(lambda on: [eq.set_numbers(on) for eq in self.equations])
        top.addWidget(self.numbers)
        self.back_button.clicked.connect(lambda: self._go(+1))
        self.layer_button.clicked.connect(lambda: self._go(-1))
        self.batch_button.clicked.connect(self.step_batch_requested)
        for keys, slot in (("Right", self.layer_button.click), ("Left", self.back_button.click),
                           ("Shift+Right", self.batch_button.click), ("Escape", self.close)):
            QShortcut(QKeySequence(keys), self, activated=slot)
        self.layer_button.setToolTip(self.layer_button.toolTip() + " (Right)")
        self.back_button.setToolTip(self.back_button.toolTip() + " (Left)")
        self.batch_button.setToolTip(self.batch_button.toolTip() + " (Shift+Right)")
        for b in (self.back_button, self.layer_button, self.batch_button):
            top.addWidget(b)
        outer.addLayout(top)
        self.path = QLabel("")
        self.path.setObjectName("inspector_path")
        self.path.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.path)

        split = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(split, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.equations = [_Equation(self._hover, self._matrix_clicked) for _ in range(6)]
        for eq in self.equations:
            self.body.addWidget(eq)
        self.body.addStretch(1)
        scroll.setWidget(body)
        split.addWidget(scroll)

        chain = QWidget()
        cl = QVBoxLayout(chain)
        cl.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        title = QLabel("<b>Chain rule to one weight</b> — click a cell of W or dW above, or pick it here:")
        row.addWidget(title)
        self.pick_layer = named(QSpinBox(), "chain_layer", "The layer l of the weight W[l][i, j].")
        self.pick_i = named(QSpinBox(), "chain_row", "The neuron i of layer l the weight leads into.")
        self.pick_j = named(QSpinBox(), "chain_col", "The neuron j of layer l−1 the weight comes from.")
        for label, box in (("l", self.pick_layer), ("i", self.pick_i), ("j", self.pick_j)):
            row.addWidget(QLabel(label))
            box.setMinimum(1)
            box.valueChanged.connect(lambda _: self._show_chain())
            row.addWidget(box)
        row.addStretch(1)
        cl.addLayout(row)
        self.chain_formula = QLabel("")
        self.chain_formula.setObjectName("chain_formula")
        self.chain_formula.setTextFormat(Qt.TextFormat.RichText)
        self.chain_formula.setWordWrap(True)
        cl.addWidget(self.chain_formula)
        self.chain_table = QTableWidget()
        self.chain_table.setObjectName("chain_table")
        self.chain_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.chain_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        cl.addWidget(self.chain_table, 1)
        self.chain_result = QLabel("")
        self.chain_result.setObjectName("chain_result")
        self.chain_result.setTextFormat(Qt.TextFormat.RichText)
        self.chain_result.setWordWrap(True)
        cl.addWidget(self.chain_result)
        split.addWidget(chain)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        self.readout = QLabel("Hover over a matrix for exact values.")
        self.readout.setObjectName("inspector_readout")
        outer.addWidget(self.readout)
        self._update_buttons()

    # ------------------------------------------------------------ input
    def set_trace(self, trace) -> None:
        if trace is None:
            return
        key = (trace.epoch, trace.batch, trace.sizes)
        new_shape = self.trace is None or self.trace.sizes != trace.sizes
        self.trace = trace
        L = len(trace.layers)
        if key != self._key or self.layer is None:  # a new mini-batch starts at the output layer
            self.layer = L
        self.layer = min(self.layer, L)
        self._key = key
        if new_shape:
            self.pick_layer.blockSignals(True)
            self.pick_layer.setMaximum(L)
            self.pick_layer.setValue(L)
            self.pick_layer.blockSignals(False)
            self._fit_pick()
        self._redraw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.visibility_changed.emit(True)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.visibility_changed.emit(False)

    # ------------------------------------------------------------ drawing
    def _go(self, delta: int) -> None:
        if self.trace is None:
            return
        self.layer = int(np.clip(self.layer + delta, 1, len(self.trace.layers)))
        self._redraw()

    def _update_buttons(self) -> None:
        has = self.trace is not None
        L = len(self.trace.layers) if has else 1
        self.layer_button.setEnabled(has and self.layer > 1)
        self.back_button.setEnabled(has and self.layer < L)
        self.batch_button.setEnabled(has)

    def _hover(self, text: str) -> None:
        self.readout.setText(text)

    def _matrix_clicked(self, view: MatrixView, i: int, j: int) -> None:
        """A click on any matrix shaped like this layer's W (W, dW, the new W, the
        step) follows the chain rule to that weight."""
        tr = self.trace
        if tr is not None and view.values.shape == (tr.sizes[self.layer], tr.sizes[self.layer - 1]):
            self.pick_weight(self.layer, i, j)
            for eq in self.equations:
                for v in eq.views:
                    v.selected = (i, j) if v.values.shape == view.values.shape else None
                    v.update()

    def _redraw(self) -> None:
        tr = self.trace
        if tr is None:
            return
        L, l = len(tr.layers), self.layer
        lt = tr.layer(l)
        opt = OPTIMIZER_NAMES.get(tr.optimizer, tr.optimizer)
        reg = "".join(f", {k} = {v:g}" for k, v in (("L1", tr.l1), ("L2", tr.l2)) if v)
        self.header.setText(
            f"<b>Epoch {tr.epoch + 1}, mini-batch {tr.batch + 1} of {tr.batches}</b> — m = {tr.m} examples, "
            f"loss on this batch J = {tr.J:.5g}; {opt}, α = {tr.lr:g}{reg}")
        steps = " → ".join((f"<b><u>layer {k}</u></b>" if k == l else f"layer {k}") for k in range(L, 0, -1))
        self.path.setText(f"Backward pass: {steps} → update")
        n_l, n_prev, m = tr.sizes[l], tr.sizes[l - 1], tr.m
        A_prev = tr.input_to(l)
        eqs = self.equations
        for eq in eqs:
            eq.batch = m
        g = G.get(lt.activation, lt.activation)
        eqs[0].set_terms(
            f"Forward: {sub('Z', l)} = {sub('W', l)} {sub('A', l - 1)} + {sub('b', l)},  "
            f"{sub('A', l)} = {g}({sub('Z', l)})",
            f"Z and A: {n_l}×{m}, one column per example of the mini-batch.",
            [(f"A[{l}]", lt.A), "=", f"{g}(", (f"Z[{l}]", lt.Z), ")", "=", f"{g}(", (f"W[{l}]", lt.W),
             (f"A[{l - 1}]", A_prev), "+", (f"b[{l}]", lt.b), ")"])
        if l == L:
            if tr.loss == "tanh_mse":
                eqs[1].set_terms(f"{sub('dZ', l)} = ({sub('A', l)} − Y) ∗ (1 − {sub('A', l)}²)",
                                 "Output error: tanh output with squared error (∗ is element by element).",
                                 [(f"dZ[{l}]", lt.dZ), "=", (f"A[{l}]", lt.A), "−", ("Y", tr.Y), "∗ (1 − A²)"])
            else:
                eqs[1].set_terms(f"{sub('dZ', l)} = {sub('A', l)} − Y",
                                 f"Output error: {g} output with its matched loss, so dJ/dZ is simply A − Y "
                                 f"(per example; the 1/m comes in dW and db).",
                                 [(f"dZ[{l}]", lt.dZ), "=", (f"A[{l}]", lt.A), "−", ("Y", tr.Y)])
        else:
            nxt = tr.layer(l + 1)
            eqs[1].set_terms(
                f"Chain rule: {sub('dZ', l)} = {sub('W', l + 1)}<sup>T</sup> {sub('dZ', l + 1)} ∗ "
                f"{g}′({sub('Z', l)})",
                f"The error of layer {l + 1} flows back through its weights, then through the slope of "
                f"{g} at each neuron's input (∗ is element by element). Where g′ is near 0 the gradient vanishes.",
                [(f"dZ[{l}]", lt.dZ), "=", (f"W[{l + 1}]ᵀ", nxt.W.T), (f"dZ[{l + 1}]", nxt.dZ), "=",
                 (f"W[{l + 1}]ᵀ dZ[{l + 1}]", lt.WT_dZ), "∗", (f"{g}′(Z[{l}])", lt.g_prime)])
        reg_note = ""
        dw_terms = [(f"dW[{l}]", lt.dW), "=", f"1/{m} ·", (f"dZ[{l}]", lt.dZ), (f"A[{l - 1}]ᵀ", A_prev.T)]
        if lt.dW_reg is not None:
            reg_note = f" Plus the regularisation term {'L2·W' if tr.l2 else ''}{' + ' if tr.l1 and tr.l2 else ''}" \
                       f"{'L1·sign(W)' if tr.l1 else ''}."
            dw_terms += ["+", ("regularisation", lt.dW_reg)]
        eqs[2].set_terms(f"{sub('dW', l)} = (1/m) {sub('dZ', l)} {sub('A', l - 1)}<sup>T</sup>",
                         f"dW: {n_l}×{n_prev}, the same shape as W; entry (i, j) averages dZ_i · A_j over the "
                         f"{m} examples.{reg_note}", dw_terms)
        eqs[3].set_terms(f"{sub('db', l)} = (1/m) Σ<sub>examples</sub> {sub('dZ', l)}",
                         f"db: {n_l}×1, the mean of each row of dZ.",
                         [(f"db[{l}]", lt.db), "=", f"1/{m} · Σ", (f"dZ[{l}]", lt.dZ)])
        if tr.optimizer == "sgd":
            eqs[4].set_terms(f"Update: {sub('W', l)} := {sub('W', l)} − α {sub('dW', l)}",
                             f"With α = {tr.lr:g}; the new weights are used from the next mini-batch on.",
                             [(f"new W[{l}]", lt.W_new), "=", (f"W[{l}]", lt.W), f"− {tr.lr:g} ·",
                              (f"dW[{l}]", lt.dW)])
            eqs[5].set_terms(f"{sub('b', l)} := {sub('b', l)} − α {sub('db', l)}", "",
                             [(f"new b[{l}]", lt.b_new), "=", (f"b[{l}]", lt.b), f"− {tr.lr:g} ·",
                              (f"db[{l}]", lt.db)])
        else:
            eqs[4].set_terms(f"Update ({opt}): {sub('W', l)} := {sub('W', l)} − step",
                             f"{opt} turns dW into a step using its running averages of past gradients; "
                             f"plain gradient descent would step by α dW.",
                             [(f"new W[{l}]", lt.W_new), "=", (f"W[{l}]", lt.W), "−", ("step", lt.W - lt.W_new)])
            eqs[5].set_terms(f"{sub('b', l)} := {sub('b', l)} − step", "",
                             [(f"new b[{l}]", lt.b_new), "=", (f"b[{l}]", lt.b), "−", ("step", lt.b - lt.b_new)])
        self._update_buttons()
        self._show_chain()

    # ------------------------------------------------------- chain rule
    def _fit_pick(self) -> None:
        tr = self.trace
        if tr is None:
            return
        l = self.pick_layer.value()
        self.pick_i.setMaximum(tr.sizes[l])
        self.pick_j.setMaximum(tr.sizes[l - 1])

    def pick_weight(self, l: int, i: int, j: int) -> None:
        """Show the chain rule for W[l][i, j] (0-based i, j)."""
        for box, v in ((self.pick_layer, l), (self.pick_i, i + 1), (self.pick_j, j + 1)):
            box.blockSignals(True)  # one redraw at the end, not three
            box.setValue(v)
            box.blockSignals(False)
            if box is self.pick_layer:
                self._fit_pick()  # i and j's ranges follow the layer
        self._show_chain()

    def _show_chain(self) -> None:
        tr = self.trace
        if tr is None:
            return
        self._fit_pick()
        l, i, j = self.pick_layer.value(), self.pick_i.value() - 1, self.pick_j.value() - 1
        c = tr.chain(l, i, j)
        L = len(tr.layers)
        w = f"W<sup>[{l}]</sup><sub>{i + 1},{j + 1}</sub>"
        dz = f"dZ<sup>[{l}]</sup><sub>{i + 1},k</sub>"
        a = f"A<sup>[{l - 1}]</sup><sub>{j + 1},k</sub>"
        if l < L:
            why = (f"{dz} = (W<sup>[{l + 1}]T</sup> dZ<sup>[{l + 1}]</sup>)<sub>{i + 1},k</sub> · "
                   f"g′(Z<sup>[{l}]</sup><sub>{i + 1},k</sub>)")
            headers = [f"(W[{l + 1}]ᵀ dZ[{l + 1}])_{i + 1}", f"g′(Z[{l}]_{i + 1})", f"dZ[{l}]_{i + 1} (product)",
                       f"A[{l - 1}]_{j + 1}", "dZ · A"]
            cols = [c["WT_dZ"], c["g_prime"], c["dZ"], c["A_prev"], c["terms"]]
        else:
            why = (f"{dz} = A<sup>[{l}]</sup><sub>{i + 1},k</sub> − Y<sub>{i + 1},k</sub>" if tr.loss != "tanh_mse"
                   else f"{dz} = (A − Y)(1 − A²) at neuron {i + 1}")
            headers = [f"A[{l}]_{i + 1}", f"Y_{i + 1}", f"dZ[{l}]_{i + 1}", f"A[{l - 1}]_{j + 1}", "dZ · A"]
            cols = [c["A_out"], c["Y"], c["dZ"], c["A_prev"], c["terms"]]
        self.chain_formula.setText(
            f"∂J/∂{w} = (1/m) Σ<sub>k</sub> ∂J/∂Z<sup>[{l}]</sup><sub>{i + 1},k</sub> · "
            f"∂Z<sup>[{l}]</sup><sub>{i + 1},k</sub>/∂{w} = (1/m) Σ<sub>k</sub> {dz} · {a},  where {why}."
            + (" (A<sup>[0]</sup> is the input.)" if l == 1 else ""))
        t = self.chain_table
        t.setColumnCount(len(headers))
        t.setRowCount(tr.m)
        t.setHorizontalHeaderLabels(headers)
        t.setVerticalHeaderLabels([f"k={k + 1}" for k in range(tr.m)])
        for col, values in enumerate(cols):
            for k in range(tr.m):
                item = t.item(k, col)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    t.setItem(k, col, item)
                item.setText(f"{values[k]:.6g}")
        reg = f" + regularisation {c['reg_term']:.6g}" if tr.l1 or tr.l2 else ""
        diff = abs(c["total"] - c["backprop"])
        ok = diff <= 1e-9 * max(1.0, abs(c["backprop"]))
        colour = "#1e7e34" if ok else "#b3261e"
        self.chain_result.setText(
            f"(1/{tr.m}) × sum of the last column = {c['data_term']:.6g}{reg} = <b>{c['total']:.6g}</b>; "
            f"backprop's dW<sup>[{l}]</sup><sub>{i + 1},{j + 1}</sub> = <b>{c['backprop']:.6g}</b> "
            f"<span style='color:{colour}'>{'✓ the same' if ok else '✗ different'}</span> "
            f"(difference {diff:.1e}).")
