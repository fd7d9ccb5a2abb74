"""What a resize of the window costs, with its column fit: the resize figures of docs/performance.md.

    python tests/tools/resize_cost.py [--rounds 2] [--lesson] [--zooms 1,2] [--cprofile N]

Builds the playground window (offscreen unless DISPLAY is set and QT_QPA_PLATFORM is
not), lets it settle, then, ``--rounds`` times, for each zoom of ``--zooms``: sets the
zoom, resizes the window to 1500×950 and back to 1024×740, each time waiting till the
column fit has run (``ColumnFit``'s timers idle) and the events it left are handled
(``--lesson``: the "vanishing-gradients" lesson open first, as the column-fit tests do).
Prints the CPU time of this process (not what a loaded machine adds; the training process
is another) for the zoom steps and for the resizes, the number of ``least_width`` calls and
their CPU, and the load average. ``--cprofile N``: the N costliest calls by cProfile.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--lesson", action="store_true")
    ap.add_argument("--zooms", default="1,2")
    ap.add_argument("--sizes", default="1500x950,1024x740", help="the sizes each zoom resizes to, in turn")
    ap.add_argument("--cprofile", type=int, default=0, metavar="N")
    args = ap.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from nnplay.training import TrainConfig
    from nnplay.ui import column_fit, zoom_style
    from nnplay.ui.app import configure_pyqtgraph
    from nnplay.ui.main_window import PlaygroundWindow

    app = QApplication.instance() or QApplication([])
    zoom_style.install(app)
    configure_pyqtgraph()
    win = PlaygroundWindow(TrainConfig())
    win.show()
    while win.controller.last_frame is None:
        QTest.qWait(10)
    if args.lesson:
        from nnplay.lessons import find_lesson
        from nnplay.ui.lessons_panel import open_lesson
        open_lesson(win, find_lesson("vanishing-gradients"))
    QTest.qWait(500)
    calls = [0, 0.0]
    least = column_fit.least_width

    def counted(w):
        c = time.process_time()
        try:
            return least(w)
        finally:
            calls[0] += 1
            calls[1] += time.process_time() - c

    column_fit.least_width = counted
    fit = win.presentation.columns
    toggles = [0]  # columns shown or hidden (each one a layout of the window)
    for key in column_fit.COLUMNS:
        win.presentation.panel_actions[key].toggled.connect(lambda _on: toggles.__setitem__(0, toggles[0] + 1))

    def settled() -> None:
        while fit._timer.isActive() or fit._shrink.isActive():
            QTest.qWait(5)
        QApplication.processEvents()
        QApplication.processEvents()

    sizes = [tuple(map(int, size.split("x"))) for size in args.sizes.split(",")]
    profile = cProfile.Profile()
    zoom_cpu = resize_cpu = 0.0
    resizes = 0
    w0 = time.perf_counter()
    for _ in range(args.rounds):
        for zoom in (float(z) for z in args.zooms.split(",")):
            c = time.process_time()
            profile.enable()
            win.presentation.set_zoom(zoom)
            settled()
            profile.disable()
            zoom_cpu += time.process_time() - c
            for size in sizes:
                c = time.process_time()
                profile.enable()
                win.resize(*size)
                settled()
                profile.disable()
                resize_cpu += time.process_time() - c
                resizes += 1
    wall = time.perf_counter() - w0
    steps = args.rounds * len(args.zooms.split(","))
    print(f"resizes: {resizes}, CPU {resize_cpu:.3f} s ({resize_cpu / resizes * 1000:.0f} ms a resize); "
          f"zoom steps: {steps}, CPU {zoom_cpu:.3f} s; least_width {calls[0]} calls, {calls[1]:.3f} s; "
          f"columns shown or hidden {toggles[0]} times; "
          f"wall {wall:.1f} s; fitted {fit.fitted}; load average {os.getloadavg()[0]:.2f}")
    if args.cprofile:
        pstats.Stats(profile).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(args.cprofile)
    win.close()


if __name__ == "__main__":
    main()
