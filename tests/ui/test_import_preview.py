"""Issue 15: the import dialog shows long names and thousands of columns
sensibly (bounded preview, elided names with tooltips) and opens quickly."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

from nnplay.data.csv_text import read_table
from nnplay.ui.import_columns import ROLE
from nnplay.ui.import_dialog import ImportDialog
from nnplay.ui.import_preview import MAX_COLUMN_PX, PREVIEW_COLS, header_room


@pytest.fixture(scope="module")
def wide(tmp_path_factory):
    n = 400
    rng = np.random.default_rng(1)
    path = tmp_path_factory.mktemp("wide") / "wide.csv"
    rows = [",".join(f"v{j}" for j in range(n)) + ",label"]
    rows += [",".join(f"{v:.3f}" for v in rng.normal(size=n)) + f",{i % 2}" for i in range(30)]
    path.write_text("\n".join(rows) + "\n")
    return path


def test_many_columns_preview_a_bounded_number_and_list_every_column(qtbot, wide):
    dialog = ImportDialog(wide)
    qtbot.addWidget(dialog)
    preview = dialog.findChild(object, "import_preview")
    assert preview.columnCount() == PREVIEW_COLS and preview.rowCount() == 12
    assert dialog.findChild(object, "import_columns").model().rowCount() == 401
    captions = [w.text() for w in dialog.findChildren(type(dialog.notes))]
    assert any(f"showing {PREVIEW_COLS} of 401 columns" in c for c in captions)
    assert [b.currentText() for b in dialog.role_boxes][-2:] == ["input", "target"]
    assert dialog.choices().options.target == "label" and len(dialog.choices().options.columns) == 400


def test_a_5000_character_name_is_elided_with_a_tooltip_and_the_dialog_stays_narrow(qtbot, tmp_path):
    name = "L" * 5000
    path = tmp_path / "long.csv"
    path.write_text(f"{name},b,label\n" + "".join(f"{i},{i % 3},{i % 2}\n" for i in range(40)))
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    preview = dialog.findChild(object, "import_preview")
    header = preview.horizontalHeaderItem(0)
    assert all(preview.columnWidth(j) <= MAX_COLUMN_PX for j in range(preview.columnCount()))
    # elided in its middle to its column's room (Qt's header clipped a centred text at both ends)
    fm = QFontMetricsF(preview.horizontalHeader().font())
    shown = header.text()
    assert shown.startswith("LL") and shown.endswith("LL") and "…" in shown
    assert fm.horizontalAdvance(shown) <= header_room(preview, 0)
    assert "".join(header.toolTip().split("\n")) == name
    preview.setColumnWidth(0, 400)  # widened by the user: more of the name shows, still within the room
    assert len(header.text()) > len(shown) and fm.horizontalAdvance(header.text()) <= header_room(preview, 0)
    names = dialog.columns.model().index(0, 0)
    assert "…" in names.data() and "".join(names.data(Qt.ItemDataRole.ToolTipRole).split("\n")).startswith(name)
    assert preview.item(0, 0).text() == "0"  # the cells are drawn, not blanked
    # it counts by one: ignored, and the note names it short
    assert dialog.role_boxes[0].currentText() == "ignore" and "'LLL" in dialog.notes.text() and "L…L" in dialog.notes.text()
    assert len(dialog.notes.text()) < 300
    assert dialog.sizeHint().width() < 1000 and dialog.width() < 1000


def test_the_preview_quotes_cells_as_the_file_writes_them(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("a;b;c\n1,50;x;0\n 2 ;NA;1\n3e2;y;0\n")
    table = read_table(path, max_rows=12)
    assert table.preview(12, 3) == [["1,50", "x", "0"], ["2", "NA", "1"], ["3e2", "y", "0"]]
    assert table.preview(2, 2) == [["1,50", "x"], ["2", "NA"]]
    quoted = tmp_path / "quoted.csv"
    quoted.write_text('a,b,label\n"1,5",x,0\n2,"y, z",1\n')
    assert read_table(quoted).preview(5, 3) == [["1,5", "x", "0"], ["2", "y, z", "1"]]


def test_roles_change_through_the_combo_delegate(qtbot, wide):
    dialog = ImportDialog(wide)
    qtbot.addWidget(dialog)
    dialog.show()
    view = dialog.findChild(object, "import_columns")
    index = view.model().index(3, ROLE)
    view.edit(index)
    from PySide6.QtWidgets import QComboBox

    editor = view.indexWidget(index) or view.viewport().findChild(QComboBox)
    assert editor is not None and [editor.itemText(i) for i in range(editor.count())] == ["input", "target", "ignore"]
    editor.setCurrentText("target")
    editor.activated.emit(1)
    qtbot.waitUntil(lambda: dialog.role_boxes[3].currentText() == "target")
    assert dialog.role_boxes[-1].currentText() == "input"  # one target: the old one became an input
    assert dialog.choices().options.target == "v3"
    kind = view.model().index(0, 2)
    assert view.model().data(kind, Qt.ItemDataRole.DisplayRole) == "number"


def test_a_column_with_room_shows_its_cells_whole_and_one_still_cut_tips_them(qtbot, tmp_path):
    """Tester 22: every cell was cut to 32 characters ("…0 with extra words"), whatever its column's room,
    beside 330 px of empty table. A column is as wide as its cells within the room, and cut in pixels only
    where the room runs out, the whole value then in the cell's tooltip."""
    from tests.settle import settle

    text = "a rather long free-text description of sample number {} with extra words".format
    path = tmp_path / "mixed.csv"
    path.write_text("description,x1,label\n" + "".join(f"{text(i)},{i / 7:.6f},{'cat' if i % 2 else 'dog'}\n"
                                                        for i in range(12)))
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.resize(760, 700)
    dialog.show()
    settle(qtbot)
    preview = dialog.findChild(object, "import_preview")
    fm = QFontMetricsF(preview.font())
    assert preview.viewport().width() > fm.horizontalAdvance(text(0)) + 150  # (room for it whole)
    assert [preview.item(i, 0).text() for i in range(3)] == [text(i) for i in range(3)]
    assert preview.item(0, 0).toolTip() == ""
    assert preview.item(0, 2).text() in ("cat", "dog") and preview.item(0, 1).text() == "0.000000"
    dialog.resize(480, 700)  # no room for it whole: cut to its column, the value whole in its tooltip
    settle(qtbot)
    cell = preview.item(0, 0)
    assert cell.text() != text(0) and "…" in cell.text()
    assert fm.horizontalAdvance(cell.text()) <= preview.columnWidth(0)
    assert " ".join(cell.toolTip().split()) == text(0)
    assert [preview.item(i, 0).text() for i in range(12)] != [cell.text()] * 12  # (values kept apart)
