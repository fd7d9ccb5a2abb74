"""The backprop inspector: the equations of one mini-batch's step with the real
numbers in them, one layer at a time from the last to the first, and the chain
rule from the loss to one chosen weight.

It draws ``BackpropTrace`` objects (nnplay.engine.trace) that the training
process computes on request; it never computes anything itself. To show a
trace without a playground (a test, a headless render)::

    win = InspectorWindow()
    win.set_trace(trainer.trace_next_batch())
    win.show_layer(1)            # optional: which layer's equations
    win.pick_weight(1, 0, 2)     # optional: the chain rule to W[1][0, 2]
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget

from ..numbers import count, format_number
from .chain_rule import ChainRulePanel, scrolled
from .diverged import reset_first
from .inspector_equations import OPTIMIZER_NAMES, Equation, coloured_terms, layer_equations
from .heatmap import OWN_SCALE_TICKS, key_strip, set_bar
from .matrix_view import MatrixView
from .one_paint import OnePaintPerFrame
from .disabled_reason import give_reason
from .refusal_note import refuse_near
from .shortcut_text import keys_text
from .widgets import named, nest
from .side_window import SideWindow
from .inspector_split import ChainSplit
from .steady_wrap import SteadyWrap
from .screen_fit import resize_within_screen
from .plot_room import MIN_VIEW_PX


HEADER_CHARS = 26  # the header's least width, in average characters (zoomed ×1.6 the window still fits 1024 px)
CHAIN_ROWS_SHOWN = 16  # a rendered inspector shows the chain rule's table up to this many examples unscrolled


class InspectorWindow(SideWindow):
    """A window of its own (it needs room): Step layer walks the backward pass
    from the output layer to the first; Step mini-batch applies the update and
    moves to the next mini-batch."""

    step_batch_requested = Signal()
    visibility_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Backprop inspector — nnplay")
        self.setObjectName("backprop_inspector")
        # the playground's font, zoomed with it (View › Zoom), as its px-sized texts are: a window of its own
        # keeps the application's font otherwise (the header and table unzoomed beside zoomed equations)
        self.setAttribute(Qt.WidgetAttribute.WA_WindowPropagation)
        resize_within_screen(self, 1100, 820)
        self.trace = None
        self._diverged = ""  # the header's "the run diverged" (the Step mini-batch button's refusal)
        self.layer = None  # the layer shown (L first)
        self._key = None  # (epoch, batch) of the trace shown: a new batch restarts at layer L
        self._outline = None  # (equation index, view index, i, j): the one cell outlined
        self.chosen_by_user = False  # a weight clicked or picked: kept, with its layer, through new traces
        outer = QVBoxLayout(self)
        nest(outer, self._top_row())
        self.path = QLabel("")
        self.path.setObjectName("inspector_path")
        self.path.setTextFormat(Qt.TextFormat.RichText)
        self.path.setWordWrap(True)  # (a deep network's path, zoomed: on two lines)
        outer.addWidget(self.path)
        self.key = key_strip("Each matrix on its own scale, ± its largest |value| (under its name):")
        self.key.setObjectName("inspector_key")
        outer.addWidget(self.key)

        split = self.split = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(split, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        body = QWidget()
        lay = QVBoxLayout(body)
        self.equations = [Equation(self._hover, self._matrix_clicked) for _ in range(6)]
        for eq in self.equations:
            lay.addWidget(eq)
        lay.addStretch(1)
        scroll.setWidget(body)
        self.scroll = scroll
        # the matrices keep room at the window's least size (none at all before: tester 22)
        scroll.setMinimumHeight(MIN_VIEW_PX + 2 * scroll.frameWidth() + scroll.horizontalScrollBar().sizeHint().height())
        split.addWidget(scroll)
        self.chain = ChainRulePanel()
        self.chain.picked.connect(lambda l, i, j: self._user_picked(l, i, j))
        self.chain_scroll = scrolled(self.chain)
        split.addWidget(self.chain_scroll)
        self.chain_split = ChainSplit(split, self.chain, self.chain_scroll)  # the table as high as its rows

        self.readout = QLabel("Hover over a matrix for exact values.")
        self.readout.setObjectName("inspector_readout")
        outer.addWidget(self.readout)
        self._update_buttons()
        # a trace changes up to 24 matrices, each a scene of its own: painted in one pass, not one per scene
        self.one_paint = OnePaintPerFrame(self)

    def _top_row(self) -> QHBoxLayout:
        top = QHBoxLayout()
        header = QLabel("Press Play or Step to get a mini-batch.")
        header.setObjectName("inspector_header")
        header.setTextFormat(Qt.TextFormat.RichText)
        header.setWordWrap(True)
        # (new numbers at every trace: no re-layout of the window for them); at the window's least size, at
        # least HEADER_CHARS wide and as high as its text wraps there (cut to 2 of its lines at 80 px before)
        self.header = SteadyWrap(header, least_width=lambda: HEADER_CHARS * header.fontMetrics().averageCharWidth())
        top.addWidget(self.header, 1)
        self.numbers = named(QCheckBox("Numbers"), "inspector_numbers",
                             "Write each value in its cell (matrices up to 12×16; hover works for all).")
        self.numbers.toggled.connect(lambda on: [eq.set_numbers(on) for eq in self.equations])
        top.addWidget(self.numbers)
        self.back_button = named(QPushButton("◀ Later layer"), "inspector_layer_back",
                                 f"Go back towards the output layer ({keys_text('Left')}).")
        self.layer_button = named(QPushButton("Step layer ▶"), "inspector_step_layer",
                                  f"Follow the backward pass one layer further towards the inputs ({keys_text('Right')}).")
        self.batch_button = named(QPushButton("Step mini-batch ▶▶"), "inspector_step_batch",
                                  f"Apply this update (W := W + ΔW) and trace the next mini-batch "
                                  f"({keys_text('Shift+Right')}).")
        self.back_button.clicked.connect(lambda: self._go(+1))
        self.layer_button.clicked.connect(lambda: self._go(-1))
        self.batch_button.clicked.connect(self.step_batch_requested)
        for keys, button in (("Right", self.layer_button), ("Left", self.back_button),
                             ("Shift+Right", self.batch_button)):  # Esc: SideWindow
            QShortcut(QKeySequence(keys), self, activated=lambda b=button: self._press(b))
        for b in (self.back_button, self.layer_button, self.batch_button):  # a click on it greyed: its reason
            top.addWidget(give_reason(b, lambda b=b: self._why_not(b)))
        return top

    # ------------------------------------------------------------ input
    def set_trace(self, trace, diverged_at: int | None = None) -> None:
        """Show ``trace`` (a BackpropTrace); a new mini-batch starts at the output layer, unless
        the user has chosen a weight (clicked or picked): that, and its layer, stay until the
        network's shape changes. ``diverged_at``: the run diverged there (``show_diverged``)."""
        if diverged_at is not None:
            self.show_diverged(diverged_at)
        if trace is None:
            return
        self.one_paint.begin()
        key = (trace.epoch, trace.batch, trace.sizes)
        self.trace = trace
        L = len(trace.layers)
        new_batch = key != self._key or self.layer is None
        if self._key is None or key[2] != self._key[2]:
            self.chosen_by_user = False  # a new network: nothing of the old one is chosen in it
        if new_batch and not self.chosen_by_user:  # the user's choice stays (a late trace reset it)
            self.layer = L
            self._outline = None
        self.layer = min(self.layer, L)
        self._key = key
        self.chain.set_trace(trace)
        self.chain_split.request()  # (its rows and texts: the table as high as they need)
        self._redraw()
        if new_batch:
            self._chain_follows()

    def show_diverged(self, epoch: int) -> None:
        """The run diverged at ``epoch``: it has no next step to trace (Step does nothing), so the
        header says so and names Reset; the next trace, after a Reset, replaces it."""
        text = self._diverged = reset_first(epoch, "step through backprop")
        self.header.set_text(text)
        self.batch_button.setEnabled(False)
        self.batch_button.setToolTip(text)

    def show_layer(self, l: int) -> None:
        """Show layer l's equations (1..L)."""
        if self.trace is not None:
            self._go(l - self.layer)

    def pick_weight(self, l: int, i: int, j: int) -> None:
        """Show the chain rule for W[l][i, j] (0-based i, j) and outline it in W[l] when layer l is shown."""
        self.chain.pick(l, i, j)
        self._outline_weight(l, i, j)

    def fit_splitter(self) -> None:
        """Give the equations the height they need at the window's width (their
        rows wrap) and the chain rule the rest; ``nnplay render`` lays it out so."""
        self.chain_split.fit_whole_equations(self.scroll)

    def shows_everything(self) -> bool:
        """Nothing is scrolled away: the equations, and the chain rule's table up to
        CHAIN_ROWS_SHOWN rows (a panel drawn to a file must show all it holds)."""
        t = self.chain.table
        bars = [self.scroll.verticalScrollBar(), self.scroll.horizontalScrollBar(), t.horizontalScrollBar(),
                self.chain_scroll.verticalScrollBar()]
        if t.rowCount() <= CHAIN_ROWS_SHOWN:
            bars.append(t.verticalScrollBar())
        return all(bar.maximum() == 0 for bar in bars) and all(
            label.height() >= label.heightForWidth(label.width()) for label in self.findChildren(QLabel)
            if label.isVisible() and label.wordWrap())

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
        layer = int(np.clip(self.layer + delta, 1, len(self.trace.layers)))
        if layer != self.layer:
            self.layer, self._outline = layer, None
        self._redraw()
        self._chain_follows()

    def _chain_follows(self) -> None:
        """The chain rule follows the layer shown (Step layer, a new mini-batch): to
        W[l] of that layer, the same i and j where the layer has them, outlined."""
        l, i, j = self.chain.chosen()
        if self.trace is not None and l != self.layer:
            sizes, l = self.trace.sizes, self.layer
            self.pick_weight(l, min(i, sizes[l] - 1), min(j, sizes[l - 1] - 1))

    def _update_buttons(self) -> None:
        has = self.trace is not None
        L = len(self.trace.layers) if has else 1
        self.layer_button.setEnabled(has and self.layer > 1)
        self.back_button.setEnabled(has and self.layer < L)
        self.batch_button.setEnabled(has)
        for button in (self.layer_button, self.back_button, self.batch_button):  # greyed: its reason, hovered
            button.setToolTip(button.accessibleDescription() if button.isEnabled() else self._why_not(button))

    def _press(self, button) -> None:
        """A key for ``button``: pressed where it is enabled, else its refusal said at the button."""
        if button.isEnabled():
            button.click()
        else:
            refuse_near(button, self._why_not(button))

    def _why_not(self, button) -> str:
        """Why ``button`` is greyed out, in one line."""
        if button is self.batch_button and self._diverged:
            return self._diverged
        if self.trace is None:
            return "No mini-batch traced yet: press Play or Step in the playground first."
        if button is self.layer_button:
            return "Layer 1 is the end of the backward pass: nothing further towards the inputs (◀ goes back)."
        if button is self.back_button:
            return "This is the output layer, where the backward pass starts (Step layer ▶ follows it)."
        return self.header.text()

    def _hover(self, text: str) -> None:
        self.readout.setText(text)

    def _user_picked(self, l: int, i: int, j: int) -> None:
        self.chosen_by_user = True
        self._outline_weight(l, i, j)

    def _matrix_clicked(self, view: MatrixView, i: int, j: int) -> None:
        """A click on a matrix of weights (W, dW, ΔW, new W, or W[l+1]ᵀ) follows the
        chain rule to that weight; only the clicked cell is outlined. The choice stays
        through later traces (the next mini-batches) until the network's shape changes."""
        if view.weight is None:  # said at the cell clicked, not only in the line at the window's foot
            refused = f"{view.title} holds no weights: click a cell of W, dW or ΔW for the chain rule."
            self.readout.setText(refused)
            refuse_near(view.plot.viewport(), refused, view.cell_point(i, j))
            return
        self.chosen_by_user = True
        l, transposed = view.weight
        self.chain.pick(l, *((j, i) if transposed else (i, j)))
        for e, eq in enumerate(self.equations):
            if view in eq.views:
                self._outline = (e, eq.views.index(view), i, j)
        self._paint_outline()

    def _outline_weight(self, l: int, i: int, j: int) -> None:
        """Outline W[l][i, j] in the forward equation's W[l] (when layer l is shown)."""
        views = self.equations[0].visible_views()
        k = next((n for n, v in enumerate(views) if v.weight == (l, False)), None)
        self._outline = None if k is None else (0, self.equations[0].views.index(views[k]), i, j)
        self._paint_outline()

    def refresh_colours(self) -> None:
        """The key and every matrix in the palette's current colours."""
        set_bar(self.key.bar, (-1.0, 1.0), OWN_SCALE_TICKS)
        for eq in self.equations:
            for v in eq.views:
                v.set_values(v.values)

    def _paint_outline(self) -> None:
        for e, eq in enumerate(self.equations):
            for n, v in enumerate(eq.views):
                o = self._outline
                v.selected = (o[2], o[3]) if o is not None and (e, n) == o[:2] else None
                v.update()

    def _redraw(self) -> None:
        tr = self.trace
        if tr is None:
            return
        L, l = len(tr.layers), self.layer
        self._diverged = ""
        opt = OPTIMIZER_NAMES.get(tr.optimizer, tr.optimizer)
        reg = "".join(f", {k}\u00a0=\u00a0{format_number(v)}" for k, v in (("L1", tr.l1), ("L2", tr.l2)) if v)
        self.header.set_text(
            f"<b>Epoch {tr.epoch + 1}, mini-batch {tr.batch + 1} of {tr.batches}</b> — m\u00a0=\u00a0{count(tr.m, 'example')}, "
            f"loss on this batch J\u00a0=\u00a0{format_number(tr.J, 5)}; {opt}, α\u00a0=\u00a0{format_number(tr.lr)}{reg}")
        steps = " → ".join((f"<b><u>layer {k}</u></b>" if k == l else f"layer {k}") for k in range(L, 0, -1))
        self.path.setText(f"Backward pass: {steps} → update")
        equations = layer_equations(tr, l)
        coloured = coloured_terms(equations)  # every matrix's colours in one pass
        for eq, (formula, note, terms) in zip(self.equations, equations):
            eq.batch = tr.m
            eq.set_terms(formula, note, terms, coloured)
        self._paint_outline()
        self._update_buttons()
