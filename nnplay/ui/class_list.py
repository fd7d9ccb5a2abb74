"""The output picture's key of many classes (a CSV of 50 labels): the caption under the picture
counts them ("50 classes, each with its colour in the list below"), and ``ClassList``, a list of at
most LIST_LINES lines under it that scrolls, holds each class's swatch and name. Written out in the
caption, 50 classes took 13 lines of a 1024-pixel window's Output column, and the picture and the
curves below it their room (the curves were hidden to make it). A few classes stay in the caption."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QScrollArea, QSizePolicy

from ..numbers import count
from .colors import class_key, class_key_entries, class_names_tip
from .tip import set_tip

MANY_CLASSES = 12  # more classes than this: counted in the caption, their swatches and names in a ClassList
LIST_LINES = 3  # the list shows at most this many lines of classes, and scrolls the rest
COLUMN_GAP = 12  # pixels between two columns of the list


def many_classes(names) -> bool:
    """Whether ``names`` (a classification's classes) are too many to write out in a caption."""
    return len(names) > MANY_CLASSES


def caption_key(names) -> str:
    """The caption's key of the classes ``names``: each swatch and name, or for many, their count."""
    if many_classes(names):
        return f"{count(len(names), 'class', 'classes')}, each with its colour in the list below"
    return class_key(names)


def key_label(name: str, kind=QLabel) -> QLabel:
    """A label of rich text that wraps, as the output view's caption and its list of classes are."""
    label = kind("")
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setContentsMargins(4, 0, 4, 0)  # (an exported picture's caption off its left edge)
    return label


class ColumnsLabel(QLabel):
    """The classes' swatches and names in as many columns as its width holds, each as wide as the widest
    (``set_entries``), in class order along each line (the window's list scrolls down to the next ones): 50
    classes in aligned columns, not a ragged run of text; its height for a width is that of its columns at that
    width (an export lays it out wider than on screen: ``export.labels_fitted``)."""

    def set_entries(self, entries: list[str], note: str = "") -> None:
        self._entries, self._note = list(entries), note
        self.setText(self.table(self.width()))

    def table(self, width: int) -> str:
        """The entries as a table of as many columns as ``width`` holds (one at least), then the note."""
        entries = getattr(self, "_entries", [])
        if not entries:
            return ""
        metrics = self.fontMetrics()
        cell = max(metrics.horizontalAdvance(html.unescape(re.sub("<[^>]+>", "", e))) for e in entries) + COLUMN_GAP
        room = width - self.contentsMargins().left() - self.contentsMargins().right()
        columns = max(1, min(len(entries), room // cell))  # (each cell padded on its right, the last too)
        rows = [entries[at:at + columns] for at in range(0, len(entries), columns)]  # (in order along each line, as
        cells = ["".join(f"<td style='padding-right:{COLUMN_GAP}px'>{e}</td>" for e in row) for row in rows]  # it scrolls)
        note = f"<div>{html.escape(self._note.strip())}</div>" if self._note else ""
        return "<table cellspacing='0' cellpadding='0'>" + "".join(f"<tr>{r}</tr>" for r in cells) + "</table>" + note

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        text = self.table(width)
        if text == self.text():
            return super().heightForWidth(width)
        probe = key_label("probe")  # (the same label's measure, of the columns at that width)
        probe.setFont(self.font())
        probe.setText(text)
        return probe.heightForWidth(width)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        text = self.table(event.size().width())
        if text != self.text():
            self.setText(text)
        super().resizeEvent(event)


class ClassList(QScrollArea):
    """The swatches and names of many classes (``set_classes``), at most LIST_LINES lines high, scrolled;
    hidden for a few classes or none (a regression)."""

    def __init__(self, layout=None):
        """``layout``: where the list goes (under the caption)."""
        super().__init__()
        self.setObjectName("class_list")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # (its text wraps)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.label = key_label("class_list_key", ColumnsLabel)
        self.setWidget(self.label)
        self.setVisible(False)
        if layout is not None:
            layout.addWidget(self)

    def set_classes(self, names) -> None:
        """List the classes ``names`` where they are many (``many_classes``); else (or None) hide."""
        shown = names is not None and many_classes(names)
        entries, note = class_key_entries(names) if shown else ([], "")
        if (entries, note) != (getattr(self.label, "_entries", []), getattr(self.label, "_note", "")):
            self.label.set_entries(entries, note)
            set_tip(self.label, class_names_tip(names) if shown else "")  # (the whole names of those elided)
        self.setVisible(shown)
        self._fit()
        # the label's new height for its width taken in now: a scroll area learns of it only when resized, and
        # a label's new text does not resize it (the list, shown at a width it had, scrolled none of 50 classes)
        if self.isVisible():  # (a view not on screen lays it out as it is shown)
            QApplication.sendEvent(self, QEvent(QEvent.Type.LayoutRequest))

    def _fit(self) -> None:
        """As high as its classes need at its width, at most LIST_LINES lines (it scrolls the rest)."""
        if self.isHidden():
            return
        lines = LIST_LINES * self.label.fontMetrics().lineSpacing()
        need = self.label.heightForWidth(max(1, self.viewport().width()))
        height = min(need if need > 0 else lines, lines) + 2 * self.frameWidth()
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # (a zoom: lines of the new font)
            self._fit()
