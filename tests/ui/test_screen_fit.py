"""Every top-level window opens within its screen's available geometry: on a
1024x768 screen (a real offscreen screen of that size, tests/screens/), the
playground, launch, inspector, Compare, landscape, guide and import windows,
and a geometry remembered from a bigger screen is brought onto this one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRect

SCREENS = Path(__file__).resolve().parents[1] / "screens"

# Run in a process of its own: the test run's screen is 1920x1080 (tests/conftest.py).
CHILD = r"""
import json, sys
from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(["nnplay"])
from nnplay.training import TrainConfig
from nnplay.ui.app import configure_pyqtgraph
from nnplay.ui.compare import CompareWindow
from nnplay.ui.guide import GuideWindow
from nnplay.ui.inspector import InspectorWindow
from nnplay.ui.landscape_view import LandscapeWindow
from nnplay.ui.launch_window import LaunchWindow
from nnplay.ui.main_window import PlaygroundWindow
configure_pyqtgraph()
area = app.primaryScreen().availableGeometry()
main = PlaygroundWindow(TrainConfig(), start=False)
windows = {"main": main, "launch": LaunchWindow(), "inspector": InspectorWindow(), "compare": CompareWindow(),
           "landscape": LandscapeWindow(), "guide": GuideWindow()}
# Compare as a comparison fills it (tester 19: its read-outs, side by side, made it 1,088 px wide at least):
# the longest read-out a run shows (thousands of epochs part-way, accuracy, divergence)
from dataclasses import replace
from nnplay.training import Trainer
trainer = Trainer(TrainConfig(batch_size=1))
trainer.run(1)
snap = replace(trainer.snapshot(), epoch=123456, diverged_at=123456, batch_position=(12345, 50000))
windows["compare"].begin("learning rate 0.03 and activation ReLU", "learning rate 0.1 and activation tanh", 0)
for side in "AB":
    windows["compare"].show_stats(side, snap)
settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
settings.setValue("geometry", QByteArray.fromBase64(sys.argv[2].encode()))
windows["launch, restored"] = LaunchWindow(settings)
windows["main, restored"] = PlaygroundWindow(TrainConfig(), start=False, settings=settings)
out = {"area": area.getRect()}
for name, w in windows.items():
    w.show()
    app.processEvents()
    out[name] = w.frameGeometry().getRect()
print(json.dumps(out))
for w in windows.values():
    w.close()
"""


def _big_screen_geometry(qtbot) -> str:
    """A saved geometry (base64) of a 1800x1000 window at (200, 60): from a bigger screen."""
    from PySide6.QtWidgets import QWidget

    w = QWidget()
    qtbot.addWidget(w)
    w.setGeometry(200, 60, 1800, 1000)
    return bytes(w.saveGeometry().toBase64()).decode()


def test_every_window_opens_within_a_1024x768_screen(qtbot, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={SCREENS / '1024x768.json'}")
    r = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "settings.ini"), _big_screen_geometry(qtbot)],
                       capture_output=True, text=True, timeout=240, env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    got = json.loads(r.stdout.strip().splitlines()[-1])
    area = QRect(*got.pop("area"))
    assert (area.width(), area.height()) == (1024, 768)
    for name, rect in got.items():
        assert area.contains(QRect(*rect)), f"{name}: {rect} is not within the screen's {area.getRect()}"
    # they use the room there is: the launch window is where the playground will be
    assert got["main"][2:] == got["launch"][2:] and got["main"][2] >= 1000 and got["main"][3] >= 720
    assert got["main, restored"][2:] == got["launch, restored"][2:]


def test_windows_keep_their_sizes_on_a_big_screen(qtbot):
    from nnplay.ui.compare import CompareWindow
    from nnplay.ui.launch_window import DEFAULT_SIZE, LaunchWindow

    launch, compare = LaunchWindow(), CompareWindow()
    qtbot.addWidget(launch)
    qtbot.addWidget(compare)
    assert (launch.width(), launch.height()) == DEFAULT_SIZE
    assert (compare.width(), compare.height()) == (1100, 760)


SCALED_CHILD = r"""
import json
from PySide6.QtWidgets import QApplication
app = QApplication(["nnplay"])
from nnplay.training import TrainConfig
from nnplay.ui.app import configure_pyqtgraph
from nnplay.ui.main_window import PlaygroundWindow
from PySide6.QtTest import QTest
configure_pyqtgraph()
main = PlaygroundWindow(TrainConfig(), start=False)
main.show()
columns = main.presentation.columns
for _ in range(100):  # till the column fit has run (it waits for the window's size to settle)
    QTest.qWait(50)
    if not columns._timer.isActive() and not columns._shrink.isActive() and _ > 10:
        break
shown = [k for k, a in main.presentation.panel_actions.items() if a.isChecked()]
print(json.dumps({"area": app.primaryScreen().availableGeometry().getRect(), "main": main.frameGeometry().getRect(),
                  "shown": shown, "output": main.boundary.isVisible()}))
main.close()
"""


def test_the_window_opens_within_a_1024x768_screen_at_scale_2():
    """Tester 20 (s55_scale2_1024_fresh.png): with QT_SCALE_FACTOR=2 on a 1024x768 screen (512x384
    device-independent pixels) the window opened 1008x1038 device pixels, its curves and status bar
    off the screen: it opened at its least size before the column fit hid what does not fit."""
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={SCREENS / '1024x768.json'}",
               QT_SCALE_FACTOR="2")
    r = subprocess.run([sys.executable, "-c", SCALED_CHILD], capture_output=True, text=True, timeout=240, env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    got = json.loads(r.stdout.strip().splitlines()[-1])
    area, main = QRect(*got["area"]), QRect(*got["main"])
    assert (area.width(), area.height()) == (512, 384)  # device-independent pixels
    assert area.contains(main), f"the window {main.getRect()} is not within the screen's {area.getRect()}"
    assert got["output"] and "output" in got["shown"]
