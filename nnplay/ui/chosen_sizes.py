"""The columns' and the output's sizes the user chose, kept apart from those a zoom forces.

A zoom raises the columns' least widths: the window's splitters give the zoomed columns what they
need, from the others, and hide some (``column_fit``); back at 100% they kept those sizes (the Data
and Network columns wider and half empty, the output's plot a third smaller, its tabs' titles short,
the gradient heatmaps on two rows: tester 21, at 1280×800 after Ctrl+= six times and Ctrl+0), and
the settings saved them as if the user had dragged them. The sizes at 100% (taken as the zoom leaves
it), those restored from the settings and those the user drags are the chosen ones: every zoom step
gives the splitters those again where the same columns are shown (Qt raises each to its zoomed least;
with a column hidden to make room, its share would go to the others), and the settings save them
while a zoom is in force, never the forced ones."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject
from PySide6.QtWidgets import QSplitter


class ChosenSizes(QObject):
    """The chosen states (``QSplitter.saveState``) of ``win``'s columns and output splitters."""

    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self.states: dict[str, tuple[QByteArray, tuple]] = {}  # a splitter's key: its chosen state, what it showed
        for key, s in self.splitters().items():
            s.splitterMoved.connect(lambda *_args, k=key: self.take(k))  # a drag (a user's only: setSizes says nothing)

    def splitters(self) -> dict[str, QSplitter]:
        """The splitters by their keys in the settings (``window_settings.SPLITTERS``)."""
        return {"columns": self.win.splitter, "output_split": self.win.output_split}

    def take(self, key: str, state: QByteArray | None = None) -> None:
        s = self.splitters()[key]
        self.states[key] = (s.saveState() if state is None else QByteArray(state), _shown(s))

    def leaving(self, zoom: float) -> None:
        """A zoom step from ``zoom``: at 100% nothing is forced, the sizes as they are are the chosen ones."""
        if zoom == 1.0:
            for key in self.splitters():
                self.take(key)

    def restore(self, states: dict | None = None) -> bool:
        """Give the splitters their chosen sizes (``states``: those read from the settings, chosen from now)
        where they show what they showed then; whether any was given them."""
        for key, state in (states or {}).items():
            if state is not None:
                self.take(key, state)
        done = False
        for key, s in self.splitters().items():
            if key in self.states and self.states[key][1] == _shown(s):
                done = s.restoreState(self.states[key][0]) or done
        drawing = getattr(self.win, "drawing_width", None)
        if drawing is not None:  # the Network column widened to its drawing again, from the chosen sizes
            drawing._done = None
            drawing._fit.request()
        return done

    def state(self, key: str, zoom: float) -> QByteArray:
        """What the settings save of the splitter ``key``: its sizes at 100%, else the chosen ones."""
        chosen = self.states.get(key)
        return self.splitters()[key].saveState() if zoom == 1.0 or chosen is None else chosen[0]


def _shown(splitter: QSplitter) -> tuple[bool, ...]:
    """Which of ``splitter``'s widgets are shown."""
    return tuple(not splitter.widget(i).isHidden() for i in range(splitter.count()))
