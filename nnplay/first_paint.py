"""Launch to first paint of the real ``nnplay`` command, as a user starts it.

``launch(ready=False)`` starts a fresh Python process that runs
``nnplay.cli.main([])`` (the ``nnplay`` command with no arguments, the path a
user's start takes: the option checks, then ``ui.app.run``) and ends it at the
first paint event of any window (``ready``: of the playground window). It
returns a ``Launch``: the seconds from just before the process was started to
that paint, which window was painted, its process's CPU seconds by then, and
which of NumPy, pyqtgraph and pandas were already imported (none should be
before the launch window's paint: ``ui/launch_window.py``). An application-wide
event filter sees the paint, so any version of the start-up path is measured
alike. ``nnplay bench --gui`` reports the median of three launches
(``median_launch``); ``tests/tools/first_paint.py`` prints N of them.

Runs offscreen unless DISPLAY is set (and QT_QPA_PLATFORM is not), with Qt's
settings and data folders in a temporary folder, so the user's remembered
geometry and last session are neither read nor written.

Raises RuntimeError with one line (the child's last error line, or the time waited) if no
window was painted.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

from .display_check import display_problem
from .user_text import one_line

HEAVY = ("numpy", "pyqtgraph", "pandas")

_CHILD = r"""
import json, os, resource, sys, time
launched = float(sys.argv[1])
ready = sys.argv[2] == "1"
import PySide6.QtWidgets as widgets
from PySide6.QtCore import QEvent, QObject

class Exit(QObject):  # the first paint of any window (or only of the playground window), then exit
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj.isWidgetType() and obj.isWindow() and (
                not ready or obj.objectName() == "nnplay_main_window"):
            use = resource.getrusage(resource.RUSAGE_SELF)
            print("PAINT " + json.dumps({"seconds": time.time() - launched, "window": obj.objectName(),
                                         "cpu_s": use.ru_utime + use.ru_stime,
                                         "imported": [m for m in HEAVY if m in sys.modules]}), flush=True)
            os._exit(0)
        return False

class App(widgets.QApplication):
    def __init__(self, *args):
        super().__init__(*args)
        self._exit = Exit()
        self.installEventFilter(self._exit)

widgets.QApplication = App
from nnplay.cli import main
sys.exit(main([]))
""".replace("HEAVY", repr(HEAVY), 1)


@dataclass(frozen=True)
class Launch:
    """One launch: ``seconds`` from just before the process started to the paint; ``window``: the
    painted window's object name; ``cpu_s``: the process's CPU seconds by then; ``imported``: which
    of ``HEAVY`` were imported by then."""
    seconds: float
    window: str
    cpu_s: float
    imported: tuple[str, ...]


def launch(ready: bool = False, timeout: float = 120) -> Launch:
    """Start ``nnplay`` once and measure its first paint (``ready``: the playground window's)."""
    folder = os.path.join(tempfile.gettempdir(), "nnplay-first-paint")
    env = dict(os.environ, XDG_CONFIG_HOME=folder, XDG_DATA_HOME=folder)
    if display_problem(env):  # none, or one that does not answer
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    launched = time.time()
    try:
        r = subprocess.run([sys.executable, "-c", _CHILD, repr(launched), "1" if ready else "0"],
                           capture_output=True, text=True, env=env, timeout=timeout, check=False,
                           cwd=tempfile.gettempdir())  # not a checkout: python -c puts the folder first on sys.path
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"the nnplay command painted no window within {timeout:.0f} s") from None
    line = next((ln for ln in (r.stdout or "").splitlines() if ln.startswith("PAINT ")), None)
    if line is None:
        said = [ln.strip() for ln in (r.stderr or "").splitlines() if ln.strip()]
        raise RuntimeError(one_line(f"the nnplay command's start failed: "
                                    f"{said[-1] if said else f'exit code {r.returncode}, no output'}"))
    got = json.loads(line[len("PAINT "):])
    return Launch(round(got["seconds"], 3), got["window"], round(got["cpu_s"], 3), tuple(got["imported"]))


def median_launch(n: int = 3, ready: bool = False) -> dict:
    """``n`` launches one after another: the median seconds and CPU seconds, and every launch's seconds."""
    runs = [launch(ready) for _ in range(n)]
    return {"median_s": statistics.median(r.seconds for r in runs),
            "median_cpu_s": statistics.median(r.cpu_s for r in runs),
            "seconds": [r.seconds for r in runs]}
