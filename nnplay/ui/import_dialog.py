"""The CSV import dialog, after Orange's File widget: a preview of the first
rows, and per column a role (input, target, ignore) and a type (number, or
category: one-hot encoded), guessed by ``nnplay.data.columns.guess_columns``;
the task, what to do with missing values, standardisation of the inputs (and
of a regression target), the train share and a stratified split.

``ImportDialog.choices()`` returns them as ``ImportChoices``; the window loads
the file with them (``load_csv(path, options=...)``) and remembers them per
file in QSettings (``remember`` / ``recall``). Every choice, Standardize and
the train share included, belongs to its file: a file seen for the first time
starts from the guesses and the defaults, not from the run or the file loaded
before; a refused load is shown in the dialog, which stays open as the user left it.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..data import DataError, load_csv
from ..data.columns import (
    CATEGORY,
    IGNORE,
    INPUT,
    MANY_LEVELS,
    NUMBER,
    TARGET,
    ImportOptions,
    guess_columns,
    unnamed_columns,
    unnamed_note,
)
from ..data.csv_text import read_table
from ..numbers import count
from ..training.config import TrainConfig
from .background_load import READ, REFUSED, read_csv_outcome
from .elide import short_name, wrapped
from .import_attempt import attempt_load, hand_over, in_dialog_words
from .import_columns import ROLE, ColumnTable
from .import_preview import preview_caption, preview_table
from .widgets import nest
from .screen_fit import resize_within_screen

PREVIEW_ROWS = 12
ROLES = (INPUT, TARGET, IGNORE)
KINDS = (NUMBER, CATEGORY)
TASKS = ("auto", "classification", "regression")
_SETTINGS_GROUP = "csv_import"
DEFAULT_RUN = TrainConfig()  # a file never imported starts from these standardize and train_ratio


@dataclass
class ImportChoices:
    """What the dialog decided: how to read the file, and two run settings."""

    options: ImportOptions
    standardize: bool
    train_ratio: float


def recall(settings: QSettings | None, path) -> ImportChoices | None:
    """The choices last made for the file at ``path`` (None: none, or unreadable)."""
    if settings is None:
        return None
    saved = settings.value(f"{_SETTINGS_GROUP}/{_key(path)}")
    try:
        d = json.loads(saved)
        return ImportChoices(ImportOptions.from_dict(d["options"]), bool(d["standardize"]), float(d["train_ratio"]))
    except (TypeError, ValueError, KeyError):
        return None


def remember(settings: QSettings | None, path, choices: ImportChoices) -> None:
    if settings is not None:
        settings.setValue(f"{_SETTINGS_GROUP}/{_key(path)}", json.dumps(
            {"options": choices.options.to_dict(), "standardize": choices.standardize,
             "train_ratio": choices.train_ratio}))


def _key(path) -> str:
    return str(Path(path).resolve()).replace("/", "|").replace("\\", "|")


def preview_or_cause(path: Path):
    """The preview's Table of the file at ``path`` (its first PREVIEW_ROWS rows
    within its first megabyte), or the DataError the command line gives: the
    preview sees only the start, so a fault it finds (a header and no row within
    that megabyte: the first row is 5 MB long) is named by reading the whole file."""
    try:
        return read_table(path, max_rows=PREVIEW_ROWS)
    except DataError:
        load_csv(path)  # raises the whole file's cause, as `nnplay train --data` says it
        raise  # the whole file reads: the preview's own fault stands


class ImportDialog(QDialog):
    """Roles, types and options for one CSV file; raises DataError (one line)
    when the file cannot be read at all, before it is shown."""

    def __init__(self, path, previous: ImportChoices | None = None, standardize: bool = False,
                 train_ratio: float = 0.5, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle(f"Load {self.path.name}")
        self.setObjectName("import_dialog")
        table = preview_or_cause(self.path)
        options = previous.options if previous else ImportOptions()
        try:
                self._guesses = guess_columns(self.path, table, options)
        except ValueError:  # remembered choices that no longer fit the file
            options = ImportOptions()
            self._guesses = guess_columns(self.path, table, options)

        self._adjusting = False
        self.attempt = None  # set by import_csv: load with the dialog open (import_attempt.attempt_load)
        self.refusal = self.shown_refusal = ""
        layout = QVBoxLayout(self)
        names = [g.name for g in self._guesses]
        self._unnamed = unnamed_note(names, unnamed_columns(table))  # said above the roles, in the notes
        preview = preview_table(table, names)
        layout.addWidget(QLabel(preview_caption(self.path.name, preview.rowCount(), preview.columnCount(),
                                                len(names))))
        layout.addWidget(preview)
        layout.addWidget(QLabel("Columns: choose each one's role and type"))
        self.columns = self._column_table(options)
        layout.addWidget(self.columns)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setObjectName("import_notes")
        layout.addWidget(self.notes)
        nest(layout, self._option_form(options, previous, standardize, train_ratio))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Load")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update_notes()
        resize_within_screen(self, 760, 760)

    # ------------------------------------------------------------------ parts
    def _column_table(self, options: ImportOptions) -> ColumnTable:
        view = ColumnTable([(short_name(g.name, 60), g.role, g.kind) for g in self._guesses], ROLES, KINDS)
        self.role_boxes, self.kind_boxes = view.roles, view.kinds
        for row, g in enumerate(self._guesses):
            view.model_.item(row, 0).setToolTip(wrapped(g.name) + (f"\n{g.note}" if g.note else ""))
            kind = self.kind_boxes[row].item
            if g.kind == CATEGORY and g.name not in options.categorical:
                kind.setEditable(False)  # text is a category; only numbers may be read either way
                kind.setToolTip("Text: read as a category, one input per level")
            if g.kind == CATEGORY and g.levels and g.role != IGNORE and not g.note:
                kind.setToolTip(f"{count(g.levels, 'category', 'categories')} in the preview")
        view.on_change(self._cell_changed)
        return view

    def _option_form(self, options, previous, standardize, train_ratio) -> QFormLayout:
        form = QFormLayout()
        self.task = QComboBox()
        self.task.addItems(TASKS)
        self.task.setCurrentText(options.task)
        self.task.setToolTip("auto: text or at most 50 whole numbers is classification, anything else regression")
        self.task.currentTextChanged.connect(lambda _text: self._update_notes())
        form.addRow("Task", self.task)
        self.na = QComboBox()
        self.na.addItems(["refuse the file", "drop those rows"])
        self.na.setCurrentIndex(1 if options.na == "drop" else 0)
        self.na.setToolTip("Cells that are empty, NA, N/A, NaN, ? or null")
        form.addRow("Missing values", self.na)
        self.standardize = QCheckBox("Standardize inputs (zero mean, unit variance on the training part)")
        self.standardize.setChecked(previous.standardize if previous else standardize)
        self.standardize_target = QCheckBox("Standardize the target (regression)")
        self.standardize_target.setChecked(options.standardize_target)
        form.addRow(self.standardize)
        form.addRow(self.standardize_target)
        split = QHBoxLayout()
        self.train_ratio = QDoubleSpinBox()
        self.train_ratio.setRange(0.1, 1.0)
        self.train_ratio.setSingleStep(0.05)
        self.train_ratio.setDecimals(2)
        self.train_ratio.setValue(previous.train_ratio if previous else train_ratio)
        self.stratify = QCheckBox("Stratified (keep each class's share)")
        self.stratify.setChecked(options.stratify)
        split.addWidget(self.train_ratio)
        split.addWidget(self.stratify)
        form.addRow("Training share", split)
        return form

    # -------------------------------------------------------------- reactions
    def _cell_changed(self, row: int, column: int, text: str) -> None:
        """One target: choosing a new one makes the old one an input."""
        if self._adjusting:
            return
        if column == ROLE and text == TARGET:
            self._adjusting = True
            for r, box in enumerate(self.role_boxes):
                if r != row and box.currentText() == TARGET:
                    box.setCurrentText(INPUT)
            self._adjusting = False
        self._update_notes()

    def _update_notes(self) -> None:
        lines = [self._unnamed[:1].upper() + self._unnamed[1:]] if self._unnamed else []
        lines += [g.note for g, box in zip(self._guesses, self.role_boxes) if g.note and box.currentText() == g.role]
        for g, role, kind in zip(self._guesses, self.role_boxes, self.kind_boxes):
            if role.currentText() == INPUT and kind.currentText() == CATEGORY and g.levels > MANY_LEVELS:
                lines.append(f"'{short_name(g.name)}' has {count(g.levels, 'category', 'categories')} in the preview alone: one input each")
        problem = self.problem()
        regression = self.task.currentText() == "regression"
        self.standardize_target.setEnabled(self.task.currentText() != "classification")
        self.stratify.setEnabled(not regression)
        if problem:
            lines.insert(0, f"<span style='color:#c0392b'>{problem}</span>")
        elif self.shown_refusal:  # the last Load's refusal, until the next Load
            lines.insert(0, f"<span style='color:#c0392b'>Not loaded: {html.escape(self.shown_refusal)}</span>")
        self.notes.setText("<br>".join(lines))
        ok = self.findChild(QDialogButtonBox)
        if ok is not None:
            ok.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    # ------------------------------------------------ loading, the dialog open
    def accept(self) -> None:
        """Load: with ``attempt`` set (choices -> '' or a refusal), the dialog
        closes only when the file loaded; a refusal is shown here, choices kept."""
        if self.attempt is not None:
            self.shown_refusal = self.attempt(self.choices())
            if self.shown_refusal:
                self._update_notes()
                return
        super().accept()

    def show_error(self, _title: str, message: str) -> None:  # a refusal while reading (background_load)
        self.refusal = in_dialog_words(message)

    def show_status(self, message: str) -> None:
        if hasattr(self.parent(), "show_status"):
            self.parent().show_status(message)

    def problem(self) -> str:
        """Why the choices cannot be loaded ('' when they can)."""
        roles = [b.currentText() for b in self.role_boxes]
        if roles.count(TARGET) != 1:
            return "Choose one column as the target."
        if INPUT not in roles:
            return "Choose at least one column as an input."
        return ""

    def choices(self) -> ImportChoices:
        names = [g.name for g in self._guesses]
        roles = [b.currentText() for b in self.role_boxes]
        kinds = [b.currentText() for b in self.kind_boxes]
        task = self.task.currentText()
        options = ImportOptions(
            target=names[roles.index(TARGET)] if TARGET in roles else None,
            columns=tuple(n for n, r in zip(names, roles) if r == INPUT),
            ignore=(), categorical=tuple(n for n, r, k in zip(names, roles, kinds) if k == CATEGORY and r != IGNORE),
            na="drop" if self.na.currentIndex() == 1 else "refuse", task=task,
            standardize_target=self.standardize_target.isChecked() and task != "classification",
            stratify=self.stratify.isChecked() and task != "regression")
        return ImportChoices(options, self.standardize.isChecked(), round(self.train_ratio.value(), 2))


def import_csv(window, path) -> bool:
    """Ask how to read ``path`` (the import dialog, starting from the choices
    remembered for it, else from the defaults: never from the run or the file
    loaded before) and load it into ``window``'s run; False when cancelled. A
    refusal is shown in the dialog, in one line, and the dialog stays open with
    every choice as the user left it, to change what was refused."""
    try:
        dialog = ImportDialog(path, recall(window.settings, path), DEFAULT_RUN.standardize,
                              DEFAULT_RUN.train_ratio, window)
    except DataError as exc:
        window.show_error("Cannot load this file", str(exc))
        return False
    dialog.attempt = lambda choices: attempt_load(window, dialog, path, choices)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        remember(window.settings, path, dialog.choices())
        return True
    finally:
        dialog.deleteLater()  # closed, it stayed the window's child, with the file's preview, for good


def load_remembered(window, path) -> bool:
    """Load ``path`` without asking, as it was read last time (recent files),
    or with the defaults when nothing is remembered for it."""
    return _load(window, path, recall(window.settings, path)) == READ


def _load(window, path, choices: ImportChoices | None) -> str:
    """Read in the background, then hand the data to the run: READ, REFUSED
    (the reason shown) or CANCELLED."""
    data, outcome = read_csv_outcome(window, str(path), choices.options if choices else None)
    if data is None:
        return outcome
    if choices is None:  # a file's own settings: not those of the run or the file before it
        choices = ImportChoices(ImportOptions(), DEFAULT_RUN.standardize, DEFAULT_RUN.train_ratio)
    settings = {"standardize": choices.standardize, "train_ratio": choices.train_ratio}
    return READ if hand_over(window, path, data, settings) else REFUSED


class CsvDrop(QObject):
    """Drag-and-drop of a file onto the window: a session opens, a CSV goes
    through the import dialog. Install with ``CsvDrop(window)``."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self._path(event):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            path = self._path(event)
            if path:
                event.acceptProposedAction()
                if path.lower().endswith(".nnplay"):
                    self.window.controller.open_session(path)
                else:
                    import_csv(self.window, path)
                return True
        return False

    @staticmethod
    def _path(event) -> str | None:
        urls = event.mimeData().urls() if event.mimeData() is not None else []
        local = [u.toLocalFile() for u in urls if u.isLocalFile()]
        return local[0] if len(local) == 1 else None
