"""The equations of one layer of the backprop inspector: ``layer_equations``
writes them (formula, note and terms) from a BackpropTrace, and ``Equation``
shows one of them as matrices with the operators between them, wrapping to
the window's width.

The equations are those of the standard column layout (Ng's deep-learning
notation): Z[l] = W[l] A[l-1] + b[l], A[l] = g(Z[l]); dZ[L] = A[L] - Y;
dZ[l] = W[l+1]^T dZ[l+1] * g'(Z[l]); dW[l] = (1/m) dZ[l] A[l-1]^T;
db[l] = (1/m) sum of dZ[l]; W[l] := W[l] + dW step.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..numbers import count, format_number
from ..training.pictures import symmetric_levels
from .equation_layout import EquationLayout
from .heatmap import colour_matrices
from .matrix_view import MatrixView, axis_names
from .widgets import nest

OPTIMIZER_NAMES = {"sgd": "SGD", "momentum": "momentum", "adam": "Adam"}
G = {"tanh": "tanh", "relu": "relu", "leaky_relu": "leaky relu", "sigmoid": "σ", "linear": "identity",
     "softmax": "softmax"}
FORMULA_STYLE = "font-size: 16px;"
NOTE_STYLE = "font-size: 13px;"  # the palette's own text colour: readable on light and dark desktops


class Equation(QWidget):
    """One equation: its formula, a sentence on what it means, then its terms as
    matrices with the operators between them (wrapping as an equation does when the
    window is narrower than the row: ``equation_layout``). ``clicked(view, i, j)`` is called for a
    click on a cell; ``report(text)`` with the value under the pointer."""

    def __init__(self, report, clicked, parent=None):
        super().__init__(parent)
        self._report, self._clicked = report, clicked
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 10)
        self.formula = QLabel("")
        self.formula.setTextFormat(Qt.TextFormat.RichText)
        self.formula.setStyleSheet(FORMULA_STYLE)
        outer.addWidget(self.formula)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        outer.addWidget(self.note)
        self.row = EquationLayout(spacing=8)
        nest(outer, self.row)
        self.views: list[MatrixView] = []
        self._ops: list[QLabel] = []
        self.numbers = False
        self.batch = 0  # m, the mini-batch's size
        self._shape = None  # the terms' operators and matrix titles now: the same again, only values change
        self._shown: list[MatrixView] = []  # the matrix views of the terms now, in order

    def set_numbers(self, on: bool) -> None:
        self.numbers = on
        for v in self.views:
            v.set_numbers(on)

    def visible_views(self) -> list[MatrixView]:
        return [v for v in self.views if not v.isHidden()]

    def set_terms(self, formula: str, note: str, terms: list, coloured=None) -> None:
        """``terms``: in order, plain strings (operators) and matrices as (title,
        values) or (title, values, (l, transposed)) for the weights of layer l; ``coloured``: an
        iterator of each matrix's colours (``coloured_terms``), or None to colour each on its own."""
        self.formula.setText(formula)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        shape = tuple(t if isinstance(t, str) else t[0] for t in terms)
        if shape == self._shape:  # the next mini-batch of the same layer: new values, no widget hidden or shown
            for view, term in zip(self._shown, (t for t in terms if not isinstance(t, str))):
                self._fill(view, term, coloured)
            return
        self._shape, self._shown = shape, []
        while self.row.count():
            item = self.row.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
        views, ops = iter(self.views), iter(self._ops)
        roles = term_roles(terms)
        for term in terms:
            if isinstance(term, str):
                w = next(ops, None)
                if w is None:
                    w = QLabel()
                    w.setStyleSheet("font-size: 18px; padding-top: 36px;")  # level with the matrices' first row
                    self._ops.append(w)
                w.setText(term)
                w.setProperty("eq_role", next(roles))  # where the row may wrap (equation_layout)
            else:
                w = next(views, None)
                if w is None:
                    w = MatrixView("")
                    w.numbers = self.numbers
                    w.hovered.connect(lambda text, view=w: self._heard(view, text))
                    w.cell_clicked.connect(lambda i, j, view=w: self._clicked(view, i, j))
                    self.views.append(w)
                self._fill(w, term, coloured)
                self._shown.append(w)
                w.setProperty("eq_role", next(roles))
            self.row.addWidget(w)
            w.show()

    def _heard(self, view: MatrixView, text: str) -> None:
        """``view``'s read-out, the one followed from now on (the others' next values are not sent)."""
        for other in self.views:
            if other is not view:
                other.follow_no_more()
        self._report(text)

    def _fill(self, view: MatrixView, term: tuple, coloured=None) -> None:
        """Matrix ``view`` showing ``term``: (title, values) or (title, values, (l, transposed))."""
        title, values = term[0], term[1]
        view.weight = term[2] if len(term) > 2 else None
        view.selected = None
        view.axes = axis_names(title, np.shape(values), self.batch, view.weight)
        view.set_values(values, title, None if coloured is None else next(coloured))


def coloured_terms(equations: list) -> iter:
    """Each matrix of ``equations`` ((formula, note, terms) as ``layer_equations`` writes them), in
    order, as ((rows, cols) float64 values, its symmetric levels, unit, rgba): coloured in one pass
    (``heatmap.colour_matrices``), the same colours as ``HeatmapItem.set_matrix`` gives each alone. A
    trace's 20-odd matrices were 20-odd colourings (issue 20, round 19)."""
    mats = [np.atleast_2d(np.asarray(t[1], dtype=float)) for _, _, terms in equations for t in terms
            if not isinstance(t, str)]
    levels = [symmetric_levels(m) for m in mats]
    return iter([(m, lv, unit, rgba) for m, lv, (unit, rgba)
                 in zip(mats, levels, colour_matrices(mats, [hi for _, hi in levels]))])


def term_roles(terms: list):
    """Each term's ``eq_role`` for ``EquationLayout``, in order: a blank string "sep" (between two
    equations), an equation's first "=" (or a label that ends in "=" or ":", a whole left side) "eq",
    a closing ")" "close", any other string "op"; a matrix ""."""
    seen_eq = False
    for term in terms:
        if not isinstance(term, str):
            yield ""
        elif not term.strip():
            seen_eq = False
            yield "sep"
        elif not seen_eq and term.rstrip().endswith(("=", ":")):
            seen_eq = True
            yield "eq"
        else:
            yield "close" if term.startswith(")") else "op"


def _update(tr, lt, l: int, opt: str) -> list:
    """The update of W[l] and b[l]: ΔW and Δb (what the step adds), then the new values."""
    sgd = tr.optimizer == "sgd" and not tr.l1  # plain gradient descent: the step is -α dW
    how = f"− {format_number(tr.lr)} ·" if sgd else f"= {opt}'s step,"
    w_step = [(f"ΔW[{l}]", lt.delta_W, (l, False)), "=", how, (f"dW[{l}]", lt.dW, (l, False))] if sgd else \
        [(f"ΔW[{l}]", lt.delta_W, (l, False))]
    b_step = [(f"Δb[{l}]", lt.delta_b), "=", how, (f"db[{l}]", lt.db)] if sgd else [(f"Δb[{l}]", lt.delta_b)]
    rule = "−α dW" if sgd else f"{opt}'s step from dW"
    return [
        (f"Update: ΔW[{l}] = {rule},  W[{l}] := W[{l}] + ΔW[{l}]",
         f"α\u00a0=\u00a0{format_number(tr.lr)}. ΔW has its own colour scale (the ± under its name): the change is small "
         f"next to W, which is why new W looks like W. The new weights are used from the next mini-batch on."
         + _clipping(tr)
         + ("" if sgd else f" {opt} makes its step from dW and its running averages of past gradients"
                           f"{' and the L1 term' if tr.l1 else ''}; plain gradient descent would step by −α dW."),
         w_step + ["   ", (f"new W[{l}]", lt.W_new, (l, False)), "=", (f"W[{l}]", lt.W, (l, False)), "+",
                   (f"ΔW[{l}]", lt.delta_W, (l, False))]),
        (f"Δb[{l}] = {'−α db' if sgd else rule.replace('dW', 'db')},  b[{l}] := b[{l}] + Δb[{l}]", "",
         b_step + ["   ", (f"new b[{l}]", lt.b_new), "=", (f"b[{l}]", lt.b), "+", (f"Δb[{l}]", lt.delta_b)]),
    ]


def _clipping(tr) -> str:
    """What gradient-norm clipping did to this step, in a sentence ("" when it is off)."""
    c = getattr(tr, "clip_max_norm", 0.0)
    if not c:
        return ""
    if tr.clip_factor < 1.0:
        return (f" Clipped: the norm of every dW and db that trains (frozen and pruned ones left out) was "
                f"{format_number(tr.grad_norm)}, over the "
                f"limit {format_number(c)}, so all of them were scaled by {format_number(tr.clip_factor)} "
                f"before the step.")
    return f" Clipping at {format_number(c)}: the gradients' norm {format_number(tr.grad_norm)} is within it."


def _output_error(tr, lt, l: int, g: str) -> tuple:
    if lt.g_prime is not None:  # tanh with squared error: the output's slope 1 - A² stays in dZ
        return (f"Output error: dZ[{l}] = (A[{l}] − Y) ∗ (1 − A[{l}]²)",
                "tanh output with squared error: the error A − Y times the slope of tanh, 1 − A² "
                "(∗ is element by element; per example, the 1/m comes in dW and db).",
                [(f"dZ[{l}]", lt.dZ), "=", "(", (f"A[{l}]", lt.A), "−", ("Y", tr.Y), ")", "∗",
                 (f"1 − A[{l}]²", lt.g_prime)])
    return (f"Output error: dZ[{l}] = A[{l}] − Y",
            f"{g} output with its matched loss, so dJ/dZ is simply A − Y "
            f"(per example; the 1/m comes in dW and db).",
            [(f"dZ[{l}]", lt.dZ), "=", (f"A[{l}]", lt.A), "−", ("Y", tr.Y)])


def layer_equations(tr, l: int) -> list[tuple[str, str, list]]:
    """Layer l's six equations for the trace ``tr``, as (formula, note, terms)
    for ``Equation.set_terms``: forward, dZ, dW, db, the update of W and of b."""
    L, lt = len(tr.layers), tr.layer(l)
    n_l, n_prev, m = tr.sizes[l], tr.sizes[l - 1], tr.m
    A_prev = tr.input_to(l)
    g = G.get(lt.activation, lt.activation)
    if lt.mask is None:
        a_eq, a_terms, mask_note = f"A[{l}] = {g}(Z[{l}])", [f"A[{l}] = {g}(Z[{l}]) =", (f"A[{l}]", lt.A)], ""
    else:  # dropout's mask of this step, and pruned neurons (a row of 0)
        a_eq = f"A[{l}] = M[{l}] ∗ {g}(Z[{l}])"
        a_terms = [f"A[{l}] = M[{l}] ∗ {g}(Z[{l}]):", (f"M[{l}]", lt.mask), "→", (f"A[{l}]", lt.A)]
        mask_note = (f" M[{l}] is this step's mask: with dropout a unit is kept with probability 1 − p and then "
                     f"scaled by 1/(1 − p) (0 where dropped: inverted dropout); a pruned neuron's row is 0. "
                     f"Evaluation and the pictures use no mask.")
    out = [(f"Forward: Z[{l}] = W[{l}] A[{l - 1}] + b[{l}],  {a_eq}",
            f"Z and A: {n_l}×{m}, one column per example of the mini-batch"
            + (" (A[0] is the input)." if l == 1 else ".") + mask_note,
            [(f"Z[{l}]", lt.Z), "=", (f"W[{l}]", lt.W, (l, False)), (f"A[{l - 1}]", A_prev), "+", (f"b[{l}]", lt.b),
             "    ", *a_terms])]
    if l == L:
        out.append(_output_error(tr, lt, l, g))
    else:
        nxt = tr.layer(l + 1)
        out.append((f"Chain rule: dZ[{l}] = W[{l + 1}]ᵀ dZ[{l + 1}] ∗ {g}′(Z[{l}])",
                    f"The error of layer {l + 1} flows back through its weights, then through the slope of {g} "
                    f"at each neuron's input (∗ is element by element). Where g′ is near 0 the gradient vanishes.",
                    [(f"dZ[{l}]", lt.dZ), "=", (f"W[{l + 1}]ᵀ", nxt.W.T, (l + 1, True)), (f"dZ[{l + 1}]", nxt.dZ),
                     "=", (f"W[{l + 1}]ᵀ dZ[{l + 1}]", lt.WT_dZ), "∗", (f"{g}′(Z[{l}])", lt.g_prime)]))
    reg_note = ""
    dw_terms = [(f"dW[{l}]", lt.dW, (l, False)), "=", f"1/{m} ·", (f"dZ[{l}]", lt.dZ), (f"A[{l - 1}]ᵀ", A_prev.T)]
    if lt.dW_reg is not None:
        terms = [t for t, on in (("L2·W", tr.l2), ("L1·sign(W)", tr.l1)) if on]
        reg_note = f" Plus the regularisation term {' + '.join(terms)}."
        dw_terms += ["+", ("regularisation", lt.dW_reg, (l, False))]
    out.append((f"dW[{l}] = (1/m) dZ[{l}] A[{l - 1}]ᵀ",
                f"dW: {n_l}×{n_prev}, the same shape as W; entry (i, j) averages dZ_i · A_j over the {count(m, 'example')}."
                + reg_note, dw_terms))
    out.append((f"db[{l}] = (1/m) Σ<sub>examples</sub> dZ[{l}]", f"db: {n_l}×1, the mean of each row of dZ.",
                [(f"db[{l}]", lt.db), "=", f"1/{m} · Σ", (f"dZ[{l}]", lt.dZ)]))
    return out + _update(tr, lt, l, OPTIMIZER_NAMES.get(tr.optimizer, tr.optimizer))
