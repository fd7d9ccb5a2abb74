"""Help > Lessons: a side panel (a dock) that lists the guided lessons, shows
one's text and question, sets the playground up for it, checks its goal live on
every frame the window draws (✓ when met) and explains once it is met.

The lessons and their goals are ``nnplay.lessons`` (Qt-free); this module only
shows them and passes the window's frames to a ``GoalTracker``."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .disabled_reason import give_reason
from ..lessons import (
    MET,
    MISSED,
    PENDING,
    GoalTracker,
    Lesson,
    LessonError,
    builtin_lessons,
    load_lesson_file,
)
from ..lessons.progress import records
from ..lessons.setup_check import asked_settings, changed_settings, left_setup, unlike_lesson
from ..user_text import sentence
from .compare import describe
from .shortcut_text import tip_with_keys
from .widgets import named, nest

STATUS_TEXT = {PENDING: "… not yet", MET: "✓ met", MISSED: "✗ missed"}
DOCK_WIDTH = 200  # pixels the Lessons dock takes when it opens (at least its minimum)
STATUS_COLOUR = {PENDING: "palette(text)", MET: "#1b7f3b", MISSED: "#b3261e"}


def _button(text: str) -> QToolButton:
    """A button as narrow as its text (a push button's style minimum would widen the dock)."""
    b = QToolButton()
    b.setText(text)
    b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return b


class LessonsPanel(QWidget):
    """The lesson chosen, its text, question, goal status, hints and, once the
    goal is met, its explanation; ``set_up(lesson)`` asks the window to apply the
    lesson's settings and returns the run id its goal is checked from (the goal
    is checked only on runs the lesson set up). ``current_config()``, when given,
    is the playground's settings now: on other data than the lesson's the panel
    says so and judges nothing until Set up (lessons.setup_check)."""

    lesson_shown = Signal()  # another lesson is shown (every way into one goes through show_lesson)

    def __init__(self, lessons: list[Lesson], set_up, open_file, parent=None, current_config=None):
        super().__init__(parent)
        self._current_config = current_config
        self.left: str | None = None  # why the playground is no longer on the lesson's setup
        self.lessons = list(lessons)
        self._set_up, self._open_file = set_up, open_file
        self.tracker: GoalTracker | None = None
        self._hints_shown = 0
        self._banner = ""  # the "Not set up yet" note shown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self._index = -1
        self.choice = named(QPushButton(), "lesson_choice", "Pick a lesson from the list.")
        self.choice.setMenu(QMenu(self.choice))
        self.choice.menu().triggered.connect(lambda action: self.choose(action.data()))
        nav = QHBoxLayout()
        nav.addWidget(self.choice)
        self.previous = named(_button("◀"), "lesson_previous", "The previous lesson.", "previous lesson")
        self.next = named(_button("▶"), "lesson_next", "The next lesson.", "next lesson")
        self.previous.clicked.connect(lambda: self.choose(self._index - 1))
        self.next.clicked.connect(lambda: self.choose(self._index + 1))
        give_reason(self.previous, lambda: "This is the first lesson: there is none before it.")
        give_reason(self.next, lambda: "This is the last lesson: there is none after it.")
        nav.addWidget(self.previous)
        nav.addWidget(self.next)
        nest(layout, nav)
        self.body = QLabel()
        self.body.setObjectName("lesson_text")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setObjectName("lesson_scroll")
        scroll.setWidget(self.body)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(scroll, 1)
        self.status = QLabel()
        self.status.setObjectName("lesson_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.set_up_button = named(_button("Set up"), "lesson_set_up",
                                   "Apply the lesson's settings and start its run afresh.")
        self.set_up_button.clicked.connect(self.set_up)
        self.hint_button = named(_button("Hint"), "lesson_hint", "Show the next hint.")
        self.hint_button.clicked.connect(self.show_hint)
        give_reason(self.hint_button, lambda: "Every hint of this lesson is shown.")
        self.open_button = named(_button("Open…"), "lesson_open", "Open a lesson file of your own (.toml).")
        self.open_button.clicked.connect(self._open_file)
        for b in (self.set_up_button, self.hint_button, self.open_button):
            buttons.addWidget(b)
        nest(layout, buttons)
        self._fill_choice()
        if self.lessons:
            self.show_lesson(0)

    @property
    def lesson(self) -> Lesson | None:
        return self.lessons[self._index] if 0 <= self._index < len(self.lessons) else None

    def _fill_choice(self) -> None:
        menu = self.choice.menu()
        menu.clear()
        for i, lesson in enumerate(self.lessons):
            action = menu.addAction(f"{i + 1}. {lesson.title}")
            action.setData(i)

    def add(self, lesson: Lesson) -> int:
        """Add (or replace, by name) ``lesson`` in the list; its index."""
        for i, known in enumerate(self.lessons):
            if known.name == lesson.name and known.source == lesson.source:
                self.lessons[i] = lesson
                break
        else:
            self.lessons.append(lesson)
        self._fill_choice()
        return self.lessons.index(lesson)

    def show_lesson(self, index: int) -> None:
        """Show lesson ``index`` (its goal is checked once it is set up)."""
        if not 0 <= index < len(self.lessons):
            return
        self._index = index
        self.choice.setText(f"Lesson {index + 1} of {len(self.lessons)}")
        self.tracker = None  # not judged on a run the lesson did not set up
        self.left = None
        self._hints_shown = 0
        self.previous.setEnabled(index > 0)
        self.next.setEnabled(index < len(self.lessons) - 1)
        self._render()
        self.lesson_shown.emit()  # the columns fitted to the window follow its needs (column_fit)

    def choose(self, index: int) -> None:
        """The learner chose lesson ``index`` (the list, ◀ ▶, a file, ``nnplay
        --lesson``): show it and set it up, so that its goal is checked from now on."""
        if 0 <= index < len(self.lessons):
            self.show_lesson(index)
            self.set_up()

    def set_up(self) -> None:
        if self.lesson is not None:
            lesson = self.lesson
            self.tracker = GoalTracker(lesson.goal, from_run=self._set_up(lesson))
            self.left = None
            self._render()

    def show_hint(self) -> None:
        if self.lesson is not None and self._hints_shown < len(self.lesson.hints):
            self._hints_shown += 1
            self._render()

    def observe(self, snapshot) -> None:
        """Check the goal on a frame's snapshot; redraw when its status changes."""
        if self.tracker is None and self.left is None:
            if self.lesson is not None and self._not_set_up() != self._banner:  # the window's setup changed
                self._render()
            return
        if self._current_config is not None and self.lesson is not None:
            left, self.left = self.left, left_setup(self.lesson.config, self._current_config())
            if self.left is not None or left is not None:  # judged on nothing until Set up
                self.tracker = None
                if self.left != left:
                    self._render()
                return
        if self._changed_note() != self._banner:  # changed since Set up: the text is the lesson's setup's
            self._render()
        before = (self.tracker.status, self.tracker.at)
        for record in records(snapshot):
            self.tracker.observe(record)
        if (self.tracker.status, self.tracker.at) != before:
            self._render()

    def _not_set_up(self) -> str:
        """Before Set up, a note that the window does not show what the lesson's text
        describes (the data set, the layers), naming what differs; '' once set up or when it does."""
        if self.tracker is not None or self.left is not None:
            return ""
        differs = "" if self._current_config is None else unlike_lesson(self.lesson.config, self._current_config())
        if differs is None:
            return ""
        now = f" ({escape(differs, quote=False)})" if differs else ""
        return (f"<p><b>Not set up yet:</b> the window still shows your "
                f"own run{now}. The text below is about the lesson's setup: press <b>Set up</b> to apply it.</p>")

    def _changed_note(self) -> str:
        """Once set up, a note naming the settings changed since (the text describes the lesson's setup,
        not what the window shows: it went stale), or '' while the window shows the lesson's setup or
        differs from it only in what the lesson asks the learner to change (setup_check.asked_settings)."""
        if self.tracker is None or self._current_config is None or self.lesson is None:
            return ""
        changed = changed_settings(self.lesson.config, self._current_config(), asked_settings(self.lesson))
        if not changed:
            return ""
        now = describe(self._current_config(), changed)
        return (f"<p><b>You have changed the setup</b> since Set up ({escape(now, quote=False)}): the text below "
                "is about the lesson's setup, not what the window shows now.</p>")

    def _render(self) -> None:
        lesson = self.lesson
        if lesson is None:
            self.body.setText("No lessons.")
            return
        self._banner = self._not_set_up() or self._changed_note()
        parts = [self._banner, f"<h3>{escape(lesson.title)}</h3>", f"<p>{escape(lesson.text)}</p>",
                 f"<p><b>Question.</b> <i>{escape(lesson.question)}</i></p>"]
        for i, hint in enumerate(lesson.hints[:self._hints_shown], 1):
            parts.append(f"<p><b>Hint {i}.</b> {escape(hint)}</p>")
        t = self.tracker
        if t is not None and t.status == MET:
            parts.append(f"<p><b>Why.</b> {escape(lesson.explanation)}</p>")
        self.body.setText("".join(parts))
        if self.left is not None:
            self.status.setText(f"<b>Goal:</b> {escape(lesson.goal.words())}<br>You changed the setup "
                                f"({escape(self.left, quote=False)}): press Set up again to try the goal.")
            self.hint_button.setEnabled(self._hints_shown < len(lesson.hints))
            return
        status = PENDING if t is None else t.status
        when = "" if t is None or t.at is None else f" at epoch {t.at:,}"
        self.status.setText(f"<b>Goal:</b> {escape(lesson.goal.words())}<br>"
                            f"<span style='color:{STATUS_COLOUR[status]}; font-weight:600'>"
                            f"{STATUS_TEXT[status]}{when}</span>"
                            + (" — change something and press Reset (R)" if status == MISSED else "")
                            + (" — press Set up to start" if t is None else ""))
        self.hint_button.setEnabled(self._hints_shown < len(lesson.hints))


def install_lessons(win) -> QDockWidget:
    """Add the Lessons dock to the window (hidden), Help > Lessons to show it, and
    pass every frame drawn to it. Returns the dock (``dock.widget()`` is the panel)."""
    panel = LessonsPanel(builtin_lessons(), lambda lesson: set_up_lesson(win, lesson), lambda: _ask_for_file(win, panel),
                         current_config=lambda: win.controller.config)
    dock = QDockWidget("Lessons", win)
    dock.setObjectName("lessons_dock")
    dock.setWidget(panel)
    dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
    win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    action = win.lessons_action = QAction("Lessons", win)
    action.setCheckable(True)
    action.setShortcut(QKeySequence("Ctrl+L"))
    action.toggled.connect(lambda on: on != dock.isVisible() and show_dock(win, on))
    dock.visibilityChanged.connect(lambda shown: dock.isHidden() == action.isChecked() and action.setChecked(
        not dock.isHidden()))
    tip_with_keys(action, "Guided exercises that set the playground up, ask a question and check a goal live")
    help_menu = next((a.menu() for a in win.menuBar().actions() if a.text() == "&Help"), None)
    if help_menu is not None:
        help_menu.insertAction(help_menu.actions()[1] if len(help_menu.actions()) > 1 else None, action)
    win.addAction(action)
    win.controller.frame_drawn.connect(lambda frame: panel.observe(frame.snapshot))
    return dock


def open_lesson(win, lesson: Lesson) -> None:
    """Show ``lesson`` in the window's Lessons panel (added if it is a file of
    one's own), set it up (its settings applied, a new run) and check its goal
    from then on: the one way into a lesson (``nnplay --lesson``, a lesson file)."""
    panel = win.lessons_dock.widget()
    panel.choose(panel.add(lesson))
    show_dock(win, True)  # after: what it hides to make room is the last word in the status bar


def show_dock(win, shown: bool) -> None:
    """Show or hide the Lessons dock; shown, columns make room for it if the window is too narrow."""
    dock = win.lessons_dock
    if not shown:
        dock.hide()
    elif not dock.isVisible():
        def show() -> None:
            dock.show()  # no wider than it needs: the columns keep the width (the fit measures them after)
            win.resizeDocks([dock], [max(DOCK_WIDTH, dock.minimumSizeHint().width())], Qt.Orientation.Horizontal)

        win.presentation.keeping_width(show)


def set_up_lesson(win, lesson: Lesson) -> int:
    """Apply ``lesson``'s settings whole (every setting: the lesson starts from
    the same place whatever was on before) and start a new run (the same
    settings again, or only a live one changed, start afresh). Returns the new
    run's id (its generation), from which the lesson's goal is checked."""
    config = lesson.config
    c = win.controller
    c.pause()
    before = c.generation
    if c.state.config != config or c.state.source is not None:
        changes = config.to_dict()
        changes.pop("extra")
        c.change(**changes)
    if c.generation == before:
        c.reset()
    win.statusBar().showMessage(f"Lesson set up: {sentence(lesson.title)} Press Space to train.", 6000)
    return c.generation


def _ask_for_file(win, panel: LessonsPanel) -> None:
    path = win._ask_open("Open a lesson", "lesson", "nnplay lessons (*.toml);;All files (*)")
    if not path:
        return
    try:
        lesson = load_lesson_file(path)
    except LessonError as exc:
        win.show_error("Cannot open this lesson", str(exc))
        return
    win.file_done(path)
    open_lesson(win, lesson)
