"""Take screenshots of the real window (run under Xvfb or on a desktop).

    DISPLAY=:99 python tests/tools/screenshots.py OUT_DIR [scenario ...] [--size 1280x800] [--dark]

Scenarios: start, spiral (mid-training, with an extra layer), multiclass
(3-class spiral), five (5-class spiral, the Metrics tab open), rare (a class of 3 points in 600, never
predicted, the Metrics tab open), diverged,
regression, csv (a 5-input CSV), iris (a 4-input CSV with long column names
such as sepal_length_cm), hover (a neuron
hovered), inspector (also inspector_window.png: the backprop inspector), drawn (a data
set drawn by hand), compare (also compare_window.png: two learning rates side by
side), landscape (also landscape_window.png: Run › Loss landscape, momentum at a high rate
on the full batch), distributions (six sigmoid layers, the Distributions tab open), lesson
(presentation mode with lesson 3 open, its goal met), reset (the spiral's network with a neuron
pruned and weights frozen, also reset_marked.png, then Reset: the same network drawn anew). Each saves
OUT_DIR/<scenario>.png.

``--dark`` paints the window as on a dark desktop (Fusion with a dark palette,
nnplay.ui.app.dark_palette, and the selected state of nnplay.ui.selected_look); for 2× scale set QT_SCALE_FACTOR=2 and give a
size in device-independent pixels (the PNG is twice as large).
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

from nnplay.training import TrainConfig
from nnplay.ui.app import configure_pyqtgraph, dark_palette
from nnplay.ui.main_window import PlaygroundWindow
from nnplay.ui.selected_look import SelectedLook


def wait(app, seconds):
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        time.sleep(0.005)


def wait_until(app, condition, seconds=60.0) -> bool:
    """Process events until ``condition()`` holds (a loaded machine starts the training process slowly)."""
    end = time.time() + seconds
    while not condition() and time.time() < end:
        wait(app, 0.05)
    return condition()


def grab_window(widget, path) -> None:
    """The window as the screen shows it (with its frame when a window manager
    draws one), else as Qt paints it."""
    widget.grab().save(str(path))


def save_panels(win, folder: Path) -> None:
    """Each column of the window, and the menu bar with the run toolbar, as the README shows them."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QToolBar

    folder.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(("data", "network", "output", "gradients")):
        win.splitter.widget(i).grab().save(str(folder / f"{name}.png"))
    bar = win.findChild(QToolBar, "readouts_toolbar")  # the lower of the two toolbar rows
    win.grab(QRect(0, 0, win.width(), bar.geometry().bottom() + 1)).save(str(folder / "toolbar.png"))


def scenario(app, win, name, out):
    c = win.controller
    if name == "spiral":
        c.change(dataset="spiral", noise=0.1, hidden=(8, 8), activation="tanh")
        wait(app, 0.3)
        win.network_panel.add_layer.click()
        c.change(optimizer="momentum", lr=0.01)  # the rate from epoch 0 (a change mid-run draws the rate curve)
        win.boundary.show_test.setChecked(True)
        win.speed.setCurrentIndex(3)
        c.set_speed(10)
        wait(app, 0.3)
        c.play()
        wait(app, 5.5)
    elif name == "multiclass":
        c.change(dataset="spiral-k", classes=3, hidden=(12, 12, 12), activation="relu", optimizer="adam", lr=0.01)
        c.set_speed(10)
        win.boundary.show_test.setChecked(True)
        wait(app, 0.3)
        c.play()
        wait(app, 6)
    elif name == "five":
        c.change(dataset="spiral-k", classes=5, hidden=(12, 12, 12), activation="relu", optimizer="adam", lr=0.01)
        c.set_speed(20)
        wait(app, 0.3)
        c.play()
        wait(app, 6)
        win.lower_tabs.setCurrentWidget(win.metrics)
        wait(app, 0.5)
    elif name == "rare":  # a class of 3 examples in 600, never predicted: the macro precision says so
        rng = np.random.default_rng(0)
        y = np.array(["cat"] * 300 + ["dog"] * 297 + ["axolotl"] * 3)
        X = rng.normal(size=(600, 2)) + np.where(y == "cat", -1.5, 1.5)[:, None]
        path = Path(tempfile.mkdtemp()) / "rare.csv"
        path.write_text("w,h,animal\n" + "".join(f"{a:.3f},{b:.3f},{t}\n" for (a, b), t in zip(X, y)))
        c.load_csv(str(path))
        c.set_speed(10)
        wait(app, 0.3)
        c.play()
        wait(app, 4)
        win.lower_tabs.setCurrentWidget(win.metrics)
        wait(app, 0.5)
    elif name == "distributions":  # six sigmoid layers: the gradient vanishes, in words and in the bands
        c.change(hidden=(8,) * 6, activation="sigmoid")
        wait(app, 0.3)
        win.lower_tabs.setCurrentWidget(win.distributions)
        c.set_speed(10)
        c.play()
        wait(app, 5)
    elif name == "iris":
        rng = np.random.default_rng(0)
        X = rng.normal(size=(150, 4))
        y = (X[:, 0] + X[:, 2] > 0).astype(int)
        path = Path(tempfile.mkdtemp()) / "iris_like.csv"
        np.savetxt(path, np.column_stack([X, y]), delimiter=",", comments="", fmt="%.3f",
                   header="sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species_label")
        c.load_csv(str(path))
        c.set_speed(10)
        wait(app, 0.3)
        c.play()
        wait(app, 4)
    elif name == "diverged":
        c.change(dataset="plane", hidden=(8, 8), activation="relu", batch_size=1)
        c.set_learning_rate(3.0)
        wait(app, 0.3)
        c.play()
        wait(app, 3)
    elif name == "regression":
        c.change(dataset="multigauss", hidden=(8, 8), optimizer="adam")
        c.set_learning_rate(0.03)
        c.set_speed(10)
        wait(app, 0.3)
        c.play()
        wait(app, 5)
    elif name == "csv":
        rng = np.random.default_rng(0)
        X = rng.normal(size=(400, 5))
        y = (X[:, 0] ** 2 + X[:, 3] > 1).astype(int)
        path = Path(tempfile.mkdtemp()) / "five_inputs.csv"
        np.savetxt(path, np.column_stack([X, y]), delimiter=",", header="a,b,c,d,e,label", comments="",
                   fmt=["%.4f"] * 5 + ["%d"])
        c.load_csv(str(path))
        c.change(hidden=(8, 8), optimizer="adam")
        c.set_speed(10)
        wait(app, 0.3)
        c.play()
        wait(app, 4)
    elif name == "hover":
        c.change(dataset="xor", hidden=(6, 4))
        c.set_speed(20)
        c.play()
        wait(app, 3)
        c.pause()
        wait(app, 0.3)
        d = win.diagram
        rect = d.nodes[1][2][1]
        scene = d.view.mapViewToScene(rect.center())
        d._on_mouse(scene)
        wait(app, 0.5)
    elif name == "inspector":
        c.change(dataset="xor", hidden=(3,), batch_size=4)
        c.set_learning_rate(0.1)
        wait(app, 0.5)
        c.step(20)
        wait(app, 0.5)
        win.show_inspector()
        win.inspector.resize(1240, 960)
        win.inspector.numbers.setChecked(True)
        end = time.time() + 20
        while win.inspector.trace is None and time.time() < end:  # the first trace comes from the training process
            wait(app, 0.1)
        wait(app, 0.5)
        win.inspector.layer_button.click()
        win.inspector.pick_weight(1, 1, 0)
        wait(app, 0.5)
        grab_window(win.inspector, out / "inspector_window.png")
        win.inspector.close()
    elif name == "drawn":
        c.change(dataset="spiral-k", classes=3, hidden=(8, 8), optimizer="adam")
        c.set_learning_rate(0.03)
        wait(app, 0.5)
        c.edit_data("clear")
        rng = np.random.default_rng(0)
        for k, (cx, cy) in enumerate([(-3, 3), (3, 3), (0, -3)]):
            for _ in range(12):
                c.edit_data("add", (cx + rng.normal(0, 0.8), cy + rng.normal(0, 0.8)), k)
        for p, k in (((0.3, 0.4), 0), ((2.5, -2.5), 1), ((-2.6, -2.4), 1)):
            c.edit_data("add", p, k)
        win.boundary.draw_add.setChecked(True)
        win.boundary.draw_class.setCurrentIndex(1)
        c.set_speed(10)
        c.play()
        wait(app, 5)
    elif name == "compare":
        c.change(dataset="spiral", noise=0.1, hidden=(8, 8, 4))
        c.set_speed(10)
        wait(app, 0.5)
        c.fork(True, lr=0.3)
        wait(app, 1.5)
        c.play()
        wait(app, 8)
        c.pause()
        wait(app, 0.5)
        win.compare_window.resize(1240, 860)
        win.compare_window.log_scale.setChecked(True)
        wait(app, 0.5)
        grab_window(win.compare_window, out / "compare_window.png")
    elif name == "landscape":
        c.change(dataset="circle", hidden=(4,), optimizer="momentum", batch_size=1000)
        c.set_learning_rate(3.0)
        wait(app, 0.5)
        win.landscape_action.trigger()
        win.landscape_window.move(QPoint(200, 120))
        win.landscape.resolution.setValue(41)
        win.landscape.compute.click()
        c.set_speed(2)
        c.play()
        wait_until(app, lambda: c.last_frame is not None and c.last_frame.snapshot.epoch >= 120, 60)
        c.pause()
        wait(app, 0.5)
        win.landscape.compute.click()  # the plane through the weights where the run stopped
        wait_until(app, lambda: win.landscape.landscape is not None and win.landscape.landscape.progress is None
                   and win.landscape.landscape.grid is not None
                   and win.landscape.landscape.grid.epoch == c.last_frame.snapshot.epoch)
        wait(app, 0.5)
        grab_window(win.landscape_window, out / "landscape_window.png")
        win.landscape_window.close()
    elif name == "hands":
        hands_on(app, win, c, out)
    elif name == "lesson":  # presentation mode with lesson 3 open, its solution applied and its goal met
        from nnplay.lessons import MET, find_lesson
        from nnplay.ui.lessons_panel import open_lesson

        open_lesson(win, find_lesson("spiral-depth"))
        wait_until(app, lambda: c.last_frame is not None and c.run_info.sizes[1:-1] == (8,))
        c.change(hidden=(8, 8, 8))
        panel = win.lessons_dock.widget()
        wait_until(app, lambda: c.run_info.sizes[1:-1] == (8, 8, 8))
        win.presentation.set_presenting(True, full_screen=False)
        c.play()
        wait_until(app, lambda: panel.tracker is not None and panel.tracker.status == MET, 120)
        wait(app, 1.5)
    elif name == "reset":  # the spiral's network marked, then Reset: the new run drawn in the diagram's kept items
        from nnplay.training.commands import Freeze, Prune

        scenario(app, win, "spiral", out)
        for command in (Freeze(1, 0), Prune(0, 1), Freeze(2, 0, 1)):
            c.run.send(command)
        c.step()
        wait(app, 1.0)
        win.grab().save(str(out / "reset_marked.png"))
        c.reset()
        wait_until(app, lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 0)
        wait(app, 1.0)
    else:
        wait(app, 1.5)
    win.grab().save(str(out / f"{name}.png"))
    c.pause()
    wait(app, 0.2)


def hands_on(app, win, c, out):
    """XOR by hand (README's exercise): hidden 2, tanh, on the four XOR points;
    the solution's weights set through the diagram's command; then layer 1
    frozen, the output layer zeroed and trained alone. Also saves
    OUT_DIR/hands_network.png, the Network column."""
    from nnplay.training.commands import Freeze, SetParameter

    path = Path(tempfile.mkdtemp()) / "xor.csv"
    path.write_text("x1,x2,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    c.load_csv(str(path), train_ratio=1.0)
    c.change(hidden=(2,), activation="tanh", lr=0.3)
    wait_until(app, lambda: c.run_info is not None and c.run_info.sizes == (2, 2, 1))
    wait(app, 1.0)
    for layer, kind, row, col, value in XOR_BY_HAND:
        c.run.send(SetParameter(layer, kind, row, col, value))
    c.run.send(Freeze(0))
    for layer, kind, row, col, _ in XOR_BY_HAND[6:]:  # the output layer from 0: backprop trains it alone
        c.run.send(SetParameter(layer, kind, row, col, 0.0))
    c.set_speed(10)
    c.step(200)
    wait_until(app, lambda: c.last_frame is not None and c.last_frame.snapshot.epoch >= 200)
    wait(app, 1.0)
    d = win.diagram
    d._on_mouse(d.view.mapViewToScene(d.nodes[1][0][1].center()))  # hovered: its bias in the line below
    wait(app, 0.5)
    win.splitter.widget(1).grab().save(str(out / "hands_network.png"))


# (layer, kind, row, col, value): W[1] = [[20, 20], [20, 20]], b[1] = [-10, -30]
# (an OR and an AND of the two inputs), W[2] = [[20, -20]], b[2] = [-10]
XOR_BY_HAND = [(0, "W", 0, 0, 20.0), (0, "W", 0, 1, 20.0), (0, "W", 1, 0, 20.0), (0, "W", 1, 1, 20.0),
               (0, "b", 0, 0, -10.0), (0, "b", 1, 0, -30.0),
               (1, "W", 0, 0, 20.0), (1, "W", 0, 1, -20.0), (1, "b", 0, 0, -10.0)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("scenarios", nargs="*", default=["start", "spiral", "multiclass", "diverged"])
    ap.add_argument("--size", default="1280x800")
    ap.add_argument("--dark", action="store_true", help="Fusion with a dark palette, as on a dark desktop")
    ap.add_argument("--panels", action="store_true",
                    help="also save each column and the toolbar of the first scenario in OUT_DIR/panels")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    if args.dark:
        app.setStyle(SelectedLook())  # as app.follow_dark_desktop: Fusion, the selected state in the highlight
        app.setPalette(dark_palette())
    configure_pyqtgraph()
    w, h = (int(v) for v in args.size.split("x"))
    for name in args.scenarios:
        win = PlaygroundWindow(TrainConfig())
        win.resize(w, h)
        win.move(QPoint(0, 0))
        win.show()
        wait_until(app, lambda: win.controller.last_frame is not None)
        wait(app, 1.0)
        scenario(app, win, name, out)
        if args.panels and name == args.scenarios[0]:
            save_panels(win, out / "panels")
        win.close()
        wait(app, 0.2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
