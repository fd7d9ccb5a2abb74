"""No save or export dialog suggests a file the window reads from: "Export the
data set" suggested the open CSV's own name in its folder (one Enter replaced
the user's source data), and a source chosen is replaced only after a clear
question (default No)."""

from __future__ import annotations

import types

import pytest
from PySide6.QtWidgets import QMessageBox

from nnplay.ui import file_dialog
from nnplay.ui.save_names import is_source, not_a_source
from tests.ui.test_file_folders import Files

SOURCE_TEXT = "a,b,label\n0.1,0.2,0\n0.3,-0.4,1\n-0.5,0.6,1\n0.7,0.8,0\n"


@pytest.fixture
def opened(tmp_path, monkeypatch):
    """File actions of a window that opened tmp_path/iris.csv, its export folder that CSV's folder."""
    files = Files(tmp_path / "settings.ini")
    source = tmp_path / "iris.csv"
    source.write_text(SOURCE_TEXT)
    files.controller = types.SimpleNamespace(csv_path=str(source))
    files.settings.setValue("last_folder_export", str(tmp_path))
    files.asked_in, files.answer, files.questions = [], None, []

    def dialog(parent, title, start, filters):
        files.asked_in.append(start)
        return files.answer or start, ""  # Enter: the name suggested

    monkeypatch.setattr(file_dialog, "get_save_file_name", dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: files.questions.append(a) or files.reply)
    files.reply = QMessageBox.StandardButton.No
    return files


@pytest.mark.parametrize("default", ["iris.csv", "IRIS-LINK"])
def test_no_dialog_suggests_the_open_csv(opened, tmp_path, default):
    if default == "IRIS-LINK":  # the same file by another name
        (tmp_path / default).symlink_to(tmp_path / "iris.csv")
    chosen = opened._ask_save("Export", default, "CSV (*.csv)")
    assert not is_source(opened.asked_in[-1], [str(tmp_path / "iris.csv")])
    assert chosen == opened.asked_in[-1] and not opened.questions  # one Enter: a new file, nothing asked
    assert (tmp_path / "iris.csv").read_text() == SOURCE_TEXT


def test_the_export_name_is_never_a_source(tmp_path):
    sources = [str(tmp_path / "iris.csv"), str(tmp_path / "iris-export.csv")]
    assert not_a_source(tmp_path / "iris.csv", sources) == tmp_path / "iris-export-2.csv"
    assert not_a_source(tmp_path / "other.csv", sources) == tmp_path / "other.csv"


@pytest.mark.parametrize("reply", [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
@pytest.mark.parametrize("typed", ["iris.csv", "iris"])  # (a name typed without .csv gets it: still the source)
def test_choosing_the_open_csv_asks_first(opened, tmp_path, reply, typed):
    opened.answer, opened.reply = str(tmp_path / typed), reply
    chosen = opened._ask_save("Export the predictions", "x.csv", "CSV (*.csv)", suffix=".csv")
    assert len(opened.questions) == 1 and "iris.csv is the data set this window opened" in opened.questions[0][2]
    assert opened.questions[0][4] == QMessageBox.StandardButton.No  # the default answer
    assert chosen == (str(tmp_path / "iris.csv") if reply == QMessageBox.StandardButton.Yes else None)


def test_the_window_suggests_an_export_name_for_its_csv(window, qtbot, tmp_path, monkeypatch):
    source = tmp_path / "iris.csv"
    source.write_text(SOURCE_TEXT)
    c = window.controller
    assert c.load_csv(str(source))
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.name == "iris", timeout=20000)
    monkeypatch.setattr(window, "_folder", lambda kind: str(tmp_path))  # (the test window keeps no settings)
    asked = []
    monkeypatch.setattr(file_dialog, "get_save_file_name", lambda *a: asked.append(a[2]) or ("", ""))
    window.export_data()
    assert asked == [str(tmp_path / "iris-export.csv")]
