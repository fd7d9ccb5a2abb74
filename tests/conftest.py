"""Fixtures of the whole suite.

``window``: the playground window, in the state of a new one. It is the test
worker's shared window, reset before each test (``tests/window_pool.py``): a new
window test takes ``window`` and gets it without paying for a build. A test that
needs a window of its own (it closes it, or checks what only a first start does)
is marked ``@pytest.mark.fresh_window``; a test that builds a window with other
arguments builds it itself, with ``qtbot.addWidget`` and ``no_leaks``.
"""

import atexit
import os
import shutil
import sys
import tempfile
import threading

import shiboken6

import pytest

# Qt must never need a display in the test run; set before anything imports Qt. The offscreen
# platform's own screen is 800x800, smaller than the windows' default sizes, which every window now
# fits to its screen (nnplay/ui/screen_fit.py): the tests get a 1920x1080 screen (tests/screens/).
_SCREEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "screens", "1920x1080.json")
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")

# One thread for the libraries' own thread pools (OpenBLAS, torch's OpenMP), in each test worker and
# the processes it starts: -n auto runs a worker per core and more, and a pool of a thread per core in each
# worker spun against the other workers (the PyTorch export's tests took 18 s of CPU with torch's two
# threads, 8 s with one). The window's process keeps its BLAS to one thread anyway (ui/app.py).
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# Likewise Qt's own: its raster engine hands each large fill, line or image draw of a paint to a pool
# of threads (one per core) and waits for them (a profile of tests/ui: QLatch waits under
# QRasterPaintEngine::drawImage and the Fusion style's frames). With a worker per core those threads
# only contend with the other worker; QT_NO_GUI_THREADPOOL (read once, by Qt's QThreadPool) keeps every
# paint on the GUI thread: the same pixels (the window's grab byte for byte), less CPU (a whole-window
# paint at 1280x800: 8.1 and 9.9 ms of CPU with the pool, 6.3 and 7.6 ms without, alternately, load 11).
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def _frame_not_yet(wait_until):
    """``qtbot.waitUntil`` for which a condition that reads through a frame not yet arrived
    (``c.last_frame.snapshot`` while a new run's ``last_frame`` is still None: an AttributeError on
    None) is a condition not yet met, as a failed ``assert`` is, rather than the test's failure. A
    loaded machine's race: a wait began right after a rebuild failed at once (test_export_grid,
    round 19). Any other exception still fails the test at once; a condition never met times out
    with the last "not yet" as its cause."""
    def waited(self, callback, *, timeout=5000):
        def condition():
            try:
                return callback()
            except AttributeError as e:
                if "'NoneType' object has no attribute" not in str(e):
                    raise
                raise AssertionError(f"not yet: {e}") from e
        return wait_until(self, condition, timeout=timeout)
    return waited


from pytestqt.qtbot import QtBot  # (imported after the environment above is set)

QtBot.waitUntil = QtBot.wait_until = _frame_not_yet(QtBot.waitUntil)

# Compiled modules are kept between runs (outside the repository) even with PYTHONDONTWRITEBYTECODE set.
from tests.bytecode_cache import keep

keep()

# Hypothesis's deadline (200 ms an example) is a time asserted in a test: on this shared 2-core machine a
# NumPy check of 0.5 ms took 257 ms once and failed the run (test_keyed_views, "Unreliable test timings";
# test_live_curve's decimation test likewise).
# A property test checks what a function does, never how fast it runs: no deadline for any of them.
from hypothesis import settings as _hypothesis_settings

#
# Under CI (CI=true) the examples are derandomized (a hash of each test picks them, as Hypothesis's
# settings advise for CI): a run of one commit checks what the run before it checked, so a red run
# is the code's change, never a new draw (a random float-max case failed a CI run of unchanged
# code: test_diagram_frame_cost). Elsewhere every run draws new examples and keeps any failure in
# Hypothesis's example database (.hypothesis/) to replay until it is fixed.
_hypothesis_settings.register_profile("nnplay-tests", deadline=None)
_hypothesis_settings.register_profile("nnplay-ci", deadline=None, derandomize=True, database=None)
_hypothesis_settings.load_profile("nnplay-ci" if os.environ.get("CI", "").lower() in ("1", "true") else "nnplay-tests")

# Nothing a test does may read or write the user's own settings, autosave or crash
# reports (QSettings and QStandardPaths follow these on Linux), and parallel
# workers must not share them.
_HOME = tempfile.mkdtemp(prefix="nnplay-tests-")
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = os.path.join(_HOME, _var.lower())


# The shared window (tests/window_pool.py) is the default; NNPLAY_SHARE_TEST_WINDOW=0 gives every
# test a new window. Its crashes were found and fixed at their root: a plot's teardown PySide could
# not follow (nnplay/ui/plot_disposal.py); garbage cycles collected on another thread (a training
# relay's, xdist's), which destroyed widgets there while this thread listed them
# (nnplay/ui/gui_gc.py); a CSV load's busy state called by its give-up timer after it was freed
# (nnplay/ui/run_rebuild.py).
SHARE_WINDOW = os.environ.get("NNPLAY_SHARE_TEST_WINDOW", "1") != "0"


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's QApplication, with garbage cycles collected on its GUI thread only, as
    in the app (nnplay/ui/gui_gc.py): a widget freed by a collection in another thread
    (a training relay, or xdist's own thread) crashed a worker in topLevelWidgets()."""
    from nnplay.ui import zoom_style
    from nnplay.ui.gui_gc import collect_on_gui_thread

    collect_on_gui_thread()
    zoom_style.install(qapp)  # as nnplay.ui.app.run, before any window (set later, it re-polished the windows made)
    _freeze_what_lives()
    return qapp


def _freeze_what_lives() -> None:
    """Collect, then move every object alive now (the modules imported, the test modules collected,
    their functions, classes and constants, which live until the worker exits) to the collector's
    permanent generation (``gc.freeze``): each full collection of the run (pyqtgraph's collector runs
    one every tenth of its second-generation ones) no longer walks them all again."""
    import gc

    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True, scope="module")
def _freeze_after_torch():
    """Once a module of tests has imported PyTorch (the tests marked ``torch`` run first, in one
    worker), freeze what lives as the session's start does (``_freeze_what_lives``): torch's
    modules and their objects, hundreds of thousands, were walked again by every full collection."""
    yield
    if "torch" in sys.modules and not _frozen_torch:
        _frozen_torch.append(True)
        _freeze_what_lives()


_frozen_torch: list = []


@pytest.fixture(autouse=True)
def _collect_due_garbage():
    """After each test, collect the cycles due (on this, the GUI thread): a test that
    runs no event loop would otherwise leave them for the collector's timer."""
    yield
    gui_gc = sys.modules.get("nnplay.ui.gui_gc")
    if gui_gc is not None:
        gui_gc.collect_due()


@pytest.fixture(scope="session")
def shared_window(qapp):
    """The worker's one shared playground window (tests/window_pool.py); use ``window``."""
    from tests.window_pool import SharedWindow

    pool = SharedWindow()
    yield pool
    pool.note()
    pool.close()


@pytest.fixture
def no_leaks(qapp, shared_window):
    """Fail a test that leaves a training thread running or a top-level window open
    (the shared window, its training process and its threads are not the test's)."""
    from nnplay.ui.worker import ALL_THREADS

    before_threads = set(threading.enumerate())
    # addresses, not wrappers: a wrapper of one of Qt's own windows (a tooltip, a menu) kept through
    # the test outlived its object and stood for the next object at that address (a segfault here)
    before_windows = {shiboken6.getCppPointer(w)[0] for w in qapp.topLevelWidgets()}
    yield
    qapp.processEvents()
    running = [t for t in ALL_THREADS if t.is_alive() and not shared_window.owns(t)]
    for t in running:
        t.stop()
    assert not running, f"{len(running)} training thread(s) or process(es) left running"
    extra = [t for t in set(threading.enumerate()) - before_threads if t.is_alive() and not shared_window.owns(t)]
    assert not extra, f"threads left running: {extra}"
    windows = [w for w in qapp.topLevelWidgets() if shiboken6.getCppPointer(w)[0] not in before_windows
               and w.isVisible() and not shared_window.owns(w)]
    for w in windows:
        w.close()
    assert not windows, f"windows left open: {windows}"


@pytest.fixture
def window(request, qtbot, no_leaks, monkeypatch, shared_window):
    """The playground window with its first frame drawn, in the state of a new
    window (default settings and data, nothing remembered); error dialogs are
    recorded in ``window.errors`` instead of shown.

    The test worker's shared window, reset before each test and checked to
    look exactly as a new one does (else replaced by a new one): see
    ``tests/window_pool.py``; with NNPLAY_SHARE_TEST_WINDOW=0 a new window for
    each test. A test that needs a window of its own (it closes it,
    or checks what only a first start does) is marked ``@pytest.mark.fresh_window``."""
    from PySide6.QtWidgets import QMessageBox

    from tests import window_pool

    win, early = None, []  # early: the error dialogs before the window is handed over (its build's, its reset's)
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text: (early if win is None else win.errors).append((title, text)))
    if not SHARE_WINDOW or request.node.get_closest_marker("fresh_window"):
        win = window_pool.build()
        win.errors += early
        qtbot.addWidget(win)
        yield win
        win.close()
        return
    win = shared_window.get(request.node.nodeid)
    if early:  # the reset met an error (a training process that failed late): not a new window's state
        shared_window.replace(f"an error dialog during the reset: {early}")
        win = shared_window.win
    yield win
    if win.isVisible():
        window_pool.tidy(win)
        shared_window.park()


def pytest_xdist_auto_num_workers(config):
    """``-n auto``: one test worker per core and one more for every two cores (3 on this 2-core
    machine). A window test spends part of its time waiting, not computing: for its training
    process's frame (another process), for the window to settle (no paint for QUIET_MS, the column
    fit's SETTLE_MS after a resize), for a ``nnplay`` process it started; with one worker per core a
    core idled meanwhile (the default run quiet: 128 s of wall for 176 s of CPU on two cores; with a
    third worker, 118 s). ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still sets the number."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # (xdist's own hook reads it)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores + cores // 2


def pytest_collection_modifyitems(items):
    """The tests marked ``torch`` (they import PyTorch, or the code they run does, when it is
    installed) first, in their order: ``--dist worksteal`` hands each worker a run of the list
    from its start, so one worker imports torch and its compiler (~5 s of CPU), not both."""
    items.sort(key=lambda item: item.get_closest_marker("torch") is None)  # (a stable sort)
