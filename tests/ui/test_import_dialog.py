"""The CSV import dialog: guessed roles and types, the choices loading the file
into the run, remembered per file, and a file dropped on the window."""

import numpy as np
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialog

from nnplay.ui.import_dialog import ImportDialog, import_csv, recall


def _penguins(tmp_path):
    rows = ["id,bill,island,sex,species"]
    for i in range(1, 61):
        sex = "NA" if i % 9 == 0 else ("male" if i % 2 else "female")
        rows.append(f"{1000 + i},{35 + 5 * (i % 3) + (i % 7) * 0.1:.1f},{['Biscoe', 'Dream'][i % 2]},{sex},"
                    f"{['Adelie', 'Gentoo', 'Chinstrap'][i % 3]}")
    path = tmp_path / "penguins.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_the_dialog_guesses_roles_and_types(qtbot, tmp_path):
    dialog = ImportDialog(_penguins(tmp_path))
    qtbot.addWidget(dialog)
    roles = [b.currentText() for b in dialog.role_boxes]
    kinds = [b.currentText() for b in dialog.kind_boxes]
    assert roles == ["ignore", "input", "input", "input", "target"]
    assert kinds == ["number", "number", "category", "category", "category"]
    assert "looks like an ID" in dialog.notes.text()
    assert dialog.findChild(object, "import_preview").rowCount() == 12
    dialog.role_boxes[1].setCurrentText("target")  # a second target makes the first an input
    assert [b.currentText() for b in dialog.role_boxes][1:] == ["target", "input", "input", "input"]
    for box in dialog.role_boxes[1:]:
        box.setCurrentText("ignore")
    assert "target" in dialog.problem()


def test_the_dialog_says_a_row_number_with_gaps_is_an_id(qtbot, tmp_path):
    path = tmp_path / "dropped.csv"  # rows 0..199 of a file, some dropped upstream for missing values
    path.write_text("row_no,bill,species\n" + "".join(f"{i},{30 + i % 13},{'ab'[i % 2]}\n" for i in range(200)
                                                     if i % 6 != 1), encoding="utf-8")
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    assert [b.currentText() for b in dialog.role_boxes] == ["ignore", "input", "target"]
    assert "'row_no' looks like an ID" in dialog.notes.text() and "gaps" in dialog.notes.text()


def test_choices_load_the_file_and_are_remembered(window, qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    path = _penguins(tmp_path)
    window.settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    def answer():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ImportDialog) and w.isVisible())
        dialog.na.setCurrentIndex(1)  # drop rows with missing values
        dialog.stratify.setChecked(True)
        dialog.standardize.setChecked(True)
        dialog.train_ratio.setValue(0.8)
        dialog.accept()

    QTimer.singleShot(300, answer)
    assert import_csv(window, path)
    c = window.controller
    assert c.data.n_examples == 54 and c.data.n_classes == 3 and c.data.stratify
    assert c.data.input_names == ["bill", "island=Biscoe", "island=Dream", "sex=female", "sex=male"]
    assert c.config.standardize and c.config.train_ratio == 0.8
    saved = recall(window.settings, path)
    assert saved.options.na == "drop" and saved.options.stratify and saved.train_ratio == 0.8
    qtbot.waitUntil(lambda: c.run_info.sizes[0] == 5, timeout=10000)

    QTimer.singleShot(300, lambda: next(w for w in QApplication.topLevelWidgets()
                                        if isinstance(w, ImportDialog) and w.isVisible()).reject())
    assert not import_csv(window, path)  # cancelled: the data stay
    assert c.data.n_examples == 54


def test_a_dropped_csv_opens_the_dialog_and_a_bad_one_says_why(window, qtbot, tmp_path):
    path = _penguins(tmp_path)
    seen = []

    def answer():
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ImportDialog) and w.isVisible())
        seen.append([b.currentText() for b in dialog.role_boxes])
        dialog.na.setCurrentIndex(1)
        dialog.accept()

    def drop(p):
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(p))])
        event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                           Qt.KeyboardModifier.NoModifier)
        # Qt delivers a drop only within a drag the platform runs; the window's drop filter gets it as here
        assert window._csv_drop.eventFilter(window, event)

    QTimer.singleShot(300, answer)
    drop(path)
    assert seen and window.controller.data.n_classes == 3
    bad = tmp_path / "bad.csv"
    bad.write_text("x,x,y\n1,2,0\n3,4,1\n")
    drop(bad)
    assert window.errors and "'x' is used twice" in window.errors[-1][1] and "\n" not in window.errors[-1][1]
    assert window.controller.data.n_classes == 3  # the data loaded before stay
    assert not any(isinstance(w, QDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    assert np.all(np.isfinite(window.controller.data.X))


def test_reading_runs_beside_the_event_loop_and_can_be_cancelled(window, qtbot, tmp_path, monkeypatch):
    import threading
    import time

    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from nnplay.ui import background_load

    release = threading.Event()

    def slow_read(path, options=None, progress=None):
        release.wait(10)
        return "data read after the cancel"  # not used

    monkeypatch.setattr(background_load, "load_csv", slow_read)
    ticks = []
    probe = QTimer()
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    probe.start(10)

    def cancel():
        progress = window.findChild(QProgressDialog, "csv_progress")
        assert progress is not None and progress.isVisible()
        progress.findChild(QPushButton).click()

    QTimer.singleShot(900, cancel)
    before = window.controller.data
    started = time.perf_counter()
    assert background_load.read_csv_in_background(window, str(_penguins(tmp_path))) is None
    probe.stop()
    release.set()
    assert time.perf_counter() - started < 5 and len(ticks) > 20  # the window kept handling events
    assert window.controller.data is before
    # the cancelled read ends once its file read returns (the leak check after the test saw it alive under load)
    qtbot.waitUntil(lambda: not any(t.name == "csv-reader" and t.is_alive() for t in threading.enumerate()),
                    timeout=10000)


def _visible_dialog():
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, ImportDialog) and w.isVisible())


def test_a_refused_load_keeps_the_dialog_open_with_every_choice_kept(window, qtbot, tmp_path):
    """Roles, types, task, missing values, Standardize, share and stratify as the
    user left them after a refusal (the dialog closed and came back with the guesses)."""
    path = tmp_path / "many.csv"
    path.write_text("a,b,score,label\n" + "".join(f"{i % 7},{i % 5},{i},{i % 2}\n" for i in range(80)))
    seen, before = [], window.controller.data

    def first():
        dialog = _visible_dialog()
        dialog.role_boxes[2].setCurrentText("target")  # 80 classes: refused
        dialog.role_boxes[3].setCurrentText("ignore")
        dialog.kind_boxes[1].setCurrentText("category")
        dialog.task.setCurrentText("classification")
        dialog.na.setCurrentIndex(1)
        dialog.standardize.setChecked(True)
        dialog.train_ratio.setValue(0.7)
        dialog.stratify.setChecked(True)
        dialog.accept()  # refused: the dialog stays open, the reason in it
        assert dialog.isVisible() and _visible_dialog() is dialog
        seen.append(([b.currentText() for b in dialog.role_boxes], [b.currentText() for b in dialog.kind_boxes],
                     dialog.task.currentText(), dialog.na.currentIndex(), dialog.standardize.isChecked(),
                     dialog.train_ratio.value(), dialog.stratify.isChecked()))
        seen.append(dialog.notes.text())
        dialog.reject()

    QTimer.singleShot(300, first)
    assert not import_csv(window, path)
    assert "80 distinct classes" in seen.pop()
    assert seen == [(["input", "input", "target", "ignore"], ["number", "category", "number", "number"],
                     "classification", 1, True, 0.7, True)]
    assert window.controller.data is before


def test_standardize_and_the_share_belong_to_their_file(window, qtbot, tmp_path):
    """Standardize ticked for one file is not ticked for the next one (it came from the run's setting)."""
    from PySide6.QtCore import QSettings

    window.settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    for p in (first, second):
        p.write_text("a,b,label\n" + "".join(f"{i},{i % 3},{i % 2}\n" for i in range(30)))
    shown = []

    def answer(tick):
        dialog = _visible_dialog()
        shown.append((dialog.standardize.isChecked(), dialog.train_ratio.value()))
        if tick:
            dialog.standardize.setChecked(True)
            dialog.train_ratio.setValue(0.8)
        dialog.accept()

    QTimer.singleShot(300, lambda: answer(True))
    assert import_csv(window, first)
    assert window.controller.config.standardize
    QTimer.singleShot(300, lambda: answer(False))
    assert import_csv(window, second)
    assert shown == [(False, 0.5), (False, 0.5)]
    assert not window.controller.config.standardize and window.controller.config.train_ratio == 0.5
    QTimer.singleShot(300, lambda: answer(False))
    assert import_csv(window, first)  # the first file's own choices come back with it
    assert shown[-1] == (True, 0.8)


def test_the_window_says_it_is_building_the_new_run_until_its_first_frame(window, qtbot, tmp_path):
    from PySide6.QtGui import QGuiApplication

    from nnplay.ui.import_dialog import load_remembered

    path = tmp_path / "few.csv"
    path.write_text("a,b,c,label\n" + "".join(f"{i * 7 % 11},{i % 3},{i % 5},{i % 2}\n" for i in range(40)))
    drawn = []
    window.controller.frame_drawn.connect(drawn.append)
    assert load_remembered(window, path)
    busy = window._csv_busy
    assert busy.active and QGuiApplication.overrideCursor() is not None
    assert "Building the run for few.csv (3 inputs)" in window.statusBar().currentMessage() or drawn
    qtbot.waitUntil(lambda: not busy.active, timeout=15000)
    assert drawn and QGuiApplication.overrideCursor() is None
    assert "Building the run" not in window.statusBar().currentMessage()


def test_a_files_choices_stay_with_it_through_a_built_in_set_a_refusal_and_cancel(window, qtbot, tmp_path):
    """Issue 15: Standardize ticked for a CSV stayed ticked for the spiral. Every choice belongs to
    its data: file -> built-in -> file, with a refused file and a cancelled dialog between."""
    from PySide6.QtCore import QSettings

    from nnplay.ui.import_dialog import load_remembered

    window.settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    c, panel = window.controller, window.data_panel
    path = _penguins(tmp_path)

    def tick():
        dialog = _visible_dialog()
        dialog.na.setCurrentIndex(1)
        dialog.standardize.setChecked(True)
        dialog.train_ratio.setValue(0.8)
        dialog.stratify.setChecked(True)
        dialog.accept()

    QTimer.singleShot(300, tick)
    assert import_csv(window, path)
    assert c.config.standardize and c.config.train_ratio == 0.8 and c.data.stratify
    assert "this file's own" in panel.info.text()

    panel.dataset_buttons["spiral"].click()  # a built-in set: its own settings, not the file's
    assert c.config.dataset == "spiral" and not c.config.standardize and c.config.train_ratio == 0.5
    assert not panel.standardize.isChecked() and not c.data.stratify and "file's own" not in panel.info.text()
    panel.standardize.setChecked(True)  # chosen for the built-in sets
    assert c.config.standardize

    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,score\n" + "".join(f"{i % 7},{i % 5},{i}\n" for i in range(80)))
    refusals = []

    def refused_then_cancelled():
        dialog = _visible_dialog()
        dialog.task.setCurrentText("classification")  # 80 classes: refused, and the dialog stays open
        dialog.accept()
        refusals.append(dialog.isVisible() and dialog.shown_refusal)
        dialog.reject()

    QTimer.singleShot(300, refused_then_cancelled)
    assert not import_csv(window, bad)  # refused (80 classes), then cancelled: the spiral's settings stay
    assert refusals and refusals[0] and c.config.dataset == "spiral" and c.config.standardize and c.config.train_ratio == 0.5

    assert load_remembered(window, path)  # the file again: its own choices come back with it
    assert c.config.standardize and c.config.train_ratio == 0.8 and c.data.stratify and c.data.n_examples == 54
    panel.ratio.setValue(60)  # changed for the file in the Data column: remembered for it
    assert recall(window.settings, path).train_ratio == 0.6
    panel.dataset_buttons["circle"].click()
    assert c.config.standardize and c.config.train_ratio == 0.5  # the built-in sets' own again
    assert load_remembered(window, path) and c.config.train_ratio == 0.6 and c.config.standardize


def test_a_closed_import_dialog_is_not_kept_as_the_windows_child(window, qtbot, tmp_path):
    """Every import dialog stayed the window's hidden child once closed, its file's preview with it,
    for as long as the window lived: a later look over the window's widgets (the shared test window's,
    test_user_text_names_no_code) read a refusal of a file long gone, its path in it."""
    from PySide6.QtCore import QEvent

    path = tmp_path / "two.csv"
    path.write_text("a,b,label\n" + "".join(f"{i % 7},{i % 5},{i % 2}\n" for i in range(40)))

    def dialogs() -> int:  # (counted: a dialog whose Python wrapper is gone comes back as a plain QDialog)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return len(window.findChildren(QDialog))

    def closing(kind):
        def close():
            next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()).reject()
        return close

    before = dialogs()
    QTimer.singleShot(300, closing(ImportDialog))
    assert not import_csv(window, path)  # cancelled
    assert dialogs() == before
