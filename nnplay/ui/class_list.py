"""The output picture's key of many classes (a CSV of 50 labels): the caption under the picture
counts them ("50 classes, each with its colour in the list below"), and ``ClassList``, a list of at
most LIST_LINES lines under it that scrolls, holds each class's swatch and name. Written out in the
caption, 50 classes took 13 lines of a 1024-pixel window's Output column, and the picture and the
curves below it their room (the curves were hidden to make it). A few classes stay in the caption."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QScrollArea, QSizePolicy

from ..numbers import count
from .colors import class_key, class_names_tip
from .tip import set_tip

MANY_CLASSES = 12  # more classes than this: counted in the caption, their swatches and names in a ClassList
LIST_LINES = 3  # the list shows at most this many lines of classes, and scrolls the rest


def many_classes(names) -> bool:
    """Whether ``names`` (a classification's classes) are too many to write out in a caption."""
    return len(names) > MANY_CLASSES


def caption_key(names) -> str:
    """The caption's key of the classes ``names``: each swatch and name, or for many, their count."""
    if many_classes(names):
        return f"{count(len(names), 'class', 'classes')}, each with its colour in the list below"
    return class_key(names)


def key_label(name: str) -> QLabel:
    """A label of rich text that wraps, as the output view's caption and its list of classes are."""
    label = QLabel("")
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setContentsMargins(4, 0, 4, 0)  # (an exported picture's caption off its left edge)
    return label


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
        self.label = key_label("class_list_key")
        self.setWidget(self.label)
        self.setVisible(False)
        if layout is not None:
            layout.addWidget(self)

    def set_classes(self, names) -> None:
        """List the classes ``names`` where they are many (``many_classes``); else (or None) hide."""
        shown = names is not None and many_classes(names)
        text = class_key(names) if shown else ""
        if text != self.label.text():
            self.label.setText(text)
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
