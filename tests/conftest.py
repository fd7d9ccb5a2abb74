import atexit
import os
import shutil
import tempfile
import threading

import pytest

# Qt must never need a display in the test run; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Nothing a test does may read or write the user's own settings, autosave or crash
# reports (QSettings and QStandardPaths follow these on Linux), and parallel
# workers must not share them.
_HOME = tempfile.mkdtemp(prefix="nnplay-tests-")
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = os.path.join(_HOME, _var.lower())


@pytest.fixture
def no_leaks(qapp):
    """Fail a test that leaves a training thread running or a top-level window open."""
    from nnplay.ui.worker import ALL_THREADS

    before_threads = set(threading.enumerate())
    before_windows = set(qapp.topLevelWidgets())
    yield
    qapp.processEvents()
    running = [t for t in ALL_THREADS if t.is_alive()]
    for t in running:
        t.stop()
    assert not running, f"{len(running)} training thread(s) or process(es) left running"
    extra = [t for t in set(threading.enumerate()) - before_threads if t.is_alive()]
    assert not extra, f"threads left running: {extra}"
    windows = [w for w in set(qapp.topLevelWidgets()) - before_windows if w.isVisible()]
    for w in windows:
        w.close()
    assert not windows, f"windows left open: {windows}"


@pytest.fixture
def window(qtbot, no_leaks, monkeypatch):
    """The playground window with its first frame drawn; error dialogs are
    recorded in ``window.errors`` instead of shown."""
    from PySide6.QtWidgets import QMessageBox

    from nnplay.training import TrainConfig
    from nnplay.ui.app import configure_pyqtgraph
    from nnplay.ui.main_window import PlaygroundWindow

    configure_pyqtgraph()
    errors = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: errors.append((title, text)))
    win = PlaygroundWindow(TrainConfig())
    win.errors = errors
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.controller.last_frame is not None, timeout=10000)
    yield win
    win.close()
