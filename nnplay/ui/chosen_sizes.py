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

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QObject, Qt
from PySide6.QtWidgets import QSplitter

from .column_fit import COLUMNS


class ChosenSizes(QObject):
    """The chosen states (``QSplitter.saveState``) of ``win``'s columns and output splitters."""

    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self.states: dict[str, tuple] = {}  # a splitter's key: its chosen state, what it showed, its sizes
        self.whole: tuple | None = None  # (what the columns showed, their sizes) while none was hidden to make room
        for key, s in self.splitters().items():
            s.splitterMoved.connect(lambda *_args, k=key: self.take(k))  # a drag (a user's only: setSizes says nothing)
        win.splitter.splitterMoved.connect(lambda *_args: self.keep_whole())

    def splitters(self) -> dict[str, QSplitter]:
        """The splitters by their keys in the settings (``window_settings.SPLITTERS``)."""
        return {"columns": self.win.splitter, "output_split": self.win.output_split}

    def take(self, key: str, state: QByteArray | None = None) -> None:
        s = self.splitters()[key]
        self.states[key] = (s.saveState() if state is None else QByteArray(state), _shown(s),
                            s.sizes() if state is None else _sizes(state))  # (the state's own: pixels before a layout)

    def leaving(self, zoom: float) -> None:
        """A zoom step from ``zoom``: at 100% nothing is forced, the sizes as they are are the chosen ones.
        The sizes kept for the columns hidden to make room (``whole``) are another zoom's: dropped."""
        self.whole = None
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
        self._refit_drawing()
        return done

    def _refit_drawing(self) -> None:
        drawing = getattr(self.win, "drawing_width", None)
        if drawing is not None:  # the Network column widened to its drawing again, from the sizes given
            drawing._done = None
            drawing._fit.request()

    def keep_whole(self, fitted: list[str] | None = None) -> None:
        """Keep the columns' sizes (``whole``) while none is hidden to make room (``fitted``: the keys column_fit
        hid; None: asked of it): after a drag, and once the window's size has settled."""
        if fitted is None:
            fitted = getattr(getattr(self.win, "presentation", None), "columns", None)
            fitted = None if fitted is None else fitted.fitted
        if fitted is not None and not any(k in COLUMNS for k in fitted):
            self.whole = (_shown(self.win.splitter), self.win.splitter.sizes())

    def give_back_whole(self, back: list[str], fitted: list[str]) -> None:
        """Columns hidden to make room brought back (``back``), and none hidden still (``fitted``), showing what
        they showed then: the sizes they had (``whole``), in proportion to the room now (``setSizes``). Each came
        back at its least width and the output took the rest (round 22: 1280×800 made as narrow as it goes and
        grown back, the Network column 171 px of its 314, its drawing scrolled sideways and its settings folded,
        the output 648 px of its 411)."""
        s = self.win.splitter
        if back and self.whole is not None and self.whole[0] == _shown(s) and not any(k in COLUMNS for k in fitted):
            s.setSizes(self.whole[1])
            self._refit_drawing()

    def raise_to_least(self) -> None:
        """After ``restore`` and the least sizes set in the sizes given (``least_width``): each splitter's
        chosen sizes with those below their least raised to it from the others (``_within_least``)."""
        for key, s in self.splitters().items():
            if key in self.states and self.states[key][1] == _shown(s):
                _within_least(s, self.states[key][2])

    def state(self, key: str, zoom: float) -> QByteArray:
        """What the settings save of the splitter ``key``: its sizes at 100%, else the chosen ones."""
        chosen = self.states.get(key)
        return self.splitters()[key].saveState() if zoom == 1.0 or chosen is None else chosen[0]


def _shown(splitter: QSplitter) -> tuple[bool, ...]:
    """Which of ``splitter``'s widgets are shown."""
    return tuple(not splitter.widget(i).isHidden() for i in range(splitter.count()))


def _sizes(state: QByteArray) -> list[int]:
    """The sizes in a ``QSplitter.saveState`` (its marker, its version, then the list of sizes)."""
    data = QByteArray(state)  # (held while the stream reads it: the stream keeps no reference)
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    stream.readInt32(), stream.readInt32()
    return [stream.readInt32() for _ in range(max(0, stream.readInt32()))]


def _within_least(splitter: QSplitter, chosen: list[int]) -> None:
    """The ``chosen`` sizes in the room ``splitter`` has, each raised to its widget's least with the pixels
    taken from the others in proportion to what they have beyond theirs. Qt's ``restoreState`` raises a
    column below its zoomed least by a rule of its own that hands it more: at 1920×1080 and 200% the Data
    column chosen 343 px (least 418) got 528, then gave the Network column's drawing the width it lacks and
    moved the "+" layer button left at each layer added. Where the leasts do not fit, Qt's sizes stand."""
    sizes, vertical = splitter.sizes(), splitter.orientation() == Qt.Orientation.Vertical
    shown = [not splitter.widget(i).isHidden() for i in range(splitter.count())]
    chosen = [c if on else 0 for c, on in zip(chosen, shown)]
    room, total = sum(sizes), sum(chosen)
    least = [_least(splitter.widget(i), vertical) if on else 0 for i, on in enumerate(shown)]
    if len(chosen) != len(sizes) or total <= 0 or sum(least) > room:
        return
    want = [c * room // total for c in chosen]
    want[want.index(max(want))] += room - sum(want)  # (the pixels the rounding left, to the widest)
    short = left = sum(max(0, lo - w) for lo, w in zip(least, want))
    if not any(w < lo < size for w, lo, size in zip(want, least, sizes)):  # none raised past its least: Qt's
        return
    spare = [max(0, w - lo) for lo, w in zip(least, want)]  # (their sum is at least short: the leasts fit)
    for i in sorted(range(len(want)), key=spare.__getitem__):  # the one with most last: it gives the rest
        give = min(spare[i], left, -(-short * spare[i] // max(1, sum(spare))))
        want[i] = max(want[i], least[i]) - give
        left -= give
    splitter.setSizes(want)


def _least(w, vertical: bool) -> int:
    """The size a splitter gives ``w`` at least (its set minimum, else its minimum size hint)."""
    return (w.minimumHeight() or w.minimumSizeHint().height()) if vertical else (
        w.minimumWidth() or w.minimumSizeHint().width())
