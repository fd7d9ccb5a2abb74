"""What a resize's column fit costs, as mechanism (never a timing; ``tests/tools/resize_cost.py``
times it): each column shown or hidden to fit lays the whole window out again (every plot
resized, its axes drawn again), so the fit decides what fits from the columns' least widths
and lays the window out once for all it shows or hides, and never shows a column to try
that cannot fit (shown, measured and hidden again: two layouts for nothing)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from nnplay.lessons import find_lesson
from nnplay.ui.column_fit import COLUMNS
from nnplay.ui.lessons_panel import open_lesson
from tests.settle import settle


class Steps(QObject):
    """The column fit's steps, in order: ("shown"/"hidden", key) as a column's View action
    toggles, ("layout", width) as the output column is laid out at a new size."""

    def __init__(self, window):
        super().__init__(window)
        self.seen: list[tuple[str, object]] = []
        self.output = window.splitter.widget(COLUMNS.index("output"))
        self.output.installEventFilter(self)
        for key in COLUMNS:
            window.presentation.panel_actions[key].toggled.connect(
                lambda on, k=key: self.seen.append(("shown" if on else "hidden", k)))

    def eventFilter(self, obj, event) -> bool:
        if obj is self.output and event.type() == QEvent.Type.Resize and \
                event.size().width() != event.oldSize().width():
            self.seen.append(("layout", event.size().width()))
        return False

    def take(self) -> list[tuple[str, object]]:
        seen, self.seen = self.seen, []
        return seen


def fitted(window, qtbot) -> None:
    columns = window.presentation.columns
    settle(qtbot, most_ms=5000, until=lambda: not columns._timer.isActive() and not columns._shrink.isActive())


def toggled_together(steps: list[tuple[str, object]]) -> list[list[str]]:
    """The columns toggled, in runs with no layout between them."""
    runs, run = [], []
    for kind, what in steps:
        if kind == "layout":
            if run:
                runs.append(run)
            run = []
        else:
            run.append(f"{kind} {what}")
    return runs + ([run] if run else [])


def tried(steps: list[tuple[str, object]]) -> list[object]:
    """The columns shown, then hidden again later in ``steps``: shown to try."""
    toggles = [s for s in steps if s[0] != "layout"]
    return [key for i, (kind, key) in enumerate(toggles) if kind == "shown" and ("hidden", key) in toggles[i:]]


def shown_together(steps: list[tuple[str, object]], keys: set[str], kind: str = "shown") -> bool:
    """Whether the columns ``keys`` were all shown (or hidden), in one run with no layout between."""
    runs = [set(run) for run in toggled_together(steps) if any(t.startswith(kind) for t in run)]
    return len(runs) == 1 and {f"{kind} {k}" for k in keys} <= runs[0]


def test_a_resize_shows_or_hides_the_columns_it_fits_in_one_layout_and_none_to_try(window, qtbot):
    """Zoom 2, a lesson open: at 1024×740 the Gradients and Data columns are hidden to fit; at
    2100×1000 they come back together (they were shown and measured one by one); 1024×740 hides
    them together again; at 1500×950 Gradients comes back (the lesson's question points to its
    gradient norms: it comes first, lessons.needs), not Data, which cannot fit there: it is not
    shown to try (it was shown, measured and hidden again: two layouts for nothing)."""
    p = window.presentation
    window.resize(1024, 740)
    open_lesson(window, find_lesson("vanishing-gradients"))
    p.set_zoom(2.0)
    fitted(window, qtbot)
    assert {"gradients", "data"} <= set(p.columns.fitted)
    steps = Steps(window)
    window.resize(2100, 1000)
    fitted(window, qtbot)
    grown = steps.take()
    assert not set(p.columns.fitted) & set(COLUMNS)
    window.resize(1024, 740)
    fitted(window, qtbot)
    shrunk = steps.take()
    assert {"gradients", "data"} <= set(p.columns.fitted)
    window.resize(1500, 950)
    fitted(window, qtbot)
    grown_less = steps.take()
    assert p.columns.fitted[:1] == ["data"] and "gradients" not in p.columns.fitted
    assert [tried(s) for s in (grown, shrunk, grown_less)] == [[]] * 3, (grown, shrunk, grown_less)
    assert ("shown", "data") not in grown_less, grown_less  # it cannot fit: not shown to try
    assert shown_together(grown, {"data", "gradients"}), grown
    assert shown_together(shrunk, {"data", "gradients"}, "hidden"), shrunk
