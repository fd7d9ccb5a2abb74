"""Menu entries for the shortcuts that belong to a control rather than to a
menu action, so that the menus list every shortcut of the window: Edit › Undo
drawing and Redo drawing (the system's Undo and Redo keys: Ctrl+Z; Ctrl+Y or Ctrl+Shift+Z), which press the decision
boundary's drawing buttons.

The buttons keep their own shortcuts (a second action on the same keys would
make both ambiguous, and neither would fire); the menu entries show the keys
after a tab (Qt's menus draw the text after ``\\t`` in the shortcut column)
and are enabled when the button is."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def add_drawing_undo(menu, boundary) -> None:
    """Edit › Undo drawing / Redo drawing: press ``boundary``'s Undo/Redo button
    (enabled when it is: drawn data with something to undo or redo)."""
    entries = []
    for text, button in (("Undo drawing", boundary.draw_undo), ("Redo drawing", boundary.draw_redo)):
        keys = button.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action = menu.addAction(f"{text}\t{keys}")
        action.setToolTip(button.toolTip())
        action.triggered.connect(button.click)
        entries.append((action, button))
    menu.aboutToShow.connect(lambda: [a.setEnabled(b.isEnabled() and b.isVisibleTo(b.window()))
                                      for a, b in entries])
