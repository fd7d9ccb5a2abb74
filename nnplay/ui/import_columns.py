"""The import dialog's list of columns, one row each: name, role and type.

A QComboBox per cell (two per column) took 15 s to build for a 3000-column
file; here the roles and types are items of one QStandardItemModel, drawn as
combo boxes by ``ChoiceDelegate`` and edited with a real QComboBox only while
a cell is being changed (Qt's model/view delegates). ``ColumnTable.roles`` and
``.kinds`` give one ``Choice`` per column with QComboBox's ``currentText`` /
``setCurrentText``; ``on_change(changed)`` has ``changed(row, column, text)``
called on every change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QTableView,
)

from .elide import distinct_mode

NAME, ROLE, KIND = 0, 1, 2
CHOICES = Qt.ItemDataRole.UserRole + 1  # the texts a role or type cell may take


class Choice:
    """One role or type cell, read and set like a QComboBox."""

    def __init__(self, item: QStandardItem):
        self.item = item

    def currentText(self) -> str:
        return self.item.text()

    def setCurrentText(self, text: str) -> None:
        if text in self.item.data(CHOICES) and self.isEnabled():
            self.item.setText(text)

    def isEnabled(self) -> bool:
        return bool(self.item.flags() & Qt.ItemFlag.ItemIsEditable)

    def toolTip(self) -> str:
        return self.item.toolTip()


class ChoiceDelegate(QStyledItemDelegate):
    """Draws a choice cell as a combo box; edits it with one while it is being changed."""

    def paint(self, painter, option, index: QModelIndex) -> None:
        if index.data(CHOICES) is None:
            super().paint(painter, option, index)
            return
        box = QStyleOptionComboBox()
        box.rect = option.rect.adjusted(1, 1, -1, -1)
        box.state = option.state
        if not index.flags() & Qt.ItemFlag.ItemIsEditable:
            box.state &= ~QStyle.StateFlag.State_Enabled
        box.currentText = index.data()
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, box, painter, option.widget)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, box, painter, option.widget)

    def createEditor(self, parent, option, index):
        editor = QComboBox(parent)
        editor.addItems(index.data(CHOICES))
        editor.activated.connect(lambda _i: self.commitData.emit(editor))
        editor.activated.connect(lambda _i: self.closeEditor.emit(editor))
        return editor

    def setEditorData(self, editor, index) -> None:
        editor.setCurrentText(index.data())
        editor.showPopup()

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentText())


class ColumnTable(QTableView):
    """Name, role and type of every column; ``changed(row, column, text)`` on each change."""

    def __init__(self, rows: list[tuple[str, str, str]], roles: tuple, kinds: tuple):
        """rows: (shown name, role, type) per column."""
        super().__init__()
        self.setObjectName("import_columns")
        self.model_ = QStandardItemModel(len(rows), 3, self)
        self.model_.setHorizontalHeaderLabels(["Column", "Role", "Type"])
        self.roles: list[Choice] = []
        self.kinds: list[Choice] = []
        for r, (name, role, kind) in enumerate(rows):
            label = QStandardItem(name)
            label.setEditable(False)
            self.model_.setItem(r, NAME, label)
            for col, text, choices, out in ((ROLE, role, roles, self.roles), (KIND, kind, kinds, self.kinds)):
                item = QStandardItem(text)
                item.setData(list(choices), CHOICES)
                self.model_.setItem(r, col, item)
                out.append(Choice(item))
        self.setModel(self.model_)
        self.setItemDelegate(ChoiceDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.CurrentChanged
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(False)
        # a long name elided on the side that tells the columns apart at the column's width (50 names that differ
        # in their middle, elided there, read the same): chosen again as the column is resized
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_names()  # (the columns stretch with the view)

    def _fit_names(self) -> None:
        names = [self.model_.item(r, NAME).text() for r in range(self.model_.rowCount())]
        margin = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 2
        self.setTextElideMode(distinct_mode(names, self.font(), self.columnWidth(NAME) - margin))

    def on_change(self, changed: Callable[[int, int, str], None]) -> None:
        """Call ``changed(row, column, text)`` whenever a role or type changes (after set-up)."""
        self.model_.itemChanged.connect(lambda item: changed(item.row(), item.column(), item.text()))
