"""What one View › Zoom step costs in the real window: the zoom figures of docs/performance.md.

    python tests/tools/zoom_cost.py [--wide] [--steps 8] [--cprofile N]

Builds the playground window (offscreen unless DISPLAY is set and QT_QPA_PLATFORM
is not; ``--wide``: a network of 8 hidden layers of 8), lets it settle, then
steps the zoom up and down ``--steps`` times (Ctrl+= / Ctrl+-, as
``Presentation.step_zoom``). For each step: CPU time of this process (not what a
loaded machine adds; the training process is another) in ``step_zoom`` and in
the events it leaves (the paint), wall time, the diagram's layouts
(``NetworkDiagram.fits``) and the plots' paint events. Prints the medians and the
load average. ``--cprofile N``: the N costliest calls of the steps by cProfile.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wide", action="store_true", help="8 hidden layers of 8 neurons")
    ap.add_argument("--steps", type=int, default=8)
    ap.add_argument("--cprofile", type=int, default=0, metavar="N")
    args = ap.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import pyqtgraph as pg
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from nnplay.training import TrainConfig
    from nnplay.ui.app import configure_pyqtgraph
    from nnplay.ui.main_window import PlaygroundWindow

    app = QApplication.instance() or QApplication([])
    configure_pyqtgraph()
    win = PlaygroundWindow(TrainConfig(hidden=(8,) * 8) if args.wide else TrainConfig())
    win.show()
    while win.controller.last_frame is None:
        QTest.qWait(10)
    QTest.qWait(500)
    paints = [0]

    class Paints(QObject):
        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(obj.parent(), pg.GraphicsView):
                paints[0] += 1
            return False

    counter = Paints()
    app.installEventFilter(counter)
    d, profile, rows = win.diagram, cProfile.Profile(), []
    for k in range(args.steps):
        step = 1 if k % 4 in (0, 1) else -1
        fits, paints[0] = getattr(d, "fits", 0), 0
        w0, c0 = time.perf_counter(), time.process_time()
        profile.enable()
        win.presentation.step_zoom(step)
        c1 = time.process_time()
        QApplication.processEvents()
        QApplication.processEvents()
        profile.disable()
        c2, w2 = time.process_time(), time.perf_counter()
        rows.append((c1 - c0, c2 - c1, c2 - c0, w2 - w0))
        layouts = getattr(d, "fits", 0) - fits  # (NetworkDiagram.fits: not counted before it existed)
        print(f"step {step:+d} to ×{win.presentation.zoom:.2f}: CPU {c1 - c0:.3f} s in step_zoom + {c2 - c1:.3f} s "
              f"after = {c2 - c0:.3f} s (wall {w2 - w0:.3f} s); diagram layouts {layouts}, "
              f"plot paints {paints[0]}")
        QTest.qWait(400)  # (the column fit's settle timer)
    med = [statistics.median(r[i] for r in rows) for i in range(4)]
    print(f"{'8x8 network' if args.wide else 'default window'}: median CPU {med[2]:.3f} s a step "
          f"({med[0]:.3f} in step_zoom, {med[1]:.3f} after), wall {med[3]:.3f} s; "
          f"load average {os.getloadavg()[0]:.2f}")
    if args.cprofile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.cprofile)
    win.close()


if __name__ == "__main__":
    main()
