"""Run the real nnplay window (``nnplay.ui.app.run``, as the ``nnplay`` command
does) and act in it as a user would, for tests that then kill the process.

    python lifecycle_driver.py train [--compare]
        draw three points, play (and compare runs); once the session has been
        autosaved with the drawn points, print one line "READY {json}" and keep
        training until killed or closed
    python lifecycle_driver.py restore
        answer Yes to the restore question; once the run is back print
        "RESTORED {json}" and close the window as the close button does

The folders come from the environment (XDG_CONFIG_HOME, XDG_DATA_HOME), so a
test keeps them in its own temporary folder.
"""

import json
import sys

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from nnplay.training.session import load_session
from nnplay.ui import app as nnplay_app
from nnplay.ui.main_window import PlaygroundWindow

POINTS = [((0.5, 0.5), 1), ((-4.5, 4.5), 0), ((4.2, -3.9), 1)]  # (x1, x2), label: drawn with the Draw tool
MIN_EPOCH = 20


def main(mode: str, compare: bool) -> int:
    qapp = QApplication(sys.argv[:1])
    asked = []
    if mode == "restore":
        QMessageBox.question = lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes
    stage = {"n": 0}

    def window():
        return next((w for w in qapp.topLevelWidgets() if type(w).__name__ == "PlaygroundWindow"), None)

    def report(tag, **fields):
        print(tag, json.dumps(fields), flush=True)

    def tick():
        w = window()
        if w is None or w.controller.last_frame is None:
            return
        c = w.controller
        if mode == "restore":
            if asked and c.data.edited and c.last_frame.snapshot.epoch > 0:
                report("RESTORED", question=asked[0], epoch=c.last_frame.snapshot.epoch, X=c.data.X.tolist(),
                       y=c.data.y.ravel().tolist())
                poll.stop()
                w.close()
            return
        if stage["n"] == 0:
            for xy, label in POINTS:
                c.edit_data("add", xy, label)
            c.play()
            if compare:
                c.fork(lr=0.3)
            stage["n"] = 1
        elif stage["n"] == 1 and c.last_frame.snapshot.epoch >= MIN_EPOCH and w.autosaver.saves >= 2 and (
                not compare or (c.twin is not None and c.twin.last_frame is not None)):
            saved = load_session(w.autosaver.path)
            if saved.data.edited and saved.state is not None and saved.state["epoch"] > 0:
                stage["n"] = 2
                report("READY", epoch=c.last_frame.snapshot.epoch, saved_epoch=saved.state["epoch"],
                       path=w.autosaver.path, X=c.data.X.tolist(),
                       data_dir=QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))

    closes = []
    close_event = PlaygroundWindow.closeEvent

    def counted_close(self, event):  # each time the window closes (a signal must close it once): "CLOSED n"
        closes.append(1)
        print("CLOSED", len(closes), flush=True)
        close_event(self, event)

    PlaygroundWindow.closeEvent = counted_close
    poll = QTimer()
    poll.timeout.connect(tick)
    poll.start(50)
    return nnplay_app.run()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--compare" in sys.argv[2:]))
