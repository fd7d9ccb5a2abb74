"""The key of a plot's curves as a line of text above it, never over the data.

pyqtgraph's LegendItem lives inside the plot: floating, it covers curves;
laid out in the plot's grid (``plot_layout.legend_above``), each of its rows
takes height from the plot, and a narrow plot stacks its entries one a row (a
four-entry key took three quarters of a 1280×800 window's loss plot) or cuts
the last one short. ``CurveKey`` is a word-wrapped QLabel instead: each entry
a sample of the curve's pen (its colour, and ━ solid, ╌ dashed or ┈ dotted)
and its name, kept whole, the entries wrapping to a second line only when the
width is short. It has LegendItem's ``addItem``/``removeItem``, so a PlotItem
whose ``legend`` it is names its curves in it (``plot(name=...)``)."""

from __future__ import annotations

from html import escape

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

LEFT_ROOM = 3  # pixels left of the first swatch: its bold box-drawing glyph reaches left of its cell, cut at x = 0
TOP_ROOM = 8  # pixels above a keyed plot without a title: its top tick label is drawn whole, not cut in half


def room_at_top(plot_item) -> None:
    """Room above ``plot_item``'s data for its top tick label (the title or legend row gave it before)."""
    plot_item.setContentsMargins(1, TOP_ROOM, 1, 1)


SAMPLES = {Qt.PenStyle.DashLine: "╌╌", Qt.PenStyle.DotLine: "┈┈", Qt.PenStyle.DashDotLine: "╌┈"}


def pen_sample(pen) -> str:
    """Rich text drawing a short stretch of ``pen`` (anything pg.mkPen takes)."""
    pen = pg.mkPen(pen)
    glyphs = SAMPLES.get(pen.style(), "━━")
    return f"<span style='color:{pen.color().name()}; font-weight:bold'>{glyphs}</span>"


class CurveKey(QLabel):
    """The names of curves with samples of their pens, in the order added."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # wraps, never widens
        self.setContentsMargins(LEFT_ROOM, 0, 0, 0)
        self.entries: list[tuple[object, str]] = []
        self.note = ""  # plain text after the entries (the loss plot's "↑ to 0.8"), "" for none

    def addItem(self, item, name: str) -> None:  # (pyqtgraph LegendItem API)
        self.entries.append((item, str(name)))
        self.refresh()

    def removeItem(self, item) -> None:
        self.entries = [(i, n) for i, n in self.entries if i is not item]
        self.refresh()

    def clear(self) -> None:
        self.entries = []
        self.refresh()

    def set_note(self, text: str) -> None:
        """Show plain ``text`` after the entries, in the key's row above the plot ("": none)."""
        if text != self.note:
            self.note = text
            self.refresh()

    def fit(self) -> None:
        """(``legend_above``'s hook: a label wraps by itself.)"""

    def names(self) -> list[str]:
        return [n for _, n in self.entries]

    def refresh(self) -> None:
        """Draw the entries again (after a curve's pen changed, e.g. the palette)."""
        parts = [f"{pen_sample(item.opts['pen'])}&nbsp;{escape(name).replace(' ', '&nbsp;')}"
                 for item, name in self.entries]
        if self.note:
            parts.append(f"<b>{escape(self.note).replace(' ', '&nbsp;')}</b>")  # (wrapped whole)
        self.setText(" &nbsp; ".join(parts))
