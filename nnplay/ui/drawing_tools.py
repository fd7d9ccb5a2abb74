"""The output view's drawing tools: Draw and Erase on the plot (a click adds a
point of the chosen class, a drag draws several, Shift+click or a right-click
erases), Undo, Redo and Clear. A mixin of ``DecisionBoundaryView``: it uses
the view's ``plot``, ``info`` and ``edit_requested`` signal."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolButton

from ..data import CLASSIFICATION
from ..numbers import count
from .colors import class_icon
from .flow_layout import FlowLayout
from .shortcut_text import keys_text, tip_with_keys
from .disabled_reason import give_reason
from .widgets import FittedComboBox, named


ERASE_PIXELS = 12  # the eraser's radius on screen
STROKE_PIXELS = 14  # a drag draws a point each time the pointer has moved this far


def cleared_note(n: int) -> str:
    """The status line after Clear removed ``n`` points: how to have them back."""
    return f"Cleared {count(n, 'point')}: Undo ({keys_text(QKeySequence.StandardKey.Undo)}) brings them back."


class DrawingTools:
    """The Draw/Erase tool row and its handling of the pointer on the plot."""

    def _build_drawing(self) -> FlowLayout:
        row = FlowLayout(spacing=3)
        self.draw_add = named(QToolButton(), "draw_add",
                              "Click on the plot to add a training point of the chosen class, or drag to draw "
                              "several (Shift+click or right-click erases).")
        self.draw_add.setText("✚ Draw")
        self.draw_erase = named(QToolButton(), "draw_erase", "Click on the plot to erase the points under the pointer.")
        self.draw_erase.setText("⌫ Erase")
        # (no QButtonGroup: Qt lets Tab reach only one checkable button of a group, and Erase was never reached)
        for b in (self.draw_add, self.draw_erase):
            b.setCheckable(True)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(b)
        self.draw_add.toggled.connect(lambda on: on and self.draw_erase.setChecked(False))
        self.draw_erase.toggled.connect(lambda on: on and self.draw_add.setChecked(False))
        # each class's whole name in its list (as wide as the longest); the box as wide as the one shown, elided
        # where long on the side that keeps the classes apart (elide.ElidingComboBox: "class class_…_name" was
        # every one of 50 classes cut in the middle)
        self.draw_class = named(FittedComboBox(), "draw_class", "The class of the points you draw.")
        self.draw_class.setIconSize(QSize(14, 14))
        row.addWidget(self.draw_class)
        self.draw_undo = named(QToolButton(), "draw_undo", "")
        self.draw_undo.setText("Undo")
        self.draw_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.draw_redo = named(QToolButton(), "draw_redo", "")
        self.draw_redo.setText("Redo")
        self.draw_redo.setShortcut(QKeySequence.StandardKey.Redo)  # Ctrl+Y, Ctrl+Shift+Z or ⇧⌘Z: the system's
        for b, tip in ((self.draw_undo, "Undo the last point drawn or erased"), (self.draw_redo, "Redo what was undone")):
            tip_with_keys(b, tip)  # the key this system binds (shortcut_text)
            b.setAccessibleDescription(b.toolTip())
        self.draw_clear = named(QToolButton(), "draw_clear", "Remove every point, to draw a data set from nothing.")
        for b in (self.draw_add, self.draw_erase, self.draw_class, self.draw_clear):
            give_reason(b, self._why_no_drawing)
        give_reason(self.draw_undo, lambda: "Nothing to undo: no point drawn or erased since the data was made.")
        give_reason(self.draw_redo, lambda: "Nothing to redo: nothing was undone since the last point drawn.")
        self.draw_clear.setText("Clear")
        for b, op in ((self.draw_undo, "undo"), (self.draw_redo, "redo"), (self.draw_clear, "clear")):
            b.clicked.connect(lambda _=False, op=op: self.edit_requested.emit((op,)))
            row.addWidget(b)
        self.set_edits(False, False)
        return row

    def set_edits(self, can_undo: bool, can_redo: bool) -> None:
        self.draw_undo.setEnabled(can_undo)
        self.draw_redo.setEnabled(can_redo)

    def _why_no_drawing(self) -> str:
        """Why the drawing tools are greyed out: points are drawn for classes on two inputs."""
        data = None if self.info is None else self.info.data
        if data is not None and data.task != CLASSIFICATION:
            return "Points are drawn with a class: this data is a regression."
        return f"Points are drawn on the plane of two inputs: this data has {count(data.n_inputs if data else 0, 'input')}."

    def _drawable(self) -> bool:
        info = self.info
        return info is not None and info.data.task == CLASSIFICATION and info.data.n_inputs == 2

    def _update_drawing(self) -> None:
        """The drawing tools for the new run's data: enabled where points can be drawn, and the class
        picker listing this data's classes whether or not (greyed out, it showed the previous file's
        "class ä" beside a session of classes 0 and 1: tester 16)."""
        ok = self._drawable()
        for w in (self.draw_add, self.draw_erase, self.draw_class, self.draw_clear):
            w.setEnabled(ok)
        if not ok:
            self.draw_add.setChecked(False)
            self.draw_erase.setChecked(False)
        data = None if self.info is None else self.info.data
        if data is None or data.task != CLASSIFICATION:
            self.draw_class.clear()
            return
        names = [f"class {c}" for c in data.class_names]
        current = self.draw_class.currentIndex()
        self.draw_class.clear()
        for k, name in enumerate(names):  # each class as its points are drawn: its colour and shape
            self.draw_class.addItem(class_icon(data.n_classes, k), name, k)
        self.draw_class.setCurrentIndex(current if 0 <= current < len(names) else 0)

    def refresh_colours(self) -> None:
        """The class picker's swatches in the palette's colours, its choice kept (tester 17)."""
        self._update_drawing()

    def eventFilter(self, obj, ev) -> bool:
        """Watch the left button on the plot, for drawing by dragging (the plot still gets every event)."""
        kind = ev.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease) and \
                ev.button() == Qt.MouseButton.LeftButton:
            self._stroking = kind == QEvent.Type.MouseButtonPress
            self._last_stroke_pos = None
            if self._drawable() and (self.draw_add.isChecked() or self.draw_erase.isChecked()):
                self.edit_requested.emit(("begin_stroke",) if self._stroking else ("end_stroke",))
        return False

    def _edit_at(self, scene_pos, erase: bool) -> bool:
        """In drawing mode, add a point of the chosen class at ``scene_pos`` (or
        erase the points under it; Erase mode always erases). False when not
        drawing or outside the plot."""
        if not self._drawable() or not (self.draw_add.isChecked() or self.draw_erase.isChecked()):
            return False
        vb = self.plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return False
        p = vb.mapSceneToView(scene_pos)
        if erase or self.draw_erase.isChecked():
            self.edit_requested.emit(("erase", (p.x(), p.y()), ERASE_PIXELS * vb.viewPixelSize()[0]))
        else:
            self.edit_requested.emit(("add", (p.x(), p.y()), int(self.draw_class.currentData() or 0)))
        return True

    def _dragged(self, scene_pos) -> None:
        """Dragging with the left button held draws (or, with Shift, erases) along
        the way, a point every STROKE_PIXELS."""
        from PySide6.QtWidgets import QApplication

        last = self._last_stroke_pos
        if not self._stroking or (last is not None and (scene_pos - last).manhattanLength() < STROKE_PIXELS):
            return
        shift = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier)
        if self._edit_at(scene_pos, shift):
            self._last_stroke_pos = scene_pos

    def _clicked(self, ev) -> None:
        """A click adds a point (Shift+click or a right-click erases), in drawing mode."""
        erase = ev.button() == Qt.MouseButton.RightButton or bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if self._edit_at(ev.scenePos(), erase):
            ev.accept()
