"""The layout walk of tests/layout_check.py keeps no PySide wrapper of a Qt layout's
item: PySide keeps the wrapper ``itemAt`` makes with the layout, Qt deletes the item
without PySide knowing, and on the shared test window such a wrapper then stood for
the next object at its address (a QMenu taken for a QSpacerItem)."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayoutItem, QVBoxLayout, QWidget

from nnplay.ui.widgets import nest
from tests import layout_check


def _kept_item_wrappers() -> int:
    """Valid wrappers of layout items (QWidgetItem, QSpacerItem) that Qt made."""
    return sum(1 for w in shiboken6.getAllValidWrappers()
               if isinstance(w, QLayoutItem) and not hasattr(w, "metaObject") and not shiboken6.createdByPython(w))


def test_walking_a_layout_lets_go_of_its_items(qtbot):
    top = QWidget()
    qtbot.addWidget(top)
    outer = QVBoxLayout(top)
    outer.addWidget(QLabel("a"))
    row = QHBoxLayout()
    row.addWidget(QLabel("b"))
    row.addStretch(1)
    nest(outer, row)  # as the app nests its layouts
    before = _kept_item_wrappers()
    widgets = layout_check._laid_out(outer)
    assert [w.text() for w in widgets] == ["a", "b"]
    assert _kept_item_wrappers() == before
    assert row.count() == 2 and row.itemAt(0).widget().text() == "b"  # the layout is as it was
