"""The views the open lesson's question points to kept in sight (tester 20: in the vanishing
gradients lesson at 1280×800 the gradient norms its question names were mostly below the fold
of the Gradients column, which had grown with the first frame's heatmaps).

A lesson names its views (``Lesson.views``, keys of ``lessons.needs.VIEWS``: data, not a guess
from its text). Their columns are among those it needs (``needed_columns``), which the column
fit hides last and brings back when the lesson is shown; here, when a lesson is shown, a column
of its views the user had hidden is shown again and the tab of its curves chosen (the curves, which
the fit hides when they leave the output's plot short, kept), and whenever a
column's size or content's size changes (a frame's heatmaps, a resize, a zoom, presentation
mode) the column is scrolled so that the view is wholly in sight (``scroll_to``: a view already
in sight is not moved, so the learner's own scrolling stands until the next change).

The controls its answer is set with (``asked_controls``: its ``solution``'s settings) are kept in
sight the same way, after its views (the learner acts on them): the Network panel's settings are
unfolded for one of them when the lesson is shown (``open_fold``; folded again by the learner, they
stay folded while it is open). Round 20: the settings, folded in presentation mode at 1280×800 and
1024×768 and at 1024×768 for six layers, hid the learning rate, activation, L1/L2 or optimizer that
eight lessons ask to change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtWidgets import QScrollArea, QWidget

from ..lessons.needs import VIEWS, needed_columns
from ..lessons.setup_check import asked_settings
from .pinned_heading import heading_room
from .whole_rows import whole_top

CURVES = "curves"  # the view of the curves (its tab chosen), as column_fit.CURVES names their panel

# each view's widget in the window
VIEW_WIDGETS = {
    "output": lambda win: win.boundary.plot,
    "curves": lambda win: win.curves,
    "diagram": lambda win: win.diagram,
    "gradient_norms": lambda win: win.gradients.norm_plot,
}


# each setting's control in the window (those of a lesson's answer: setup_check.asked_settings)
CONTROLS = {
    "hidden": lambda win: [win.network_panel.add_layer],
    "activation": lambda win: [win.network_panel.activation],
    "optimizer": lambda win: [win.network_panel.optimizer],
    "lr": lambda win: [win.network_panel.learning_rate],
    "l1": lambda win: [win.network_panel.regularization, win.network_panel.reg_rate],
    "l2": lambda win: [win.network_panel.regularization, win.network_panel.reg_rate],
    "loss": lambda win: [win.network_panel.loss],
    "init": lambda win: [win.network_panel.init],
    "seed": lambda win: [win.network_panel.seed],
    "batch_size": lambda win: [win.data_panel.batch],
    "noise": lambda win: [win.data_panel.noise],
    "train_ratio": lambda win: [win.data_panel.ratio],
}
FOLDED = ("activation", "optimizer", "lr", "l1", "l2", "loss", "init", "seed")  # under the Settings fold


def asked_controls(win, lesson) -> list[QWidget]:
    """The controls ``lesson``'s answer is set with (its solution's settings; for the input features,
    the boxes of those it adds), in the window's order of settings; [] for none."""
    keys, found = asked_settings(lesson), []
    if "features" in keys:
        added = set(lesson.solved_config.features) - set(lesson.config.features)
        found += [box for name, box in win.data_panel.features.items() if name in added]
    for key in (k for k in CONTROLS if k in keys):
        found += [w for w in CONTROLS[key](win) if w not in found]
    return found


def shown_lesson(win):
    """The lesson open in ``win``'s Lessons panel (the panel shown), or None."""
    dock = getattr(win, "lessons_dock", None)
    return None if dock is None or not dock.isVisible() else dock.widget().lesson


def lesson_views(win) -> tuple[str, ...]:
    """The views the lesson open in ``win``'s Lessons panel points to (``Lesson.views``); () with none open."""
    lesson = shown_lesson(win)
    return () if lesson is None else lesson.views


def lesson_columns(win) -> tuple[str, ...]:
    """The columns the lesson open in ``win``'s Lessons panel needs in view (lessons.needs); () with none open."""
    lesson = shown_lesson(win)
    return () if lesson is None else needed_columns(lesson)


def scroll_area(widget: QWidget) -> QScrollArea | None:
    """The scroll area ``widget`` is inside (its column's), or None."""
    p = widget.parentWidget()
    while p is not None and not isinstance(p, QScrollArea):
        p = p.parentWidget()
    return p


def scroll_to(area: QScrollArea, widget: QWidget) -> None:
    """Scroll ``area`` (vertically: a column never scrolls sideways) the least that shows ``widget``
    whole, or its top if it is taller than the area, below the column's heading, which stays in view
    (``pinned_heading``: pinned at the top of the view once the column is scrolled down; the norms of the
    vanishing-gradients lesson were shown with the Gradients column's title out of sight). (Not
    ``QScrollArea.ensureWidgetVisible``, which for a plot, a QGraphicsView, goes by its input-method cursor
    rectangle and does not scroll.)"""
    bar, top = area.verticalScrollBar(), widget.mapTo(area.widget(), QPoint(0, 0)).y()
    bottom, seen, head = top + widget.height(), area.viewport().height(), heading_room(area)
    if top < bar.value() + (head if bar.value() > 0 else 0):  # above the view, or under its pinned heading
        bar.setValue(whole_top(area, max(0, top - head), widget))  # (no row cut at the top: whole_rows)
    elif bottom > bar.value() + seen:
        bar.setValue(whole_top(area, max(0, min(top - head, bottom - seen)), widget))


class LessonViews(QObject):
    """Keeps ``win``'s open lesson's views in sight (see the module's docstring)."""

    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self._opened = False  # whether the settings' toggle was checked by a lesson (open_fold)
        self._timer = QTimer(self)  # once the layouts of a change are done (the column fit's among them)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.scroll)
        dock = win.lessons_dock
        dock.widget().lesson_shown.connect(self.lesson_shown)
        dock.visibilityChanged.connect(lambda shown: shown and self.lesson_shown())
        for i in range(win.splitter.count()):
            column = win.splitter.widget(i)
            if isinstance(column, QScrollArea):
                column.viewport().installEventFilter(self)
                column.widget().installEventFilter(self)

    def lesson_shown(self) -> None:
        """A lesson shown (or the panel opened on one): its views' columns shown, its curves' tab chosen,
        the Network panel's settings unfolded where its answer is set with one of them."""
        self.open_fold()
        views = lesson_views(self.win)
        actions = self.win.presentation.panel_actions
        fitted = self.win.presentation.columns.fitted
        for view in views:
            column = VIEWS[view][0]
            if not actions[column].isChecked() and column not in fitted:  # hidden by the user: the fit decides
                actions[column].setChecked(True)
            if view == CURVES:  # shown again if the fit had hidden them (it keeps them now: column_fit)
                self.win.lower_tabs.setCurrentWidget(self.win.curves)
                if CURVES in fitted:
                    self.win.presentation.columns.schedule()
        self._timer.start()

    def open_fold(self) -> None:
        """Unfold the Network panel's settings (check the fold's toggle: it acts when they fold, for a zoom
        or a smaller window, and then reads "Hide settings") when the open lesson's answer is set with one of
        them; a later lesson answered without them folds them back if this opened them. Only when a lesson
        is shown: a learner who folds them again keeps them folded while it stays open."""
        lesson, toggle = shown_lesson(self.win), self.win.network_panel.fold.toggle
        if lesson is not None and asked_settings(lesson).intersection(FOLDED):
            self._opened = self._opened or not toggle.isChecked()
            toggle.setChecked(True)
        elif lesson is not None and self._opened:
            self._opened = False
            toggle.setChecked(False)

    def scroll(self) -> None:
        """Scroll each view's column so that the view is wholly in sight (as much as fits), then each
        control the lesson's answer is set with (``asked_controls``)."""
        lesson = shown_lesson(self.win)
        views = [VIEW_WIDGETS[view](self.win) for view in lesson_views(self.win)]
        for widget in views + (asked_controls(self.win, lesson) if lesson is not None else []):
            area = scroll_area(widget)
            if area is not None and widget.isVisible():
                scroll_to(area, widget)  # (a column so scrolled is no longer held by whole_rows.FirstRows)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize and shown_lesson(self.win) is not None:
            self._timer.start()
        return False
