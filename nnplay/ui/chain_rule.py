"""The backprop inspector's chain rule to one weight: pick W[l][i, j], see for
each example of the mini-batch the factors of dJ/dW[l]_ij (a table), their mean,
and whether it equals the fast engine's dW[l]_ij (computed by the other code
path in the training process): ✓, or ✗ and by how much they differ.

The numbers come from ``BackpropTrace.chain`` (nnplay.engine.trace); this
widget only lays them out.
"""

from __future__ import annotations

import math

import numpy as np

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication, QFrame, QHBoxLayout, QHeaderView, QLabel, QScrollArea, QSpinBox, QStyle, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from ..numbers import count, format_number
from .steady_wrap import SteadyWrap
from .widgets import after_font_change, named, nest, on_event

NUMBER_SAMPLE = "−0.000000000"  # as wide as a number of the table's (format_number, 6 significant digits)
TABLE_ROWS_KEPT = 3  # the table keeps its header and this many rows before the panel scrolls
SUBSCRIPT = str.maketrans("0123456789,k", "₀₁₂₃₄₅₆₇₈₉‚ₖ")
OK_COLOUR, BAD_COLOUR = "#1e7e34", "#c62828"


def subscript(text) -> str:
    """Digits (and k) as Unicode subscripts, for plain-text table headers: A[2]₃."""
    return str(text).translate(SUBSCRIPT)


def _columns(c: dict, l: int, i: int, j: int, L: int) -> tuple[str, list[str], list]:
    """(why dZ is what it is, the table's headers, its columns) for ``chain``'s result ``c``."""
    dz, si, sj = f"dZ[{l}]<sub>{i + 1},k</sub>", subscript(i + 1), subscript(j + 1)
    tail_h, tail = [f"A[{l - 1}]{sj}", "dZ · A"], [c["A_prev"], c["terms"]]
    if l < L:
        return (f"{dz}\u00a0=\u00a0(W[{l + 1}]ᵀ dZ[{l + 1}])<sub>{i + 1},k</sub> · g′(Z[{l}]<sub>{i + 1},k</sub>)",
                [f"(W[{l + 1}]ᵀ dZ[{l + 1}]){si}", f"g′(Z[{l}]{si})", f"dZ[{l}]{si} (product)"] + tail_h,
                [c["WT_dZ"], c["g_prime"], c["dZ"]] + tail)
    if "g_prime" in c:  # tanh with squared error
        a = f"A[{l}]<sub>{i + 1},k</sub>"
        return (f"{dz}\u00a0=\u00a0({a} − Y<sub>{i + 1},k</sub>) · (1 − {a}²)",
                [f"A[{l}]{si}", f"Y{si}", f"1 − A[{l}]{si}²", f"dZ[{l}]{si} = (A − Y)(1 − A²)"] + tail_h,
                [c["A_out"], c["Y"], c["g_prime"], c["dZ"]] + tail)
    return (f"{dz}\u00a0=\u00a0A[{l}]<sub>{i + 1},k</sub> − Y<sub>{i + 1},k</sub>",
            [f"A[{l}]{si}", f"Y{si}", f"dZ[{l}]{si} = A − Y"] + tail_h, [c["A_out"], c["Y"], c["dZ"]] + tail)


def verdict(c: dict, l: int, i: int, j: int) -> str:
    """The sentence under the table: the sum, the engine's value, ✓ or ✗ and the difference."""
    n = format_number
    reg = f" + regularisation {n(c['reg_term'], 6)}" if c["reg_term"] else ""
    head = f"(1/{c['m']}) × sum of the last column\u00a0=\u00a0{n(c['data_term'], 6)}{reg}\u00a0=\u00a0<b>{n(c['total'], 6)}</b>; "
    if c["engine"] is None:
        return head + "no independent value to check it against in this trace."
    engine = f"the fast engine's dW[{l}]<sub>{i + 1},{j + 1}</sub>\u00a0=\u00a0<b>{n(c['engine'], 6)}</b> "
    if c["agrees"] and c["engine"] == 0 and not np.any(c["terms"]) and not c["reg_term"]:  # 0 = 0: empty
        return head + engine + ("<span style='color:#b36b00'><b>the same, but both exactly 0</b></span>: every "
                                "term of the sum is 0, so this agreement says nothing about the chain rule.")
    if c["agrees"]:
        same = f"<span style='color:{OK_COLOUR}'>✓ the same</span>"
        return head + engine + f"{same} (difference {n(c['difference'], 2)})."
    why = f"they differ by {n(c['difference'], 3)}" if math.isfinite(c["difference"]) else "not finite numbers"
    return head + engine + f"<span style='color:{BAD_COLOUR}'><b>✗ different</b> — {why}</span>."


def same_weight(l: int, i: int, j: int, L: int) -> str:
    """Where else the weight W[l][i, j] appears in the inspector, named explicitly."""
    where = f"dW[{l}] ({i + 1}, {j + 1}), ΔW[{l}] ({i + 1}, {j + 1}) and new W[{l}] ({i + 1}, {j + 1}) in layer {l}"
    if l > 1:
        where += f"; W[{l}]ᵀ ({j + 1}, {i + 1}) in layer {l - 1}'s chain rule"
    return (f"<b>W[{l}] ({i + 1}, {j + 1})</b>: from {'input' if l == 1 else 'neuron'} {j + 1} of layer {l - 1} "
            f"into neuron {i + 1} of layer {l}. The same weight is {where}.")


class ChainRulePanel(QWidget):
    """Pick W[l][i, j] with the boxes (or ``pick``); ``picked(l, i, j)`` (0-based
    i, j) is emitted when the boxes change it."""

    picked = Signal(int, int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.trace = None
        cl = QVBoxLayout(self)
        cl.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        title = QLabel("<b>Chain rule to one weight</b> — click a cell of W, dW or ΔW above, or pick it here:")
        title.setWordWrap(True)  # (a zoomed narrow window: on two lines, not wider than the window)
        row.addWidget(title, 1)
        self.pick_layer = named(QSpinBox(), "chain_layer", "The layer l of the weight W[l][i, j].")
        self.pick_i = named(QSpinBox(), "chain_row", "The neuron i of layer l the weight leads into.")
        self.pick_j = named(QSpinBox(), "chain_col", "The neuron j of layer l−1 the weight comes from.")
        for label, box in (("l", self.pick_layer), ("i", self.pick_i), ("j", self.pick_j)):
            row.addWidget(QLabel(label))
            box.setMinimum(1)
            box.valueChanged.connect(self._boxes_changed)
            row.addWidget(box)
        nest(cl, row)
        self.weight = self._label("chain_weight", 13)
        self.formula = self._label("chain_formula", 15)
        cl.addWidget(self.weight)
        cl.addWidget(self.formula)
        self.table = named(QTableWidget(), "chain_table", "The factors of the chain rule, one row per example.")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # (fit_columns)
        on_event(self.table.viewport(), (QEvent.Type.Resize,), self.fit_columns)
        after_font_change(self.table, self.fit_columns)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        cl.addWidget(self.table, 1)
        self.result = SteadyWrap(self._label("chain_result", 14))  # (new numbers at every trace: no re-layout)
        cl.addWidget(self.result)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        """The height the panel needs at ``width``: its texts whole at that width (they wrap) and the
        table its header and TABLE_ROWS_KEPT rows (it scrolls the rest), with room for a sideways scroll
        bar. Its scroll area (``scrolled``) gives it at least this, and scrolls when it has less room."""
        return self._height(width, TABLE_ROWS_KEPT, True)

    def whole_height(self, width: int) -> int:
        """The height the panel needs at ``width`` to show every row of its table, unscrolled, and no
        more: its scroll bar's room only where its columns are wider than it (the inspector fits its
        splitter to this, up to a share of its height)."""
        t = self.table
        room = width - 2 * t.frameWidth() - t.verticalHeader().sizeHint().width()
        return self._height(width, t.rowCount(), sum(self._column_needs()) > room)

    def _height(self, width: int, rows: int, sideways: bool) -> int:
        t = self.table
        rows = t.horizontalHeader().sizeHint().height() + rows * t.verticalHeader().defaultSectionSize()
        least = rows + 2 * t.frameWidth() + (t.horizontalScrollBar().sizeHint().height() if sideways else 0)
        least = max(least, t.minimumSizeHint().height())
        return self.layout().totalHeightForWidth(width) - t.sizeHint().height() + least

    def _column_needs(self) -> list[int]:
        """Each column's width for its header and a number."""
        t, h = self.table, self.table.horizontalHeader()
        cell = t.fontMetrics().horizontalAdvance(NUMBER_SAMPLE) + 2 * t.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin, None, t) + 4
        return [max(h.sectionSizeHint(c), cell) for c in range(t.columnCount())]

    def fit_columns(self) -> None:
        """Each column as wide as its header and a number need, the room left shared among them: no
        header elided ("dZ[3]₁ = (A − Y)(1 − …" zoomed, with the columns of equal width); where even
        that is wider than the table, it scrolls sideways."""
        t, h = self.table, self.table.horizontalHeader()
        n = t.columnCount()
        need = self._column_needs()
        spare = max(0, t.viewport().width() - sum(need))
        for c in range(n):
            h.resizeSection(c, need[c] + spare // n + (c < spare % n))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # (a zoom: the table's rows as high as its text)
            self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)

    @staticmethod
    def _label(name: str, px: int) -> QLabel:
        label = QLabel("")
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setStyleSheet(f"font-size: {px}px;")
        return label

    def set_trace(self, tr) -> None:
        """Show the chain rule in the trace ``tr``; a new network shape starts at the output layer."""
        new_shape = self.trace is None or self.trace.sizes != tr.sizes
        self.trace = tr
        if new_shape:
            self.pick(len(tr.layers), 0, 0)
        else:
            self.refresh()

    def chosen(self) -> tuple[int, int, int]:
        """(l, i, j) of the weight shown, i and j from 0."""
        return self.pick_layer.value(), self.pick_i.value() - 1, self.pick_j.value() - 1

    def pick(self, l: int, i: int, j: int) -> None:
        """Show the chain rule for W[l][i, j] (0-based i, j)."""
        boxes = (self.pick_layer, self.pick_i, self.pick_j)
        for box in boxes:  # one redraw at the end, not three; and no "picked" (that is the user's)
            box.blockSignals(True)  # (a range fitted to the layer clamped i or j, and said so)
        for box, v in zip(boxes, (l, i + 1, j + 1)):
            if box is self.pick_layer and self.trace is not None:
                box.setMaximum(len(self.trace.layers))
            box.setValue(v)
            if box is self.pick_layer:
                self._fit()  # i and j's ranges follow the layer
        for box in boxes:
            box.blockSignals(False)
        self.refresh()

    def _fit(self) -> None:
        if self.trace is not None:
            l = self.pick_layer.value()
            for box, most in ((self.pick_i, self.trace.sizes[l]), (self.pick_j, self.trace.sizes[l - 1])):
                if box.maximum() != most:  # (a spin box's setMaximum lays its window out again, even to the same)
                    box.setMaximum(most)

    def _boxes_changed(self) -> None:
        self._fit()
        self.refresh()
        self.picked.emit(*self.chosen())

    def refresh(self) -> None:
        tr = self.trace
        if tr is None:
            return
        self._fit()
        l, i, j = self.chosen()
        c = tr.chain(l, i, j)
        why, headers, cols = _columns(c, l, i, j, len(tr.layers))
        self.weight.setText(same_weight(l, i, j, len(tr.layers)))
        self.formula.setText(
            f"∂J/∂W[{l}]<sub>{i + 1},{j + 1}</sub>\u00a0=\u00a0(1/m) Σ<sub>k</sub> dZ[{l}]<sub>{i + 1},k</sub> · "
            f"A[{l - 1}]<sub>{j + 1},k</sub>" + (" + regularisation" if c["reg_term"] else "")
            + f",  where {why}  (k runs over the m\u00a0=\u00a0{count(tr.m, 'example')}).")
        t = self.table
        new_headers = headers != [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]
        t.setColumnCount(len(headers))
        t.setRowCount(tr.m)
        if new_headers:
            t.setHorizontalHeaderLabels(headers)
            self.fit_columns()
        t.setVerticalHeaderLabels([f"k={k + 1}" for k in range(tr.m)])
        for col, values in enumerate(cols):
            for k in range(tr.m):
                item = t.item(k, col)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    t.setItem(k, col, item)
                item.setText(format_number(values[k], 6))
        self.result.set_text(verdict(c, l, i, j))


def scrolled(panel: ChainRulePanel) -> QScrollArea:
    """``panel`` in a scroll area of its own (the inspector's splitter holds it): given less height than
    its texts need at its width (a zoomed 1024×768 window, the splitter dragged), its table keeps
    TABLE_ROWS_KEPT rows and then the panel scrolls; no text of it is cut. Its texts wrap, so it never
    scrolls sideways."""
    scroll = QScrollArea()
    scroll.setObjectName("chain_scroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(panel)
    # the panel's new height for its width (a longer verdict, a zoom) taken in by the scroll area, which
    # otherwise learns of it only when it is resized: its layout done, the scroll area lays it out again
    request = QEvent.Type.LayoutRequest
    on_event(panel, (request,), lambda: QApplication.sendEvent(scroll, QEvent(request)))
    return scroll
