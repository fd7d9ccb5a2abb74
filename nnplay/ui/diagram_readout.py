"""What the network diagram says in words: the hovered link's weight or the
hovered neuron's bias (in the line under the diagram and, live, in the
tooltip), and how many weights are exactly 0."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolTip

from ..numbers import format_number
from .elide import short_name, wrapped
from .widgets import unit_name

EDIT_HINT = "(click to type, Shift+drag to scrub)"


def describe_edge(d, l: int, i: int, j: int) -> None:
    """Link W[l][i+1, j+1] of diagram ``d``, from the last frame's weights."""
    if d.weights is None:
        return
    w = float(d.weights[l - 1][i, j])
    L = len(d.sizes) - 1
    src, dst = unit_name(l - 1, j, L, d.names), unit_name(l, i, L)
    gone = " (exactly 0: the link is switched off)" if w == 0 else ""
    if d.marks.is_pruned(l - 1, i, j):
        gone = " (pruned: acts as 0; its value is kept for Restore)"
    elif d.marks.is_frozen(l - 1, i, j):
        gone = " (frozen)"
    d.readout.setText(f"Weight W[{l}][{i + 1}, {j + 1}] from {src} to {dst}: {format_number(w)}{gone}")
    live_tip(d, f"W[{l}][{i + 1}, {j + 1}] = {format_number(w, 6)}  {EDIT_HINT}")


def describe_node(d, l: int, i: int) -> None:
    """Neuron i+1 of layer l: where its picture is, and its bias."""
    text = f"{unit_name(l, i, len(d.sizes) - 1, d.names)}: its output over the plane is shown in the big view."
    if l > 0 and d.biases is not None:
        b = format_number(float(d.biases[l - 1][i, 0]))
        text += f" Bias b[{l}][{i + 1}] = {b}; click to type it."
        live_tip(d, f"b[{l}][{i + 1}] = {b}  {EDIT_HINT}")
    elif l == 0:
        live_tip(d, wrapped(str(d.names[i])))  # the input's whole name (its label may be elided)
    d.readout.setText(text)


def live_tip(d, text: str) -> None:
    """The hovered parameter's value as the canvas's tooltip, refreshed in place
    while it is shown (as the run trains)."""
    d.canvas.setToolTip(text)
    if QToolTip.isVisible():
        QToolTip.showText(QCursor.pos(), text, d.canvas)


def show_zero_count(d, zero_weights: tuple, W1: np.ndarray) -> None:
    """The line under the diagram counting the weights that are exactly 0 (L1 or pruning)."""
    zeros, total = zero_weights
    d.zero_count.setVisible(zeros > 0)
    if zeros:
        unused = [name for name, column in zip(d.names, W1.T) if not column.any()]
        listed = ", ".join(short_name(n) for n in unused[:5]) + (f" and {len(unused) - 5:,} more" if len(unused) > 5 else "")
        off = f"; inputs switched off: {listed}" if unused else ""
        d.zero_count.setText(f"<b>{zeros} of {total}</b> weights are exactly 0 (not drawn unless pruned){off}")
