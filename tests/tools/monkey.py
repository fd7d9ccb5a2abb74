"""Monkey test: random clicks, drags, wheel turns and keys on the real window.

    DISPLAY=:99 python tests/tools/monkey.py --seconds 600      # a real window under Xvfb
    python tests/tools/monkey.py --seconds 20                   # offscreen when there is no display

It prints one JSON line: events sent, uncaught exceptions, Qt warnings, and the
growth of resident memory from the end of a warm-up to the end; it exits 1 if
there was any exception or Qt warning. File dialogs answer with a random file
of tests/csv_corpus (good and bad ones), message boxes are counted and closed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import traceback
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "csv_corpus"
# what the offscreen platform plugin says of itself (raise, keyboard grabs, size hints), not nnplay
PLATFORM_NOISE = ("This plugin does not support",)


def rss_mb() -> float | None:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--warmup", type=float, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--events", type=int, default=0,
                    help="stop once this many events are sent (--seconds is then the most it may take)")
    args = ap.parse_args(argv)
    if not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QPoint, QPointF, Qt, QTimer, qInstallMessageHandler
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import (
        QAbstractButton, QAbstractSlider, QAbstractSpinBox, QApplication, QComboBox, QDialog, QMessageBox,
        QWidget,
    )

    from nnplay.ui import file_dialog
    from nnplay.ui.app import configure_pyqtgraph
    from nnplay.ui.main_window import PlaygroundWindow

    rng = random.Random(args.seed)
    report = {"events": 0, "exceptions": [], "qt_warnings": [], "dialogs": 0, "training_failures": []}

    def on_qt_message(mode, context, message):
        if mode.name != "QtDebugMsg" and not any(n in message for n in PLATFORM_NOISE):
            report["qt_warnings"].append(f"{mode.name}: {message}")

    def on_exception(exc_type, exc, tb):
        report["exceptions"].append("".join(traceback.format_exception(exc_type, exc, tb))[-2000:])

    files = [str(p) for p in CORPUS.iterdir() if p.name != "EXPECTED.txt"] + [str(CORPUS / "missing.csv")]

    def fake_dialog(parent=None, title="", text="", *a, **k):
        report["dialogs"] += 1
        if title == "Training stopped":  # the training loop hit an error: a bug, unlike a refused file
            report["training_failures"].append(text)
        return None

    file_dialog.get_open_file_name = lambda *a, **k: (rng.choice(files), "")
    QMessageBox.warning = staticmethod(fake_dialog)
    QMessageBox.critical = staticmethod(fake_dialog)
    QMessageBox.about = staticmethod(fake_dialog)
    qInstallMessageHandler(on_qt_message)
    sys.excepthook = on_exception

    app = QApplication(sys.argv[:1])
    configure_pyqtgraph()
    win = PlaygroundWindow()
    win.quit_action.setEnabled(False)  # the monkey may not quit; it is closed at the end
    win.resize(1280, 800)
    win.show()
    kinds = (QAbstractButton, QComboBox, QAbstractSlider, QAbstractSpinBox)
    keys = [Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_R, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left,
            Qt.Key.Key_Tab, Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_PageUp, Qt.Key.Key_Home]
    state = {"rss0": None}

    def targets():
        controls = [w for w in win.findChildren(QWidget) if isinstance(w, kinds) and w.isVisible() and w.isEnabled()]
        plots = [w for w in (win.boundary.plot, win.curves.loss_plot, win.curves.acc_plot, win.diagram.canvas,
                             win.gradients.maps_widget, win.gradients.norm_plot) if w.isVisible()]
        return controls, plots

    def poke():
        try:
            controls, plots = targets()
            r = rng.random()
            if r < 0.45 and controls:
                w = rng.choice(controls)
                p = QPoint(rng.randrange(max(1, w.width())), rng.randrange(max(1, w.height())))
                QTest.mouseClick(w, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p)
            elif r < 0.6 and plots:
                w = rng.choice(plots)
                a = QPoint(rng.randrange(max(1, w.width())), rng.randrange(max(1, w.height())))
                b = QPoint(rng.randrange(max(1, w.width())), rng.randrange(max(1, w.height())))
                QTest.mousePress(w.viewport() if hasattr(w, "viewport") else w, Qt.MouseButton.LeftButton,
                                 Qt.KeyboardModifier.NoModifier, a)
                QTest.mouseMove(w.viewport() if hasattr(w, "viewport") else w, b)
                QTest.mouseRelease(w.viewport() if hasattr(w, "viewport") else w, Qt.MouseButton.LeftButton,
                                   Qt.KeyboardModifier.NoModifier, b)
            elif r < 0.75 and (controls or plots):
                w = rng.choice(controls + plots)
                target = w.viewport() if hasattr(w, "viewport") else w
                pos = QPointF(rng.randrange(max(1, w.width())), rng.randrange(max(1, w.height())))
                delta = QPoint(0, rng.choice([-240, -120, 120, 240]))
                ev = QWheelEvent(pos, target.mapToGlobal(pos), QPoint(0, 0), delta, Qt.MouseButton.NoButton,
                                 Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
                QApplication.sendEvent(target, ev)
            elif r < 0.85 and plots:
                w = rng.choice(plots)
                QTest.mouseMove(w.viewport() if hasattr(w, "viewport") else w,
                                QPoint(rng.randrange(max(1, w.width())), rng.randrange(max(1, w.height()))))
            else:
                QTest.keyClick(win, rng.choice(keys))
            report["events"] += 1
            if args.events and report["events"] == args.events:  # enough: however slow the machine was
                QTimer.singleShot(0, win.close)
        except Exception:  # the driver's own failure counts as one too
            on_exception(*sys.exc_info())

    def poke_dialog():
        """A modal dialog of ours (Compare runs...) runs its own event loop inside the
        poke that opened it, where that poke's timer does not fire again: this
        second timer plays with the dialog, then answers it."""
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, QDialog):
            return
        try:
            r = rng.random()
            inside = [w for w in modal.findChildren(QWidget) if isinstance(w, kinds) and w.isVisible()
                      and w.isEnabled()]
            if r < 0.6 and inside:
                w = rng.choice(inside)
                QTest.mouseClick(w, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                                 QPoint(rng.randrange(max(1, w.width())), rng.randrange(max(1, w.height()))))
            else:
                (modal.accept if r < 0.85 else modal.reject)()
            report["events"] += 1
            report["dialogs"] += 1
        except Exception:
            on_exception(*sys.exc_info())

    timer = QTimer()
    timer.timeout.connect(poke)
    timer.start(25)
    dialog_timer = QTimer()
    dialog_timer.timeout.connect(poke_dialog)
    dialog_timer.start(40)
    QTimer.singleShot(int(args.warmup * 1000), lambda: state.update(rss0=rss_mb()))
    QTimer.singleShot(int((args.warmup + args.seconds) * 1000), win.close)
    started = time.time()
    app.exec()
    timer.stop()
    dialog_timer.stop()
    rss1 = rss_mb()
    report["seconds"] = round(time.time() - started, 1)
    report["rss_start_mb"] = None if state["rss0"] is None else round(state["rss0"], 1)
    report["rss_end_mb"] = None if rss1 is None else round(rss1, 1)
    report["rss_growth_mb"] = None if None in (state["rss0"], rss1) else round(rss1 - state["rss0"], 1)
    from nnplay.ui.worker import ALL_THREADS

    report["workers_started"] = len(ALL_THREADS)  # the window's and every compared run B's
    report["worker_stopped"] = not any(t.is_alive() for t in ALL_THREADS)
    print(json.dumps(report))
    ok = (not report["exceptions"] and not report["qt_warnings"] and not report["training_failures"]
          and report["worker_stopped"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
