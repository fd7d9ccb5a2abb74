"""Tester 20 item 3: Tab reaches every drawing tool (Erase was skipped: Qt lets Tab reach one
checkable button of a QButtonGroup), the arrows move among the data sets' buttons, and Ctrl+Q
quits from every window of the app, not only the main one (the inspector, the landscape, Compare,
the guide, File > Record...)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QToolButton

K = Qt.Key


def _active(qtbot, w) -> None:
    w.show()
    w.raise_()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5000)


def test_tab_reaches_every_drawing_tool(window, qtbot):
    _active(qtbot, window)
    view = window.boundary
    view.draw_add.setFocus(Qt.FocusReason.TabFocusReason)
    reached = [view.draw_add]
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), K.Key_Tab)
        reached.append(QApplication.focusWidget())
    tools = [w for w in (view.draw_add, view.draw_erase, view.draw_class, view.draw_undo, view.draw_redo,
                         view.draw_clear) if w.isEnabled()]  # (Undo and Redo greyed out: nothing drawn yet)
    assert [w.objectName() for w in reached] == [w.objectName() for w in tools[:4]]


def test_the_arrows_move_among_the_data_sets(window, qtbot):
    _active(qtbot, window)
    c = window.controller
    buttons = list(window.data_panel.dataset_buttons.values())
    first = next(b for b in buttons if b.isChecked())
    first.setFocus(Qt.FocusReason.TabFocusReason)
    epoch = c.state.epoch
    qtbot.keyClick(first, K.Key_Right)
    assert QApplication.focusWidget() is not first
    assert isinstance(QApplication.focusWidget(), QToolButton) and QApplication.focusWidget() in buttons
    assert c.state.epoch == epoch  # Right moved among the buttons; it did not step an epoch


def test_ctrl_q_quits_from_every_side_window(window, qtbot):
    from nnplay.ui.side_windows import inspector_window
    from nnplay.ui.landscape_view import landscape_window
    from nnplay.ui.recorder import show_recorder

    quits = []
    window.quit_action.triggered.disconnect()  # (the shared test window stays open: count the quits)
    window.quit_action.triggered.connect(lambda: quits.append(QApplication.activeWindow()))
    try:
        assert window.controller.fork(lr=0.3)
        qtbot.waitUntil(lambda: window.compare_window is not None and window.compare_window.isVisible(),
                        timeout=10000)
        window.show_guide()
        sides = {"inspector": inspector_window(window), "landscape": landscape_window(window),
                 "compare": window.compare_window, "guide": window.guide, "record": show_recorder(window),
                 "window": window}
        key = QKeySequence(window.quit_action.shortcut())[0]
        for name, side in sides.items():
            _active(qtbot, side)
            before = len(quits)
            qtbot.keyClick(QApplication.focusWidget() or side, key.key(), key.keyboardModifiers())
            assert len(quits) == before + 1, f"Ctrl+Q did nothing in the {name} window"
    finally:
        window.quit_action.triggered.disconnect()
        window.quit_action.triggered.connect(window.close)
        window.compare_window.stop_button.click()
        for side in (window.guide, window.inspector, window.landscape_window, window.recorder):
            side.close()
