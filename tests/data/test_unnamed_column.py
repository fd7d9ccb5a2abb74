"""A column whose header cell is blank is called by its position, "column 3",
in the loaded data (inputs, diagram, axes), the import dialog and the notes."""

from __future__ import annotations

from nnplay.data import load_csv
from nnplay.data.columns import IGNORE, ImportOptions, column_names, guess_columns
from nnplay.data.csv_text import read_table


def _write(tmp_path, header, rows=12):
    path = tmp_path / "blank.csv"
    body = "".join(f"{i * 0.5},{(i * 7) % 5},{i % 3 * 1.25},{i % 2}\n" for i in range(rows))
    path.write_text(header + "\n" + body)
    return path


def test_a_blank_header_cell_is_named_by_its_position_everywhere(tmp_path, qtbot):
    path = _write(tmp_path, "a, ,c,label")
    data = load_csv(path)
    assert data.input_names == ["a", "column 2", "c"]
    assert any("called 'column 2'" in note for note in data.notes)
    from nnplay.ui.import_dialog import ImportDialog

    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    assert [g.name for g in dialog._guesses] == ["a", "column 2", "c", "label"]
    preview = dialog.findChild(object, "import_preview")
    assert preview.horizontalHeaderItem(1).text() == "column 2"
    assert "called 'column 2'" in dialog.notes.text()


def test_a_name_taken_already_is_not_reused(tmp_path):
    path = _write(tmp_path, "column 2,,c,label")
    assert column_names(read_table(path)) == ["column 2", "column 2'", "c", "label"]


def test_an_unnamed_index_column_is_still_ignored_as_an_id(tmp_path):
    path = tmp_path / "index.csv"
    path.write_text(",x,y,label\n" + "".join(f"{i},{i * 0.3:.1f},{i % 4 * 0.7:.1f},{i % 2}\n" for i in range(20)))
    guesses = guess_columns(path, read_table(path), ImportOptions())
    assert guesses[0].name == "column 1" and guesses[0].role == IGNORE and "has no name" in guesses[0].note
