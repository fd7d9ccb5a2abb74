"""Start the Qt application and the playground window."""

from __future__ import annotations

import sys
from pathlib import Path


def configure_pyqtgraph() -> None:
    """Plots take the window's colours: light on a light desktop, dark on a dark one;
    garbage cycles are collected on the GUI thread only (``gui_gc``: a widget freed
    by a collection in another thread crashed the application); NumPy's BLAS on one
    thread (``training.blas_threads``: the window's process shares the cores with its
    training process, and idle BLAS threads spin on them)."""
    import pyqtgraph as pg
    from PySide6.QtGui import QGuiApplication, QPalette

    from ..training.blas_threads import one_blas_thread
    from .gui_gc import collect_on_gui_thread

    one_blas_thread()

    background, foreground = "w", "k"
    app = QGuiApplication.instance()
    if app is not None:
        palette = app.palette()
        if palette.color(QPalette.ColorRole.Window).lightness() < 128:
            background = palette.color(QPalette.ColorRole.Base)
            foreground = palette.color(QPalette.ColorRole.Text)
    pg.setConfigOptions(antialias=False, background=background, foreground=foreground, imageAxisOrder="row-major",
                        useOpenGL=False)
    if app is not None:
        collect_on_gui_thread()


def dark_palette():
    """Fusion's colours for a dark desktop, as a QPalette: light text on dark grey,
    a blue highlight; disabled text dimmer (used when the desktop asks for a dark
    colour scheme that the style itself does not draw)."""
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for r, rgb in ((role.Window, (45, 45, 48)), (role.WindowText, (230, 230, 230)), (role.Base, (30, 30, 32)),
                   (role.AlternateBase, (53, 53, 56)), (role.ToolTipBase, (60, 60, 64)),
                   (role.ToolTipText, (230, 230, 230)), (role.Text, (230, 230, 230)), (role.Button, (53, 53, 56)),
                   (role.ButtonText, (230, 230, 230)), (role.BrightText, (255, 90, 90)), (role.Link, (100, 170, 255)),
                   (role.Highlight, (42, 110, 200)), (role.HighlightedText, (255, 255, 255)),
                   (role.PlaceholderText, (150, 150, 150)), (role.Mid, (110, 110, 115)), (role.Light, (80, 80, 84)),
                   (role.Midlight, (66, 66, 70)), (role.Dark, (25, 25, 27)), (role.Shadow, (10, 10, 10))):
        p.setColor(r, QColor(*rgb))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, QColor(130, 130, 130))
    return p


def follow_dark_desktop(app) -> bool:
    """On a desktop whose colour scheme is dark (Qt 6.5's style hint) while the
    style still paints light, switch to Fusion with ``dark_palette``; True if so."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPalette

    hints = app.styleHints()
    dark = getattr(hints, "colorScheme", None) and hints.colorScheme() == Qt.ColorScheme.Dark
    if not dark or app.palette().color(QPalette.ColorRole.Window).lightness() < 128:
        return False
    from .selected_look import SelectedLook

    app.setStyle(SelectedLook())  # Fusion, its checked buttons and selected tabs in the highlight colour
    app.setPalette(dark_palette())
    return True


def _running_marker(path):
    """The lock file held while the window runs (see autosave.RunningMarker); None if it cannot be made."""
    from .autosave import RunningMarker

    try:
        return RunningMarker(path)
    except OSError:  # an unwritable data folder: run without autosaving
        return None


SMOKE_EPOCHS = 50
SMOKE_TIMEOUT_MS = 60_000


def run(config=None, smoke: bool = False, lesson=None, csv=None, session=None) -> int:
    """Open the window and run until it closes (``lesson``: set up for that
    nnplay.lessons.Lesson, its panel open; ``csv``: (path, Dataset, settings)
    loaded at once; ``session``: a checked session file opened at once). ``smoke``: train SMOKE_EPOCHS
    epochs, close, and exit 0 (1 if that did not happen in time). Without a
    display (none set, or one that cannot be opened) the smoke test runs offscreen and the
    window is refused in one line naming the display."""
    import os

    from ..display_check import display_problem

    if problem := display_problem():  # unset, or named and not answering (Qt would abort: exit code 134)
        if not smoke:
            print(f"nnplay: {problem}; run it on a desktop, or use the command line: nnplay train --help",
                  file=sys.stderr)
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from . import qt_messages, zoom_style

    qt_messages.install()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("nnplay")
    app.setOrganizationName("nnplay")
    app.setApplicationDisplayName("nnplay")
    app.setDesktopFileName("io.github.nnplay.nnplay")
    from PySide6.QtCore import QSettings

    from .assets import app_icon
    from .launch_window import LaunchWindow

    app.setWindowIcon(app_icon())
    follow_dark_desktop(app)  # before the first paint, so the window does not change colour
    zoom_style.install(app)  # check boxes zoomed with the text, each as it is polished
    launch = LaunchWindow(None if smoke else QSettings())  # painted before NumPy and pyqtgraph are loaded
    launch.show()
    held: dict = {}

    def build():
        try:
            held.update(_build_window(app, launch, config, smoke, lesson, csv, session))
            if not smoke:  # its X window destroyed under it (no WM close): close and quit (native_close)
                from .native_close import install as close_when_destroyed

                held["destroyed"] = close_when_destroyed(app, held["window"], lambda: (held["window"].close(),
                                                                                      app.quit()))
        except ValueError as exc:  # bad input the checks before missed: one line, not a traceback
            print(f"nnplay: error: {exc}", file=sys.stderr)
            app.exit(2)
        except Exception:  # the window could not be built: say why and end, not hang on the launch window
            import traceback

            traceback.print_exc()
            app.exit(1)

    launch.after_first_paint(build)
    if not smoke:
        from .quit_signals import QuitOnSignals

        def close_and_quit():  # as the close button does (the session is saved), whatever dialog is open
            if "window" in held:
                held["window"].close()
            app.quit()

        signals = QuitOnSignals(close_and_quit)
        try:
            return app.exec()
        finally:
            signals.uninstall()
            if held.get("marker") is not None:
                held["marker"].release()
    result = {"code": 1}

    def check():
        window = held.get("window")
        frame = window.controller.last_frame if window is not None else None
        if frame is not None and frame.snapshot.epoch >= SMOKE_EPOCHS:
            result["code"] = 0
            window.close()

    def start():
        held["window"].controller.set_speed(5)
        held["window"].controller.play()

    poll = QTimer(app)
    poll.timeout.connect(check)
    poll.start(50)
    launch.after_first_paint(lambda: QTimer.singleShot(500, start))
    QTimer.singleShot(SMOKE_TIMEOUT_MS, app.closeAllWindows)
    app.exec()
    if result["code"]:
        print(f"nnplay: smoke test failed: {SMOKE_EPOCHS} epochs were not trained in time", file=sys.stderr)
    return result["code"]


def open_start(window, lesson=None, csv=None, session=None) -> None:
    """Open in a new ``window`` what the command line asked for: ``csv`` (path,
    Dataset, settings) as File > Open CSV does, ``session`` as File > Open session
    does, ``lesson`` as a lesson chosen in the window is (set up, its goal checked)."""
    if csv is not None:
        path, data, settings = csv
        window.controller.load_csv(path, data=data, **settings)
    if session is not None:
        window.controller.open_session(session)
    if lesson is not None:
        from .lessons_panel import open_lesson

        open_lesson(window, lesson)


def _build_window(app, launch, config, smoke: bool, lesson, csv=None, session=None) -> dict:
    """After the launch window's first paint: load the rest, build the playground
    window in its place; returns {"window": it, "marker": the running marker or None}."""
    configure_pyqtgraph()
    from .errors import install_exception_hook
    from .main_window import PlaygroundWindow

    install_exception_hook()
    from PySide6.QtCore import QSettings, QStandardPaths

    data_dir = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    autosave = str(Path(data_dir) / "last-session.nnplay") if data_dir and not smoke else None
    marker = _running_marker(Path(data_dir) / "nnplay.lock") if autosave else None
    if lesson is not None:
        config = lesson.config
    window = PlaygroundWindow(config, settings=None if smoke else QSettings(), autosave_path=autosave,
                              unclean_exit=bool(marker and marker.unclean_exit),
                              autosave=bool(marker and marker.acquired))
    app.aboutToQuit.connect(window.controller.shutdown)
    open_start(window, lesson, csv, session)
    launch.hand_over(window)
    return {"window": window, "marker": marker}
