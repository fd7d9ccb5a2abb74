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


IDLE = "Hover a neuron or a connection."
WIDEST_NUMBER = "-8.888e-88"  # as wide as format_number's text gets (for the room a caption may need)
PRUNED = " (pruned: acts as 0; kept for Restore)"  # the longest of a link's notes


def describe_edge(d, l: int, i: int, j: int) -> None:
    """Link W[l][i+1, j+1] of diagram ``d``, from the last frame's weights."""
    if d.weights is None:
        return
    w = float(d.weights[l - 1][i, j])
    gone = " (exactly 0: the link is switched off)" if w == 0 else ""
    if d.marks.is_pruned(l - 1, i, j):
        gone = PRUNED
    elif d.marks.is_frozen(l - 1, i, j):
        gone = " (frozen)"
    d.readout.setText(edge_text(d, l, i, j, format_number(w), gone))
    live_tip(d, f"W[{l}][{i + 1}, {j + 1}]\u00a0=\u00a0{format_number(w, 6)}  {EDIT_HINT}")


def edge_text(d, l: int, i: int, j: int, w: str, gone: str = "") -> str:
    """The read-out of link W[l][i+1, j+1] of diagram ``d`` whose weight reads ``w``."""
    L = len(d.sizes) - 1
    src, dst = unit_name(l - 1, j, L, d.names), unit_name(l, i, L)
    return f"Weight W[{l}][{i + 1}, {j + 1}] from {src} to {dst}: {w}{gone}"


def describe_node(d, l: int, i: int) -> None:
    """Neuron i+1 of layer l: where its picture is, and its bias."""
    b = format_number(float(d.biases[l - 1][i, 0])) if l > 0 and d.biases is not None else None
    if b is not None:
        hint = d.activation_labels.menu_hint(l) if l < len(d.sizes) - 1 else ""  # a hidden layer's, labels hidden
        live_tip(d, f"b[{l}][{i + 1}]\u00a0=\u00a0{b}  {EDIT_HINT}{hint}")
    elif l == 0:
        live_tip(d, wrapped(str(d.names[i])))  # the input's whole name (its label may be elided)
    d.readout.setText(node_text(d, l, i, b))


def node_text(d, l: int, i: int, b: str | None) -> str:
    """The read-out of neuron i+1 of layer l of diagram ``d``, whose bias reads ``b`` (None: not said)."""
    text = f"{unit_name(l, i, len(d.sizes) - 1, d.names)}: its output is shown in the big view."
    return text + (f" Bias b[{l}][{i + 1}]\u00a0=\u00a0{b}; click to type it." if b is not None else "")


def captions(d) -> list[str]:
    """The longest read-outs the network of diagram ``d`` can show, one of each kind: the
    read-out's room is that of the tallest, so hovering never moves the drawing above it."""
    drawn = d.bounds.shown
    if not drawn:
        return [IDLE]

    def widest(l: int) -> int:  # the drawn unit of layer l with the longest name
        return max(drawn[l], key=lambda i: len(unit_name(l, int(i), len(d.sizes) - 1, d.names)))

    texts = [IDLE, *(node_text(d, l, widest(l), WIDEST_NUMBER if l else None) for l in range(len(drawn)))]
    texts += [edge_text(d, l, widest(l), widest(l - 1), WIDEST_NUMBER, PRUNED) for l in range(1, len(drawn))]
    texts += [d.bounds.describe(("more", l)) for l, more in enumerate(d.bounds.more) if more]
    if d.weights is not None:  # (a summarised link's numbers are the weights')
        texts += [d.bounds.describe(("summary", l, k)) for l, links in enumerate(d.bounds.links, start=1)
                  for k in range(len(links))]
    return texts


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
