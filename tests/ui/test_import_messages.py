"""The window's CSV import refuses a malformed file with the command line's
message (the loader's, in the dialog's words): its preview, which reads only the
start of the file, never names another cause."""

from __future__ import annotations

from pathlib import Path

import pytest

from nnplay.data import DataError, load_csv
from nnplay.ui.import_attempt import in_dialog_words
from nnplay.ui.import_dialog import ImportDialog

CORPUS = Path(__file__).parents[1] / "csv_corpus"
BAD = [ln.split("\t")[0] for ln in (CORPUS / "EXPECTED.txt").read_text(encoding="utf-8").splitlines()
       if ln and not ln.startswith("#") and ln.split("\t")[1].startswith("err:")]


def _long_files(folder: Path) -> list[Path]:
    """Files whose fault lies past the preview's first megabyte."""
    files = {
        "long_row.csv": "x1,x2,label\n" + "1," * 2_600_000 + "1\n",  # the tester's: a header, then one 5 MB row
        "long_row_later.csv": "x1,x2,label\n1,2,0\n" + "1," * 600_000 + "1\n",
        "bad_cell_late.csv": "x1,x2,label\n" + "1.5,2.5,0\n" * 120_000 + "1.5,abc,1\n",
        "ragged_late.csv": "x1,x2,label\n" + "1.5,2.5,0\n" + "1.5,2.5,1\n" * 120_000 + "1.5,2.5\n",
    }
    paths = []
    for name, text in files.items():
        (folder / name).write_text(text)
        paths.append(folder / name)
    return paths


def _window_message(path: Path, qtbot) -> str | None:
    """What the window says on Load CSV… of ``path`` before the dialog opens (None: it opens)."""
    try:
        dialog = ImportDialog(path)
    except DataError as exc:
        return str(exc)
    qtbot.addWidget(dialog)
    return None


def _cli_message(path: Path) -> str | None:
    try:
        load_csv(path)
    except DataError as exc:
        return in_dialog_words(str(exc))
    return None


@pytest.mark.parametrize("name", BAD + ["long files"])
def test_the_window_refuses_a_malformed_file_as_the_command_line_does(name, qtbot, tmp_path):
    paths = _long_files(tmp_path) if name == "long files" else [CORPUS / name]
    for path in paths:
        cli = _cli_message(path)
        assert cli is not None, path
        window = _window_message(path, qtbot)
        # a preview that opens is fine: Load then reads the whole file and shows the loader's message
        assert window in (None, cli), f"{path.name}: the window says {window!r}, the command line {cli!r}"


def test_the_testers_long_row_gets_the_command_lines_cause(qtbot, tmp_path):
    path = _long_files(tmp_path)[0]
    message = _window_message(path, qtbot)
    assert message is not None and "line 2, column 4: this row has 2,600,001 values but the file has 3 columns" \
        in message
