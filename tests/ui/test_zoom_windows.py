"""View › Zoom reaches every window and pop-up the playground opens (round 21): its menus (the menu
bar's, context menus, a combo box's list), its tooltips, its dialogs and its side windows (Compare
runs, the loss landscape) were drawn in the application's font, ×1 beside a window at ×1.6."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox, QToolTip, QWidget

pytestmark = pytest.mark.timeout(120)


def off_zoom(root: QWidget, size: float) -> list[str]:
    """``root`` and the widgets in it whose font is not ``size`` points (none is sized by a sheet here)."""
    return [f"{type(w).__name__} {w.objectName()}: {w.font().pointSizeF()} pt"
            for w in [root, *root.findChildren(QWidget)] if w.font().pointSizeF() != pytest.approx(size)]


def test_the_menus_and_tooltips_follow_the_zoom_and_come_back(window, qtbot):
    base = QApplication.font().pointSizeF()
    tip = QToolTip.font().pointSizeF()
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    assert len(menus) >= 6
    window.presentation.set_zoom(1.6)
    zoomed = window.font().pointSizeF()
    assert zoomed == pytest.approx(1.6 * base)
    context = QMenu(window.speed)  # a context menu made after the zoom, as a widget's own menu is
    context.addAction("Copy")
    for menu in [*menus, *(m for menu in menus for m in menu.findChildren(QMenu)), context]:
        menu.popup(window.mapToGlobal(QPoint(20, 20)))
        assert menu.font().pointSizeF() == pytest.approx(zoomed), menu.title()
        menu.hide()
    window.speed.showPopup()  # a combo box's list (Qt gives it its box's font)
    assert window.speed.view().font().pointSizeF() == pytest.approx(zoomed)
    window.speed.hidePopup()
    assert QToolTip.font().pointSizeF() == pytest.approx(1.6 * tip)
    QToolTip.showText(window.mapToGlobal(QPoint(40, 40)), "Zoomed", window.speed)
    label = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "qtooltip_label" and w.isVisible())
    assert label.font().pointSizeF() == pytest.approx(1.6 * tip)
    QToolTip.hideText()
    window.presentation.step_zoom(0)
    assert [m.font().pointSizeF() for m in [*menus, context]] == [base] * (len(menus) + 1)
    assert QToolTip.font().pointSizeF() == pytest.approx(tip)
    context.deleteLater()


def test_the_compare_window_opened_zoomed_follows_the_zoom_and_its_changes(window, qtbot):
    c = window.controller
    c.step(2)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 2, timeout=10000)
    window.presentation.set_zoom(1.6)
    zoomed = window.font().pointSizeF()
    assert c.fork(lr=0.3)
    qtbot.waitUntil(lambda: window.compare_window is not None and window.compare_window.isVisible(), timeout=10000)
    cw = window.compare_window
    assert off_zoom(cw, zoomed) == []
    def tick_size(plot):
        return plot.getAxis("left").style["tickFont"].pointSizeF()

    assert tick_size(cw.plot.getPlotItem()) == pytest.approx(tick_size(window.boundary.plot))  # zoomed once, not twice
    window.presentation.set_zoom(1.25)  # a zoom while it is open
    assert off_zoom(cw, window.font().pointSizeF()) == []
    assert tick_size(cw.plot.getPlotItem()) == pytest.approx(tick_size(window.boundary.plot))
    window.presentation.step_zoom(0)
    assert off_zoom(cw, QApplication.font().pointSizeF()) == []
    cw.stop_button.click()


def test_the_landscape_window_s_texts_follow_a_zoom_made_while_it_is_open(window, qtbot):
    window.landscape_action.trigger()  # opened unzoomed
    lw = window.landscape_window
    assert off_zoom(lw, QApplication.font().pointSizeF()) == []
    window.presentation.set_zoom(1.6)
    assert off_zoom(lw, window.font().pointSizeF()) == [] and lw.findChildren(QLabel)
    window.presentation.step_zoom(0)
    lw.close()


def test_the_inspector_is_zoomed_once_not_twice(window, qtbot):
    window.presentation.set_zoom(1.6)
    window.inspect_action.trigger()
    assert window.inspector.font().pointSizeF() == pytest.approx(window.font().pointSizeF())
    window.inspector.close()


def test_dialogs_and_messages_open_in_the_window_s_zoom(window, qtbot):
    from nnplay.ui.compare import ForkDialog

    window.presentation.set_zoom(1.6)
    zoomed = window.font().pointSizeF()
    fork = ForkDialog(window.controller.state.config, window)
    fork.show()
    assert off_zoom(fork, zoomed) == []
    fork.close()
    seen = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.font().pointSizeF())
            box.close()
        else:
            QTimer.singleShot(20, read_and_close)

    QTimer.singleShot(20, read_and_close)
    window._about()  # Help › About
    assert seen == [pytest.approx(zoomed)]
    from nnplay.ui.zoom_windows import message_owner

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    assert message_owner() is window  # an unexpected error's message is the window's, in its zoom


def test_the_lessons_dock_floated_keeps_the_zoom(window, qtbot):
    dock = window.lessons_dock
    window.presentation.set_zoom(1.6)
    window.lessons_action.setChecked(True)
    dock.setFloating(True)  # a window of its own now
    assert dock.isWindow() and off_zoom(dock, window.font().pointSizeF()) == []
    window.presentation.set_zoom(1.25)
    assert off_zoom(dock, window.font().pointSizeF()) == []
    dock.setFloating(False)
    window.lessons_action.setChecked(False)


def test_the_csv_import_dialog_opened_zoomed_sizes_its_preview_in_its_font(window, qtbot, tmp_path):
    from PySide6.QtWidgets import QTableWidget

    from nnplay.ui.import_dialog import ImportDialog

    path = tmp_path / "points.csv"
    path.write_text("a,b,label\n" + "".join(f"{-i / 7:.4f},{i / 3:.4f},{i % 2}\n" for i in range(30)), encoding="utf-8")
    window.presentation.set_zoom(1.6)
    dialog = ImportDialog(str(path), None, False, 0.5, window)
    dialog.show()
    preview = dialog.findChild(QTableWidget, "import_preview")
    assert off_zoom(dialog, window.font().pointSizeF()) == []

    def cut() -> list[int]:  # the columns narrower than their cells ("-0.2857" read "-…7" at ×1.6) or names
        return [j for j in range(preview.columnCount()) if preview.columnWidth(j) < preview.sizeHintForColumn(j)
                or preview.horizontalHeaderItem(j).text() != ("a", "b", "label")[j]]

    qtbot.waitUntil(lambda: cut() == [], timeout=5000)
    dialog.close()


def test_the_guide_s_code_is_zoomed_with_its_text(window, qtbot):
    from PySide6.QtWidgets import QTextBrowser

    window.presentation.set_zoom(1.6)
    window.show_guide()
    guide = window.guide
    code, sized = 0, []  # code fragments; fragments with a size of their own (Markdown's code: 9 pt at ×1.6)
    for view in guide.findChildren(QTextBrowser):
        assert view.document().defaultFont().pointSizeF() == pytest.approx(window.font().pointSizeF())
        block = view.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                code += "monospace" in (fmt.fontFamilies() or [])
                if fmt.hasProperty(fmt.Property.FontPointSize):
                    sized.append(it.fragment().text())
                it += 1
            block = block.next()
    assert code > 0 and sized == []
    guide.close()
