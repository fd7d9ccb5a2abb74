"""Columns hidden to make room, and shown again when there is room.

When the columns shown need more width than the window has (a lesson's side
panel opened at 1024 pixels, a zoom on a projector, the window made narrower),
``ColumnFit.fit`` hides them one by one (FIT_ORDER, those the open lesson's answer
is set in, ``lessons.needs``, last) and says which in the status bar; so are the curves under the output when they would leave its plot
too short or their tabs cut (a zoom at 768 pixels high). The window's minimum width is therefore not the sum of the columns'
minimums (a window opened wider could not be made narrower again) but that of the columns fit never
hides (``FitSplitter``): a narrower window hides columns at once instead of drawing them over each other.
It remembers which it hid itself, apart from those the user hid (View menu): when the window grows, the
Lessons panel closes, the zoom goes down or the user hides another column, those it hid come back (the
last hidden first) as long as they fit, and the user's own choices are kept. Only the user's choices are
remembered in the settings (``fitted`` never is).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtWidgets import QApplication, QSplitter, QWidget

from .coalesced import run_pending
from .column_least import hidden_least
from .lesson_views import lesson_columns, lesson_views
from .plane_aspect import frame_height
from .plot_room import MIN_VIEW_PX
from .screen_fit import within_screen_height

COLUMNS = ("data", "network", "output", "gradients")
FIT_ORDER = ("gradients", "data", "network")  # what fit() hides first when the window is too narrow
SETTLE_MS = 250  # after the window's last resize, the fitted columns may come back
FIT_SLACK = 60  # pixels beyond the columns' minimum that fit() leaves them, so the plots are not at their narrowest
# (not for the columns the open lesson needs: kept at their least rather than hidden, lessons.needs)
CURVES = "curves"  # the tabs under the output: hidden when they leave its plot too short (a zoom on a projector)
PLOT_SHARE = 0.5  # the output's plot is too short under this share of its width...
PLOT_LINES = 14  # ...and under this many lines of text
READABLE_LINES = 7  # under this many lines its tick labels run together: the curves go, also those a lesson points to
CURVES_SHARE = 0.4  # of the output's height the curves take (its splitter's stretch, 2 of 5), at least their minimum


class FitSplitter(QSplitter):
    """The window's columns. Its minimum width is that of the columns ``fit`` would keep
    (``kept()``, set by ColumnFit), not of all those shown: the window can be made narrower
    than the columns need, and ``fit`` then hides some. ``need()``: the width all need."""

    kept = None  # a callable: the columns fit never hides (None: a QSplitter's own minimum)

    def need(self) -> int:
        """The width the columns shown need, in pixels (QSplitter's own minimum)."""
        return super().minimumSizeHint().width()

    def minimumSizeHint(self) -> QSize:
        least = super().minimumSizeHint()
        if self.kept is None:
            return least
        kept = [w for w in self.kept() if not w.isHidden()]
        width = sum(_least(w) for w in kept) + self.handleWidth() * max(0, len(kept) - 1)
        return QSize(min(least.width(), width), least.height())


def _least(w: QWidget) -> int:
    """The width a layout gives ``w`` at least (its set minimum, else its minimum size hint)."""
    return w.minimumWidth() or w.minimumSizeHint().width()


class ColumnFit(QObject):
    """The columns of ``presentation.win`` hidden to fit and brought back (see the module's docstring).

    ``fitted``: the keys of the columns hidden by ``fit``, in the order hidden."""

    def __init__(self, presentation):
        super().__init__(presentation)
        self.presentation = presentation
        self.win = win = presentation.win
        self.fitted: list[str] = []
        self._busy = False
        self._tried: tuple | None = None  # (width, state) of the last attempt that could bring none back
        # an attempt waits till the window's size has settled (Qt grows a window to its new minimum before fit
        # gives it its width back); a narrower window: hide what no longer fits, before it is drawn squeezed
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS, timeout=self._try)
        self._shrink = QTimer(self, singleShot=True, interval=0, timeout=self._make_room)
        win.splitter.kept = self._kept
        for key, action in presentation.panel_actions.items():
            action.toggled.connect(lambda _on, k=key: self._toggled(k))
        dock = getattr(win, "lessons_dock", None)
        if dock is not None:
            dock.visibilityChanged.connect(lambda _shown: self.schedule())
            dock.widget().lesson_shown.connect(self.lesson_shown)
        win.installEventFilter(self)
        win.output_split.installEventFilter(self)
        for key in FIT_ORDER:  # a bar shown widens its column: do the columns still fit? (_slack)
            self._column(key).verticalScrollBar().installEventFilter(self)

    def fit(self, width: int, hide: bool = True) -> list[str]:
        """Hide columns (FIT_ORDER; not if ``hide`` is False) while those shown need
        more than ``width`` pixels, or, if none must go, bring back those hidden before
        that fit now; give the window that width back; then hide the curves under the output, or
        bring them back, as they fit the room left (``_fit_curves``). Returns the labels of those hidden."""
        p, win, hidden = self.presentation, self.win, []
        self._busy = True
        try:
            needed = lesson_columns(win)  # the open lesson's answer is set there: the others go first
            order = [k for k in FIT_ORDER if k not in needed] + [k for k in FIT_ORDER if k in needed]
            need = self._need() if hide else 0
            for key in order if hide else ():
                slack = self._slack(key, needed)  # a lesson's column is kept at the columns' least
                if need + slack <= width:
                    need = self._need()  # measured, the columns hidden since laid out (at once if none)
                    if need + slack <= width:
                        break
                action = p.panel_actions[key]
                if action.isChecked() and sum(p.panel_actions[k].isChecked() for k in COLUMNS) > 1:
                    freed = self._freed(key)
                    self.fitted.append(key)
                    action.setChecked(False)
                    hidden.append(action.text())
                    # too wide still, whatever the scroll bars the others may drop: the next hidden
                    # without laying the window out in between (each layout resizes every plot)
                    need = need - freed if freed is not None else self._need()
            back = [] if hidden else self._bring_back(width)
            p.chosen.give_back_whole(back, self.fitted)  # (each came back at its least: the sizes they had)
            if win.width() > width and not win.isFullScreen():
                least_width(win)  # the window's minimum brought down first: a column shown to try is hidden again
                win.resize(width, win.height())
            hidden_below, back_below = self._fit_curves()  # in the width the columns leave the output
            if hidden or hidden_below:
                least_width(win)  # (the least height, those hidden gone)
                within_screen_height(win)  # opened at a least height taller than the screen (scale 2 at 768)
            hidden, back = hidden + hidden_below, back + back_below
        finally:
            self._busy = False
        if hidden:
            every = [p.panel_actions[k].text() for k in self.fitted]  # all hidden to make room, this time or before
            win.statusBar().showMessage(f"Hidden to make room: {', '.join(every)} (View menu shows them again).",
                                        8000)
        elif back:
            win.statusBar().showMessage(f"Shown again, there is room now: {', '.join(back)}.", 4000)
        return hidden

    def lesson_shown(self) -> None:
        """Another lesson (◀ ▶, the list, ``--lesson``, a file): a column hidden to make room that its
        answer is set in is shown again (tester 20: the Network column stayed hidden for a lesson answered
        with "+"), and the columns are fitted anew, those it needs hidden last: always, as the columns the
        last lesson kept at their least may not fit for this one (round 20: the Gradients column, kept for
        the vanishing-gradients lesson, was drawn over 10 px of the output in the next)."""
        if self._busy or not self.win.isVisible():
            return
        if any(k in lesson_columns(self.win) for k in self.fitted):
            self._busy = True
            try:
                for key in [k for k in self.fitted if k in COLUMNS]:
                    self.fitted.remove(key)
                    self.presentation.panel_actions[key].setChecked(True)
            finally:
                self._busy = False
        self.fit(self.presentation.available_width())

    def _bring_back(self, width: int) -> list[str]:
        """Show the columns ``fit`` hid, the open lesson's and the last hidden first, while they fit in ``width``.

        Each is shown to try (and the window laid out to measure it) only where its bounds
        (``_bounds``) leave it in doubt: one that certainly fits is shown at once, one that
        certainly does not stays hidden, so a grown window is laid out once, not twice a column."""
        back, need = [], None  # need: (least, most) the window's least width can be, the columns shown so far
        needed, hidden = lesson_columns(self.win), list(reversed([k for k in self.fitted if k in COLUMNS]))
        for key in [k for k in hidden if k in needed] + [k for k in hidden if k not in needed]:  # a lesson's first
            action, slack = self.presentation.panel_actions[key], self._slack(key, needed)
            if need is None:
                need = (self._need(),) * 2
            bounds = self._bounds(key, need)
            if bounds is not None and bounds[0] + slack > width:
                if key in needed:
                    continue  # it cannot fit: not shown to try (the others, hidden before it, may)
                break  # it cannot fit: not shown to try
            action.setChecked(True)
            if bounds is not None and bounds[1] + slack <= width:
                need = bounds  # it fits, however the layout comes out: measured with the next, if need be
            elif self._need() + slack > width:
                action.setChecked(False)
                break
            else:
                need = None
            self.fitted.remove(key)
            back.append(action.text())
        return back

    def _fit_curves(self) -> tuple[list[str], list[str]]:
        """Hide the curves under the output when they would leave its plot too short or their tabs cut, or bring
        them back (if fit hid them) when they would not: the labels (hidden, brought back). Those the open lesson
        points to are kept while the plot keeps READABLE_LINES (tester 22: 19 px high under them at 200%)."""
        action = self.presentation.panel_actions[CURVES]
        wanted = CURVES in lesson_views(self.win)  # the open lesson's question points to them (lesson_views)
        if action.isChecked():
            if self.win.boundary.isVisible() and not self._curves_fit(wanted):
                self.fitted.append(CURVES)
                action.setChecked(False)
                return [action.text()], []
        elif CURVES in self.fitted and self.win.boundary.isVisible() and self._curves_fit(wanted):
            self.fitted.remove(CURVES)
            action.setChecked(True)
            split = self.win.output_split  # the room _curves_fit reckoned them (a splitter shows them 0 px high first)
            tabs = round(max(self.win.lower_tabs.minimumSizeHint().height(), CURVES_SHARE * split.height()))
            split.setSizes([split.height() - tabs, tabs])
            return [], [action.text()]
        return [], []

    def _curves_fit(self, wanted: bool = False) -> bool:
        """Whether the curves, shown or not, would leave the output's plot PLOT_SHARE of its width tall (or
        PLOT_LINES lines of text; READABLE_LINES where the open lesson points to them, ``wanted``; MIN_VIEW_PX
        at least) and show their tabs whole. Reckoned from the output's room (the tabs take CURVES_SHARE of it,
        at least their minimum), the same shown or not: hiding them never makes them seem to fit, nor showing them."""
        win = self.win
        least_width(win)  # the layout brought up to date
        split, plot, tabs = win.output_split, win.boundary.plot, win.lower_tabs
        short_titles(tabs, split.width())
        room = split.height() - split.handleWidth() - (win.boundary.height() - plot.height())
        tall = room - max(tabs.minimumSizeHint().height(), CURVES_SHARE * split.height())
        line = plot.fontMetrics().lineSpacing()
        enough = READABLE_LINES * line if wanted else min(PLOT_SHARE * plot.width(), PLOT_LINES * line)
        enough = max(enough, MIN_VIEW_PX + frame_height(plot) + line)  # (its least without them: window_columns)
        return tall >= enough and tabs.tabBar().sizeHint().width() <= split.width()

    def _column(self, key: str) -> QWidget:
        return self.win.splitter.widget(COLUMNS.index(key))

    def _additive(self) -> bool:
        """Whether the window's least width changes by a column's own as it is shown or hidden:
        the columns kept (``_kept``, the window's minimum) stay the same while the output is shown."""
        return self.presentation.panel_actions["output"].isChecked()

    def _bars(self, shown: bool) -> list[int]:
        """The widths of the vertical scroll bars of the hidden-to-fit columns shown, those that
        show one (``shown``) or those that do not: a column's need is its content's and its bar's."""
        return [w.verticalScrollBar().sizeHint().width() for w in map(self._column, FIT_ORDER)
                if not w.isHidden() and w.verticalScrollBar().isVisibleTo(w) == shown]

    def _slack(self, key: str, needed: tuple[str, ...]) -> int:
        """The room ``fit`` leaves beyond ``_need`` as it weighs hiding or bringing back ``key``: FIT_SLACK,
        or for a column the open lesson needs (kept at the columns' least) the vertical scroll bars
        ``_need`` leaves out, those shown and the hidden ``key``'s: with none, a bar shown squeezed the
        columns 14 px under their least (round 20); a bar shown later fits them again (``eventFilter``)."""
        if key not in needed:
            return FIT_SLACK
        bar = self._column(key).verticalScrollBar()
        return sum(self._bars(True)) + (bar.sizeHint().width() if self._column(key).isHidden() else 0)

    def _need(self) -> int:
        """The width the columns shown need, in pixels, less the vertical scroll bars the hidden-to-fit
        columns show (``least_width`` less ``_bars``): a bar comes and goes with its column's height for
        its width (the Gradients column's heatmaps wrap taller when it is narrower, its first frame fills
        it), so counting it made what fits depend on the moment it was measured: a 1016-pixel window
        showed the Gradients column, or hid it and never brought it back, after a zoom there and back.
        FIT_SLACK leaves the bars their room (three of 14 px)."""
        return least_width(self.win) - sum(self._bars(True))

    def _freed(self, key: str) -> int | None:
        """By how much ``_need`` drops as the shown column ``key`` is hidden, in pixels: its least
        width less its scroll bar, and its handle; None where not known (``_additive``)."""
        if not self._additive():
            return None
        column = self._column(key)
        bar = column.verticalScrollBar()
        return (_least(column) + self.win.splitter.handleWidth()
                - (bar.sizeHint().width() if bar.isVisibleTo(column) else 0))

    def _bounds(self, key: str, need: tuple[int, int]) -> tuple[int, int] | None:
        """The least and the most ``_need`` can be, in pixels, with the hidden column ``key`` shown,
        from ``need``, those bounds without it: its content's least width (``hidden_least``, without a
        scroll bar) and its handle added. None where not known (``_additive``): it is shown to try."""
        if not self._additive():
            return None
        extra = hidden_least(self._column(key)) + self.win.splitter.handleWidth()
        return need[0] + extra, need[1] + extra

    def _kept(self) -> list:
        """The columns ``fit`` never hides: the Output column, or the last it would keep."""
        actions, column = self.presentation.panel_actions, self.win.splitter.widget
        shown = [k for k in COLUMNS if actions[k].isChecked()]
        keep = [k for k in shown if k not in FIT_ORDER] or shown[-1:]
        return [column(COLUMNS.index(k)) for k in keep]

    def _make_room(self) -> None:
        """Hide columns if the window is now narrower than those shown need."""
        if self._busy or not self.win.isVisible():
            return
        width = self.presentation.available_width()
        curves = self.presentation.panel_actions[CURVES].isChecked()
        if self._need() + FIT_SLACK > width or (curves and not self._curves_fit(CURVES in lesson_views(self.win))):
            self.fit(width)

    def _state(self) -> tuple:
        """What an attempt to bring columns back depends on (the open lesson's columns: another may fit)."""
        p, dock = self.presentation, getattr(self.win, "lessons_dock", None)
        return (p.available_width(), p.zoom, dock is not None and dock.isVisible(), lesson_columns(self.win),
                tuple(a.isChecked() for a in p.panel_actions.values()), self.win.output_split.size().toTuple())

    def _toggled(self, key: str) -> None:
        if self._busy:
            return
        if key in self.fitted:
            self.fitted.remove(key)  # the user's choice now: remembered as such
            self.presentation.remember()
        self.schedule()

    def content_changed(self) -> None:
        """A new run shown (another data set's inputs, another network): fit again once it is laid out,
        though the window's size is the same. A session of 2 inputs opened after a CSV of 12 left the
        curves hidden, the output's plot alone in its column, until the window was resized (tester 23)."""
        self._tried = None
        self.schedule()

    def pending(self) -> bool:
        """Whether a fit is due (a resize, a zoom or a column shown waits SETTLE_MS, or the next event loop round)."""
        return self._timer.isActive() or self._shrink.isActive()

    def schedule(self) -> None:
        """Once the window's size has settled: bring the fitted columns back, fit the curves."""
        if not self._busy:
            self._timer.start()

    def _try(self) -> None:
        state = self._state()
        if self._busy or not self.win.isVisible():
            return
        self.presentation.chosen.keep_whole(self.fitted)  # (given back when the columns hidden to fit are)
        if state == self._tried:
            return
        self.fit(self.presentation.available_width(), hide=False)  # a narrower window hides no column more
        self._tried = self._state()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.win and event.type() in (QEvent.Type.Resize, QEvent.Type.WindowStateChange):
            if not self._busy:
                self._shrink.start()
            self.schedule()
        elif obj is self.win.output_split and event.type() == QEvent.Type.Resize:
            self.schedule()  # the output's room changed (a wider network, a column back): do the curves fit?
        elif event.type() == QEvent.Type.Show and obj not in (self.win, self.win.output_split) and not self._busy:
            self._shrink.start()  # a column's scroll bar shown
        return False


SHORT_TITLES = {"Hidden space": "Hidden", "Distributions": "Distrib."}  # the tabs' titles when narrow


def short_titles(tabs, width: int) -> None:
    """Title the tabs under the output in full, or (SHORT_TITLES) shortly where the full
    titles are wider than ``width`` pixels (a zoom in a narrow column); their tooltips say it whole."""
    full = {short: name for name, short in SHORT_TITLES.items()}
    for i in range(tabs.count()):
        tabs.setTabText(i, full.get(tabs.tabText(i), tabs.tabText(i)))
    if tabs.tabBar().sizeHint().width() > width:
        for i in range(tabs.count()):
            tabs.setTabText(i, SHORT_TITLES.get(tabs.tabText(i), tabs.tabText(i)))


def least_width(win) -> int:
    """The width the window needs for the columns shown (its layouts brought up to date first)."""
    run_pending()  # the sizes measured once a new font is in (a zoom step's), before the layouts are passed
    for _ in range(6):  # nested layouts pass a change up one level per round
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    for layout in (win.centralWidget().layout(), win.layout()):  # inside out: a column hidden, then the window
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        layout.invalidate()
        layout.activate()
    splitter = win.splitter
    return win.minimumSizeHint().width() + splitter.need() - splitter.minimumSizeHint().width()
