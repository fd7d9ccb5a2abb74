"""One playground window per test worker, reset between the tests that share it.

Building a ``PlaygroundWindow`` and drawing its first frame costs about a second
alone (7-10 s on a loaded 2-core machine), and a hundred tests drive one. The
``window`` fixture (``tests/conftest.py``) therefore hands every test the
worker's shared window, put back into the state of a new one before the test:

``reset(...)``  stops a comparison, pauses, drops drawn points, closes the
  window's dialogs, sets the splitters a test dragged back, finishes a recording and drops the side windows made when
  first asked for (``tests/window_pool_sides.py``), leaves presentation mode and zoom, sets
  the speed, the tabs, the docks, the palette and the window size back, and
  sets the settings and data of a new window (which builds a new run, drawn
  from its first frame), unless the test left the run as the last reset built
  it (no command sent to its training process: ``tests/window_pool_run.py``),
  which is then kept; a window that does not look new with its run kept gets
  the new run all the same;
``fingerprint(win)``  what a test can see of the window:
  every widget's visibility, enabled state, value, text, font and style (a
  label's minimum size hint, which it caches), the
  checked and enabled state of every action a user reaches, the visible plots'
  auto-range, focus, size, palette and the run's settings (dialogs, menus and
  side windows made later are closed by ``tidy`` and not compared, but whether
  a side window is made is);
``SharedWindow.get()`` resets the window and compares its fingerprint with the
  one a new window had; a window that does not come back the same (or was
  closed, or whose training process died) is closed and a new one is built, so
  a test never sees what an earlier test left behind. ``rebuilds`` counts them, ``kept`` the resets that kept the run.
``SharedWindow.park()``  moves the window far off the screen between tests (the
  ``window`` fixture's teardown), so that a later test's own widget is not covered
  by it: on the offscreen platform every top-level window sits at (0, 0), and a
  synthetic pointer move over a diagram went to the shared window above it.

A test that needs a window of its own (it closes the window, builds it with
other arguments or settings, or checks what only a first start does) is marked
``@pytest.mark.fresh_window``. Set ``NNPLAY_WINDOW_POOL_LOG`` to a file name to
have every mismatch written there (what differed, after which test), and each
worker's counts of resets, runs kept and windows replaced at its end.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter

import shiboken6
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QScrollBar,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QWidget,
)

from tests.window_pool_run import RunWatch
from tests.window_pool_sides import (
    drop_side_windows,
    finish_recording,
    side_windows_made,
)

FIRST_FRAME_TIMEOUT_MS = 15000


def build(qtbot=None):
    """A new playground window (default settings, nothing remembered), shown, with
    its first frame drawn; error dialogs are recorded in ``win.errors``."""
    from nnplay.training import TrainConfig
    from nnplay.ui.app import configure_pyqtgraph
    from nnplay.ui.main_window import PlaygroundWindow

    configure_pyqtgraph()
    win = PlaygroundWindow(TrainConfig())
    win.errors = []
    win.show()
    try:
        _wait(lambda: win.controller.last_frame is not None)
    except TimeoutError:
        win.close()
        raise
    return win


def _wait(condition, timeout_ms: int = FIRST_FRAME_TIMEOUT_MS) -> None:
    """Handle events until ``condition()`` holds (as ``qtbot.waitUntil``, which is per test)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the window drew no first frame in {timeout_ms} ms")
        QTest.qWait(10)


def _value(w: QWidget):
    if isinstance(w, QComboBox):
        return (w.currentIndex(), w.count(), w.currentText())
    if isinstance(w, QAbstractSpinBox):
        return w.text()
    if isinstance(w, QScrollBar):
        return None  # its range follows the content's layout
    if isinstance(w, QAbstractSlider):
        return (w.minimum(), w.value(), w.maximum())
    if isinstance(w, QAbstractButton):
        return (w.text(), w.isChecked())
    if isinstance(w, QTabWidget):
        return (w.currentIndex(), w.count())
    if isinstance(w, QLineEdit):
        return w.text()
    if isinstance(w, QLabel):
        return w.text()
    if isinstance(w, QDockWidget):
        return w.isFloating()
    if isinstance(w, QSplitter):
        sizes = w.sizes()  # which panels are open; their exact sizes follow the layout (all 0: not laid out
        return tuple(size > 0 for size in sizes) if any(sizes) else (True,) * len(sizes)  # yet, every panel open)
    return None


def fingerprint(win) -> Counter:
    """What a test can see of ``win``: one entry per widget, action and plot (a
    multiset, so that a rebuilt part compares equal to the part it replaced)."""
    import pyqtgraph as pg

    from nnplay.ui.colors import palette_name

    seen = Counter()
    for w in [win, *win.findChildren(QWidget)]:
        if w.window() is not win:
            continue  # a dialog, menu or side window made later: closed by ``tidy``, dropped by ``reset``
        font, shown = w.font(), w.isVisible()
        value = _value(w) if shown or not isinstance(w, (QLabel, QLineEdit)) else None  # given text when shown
        hint = w.minimumSizeHint().toTuple() if shown and isinstance(w, QLabel) and not w.wordWrap() else None
        seen[(type(w).__name__, w.objectName(), shown, w.isEnabled(), value,  # hint: QLabel caches it (a
              font.family(), round(font.pointSizeF(), 2), w.styleSheet() if shown else "", hint)] += 1  # zoom's kept)
    for a in _reachable_actions(win):
        seen[("action", a.text(), a.isCheckable() and a.isChecked(), a.isEnabled(), a.isVisible())] += 1
    for view in win.findChildren(pg.GraphicsView):
        if view.isVisible() and view.window() is win:
            for item in view.scene().items():
                if isinstance(item, pg.ViewBox):
                    seen[("viewbox", tuple(item.state["autoRange"]), tuple(item.state["mouseEnabled"]))] += 1
    seen[("side windows made", side_windows_made(win))] += 1
    c = win.controller
    focus = QApplication.focusWidget()
    seen[("focus", QApplication.activeWindow() is win, type(focus).__name__, focus and focus.objectName())] += 1
    seen[("window", win.windowTitle(), win.isFullScreen(), win.isMaximized(), win.size().toTuple(),
          palette_name())] += 1
    seen[("run", c.config.to_text(), c.csv_path, c.session_path, c.playing, c.twin is None, c.editor is None,
          win.statusBar().currentMessage())] += 1
    snap = c.last_frame.snapshot if c.last_frame is not None else None  # what the frames carry: a test's
    seen[("frames", None if snap is None or snap.grid is None else snap.grid.shape,  # set_view(grid_resolution=20)
          None if snap is None else snap.focus)] += 1  # stayed for the next test (its picture of 20x20 cells)
    seen[("curves", len(win.curves.history), win.gradients.epochs_recorded)] += 1  # the epochs the plots hold: a
    # test that gave a view a new run by hand (set_run) left them empty, its run kept (no command sent): the
    # comparison's run A, loaded from them, then had no curve (test_empty_states after test_plot_bounds)
    return seen


def _reachable_actions(win) -> list[QAction]:
    """The actions a user reaches: the window's own, its toolbars' and its menu bar's, submenus
    included, in the state a user finds them (each menu's ``aboutToShow`` run, as opening it
    does: the states derived from the run, such as Edit › Undo drawing, are set there)."""
    found, menus = list(win.actions()), [a.menu() for a in win.menuBar().actions() if a.menu()]
    for bar in win.findChildren(QToolBar):
        found += bar.actions()
    while menus:
        menu = menus.pop()
        menu.aboutToShow.emit()
        for a in menu.actions():
            found.append(a)
            if a.menu() is not None:
                menus.append(a.menu())
    return list(dict.fromkeys(found))


def controls(win) -> list:
    """The window's controls with their values, and its plots' auto-range, to set back by ``restore``."""
    import pyqtgraph as pg

    out = []
    for w in win.findChildren(QWidget):
        if isinstance(w, QAbstractButton) and w.isCheckable():
            out.append((w, w.isChecked()))
        elif isinstance(w, QComboBox):
            out.append((w, (w.currentIndex(), [w.itemText(i) for i in range(w.count())])))
        elif isinstance(w, (QAbstractSlider, QSpinBox, QDoubleSpinBox)) and not isinstance(w, QScrollBar):
            out.append((w, w.value()))
        elif isinstance(w, pg.GraphicsView):
            out += [(item, list(item.state["autoRange"])) for item in w.scene().items() if isinstance(item, pg.ViewBox)]
        elif isinstance(w, QSplitter):  # a splitter a test dragged (the flaky test_activation_row[1024x768])
            out.append((w, w.sizes()))
    out += [(a, a.isChecked()) for a in win.findChildren(QAction) if a.isCheckable()]
    return out


def restore(saved: list) -> None:
    """Set the controls of ``controls()`` that still exist back to their values, as a user would."""
    import pyqtgraph as pg

    for thing, value in saved:
        if not shiboken6.isValid(thing):
            continue
        if isinstance(thing, pg.ViewBox):
            if list(thing.state["autoRange"]) != value:
                thing.enableAutoRange(x=value[0], y=value[1])
        elif isinstance(thing, (QAbstractButton, QAction)):
            if thing.isChecked() != value:
                thing.setChecked(value)
        elif isinstance(thing, QSplitter):
            if thing.sizes() != value:
                thing.setSizes(value)
        elif isinstance(thing, QComboBox):
            index, items = value
            _drop_added_items(thing, items)
            if thing.currentIndex() != index and index < thing.count():
                thing.setCurrentIndex(index)
                thing.activated.emit(index)
        elif thing.value() != value:
            thing.setValue(value)


def _drop_added_items(combo: QComboBox, items: list[str]) -> None:
    """Take out the items added to ``combo`` since it held ``items`` (a pasted rate joins its list)."""
    now = [combo.itemText(i) for i in range(combo.count())]
    if len(now) <= len(items) or [t for t in now if t in items] != items:
        return
    combo.blockSignals(True)
    for i in reversed(range(combo.count())):
        if combo.itemText(i) not in items:
            combo.removeItem(i)
    combo.blockSignals(False)


def _drop_added_choices(win) -> None:
    """Take out the choices a run's settings added to Run › Learning-rate schedule and
    Run › Gradient clipping (a schedule or norm not in the menu joins it, checked)."""
    from nnplay.ui.schedule_controls import CLIP_CHOICES, SCHEDULE_CHOICES

    menus = win.schedule_menus
    for choice, choices in ((menus.schedule, SCHEDULE_CHOICES), (menus.clip, CLIP_CHOICES)):
        known = [value for _, value in choices]
        for action in choice.group.actions():
            if action.data() not in known:
                choice.group.removeAction(action)
                choice.menu.removeAction(action)
                action.deleteLater()


def _child_windows(win) -> list[QWidget]:
    """The visible top-level widgets that belong to ``win`` (dialogs, the guide, the comparison)."""
    out = []
    for w in QApplication.topLevelWidgets():
        if w is win or not w.isVisible():
            continue
        parent = w.parentWidget()
        while parent is not None and parent is not win:
            parent = parent.parentWidget()
        if parent is win:
            out.append(w)
    return out


def tidy(win) -> None:
    """After a test, what closing its own window would have done to the rest: the
    comparison stopped, training paused, the window's dialogs and side windows closed."""
    win.controller.stop_comparing()
    win.controller.pause()
    finish_recording(win)
    for w in _child_windows(win):
        w.close()


_palette_changes = [0]


def _count_palette_changes() -> None:
    """Count the calls of ``colors.set_palette`` (every caller looks it up in the module when it calls)."""
    from nnplay.ui import colors

    if not getattr(colors.set_palette, "counted", False):
        real = colors.set_palette

        def set_palette(name: str) -> None:
            _palette_changes[0] += 1
            real(name)

        set_palette.counted = True
        colors.set_palette = set_palette


def palette_changes() -> int:
    """How many times the application's palette was set since ``_count_palette_changes``."""
    return _palette_changes[0]


def reset(win, saved: list, status: str, focus, changes_seen: int = -1, run_kept=None) -> None:
    """Put ``win`` back into the state of a new window (see the module docstring):
    ``saved`` is its ``controls()`` when new, ``status`` its first status message,
    ``focus`` the widget that had the keyboard focus, ``changes_seen`` the ``palette_changes()``
    when it was last reset (its colours are redrawn if the palette was set since);
    ``run_kept()``, asked once the controls are set back, says the run is still the new
    one the last reset built (``RunWatch.untouched``): then it is kept, not built again."""
    from nnplay.training import TrainConfig
    from nnplay.training.probes import ViewRequest
    from nnplay.training.trainer import make_dataset
    from nnplay.ui.colors import palette_name
    from nnplay.ui.run_controls import DEFAULT_SPEED
    from nnplay.ui.steady_label import SteadyLabel

    tidy(win)
    c = win.controller
    c._drop_edits()
    c.session_path = None  # the session a test saved or opened: a new window has none (Save would suggest it)
    win.settings = None  # a test may have given it a QSettings of its own
    p = win.presentation
    p.present_action.setChecked(False)
    if win.windowState() != win.windowState().WindowNoState:
        win.showNormal()
    win.resize(1280, 800)
    if p.zoom != 1.0:
        p.set_zoom(1.0)
    p.chosen.states.clear()  # the sizes a test chose (a new window has chosen none: chosen_sizes)
    for action in p.panel_actions.values():
        action.setChecked(True)
    win.colorblind_action.setChecked(False)
    if palette_changes() != changes_seen or palette_name() != "default":  # the palette is the whole application's:
        win.set_colorblind(False)  # a window of its own, or a test, may have changed it (10-20 ms: not when none did)
    drop_side_windows(win)  # the inspector, landscape, recorder and guide: made when first asked for
    for combo in (win.boundary.axis_x, win.boundary.axis_y):  # filled for a CSV of more than two inputs
        combo.blockSignals(True)
        combo.clear()
        combo.blockSignals(False)
    win._recent = []  # the recent files of a window that remembers nothing
    win.recent_menu.clear()  # filled as it opens
    _drop_added_choices(win)
    restore(saved)
    for tabs in win.findChildren(QTabWidget):
        tabs.setCurrentIndex(0)
    win.lessons_action.setChecked(False)
    win.lessons_dock.hide()
    lessons = win.lessons_dock.widget()
    if (lessons._index, lessons.tracker, lessons.left, lessons._hints_shown) != (0, None, None, 0):
        lessons.show_lesson(0)  # (a lesson panel as new is not shown again: its column fit laid the window
        # out, 15% of a reset's CPU)
    win.speed.setCurrentIndex(win.speed.findData(DEFAULT_SPEED))
    win._paced_speed = DEFAULT_SPEED
    win._speed_chosen()
    if run_kept is None or not run_kept():
        config = TrainConfig()
        generation = c.generation
        c.state.set(config=config, data=make_dataset(config), source=None, playing=False)
        if c.generation == generation:  # the settings were a new window's already: a new run all the same
            c._rebuild()
        c.set_view(**{k: v for k, v in vars(ViewRequest()).items()
                      if k not in ("grid_resolution", "neuron_resolution")})
        win._request_tab_views()
        _wait(lambda: c.last_frame is not None and c.last_frame.generation == c.generation)
    QApplication.processEvents()
    for thing, value in saved:  # a rate a test pasted, put in its list again by a frame of its run that came late
        if isinstance(thing, QComboBox) and shiboken6.isValid(thing):
            _drop_added_items(thing, value[1])
    for note in [w for w in win.children() if isinstance(w, QLabel) and w.objectName() == "refusal_note"]:
        note.setParent(None)  # a refusal said near a control (refusal_note): made when first needed
        note.deleteLater()
    for label in win.findChildren(SteadyLabel):  # a read-out grows only, to the widest text of its run:
        label._refit()  # measured afresh at its present text, as a new window's is
    win.activateWindow()
    win.raise_()
    if focus is not None and shiboken6.isValid(focus):
        focus.setFocus()
    QApplication.processEvents()
    win.statusBar().showMessage(status)
    win._last_error = ""
    win.setWindowTitle("nnplay")


class SharedWindow:
    """The worker's shared window (see the module docstring)."""

    def __init__(self):
        self.win = None
        self.threads: set = set()  # the Python threads that belong to the shared window
        self.expected: Counter | None = None  # the fingerprint of a new window
        self.saved: list = []  # the controls of the window when new
        self.status = ""  # the status message of a new window
        self.focus = None  # the widget with the keyboard focus in a new window
        self.rebuilds = 0
        self.resets = 0
        self.kept = 0  # resets that kept the run (window_pool_run.py)
        self.last_test = ""
        self.parked = False  # hidden between tests by park(): left open by the last test, not closed by it
        self.palette_changes = -1  # palette_changes() when the window was last handed out
        _count_palette_changes()

    def owns(self, thing) -> bool:
        win = self.win
        return win is not None and (thing is win or thing in self.threads or thing is win.controller.run.worker)

    def _build(self):
        before = set(threading.enumerate())
        self.win = build()
        self.threads = set(threading.enumerate()) - before
        self.saved = controls(self.win)
        self.status = self.win.statusBar().currentMessage()
        self.focus = QApplication.focusWidget()
        self.pos = self.win.pos()
        self.run_watch = RunWatch(self.win)
        self.run_watch.mark()
        if self.expected is None:
            self.expected = fingerprint(self.win)

    def get(self, test: str):
        win = self.win
        if win is None:
            self._build()
        elif not (self.parked and win.controller.run.is_alive()):
            self._replace("the window was closed or its training process ended")
        else:
            win.move(self.pos)
            self.resets += 1
            self.run_watch.kept_now = False
            reset(win, self.saved, self.status, self.focus, self.palette_changes, self._run_kept)
            now = fingerprint(win)
            if now != self.expected and self.run_watch.kept_now:  # a panel shows more than the run (a hover's
                self.kept -= 1  # read-out): the run built anew, as every reset did before, redraws every panel
                reset(win, self.saved, self.status, self.focus, self.palette_changes)
                now = fingerprint(win)
            if now != self.expected:
                self._replace(self._describe(now))
            else:
                self.run_watch.mark()
        self.palette_changes = palette_changes()  # (after the reset: its own set_colorblind counted)
        self.win.errors = []
        self.last_test = test
        self.parked = False
        return self.win

    def park(self) -> None:
        """Hide the window between tests: a test that shows a widget of its own
        (and moves the pointer over it) must not find the shared window on top of it."""
        self.parked = True
        self.win.move(self.pos + QPoint(20000, 20000))  # (hidden, it would lose the keyboard focus a new window has)

    def _describe(self, now: Counter) -> str:
        missing = self.expected - now
        extra = now - self.expected
        return f"not as new: lacks {sorted(missing, key=str)[:6]}; has {sorted(extra, key=str)[:6]}"

    def replace(self, why: str) -> None:
        """Close the window and build a new one (a test's set-up found it not as new: ``why``)."""
        self._replace(why)
        self.win.errors = []
        self.parked = False

    def _replace(self, why: str) -> None:
        log = os.environ.get("NNPLAY_WINDOW_POOL_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as f:
                f.write(f"after {self.last_test}: {why}\n")
        self.rebuilds += 1
        self.close()
        self._build()

    def _run_kept(self) -> bool:
        kept = self.run_watch.kept_now = self.run_watch.untouched()
        self.kept += kept
        return kept

    def note(self) -> None:
        """Write how many resets kept the run, and how many windows were replaced, to the log (if one is set)."""
        log = os.environ.get("NNPLAY_WINDOW_POOL_LOG")
        if log and self.win is not None:
            with open(log, "a", encoding="utf-8") as f:
                f.write(f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}: {self.resets} resets, "
                        f"{self.kept} kept the run, {self.rebuilds} windows replaced\n")

    def close(self) -> None:
        # let go of the Python wrappers of the old window's objects first: some are Qt's own
        # (a dock's toggle action, a combo box's popup), and a wrapper kept after Qt deleted its
        # object stood for the next object Qt put at that address (a segfault, or
        # "'QSpacerItem' object has no attribute 'children'" while building the next window)
        self.saved, self.focus = [], None
        if self.win is not None:
            self.win.close()
            self.win.deleteLater()
            QApplication.processEvents()
            self.win = None
            self.threads = set()
