"""The window's file dialogs never read a file to choose its icon: Qt's own
provider sniffed each file's content (QMimeDatabase, default mode), and typing
/proc/ in a dialog froze the window reading /proc/kmsg. Shown by a file whose
content says PDF but whose name says nothing: Qt's provider reads it, ours not."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import QFileIconProvider

from nnplay.ui.file_dialog import NameOnlyIcons, _dialog


@pytest.fixture
def pdf_without_a_suffix(tmp_path):
    path = tmp_path / "report"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    return QFileInfo(str(path))


def test_qt_s_own_provider_reads_the_file_ours_does_not(qapp, pdf_without_a_suffix, tmp_path):
    assert "PDF" in QFileIconProvider().type(pdf_without_a_suffix)  # (the fault: Qt opened and read it)
    ours = NameOnlyIcons()
    assert "PDF" not in ours.type(pdf_without_a_suffix)
    assert not ours.icon(pdf_without_a_suffix).isNull()  # a plain file icon, from the name alone
    (tmp_path / "data.csv").write_text("a,b\n1,2\n")
    csv = QFileInfo(str(tmp_path / "data.csv"))
    assert ours.type(csv) == QFileIconProvider().type(csv) == "CSV document"  # a named type as Qt names it
    assert ours.type(QFileInfo(str(tmp_path))) == QFileIconProvider().type(QFileInfo(str(tmp_path)))  # a folder


@pytest.mark.skipif(not os.access("/proc/kmsg", os.R_OK), reason="/proc/kmsg is readable by root only")
def test_the_kernel_log_is_not_read():
    # a read of /proc/kmsg waits for the next kernel message (Qt's provider never returned): in a process
    # of its own, so that a fault ends in a timeout, not a hung test run
    code = ("from PySide6.QtCore import QFileInfo; from PySide6.QtWidgets import QApplication; app = QApplication([]); "
            "from nnplay.ui.file_dialog import NameOnlyIcons; i = QFileInfo('/proc/kmsg'); p = NameOnlyIcons(); "
            "print(p.type(i), p.icon(i).isNull())")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0 and r.stdout.split()[-1] == "False", r.stderr


@pytest.mark.parametrize("save", [True, False])
def test_the_window_s_dialogs_use_it(qapp, save, tmp_path):
    dialog = _dialog(None, "Export", str(tmp_path / "x.csv"), "CSV (*.csv)", save)
    try:
        assert isinstance(dialog.iconProvider(), NameOnlyIcons)
        assert dialog.testOption(dialog.Option.DontUseCustomDirectoryIcons)
        assert (dialog.acceptMode() == dialog.AcceptMode.AcceptSave) == save
    finally:
        dialog.deleteLater()


def test_the_size_type_and_date_columns_hold_their_values(qtbot, tmp_path):
    """Tester, round 21: File › Open showed "137…KiB" and "18….MiB" in the Size column, sized by a
    count of average characters (digits are wider). Each column is now as wide as its values."""
    from PySide6.QtWidgets import QFileSystemModel, QTreeView

    for name, size in (("classes50.csv", 140_600), ("million.csv", 19_500_000), ("a.csv", 42)):
        with open(tmp_path / name, "wb") as f:
            f.truncate(size)  # (sparse: no 19 MB written)
    dialog = _dialog(None, "Open", str(tmp_path), "CSV files (*.csv)", save=False)
    qtbot.addWidget(dialog)
    model = dialog.findChild(QFileSystemModel)
    dialog.show()
    qtbot.waitUntil(lambda: model.rowCount(model.index(str(tmp_path))) == 3, timeout=10000)
    view = next(v for v in dialog.findChildren(QTreeView) if v.model() is not None and v.isVisible())
    qtbot.waitUntil(lambda: view.header().sectionSize(1) >= view.sizeHintForColumn(1), timeout=5000)
    root = model.index(str(tmp_path))
    texts = [model.index(r, 1, root).data() for r in range(3)]
    assert any("MiB" in t for t in texts) and any("KiB" in t for t in texts)
    for k in (1, 2, 3):
        assert view.header().sectionSize(k) >= view.sizeHintForColumn(k) > 0  # every value whole, not "137…KiB"
