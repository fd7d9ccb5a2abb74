"""A file dialog's folder is remembered only once a file there was written or
read, never a system folder (/proc: the next dialog hung listing /proc/kmsg),
and a remembered folder that is gone starts the dialog in the home folder."""

from __future__ import annotations

import types
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from nnplay.ui import file_dialog
from nnplay.ui.file_folders import (
    absolute,
    folder_to_remember,
    is_system_folder,
    start_folder,
)
from nnplay.ui.window_files import FileActions, documents_folder


class Files(FileActions):
    """The window's file actions without a window: QSettings in a file, errors and messages kept."""

    autosave_path = None

    def __init__(self, ini: Path):
        self.settings = QSettings(str(ini), QSettings.Format.IniFormat)
        self.errors, self.messages = [], []

    def show_error(self, title, text):
        self.errors.append(text)

    def statusBar(self):
        return types.SimpleNamespace(showMessage=lambda text, ms=0: self.messages.append(text))


@pytest.fixture
def files(tmp_path, monkeypatch):
    files = Files(tmp_path / "settings.ini")
    files.asked_in, files.answer = [], None

    def dialog(parent, title, start, filters):
        files.asked_in.append(start)
        return files.answer, ""

    monkeypatch.setattr(file_dialog, "get_save_file_name", dialog)
    monkeypatch.setattr(file_dialog, "get_open_file_name", dialog)
    return files


def _export(files, path):
    files.answer = str(path)
    chosen = files._ask_save("Export", "x.csv", "CSV (*.csv)")  # None: refused at once (write_errors.unwritable)
    return chosen is not None and files._write(chosen, lambda: Path(chosen).write_text("a\n1\n", encoding="utf-8"),
                                               "the data set")


def test_a_refused_export_leaves_the_last_folder_as_it_was(files, tmp_path):
    assert _export(files, tmp_path / "good.csv")
    assert not _export(files, "/proc/p.csv")
    assert files.errors and files.errors[0].startswith("/proc/p.csv: cannot write")
    files.answer = None
    files._ask_save("Export", "x.csv", "CSV (*.csv)")
    assert files.asked_in[-1] == str(tmp_path / "x.csv")  # the good folder, not /proc


def test_a_folder_is_remembered_after_its_file_was_written_and_per_kind(files, tmp_path):
    files.answer = str(tmp_path / "run.csv")
    files._ask_open("Open", "csv", "CSV (*.csv)")
    assert files.settings.value("last_folder_csv", "") == ""  # chosen, not read yet
    files.remember_file(str(tmp_path / "run.csv"))  # the controller opened it
    assert files.settings.value("last_folder_csv", "") == str(tmp_path)
    assert files._folder("csv") == str(tmp_path) and files._folder("export") == documents_folder()  # (none yet)


@pytest.mark.parametrize("stored", ["/proc", "/proc/self", "/sys/kernel", "/dev", "/no/such/folder"])
def test_a_system_or_vanished_remembered_folder_starts_in_the_home_folder(files, stored):
    files.settings.setValue("last_folder_export", stored)  # e.g. kept by an older nnplay
    files.answer = None
    files._ask_save("Export", "x.csv", "CSV (*.csv)")
    assert files.asked_in == [str(Path.home() / "x.csv")]


def test_a_system_folder_is_never_remembered_even_when_a_file_there_was_read(files):
    files._remember_folder("csv", "/proc/cpuinfo")
    files._remember_folder("csv", "/dev/null")
    assert files.settings.value("last_folder_csv", "") == ""


def test_folder_rules(tmp_path, monkeypatch):
    assert is_system_folder("/proc") and is_system_folder("/sys/x") and is_system_folder("/dev/shm")
    assert not is_system_folder("/procedures") and not is_system_folder(tmp_path)
    assert folder_to_remember(tmp_path / "a.csv") == str(tmp_path.resolve())
    assert folder_to_remember(tmp_path / "gone" / "a.csv") is None
    assert start_folder("") == "" and start_folder(str(tmp_path)) == str(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert absolute("t/moons.csv") == str(tmp_path.resolve() / "t" / "moons.csv")


def test_a_recent_file_given_relatively_is_kept_absolute(files, tmp_path, monkeypatch):
    (tmp_path / "t").mkdir()
    monkeypatch.chdir(tmp_path)
    files.remember_file("t/moons.csv")  # nnplay --data t/moons.csv
    assert files.recent_files() == [str(tmp_path.resolve() / "t" / "moons.csv")]
    assert files.settings.value("last_folder_csv", "") == ""  # not chosen in a dialog


def test_the_window_keeps_a_relative_csv_and_session_as_absolute_paths(window, qtbot, tmp_path, monkeypatch):
    from nnplay.training.session import load_session

    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "d.csv").write_text("x1,x2,label\n0,1,0\n1,0,1\n0,0,0\n1,1,1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    c = window.controller
    assert c.load_csv("t/d.csv")
    assert c.csv_path == str(tmp_path.resolve() / "t" / "d.csv")
    with qtbot.waitSignal(c.session_saved, timeout=20000) as saved:
        c.save_session("run.nnplay")
    assert saved.args == [str(tmp_path.resolve() / "run.nnplay")] and c.session_path == saved.args[0]
    assert load_session(tmp_path / "run.nnplay").source == f"csv:{tmp_path.resolve() / 't' / 'd.csv'}"
    assert window.recent_files()[0] == saved.args[0]


def test_save_session_never_suggests_the_autosave_and_starts_in_the_session_folder(window, qtbot, tmp_path,
                                                                                    monkeypatch):
    """Restored at start, the autosave (~/.local/share/nnplay/nnplay/last-session.nnplay) was the session
    open, and Save session... offered it whole: Enter overwrote the file the window rewrites. The dialog
    starts in the folder of the last session saved or opened (else the documents folder) with a fresh name."""
    asked = []
    monkeypatch.setattr(file_dialog, "get_save_file_name", lambda parent, title, start, f: asked.append(start) or ("", ""))
    autosave = tmp_path / "data" / "last-session.nnplay"
    monkeypatch.setattr(window, "autosave_path", str(autosave))
    monkeypatch.setattr(window.controller, "session_path", str(autosave))
    monkeypatch.setattr(window, "settings", QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window.ask_to_save_session()
    name = Path(asked[-1])
    assert name.parent == Path(documents_folder()) and name.name == "circle.nnplay" and "last-session" not in asked[-1]
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "circle.nnplay").write_text("taken")
    window.settings.setValue("last_folder_session", str(mine))
    window.ask_to_save_session()
    assert asked[-1] == str(mine / "circle-2.nnplay")  # a fresh name: the file there is not offered for overwriting
    monkeypatch.setattr(window.controller, "session_path", str(mine / "circle.nnplay"))  # the user's own session
    window.ask_to_save_session()
    assert asked[-1] == str(mine / "circle.nnplay")
