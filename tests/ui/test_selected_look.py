"""Dark mode: the selected data-set button looked like the others (Fusion marks a
checked button a shade darker, which a dark palette hides). Every kind of
checkable or selected control the window has — a checked tool button (the data
sets, Max on the toolbar), a checked push button, a selected tab, a checked menu
item — must look clearly apart from its unchecked twin on the dark palette."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QMenu, QPushButton, QStyleFactory, QTabWidget, QToolButton, QWidget

from nnplay.ui.app import dark_palette
from nnplay.ui.selected_look import SelectedLook

APART = 25.0  # mean difference (0..255 per channel) between a control's selected and plain renderings


def pixels(widget, qtbot, rect=None) -> np.ndarray:
    if widget.parentWidget() is None:
        widget.resize(widget.sizeHint())
    widget.window().show()
    qtbot.wait(10)
    image = widget.grab(rect) if rect is not None else widget.grab()
    image = image.toImage().convertToFormat(QImage.Format.Format_RGB32)
    a = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return a[:, :image.width(), :3].astype(float)


def button_apart(cls, style, qtbot) -> float:
    shots = []
    for on in (False, True):
        b = cls()
        qtbot.addWidget(b)
        b.setText("circle")
        b.setCheckable(True)
        b.setChecked(on)
        b.setStyle(style)
        b.setPalette(dark_palette())
        shots.append(pixels(b, qtbot))
    return float(np.abs(shots[0] - shots[1]).mean())


def tab_apart(style, qtbot, sheet: str = "") -> float:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.setStyle(style)
    tabs.tabBar().setStyle(style)
    tabs.setPalette(dark_palette())
    for _ in range(2):
        tabs.addTab(QWidget(), "Curves")  # the same text: only the selection tells them apart
    tabs.setStyleSheet(sheet)  # (a style sheet's tabs are drawn by it, not by the style)
    bar = tabs.tabBar()
    tabs.resize(300, 120)
    shot = pixels(bar, qtbot)
    r0, r1 = bar.tabRect(0), bar.tabRect(1)
    w, h = min(r0.width(), r1.width()) - 4, min(r0.height(), r1.height())
    a = shot[r0.y():r0.y() + h, r0.x() + 2:r0.x() + 2 + w]
    b = shot[r1.y():r1.y() + h, r1.x() + 2:r1.x() + 2 + w]
    return float(np.abs(a - b).mean())


def menu_apart(style, qtbot) -> int:
    menu = QMenu()
    qtbot.addWidget(menu)
    menu.setStyle(style)
    menu.setPalette(dark_palette())
    actions = [QAction("Gradients", menu, checkable=True) for _ in range(2)]
    actions[0].setChecked(True)
    for a in actions:
        menu.addAction(a)
    shot = pixels(menu, qtbot)
    r0, r1 = menu.actionGeometry(actions[0]), menu.actionGeometry(actions[1])
    h = min(r0.height(), r1.height())
    strong = np.abs(shot[r0.y():r0.y() + h] - shot[r1.y():r1.y() + h]).mean(axis=2) > 100
    return int(strong.sum())  # pixels: a check mark stands out, or it is not there


@pytest.mark.parametrize("cls", [QToolButton, QPushButton])
def test_a_checked_button_is_clearly_apart_on_the_dark_palette(qtbot, cls):
    assert button_apart(cls, QStyleFactory.create("Fusion"), qtbot) < APART  # the fault: a shade darker
    assert button_apart(cls, SelectedLook(), qtbot) >= APART


def test_a_selected_tab_and_a_checked_menu_item_are_apart_on_the_dark_palette(qtbot):
    from nnplay.ui.window_columns import OUTPUT_TABS_SHEET

    fusion = tab_apart(QStyleFactory.create("Fusion"), qtbot)
    assert tab_apart(SelectedLook(), qtbot) >= fusion + 5  # underlined in the highlight colour
    assert tab_apart(SelectedLook(), qtbot, "QTabBar::tab { padding: 4px 5px; }") < APART  # a sheet's tabs: not
    assert tab_apart(SelectedLook(), qtbot, OUTPUT_TABS_SHEET) >= APART  # the window's sheet marks its own
    assert menu_apart(SelectedLook(), qtbot) >= 12  # its check mark, in the text colour


def test_a_dark_desktop_gets_the_selected_look(qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from nnplay.ui import app as app_module

    app = QApplication.instance()
    calls = {}
    monkeypatch.setattr(app, "styleHints", lambda: type("H", (), {"colorScheme": lambda self: Qt.ColorScheme.Dark})())
    monkeypatch.setattr(app, "setStyle", lambda style: calls.setdefault("style", style))
    monkeypatch.setattr(app, "setPalette", lambda palette: calls.setdefault("palette", palette))
    assert app_module.follow_dark_desktop(app)
    assert isinstance(calls["style"], SelectedLook)
