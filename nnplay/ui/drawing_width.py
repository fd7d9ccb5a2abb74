"""The Network column widened to its drawing where the other columns can spare the width (round 20:
in presentation mode at 1280×800 the six hidden layers of the vanishing-gradients lesson were drawn
wider than the column, which scrolled them sideways with the output neuron out of sight, while the
Output and Gradients columns were wider than their least).

The diagram keeps its neurons readable (``diagram_room.keep_readable_width``: its canvas's least
width); where the canvas is wider than its view, ``DrawingWidth`` moves the missing pixels to the
Network column from the other columns shown, from each in proportion to what it has beyond its
least, never below it. Where they have too little to draw it whole, nothing is moved and the drawing
scrolls sideways as before (the columns at their least gained nothing and cut the tabs under the output). It acts
when the drawing's least width, the columns' room or the columns shown change, never on a move of a
splitter handle: a width the user gives the columns stands until the next such change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from .coalesced import Coalesced
from .widgets import on_event

NETWORK = 1  # the Network column's place in the window's splitter (window_columns.build_columns)


class DrawingWidth(QObject):
    """Widens ``win``'s Network column to its diagram's drawing (see the module's docstring)."""

    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self._done = None  # the state last acted on (``_state``)
        self._fit = Coalesced(self.fit, self)  # once the layouts of a change are done
        on_event(win.diagram.canvas, (QEvent.Type.Resize,), self._fit.request)
        on_event(win.splitter, (QEvent.Type.Resize,), self._fit.request)

    def _state(self) -> tuple:
        s = self.win.splitter  # (not the columns' widths: those a user's drag sets)
        return (self.win.diagram.canvas.minimumWidth(), s.width(), tuple(s.widget(i).isHidden() for i in range(s.count())))

    def short(self) -> int:
        """By how many pixels the diagram's view is narrower than its drawing's least width (0: none)."""
        d = self.win.diagram
        return max(0, d.canvas.minimumWidth() - d.canvas_scroll.viewport().width())

    def fit(self) -> None:
        """Give the Network column what its drawing lacks, from the other columns' width beyond their least."""
        state = self._state()
        s = self.win.splitter
        if state == self._done or s.widget(NETWORK).isHidden():
            return
        self._done = state
        short = self.short()
        if short == 0:
            return
        sizes = s.sizes()
        spare = [0 if i == NETWORK or s.widget(i).isHidden() else max(0, sizes[i] - _least(s.widget(i)))
                 for i in range(s.count())]
        if sum(spare) < short:  # too little to draw it whole: the columns as they are, the drawing scrolls
            return
        left = short
        for i in sorted(range(len(sizes)), key=spare.__getitem__):  # the one with most last: it takes the rest
            take = min(spare[i], left, -(-short * spare[i] // sum(spare)))
            sizes[i] -= take
            left -= take
        sizes[NETWORK] += short - left
        s.setSizes(sizes)


def _least(w) -> int:
    """The width a splitter gives the column ``w`` at least (its set minimum, else its minimum size hint)."""
    return w.minimumWidth() or w.minimumSizeHint().width()
