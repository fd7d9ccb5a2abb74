"""Tester's report: the menus list every shortcut of the window (Max, the
drawing's Undo/Redo, Copy/Paste settings were missing), and each listed one works."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication

NATIVE = QKeySequence.SequenceFormat.NativeText


def _entries(menu):
    for a in menu.actions():
        if a.menu() is not None:
            yield from _entries(a.menu())
        elif not a.isSeparator():
            yield a


def _listed(window) -> set:
    """Every key sequence the menus show: an action's shortcuts, or the text after a tab."""
    shown = set()
    for top in window.menuBar().actions():
        for a in _entries(top.menu()):
            shown |= {k.toString(NATIVE) for k in a.shortcuts()}
            if "\t" in a.text():
                shown.add(a.text().split("\t", 1)[1])
    return shown


def test_every_shortcut_of_the_window_is_listed_in_a_menu(window):
    listed = _listed(window)
    escape = QKeySequence(Qt.Key.Key_Escape).toString(NATIVE)  # Esc leaves presentation: said on its entry
    keyed = {(a.text(), k.toString(NATIVE)) for a in window.findChildren(QAction) for k in a.shortcuts()}
    keyed |= {(b.objectName(), b.shortcut().toString(NATIVE)) for b in window.findChildren(QAbstractButton)
              if not b.shortcut().isEmpty()}
    missing = sorted((name, keys) for name, keys in keyed if keys not in listed and keys != escape)
    assert not missing, missing
    b = window.boundary
    undo, redo = (x.shortcut().toString(NATIVE) for x in (b.draw_undo, b.draw_redo))  # the platform's keys
    assert {"M", undo, redo, "Ctrl+Shift+C", "Ctrl+Shift+V"} <= listed and "" not in {undo, redo}


def test_copy_and_paste_settings_by_their_keys(window, qtbot):
    c = window.controller
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    QApplication.clipboard().setText("")
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.clipboard().text() == c.state.config.to_text()
    QApplication.clipboard().setText("lr=0.1")
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert c.state.config.lr == 0.1
