"""Every key a tooltip names is a key bound on the running system (the drawing's
Redo tooltip said Ctrl+Shift+Z where QKeySequence.Redo is Ctrl+Y, and Quit's
said Ctrl+Q where the platform binds no Quit key); tooltips take the keys from
the real QKeySequence (``nnplay.ui.shortcut_text``)."""

from __future__ import annotations

import re

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget

from nnplay.ui.shortcut_text import NATIVE, bound_keys, keys_text

KEY = re.compile(r"(?:(?:Ctrl|Shift|Alt|Meta)\+)+(?:[A-Z0-9=+\-]|F\d{1,2}|Right|Left|Up|Down|Space|Esc|Backspace)"
                 r"(?=[\s().;,]|$)")


def bound(win) -> set[str]:
    keys = set()
    for a in win.findChildren(QAction):
        keys |= {s.toString(NATIVE) for s in a.shortcuts()}
    for b in win.findChildren(QAbstractButton):
        keys.add(b.shortcut().toString(NATIVE))
    for s in win.findChildren(QShortcut):
        keys.add(s.key().toString(NATIVE))
    return keys - {""}


def tooltips(win) -> list[tuple[str, str]]:
    objs = [*win.findChildren(QAction), *win.findChildren(QWidget)]
    return [(o.objectName() or getattr(o, "text", lambda: "")(), o.toolTip()) for o in objs if o.toolTip()]


def test_every_key_a_tooltip_names_is_bound(window):
    keys = bound(window)
    named = [(who, k) for who, tip in tooltips(window) for k in KEY.findall(tip)]
    assert named, "no tooltip names a key: the pattern is wrong"
    assert [(who, k) for who, k in named if k not in keys] == []


def test_the_drawings_redo_names_the_systems_key(window):
    redo = window.boundary.draw_redo
    assert redo.shortcut() == QKeySequence(QKeySequence.StandardKey.Redo)
    assert f"({bound_keys(redo)})" in redo.toolTip()
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    entry = next(a for a in menu.actions() if a.text().startswith("Redo drawing"))
    assert entry.text().endswith(keys_text(QKeySequence.StandardKey.Redo))
    assert window.quit_action.shortcuts()  # a Quit key everywhere (Ctrl+Q where the system binds none)
