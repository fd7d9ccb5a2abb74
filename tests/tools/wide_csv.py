"""Time the window with a wide CSV (many input columns): from loading the file
to the first frame of its run drawn in the network diagram.

    DISPLAY=:97 python tests/tools/wide_csv.py [--columns 3000] [--name-length 12] [--size 1280x800] [--shot OUT.png]

Prints the seconds to the first frame, the number of items in the diagram's
scene and, with ``--shot``, saves a screenshot of the window a few seconds later.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication


def write_wide_csv(path: Path, columns: int, name_length: int, rows: int = 200) -> None:
    """A CSV of ``columns`` random inputs named ``name_length`` characters long, and a 0/1 label."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(rows, columns))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    names = [f"col{i}_" + "x" * max(0, name_length - len(f"col{i}_")) for i in range(columns)]
    np.savetxt(path, np.column_stack([X, y]), delimiter=",", comments="", fmt="%.3f",
               header=",".join(names + ["label"]))


def main() -> int:
    from nnplay.training import TrainConfig
    from nnplay.ui.app import configure_pyqtgraph
    from nnplay.ui.main_window import PlaygroundWindow
    from tests.tools.screenshots import wait, wait_until

    ap = argparse.ArgumentParser()
    ap.add_argument("--columns", type=int, default=3000)
    ap.add_argument("--name-length", type=int, default=12)
    ap.add_argument("--size", default="1280x800")
    ap.add_argument("--shot")
    ap.add_argument("--zoom", type=int, default=0, help="presses of Ctrl+= (zoom) before the screenshot")
    ap.add_argument("--present", action="store_true", help="presentation mode (not full screen) before zooming")
    args = ap.parse_args()
    path = Path(tempfile.mkdtemp()) / "wide.csv"
    write_wide_csv(path, args.columns, args.name_length)
    app = QApplication(sys.argv[:1])
    configure_pyqtgraph()
    win = PlaygroundWindow(TrainConfig())
    w, h = (int(v) for v in args.size.split("x"))
    win.resize(w, h)
    win.move(QPoint(0, 0))
    win.show()
    wait_until(app, lambda: win.controller.last_frame is not None)
    wait(app, 0.5)
    d = win.diagram
    start = time.perf_counter()
    win.controller.load_csv(str(path))
    ok = wait_until(app, lambda: d.sizes and d.sizes[0] == args.columns and d.weights is not None
                    and d.weights[0].shape[1] == args.columns, 300)
    took = time.perf_counter() - start
    print(f"{args.columns} columns: first frame {'after' if ok else 'NOT within'} {took:.1f} s; "
          f"diagram scene items: {len(d.canvas.scene().items())}")
    if args.shot:
        if args.present:
            win.presentation.set_presenting(True, full_screen=False)
        for _ in range(args.zoom):
            win.presentation.step_zoom(1)
        wait(app, 3.0)
        win.grab().save(args.shot)
    win.close()
    wait(app, 0.3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
