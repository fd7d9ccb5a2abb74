"""tests/settle.py: the wait that replaces fixed sleeps returns only once the change is drawn."""

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel

from tests.settle import settle


class _Painted(QLabel):
    def __init__(self):
        super().__init__("a label")
        self.sizes = []

    def event(self, e):
        if e.type() == QEvent.Type.Paint:
            self.sizes.append(self.size().toTuple())
        return super().event(e)


def test_settle_returns_once_a_resize_is_laid_out_and_painted(qtbot):
    w = _Painted()
    qtbot.addWidget(w)
    w.resize(200, 50)
    w.show()
    assert settle(qtbot)
    w.sizes.clear()
    w.resize(320, 90)
    assert settle(qtbot)
    assert w.sizes and w.sizes[-1] == (320, 90)  # drawn at the new size before the test measures it


def test_settle_waits_for_its_condition_and_gives_up_at_its_limit(qtbot):
    asked = []
    assert settle(qtbot, until=lambda: asked.append(1) or len(asked) >= 3)
    assert len(asked) >= 3
    assert not settle(qtbot, most_ms=50, until=lambda: False)
