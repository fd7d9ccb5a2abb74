"""Esc closes every secondary window, as it closes Qt's dialogs (the guide, the
learning-rate finder): the loss landscape and Compare windows once did not.
One mechanism (ui.side_window.SideWindow) and a test over all of them."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import nnplay.ui
from nnplay.ui.side_window import SideWindow

UI = Path(nnplay.ui.__file__).parent


def _side_windows() -> list[type]:
    for info in pkgutil.iter_modules([str(UI)]):
        if "Window" in (UI / f"{info.name}.py").read_text():
            importlib.import_module(f"nnplay.ui.{info.name}")
    found, todo = [], list(SideWindow.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return sorted(found, key=lambda c: c.__name__)


def test_every_window_of_its_own_is_a_side_window_or_a_dialog():
    """A QWidget made a top-level window by hand (Qt.WindowType.Window) gets no Esc:
    only SideWindow may make one."""
    own = [p.name for p in UI.glob("*.py")
           if p.name != "side_window.py" and re.search(r"WindowType\.Window\b(?!\w)", p.read_text())]
    assert own == [], f"make these windows SideWindows (Esc closes them): {own}"


def test_the_side_windows_are_all_found():
    names = {c.__name__ for c in _side_windows()}
    assert {"LandscapeWindow", "CompareWindow", "InspectorWindow"} <= names


@pytest.mark.parametrize("cls", _side_windows(), ids=lambda c: c.__name__)
def test_esc_closes_the_side_window(qtbot, cls):
    win = cls()
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    qtbot.keyClick(win.focusWidget() or win, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=3000)


def test_the_dialogs_close_on_esc_by_qt(qtbot):
    from PySide6.QtWidgets import QDialog

    from nnplay.ui.guide import GuideWindow

    guide = GuideWindow()
    qtbot.addWidget(guide)
    assert isinstance(guide, QDialog)
    guide.show()
    guide.activateWindow()
    qtbot.waitExposed(guide)
    qtbot.keyClick(guide.focusWidget() or guide, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not guide.isVisible(), timeout=3000)
