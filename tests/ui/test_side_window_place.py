"""Side windows open beside (or over) the window that made them, within the screen
(a tester, with no window manager: the inspector, Compare and landscape windows
opened at the screen's top-left corner, away from the main window)."""

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget

from nnplay.ui.screen_fit import CASCADE, available_geometry
from nnplay.ui.side_window import SideWindow


def _main(qtbot, x, y, w, h) -> QWidget:
    main = QWidget()
    qtbot.addWidget(main)
    main.resize(w, h)
    main.move(QPoint(x, y))
    main.show()
    return main


@pytest.mark.parametrize("main_at, side_size, where", [
    ((0, 0, 1024, 768), (760, 620), "right"),  # room to its right on the 1920x1080 screen
    ((1100, 50, 800, 700), (760, 620), "left"),  # none to its right: its left
    ((100, 100, 1280, 800), (1100, 820), "over"),  # room on neither side: over it, CASCADE px in
])
def test_a_side_window_opens_beside_its_main_window(qtbot, main_at, side_size, where):
    main = _main(qtbot, *main_at)
    side = SideWindow(main)
    side.resize(*side_size)
    side.show()
    frame, m = side.frameGeometry(), main.frameGeometry()
    area = available_geometry(side)
    assert area.contains(frame), (frame, area)
    if where == "right":
        assert frame.left() == m.right() + 1 and frame.top() == m.top()
    elif where == "left":
        # (its frame is estimated before it is shown, from the style: a few pixels' gap at most)
        assert m.left() - 12 <= frame.right() <= m.left() - 1 and frame.top() == m.top()
    else:
        assert (frame.left(), frame.top()) == (m.left() + CASCADE, m.top() + CASCADE)
    moved = QPoint(300, 200)  # a window the user moved opens where it was put, next time too
    side.move(moved)
    side.hide()
    side.show()
    assert side.pos() == moved


def test_the_windows_side_windows_open_by_it(window, qtbot):
    window.move(QPoint(0, 0))
    window.resize(1024, 768)
    window.landscape_action.trigger()
    window.inspect_action.trigger()
    for side in (window.landscape_window, window.inspector):
        assert side.isVisible() and side.pos() != QPoint(0, 0), type(side).__name__
        assert side.frameGeometry().intersects(window.frameGeometry().adjusted(-1, -1, 1, 1))  # touching or over
        side.close()


def test_a_side_window_first_placed_over_its_main_window_opens_beside_it_when_there_is_room(qtbot):
    """Fault 5 of round 15: first opened over a large main window (no room beside it), the side
    window stayed over it after the main window was made smaller or moved; reopened, it now goes
    where it covers nothing, while it has not been moved by the user."""
    main = _main(qtbot, 100, 100, 1280, 800)
    side = SideWindow(main)
    side.resize(600, 500)
    side.show()
    assert side.frameGeometry().intersects(main.frameGeometry())  # over it: no room beside
    side.hide()
    main.resize(700, 600)  # smaller: room to its right now
    side.show()
    assert not side.frameGeometry().intersects(main.frameGeometry()), (side.frameGeometry(), main.frameGeometry())
    side.hide()
    main.move(QPoint(900, 100))  # moved to the right: room to its left
    side.show()
    assert not side.frameGeometry().intersects(main.frameGeometry())
    shown_at = side.pos()
    side.show()  # shown again while open: it does not jump
    assert side.pos() == shown_at
