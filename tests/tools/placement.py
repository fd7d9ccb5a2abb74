"""Open every side window and non-modal dialog of the real window and say where each went.

    DISPLAY=:171 python tests/tools/placement.py OUT_DIR [--main 1024x768]

Run on an X server of the screen size to check (``Xvfb :171 -screen 0 1024x768x24``), with or
without a window manager. The playground is shown at ``--main`` (the screen's size by default,
as on a small laptop) at the top left; then the backprop inspector, the comparison, the loss
landscape, the guide, the learning-rate finder and the recorder are opened one at a time. For each
it prints its frame's geometry, where ``screen_fit.least_covering`` puts a window of that frame's
size beside the playground's frame, and whether all of it is on the screen's available geometry;
and saves OUT_DIR/<name>.png, the whole screen (``import -window root``). Exit 1 if one is
misplaced (more than ``SLACK`` px from where it should be) or off the screen.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from nnplay.training import TrainConfig
from nnplay.ui.app import configure_pyqtgraph
from nnplay.ui.main_window import PlaygroundWindow
from nnplay.ui.screen_fit import least_covering

SLACK = 2  # px: a frame's rounding


def wait(app, seconds: float) -> None:
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        time.sleep(0.01)


def wait_until(app, test, seconds: float = 20.0) -> None:
    end = time.time() + seconds
    while not test() and time.time() < end:
        app.processEvents()
        time.sleep(0.01)


def openers(win):
    """(name, open it and return the window) for every side window and non-modal dialog."""
    from nnplay.ui.landscape_view import landscape_window
    from nnplay.ui.lr_finder_dialog import show_lr_finder
    from nnplay.ui.recorder import show_recorder

    def inspector():
        win.inspector.show()
        return win.inspector

    def comparison():
        win.controller.fork(False, lr=0.1)
        wait_until(QApplication.instance(), lambda: win.compare_window is not None and win.compare_window.isVisible())
        return win.compare_window

    def landscape():
        win.landscape_action.trigger()
        return landscape_window(win)

    def guide():
        win.show_guide()
        return win.guide

    return [("inspector", inspector), ("comparison", comparison), ("landscape", landscape), ("guide", guide),
            ("lr_finder", lambda: show_lr_finder(win)), ("recorder", lambda: show_recorder(win))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--main", default=None, help="the playground's size, WxH (the screen's available size)")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    configure_pyqtgraph()
    area = QGuiApplication.primaryScreen().availableGeometry()
    win = PlaygroundWindow(TrainConfig())
    if args.main:
        win.resize(*(int(v) for v in args.main.split("x")))
    win.move(QPoint(0, 0))
    win.show()
    wait_until(app, lambda: win.controller.last_frame is not None)
    wait(app, 1.5)
    print(f"screen {area.width()}x{area.height()} at {area.x()},{area.y()}; playground frame "
          f"{_rect(win.frameGeometry())}")
    wrong = []
    for name, open_it in openers(win):
        side = open_it()
        wait(app, 1.5)
        frame, main = side.frameGeometry(), win.frameGeometry()
        want = least_covering(area, main, frame.width(), frame.height())
        on_screen = area.contains(frame)
        off = max(abs(frame.x() - want.x()), abs(frame.y() - want.y()))
        verdict = "ok" if on_screen and off <= SLACK else "WRONG"
        if verdict != "ok":
            wrong.append(name)
        print(f"{name:11s} frame {_rect(frame)}  least_covering at {want.x()},{want.y()}  "
              f"{'on' if on_screen else 'OFF'} the screen  {verdict}")
        x_frame = _x_frame(int(side.winId()))
        if x_frame is not None and not area.contains(x_frame):
            wrong.append(name)
        print(f"{'':11s} X server: frame {_rect(x_frame) if x_frame else '?'}"
              f"{'' if x_frame is None or area.contains(x_frame) else '  OFF the screen'}")
        subprocess.run(["import", "-window", "root", str(out / f"{name}.png")], check=False,
                       env={**os.environ})
        if name == "comparison":
            win.controller.stop_comparing()
        side.close()
        wait(app, 0.5)
    win.close()
    wait(app, 0.3)
    return 1 if wrong else 0


def _x_frame(wid: int) -> QRect | None:
    """The window's frame as the X server has it: its client area (``xwininfo``) grown by the window
    manager's ``_NET_FRAME_EXTENTS`` (none without one), not as Qt reckons it."""
    try:
        info = subprocess.run(["xwininfo", "-id", str(wid)], capture_output=True, text=True, timeout=10).stdout
        props = subprocess.run(["xprop", "-id", str(wid), "_NET_FRAME_EXTENTS"], capture_output=True, text=True,
                               timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    got = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in info.splitlines()) if v}
    try:
        x, y = int(got["Absolute upper-left X"]), int(got["Absolute upper-left Y"])
        w, h = int(got["Width"]), int(got["Height"])
    except (KeyError, ValueError):
        return None
    left = right = top = bottom = 0
    if "=" in props:
        left, right, top, bottom = (int(v) for v in props.split("=")[1].split(","))
    return QRect(x - left, y - top, w + left + right, h + top + bottom)


def _rect(r: QRect) -> str:
    return f"{r.width()}x{r.height()} at {r.x()},{r.y()}"


if __name__ == "__main__":
    sys.exit(main())
