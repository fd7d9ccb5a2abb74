"""A refused import keeps the dialog open with every choice, in the dialog's own
words (no command-line flag); dropping rows with missing values is said in the window."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from nnplay.ui.import_dialog import ImportDialog, import_csv


def _with_na(tmp_path):
    rows = ["x,y,z,comment,Species"]
    for i in range(40):
        z = "NA" if i % 8 == 3 else f"{(i % 5) * 0.3:.1f}"
        rows.append(f"{i % 7 * 0.5:.1f},{i % 3 * 1.5:.1f},{z},ok,{['setosa', 'versicolor'][i % 2]}")
    path = tmp_path / "cls5.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _dialog():
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, ImportDialog) and w.isVisible())


def test_a_refusal_keeps_the_dialog_open_names_its_control_and_a_drop_is_told(window, qtbot, tmp_path):
    path, seen = _with_na(tmp_path), {}
    before = window.controller.data

    def refuse_then_drop():
        dialog = _dialog()
        dialog.role_boxes[4].setCurrentText("target")  # (a column named y is the guess: see the README)
        dialog.role_boxes[3].setCurrentText("ignore")
        dialog.standardize.setChecked(True)
        dialog.train_ratio.setValue(0.7)
        dialog.accept()  # "refuse the file" on a file with NA: refused
        seen["open"] = dialog.isVisible()
        seen["note"] = dialog.notes.text()
        seen["kept"] = (dialog.standardize.isChecked(), dialog.train_ratio.value(),
                        [b.currentText() for b in dialog.role_boxes])
        seen["data"] = window.controller.data is before
        dialog.na.setCurrentIndex(1)  # drop those rows
        dialog.accept()

    QTimer.singleShot(300, refuse_then_drop)
    assert import_csv(window, path)
    assert seen["open"] and seen["data"] and not window.errors
    assert "Not loaded" in seen["note"] and "Missing values › drop those rows" in seen["note"]
    assert "nnplay train" not in seen["note"] and "--na" not in seen["note"]
    assert seen["kept"] == (True, 0.7, ["input", "input", "input", "ignore", "target"])
    assert window.controller.data.n_examples == 35
    assert "Dropped 5 of 40 rows" in window.data_panel.info.text()  # said where it stays in sight
