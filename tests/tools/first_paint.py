"""Launch to first paint of the real ``nnplay`` command, N times, as a user starts it.

    python tests/tools/first_paint.py [N] [--ready]

Each run is a fresh ``python -c`` process that runs ``nnplay.cli.main([])``
(the ``nnplay`` command with no arguments) and reports the first paint event of
any window (``--ready``: of the playground window) as the time since the
process was started, then exits at once (an application-wide event filter, so
it measures any version of the start-up path alike). Offscreen unless DISPLAY is set and
QT_QPA_PLATFORM is not. Prints each figure and the median, in seconds (and on
stderr which window was painted).
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import os, sys, time
launched = float(sys.argv[1])
ready = sys.argv[2] == "1"
import PySide6.QtWidgets as widgets
from PySide6.QtCore import QEvent, QObject

class Exit(QObject):  # the first paint of any window (or only of the playground window), then exit
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj.isWidgetType() and obj.isWindow() and (
                not ready or obj.objectName() == "nnplay_main_window"):
            print(f"PAINT {time.time() - launched:.3f} {type(obj).__name__} {obj.objectName()}", flush=True)
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
"""


def once(ready: bool) -> float:
    env = dict(os.environ, XDG_CONFIG_HOME="/tmp/nnplay-first-paint", XDG_DATA_HOME="/tmp/nnplay-first-paint")
    if not env.get("DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    launched = time.time()
    r = subprocess.run([sys.executable, "-c", CHILD, repr(launched), "1" if ready else "0"],
                       capture_output=True, text=True, env=env, timeout=120, check=False,
                       cwd=tempfile.gettempdir())  # not the checkout: python -c puts the folder first on sys.path
    line = next((ln for ln in r.stdout.splitlines() if ln.startswith("PAINT ")), None)
    if line is None:
        raise SystemExit(f"no paint: {r.stderr[-400:]}")
    print(line, file=sys.stderr)
    return float(line.split()[1])


if __name__ == "__main__":
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), "5"))
    times = [once("--ready" in sys.argv) for _ in range(n)]
    print(" ".join(f"{t:.3f}" for t in times), f"median {statistics.median(times):.3f} s",
          f"(load average {os.getloadavg()[0]:.2f})")
