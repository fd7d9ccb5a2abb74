"""Measure dropout against overfitting: test-loss curves of a small network on
the spiral with little training data, without dropout and with 0.5.

    QT_QPA_PLATFORM=offscreen python tests/tools/dropout_curves.py OUT.png [--epochs 1000] [--seeds 1,2,3]

Prints, per seed and dropout rate, the lowest test loss and its epoch, the
test loss at the end and the final train loss; draws the test-loss curves of
the first seed (and the train-loss curves, dashed) with pyqtgraph and saves
them with its ImageExporter. The numbers are what the README quotes.
"""

from __future__ import annotations

import argparse

import numpy as np

from nnplay.training import TrainConfig, Trainer

SETTINGS = {"dataset": "spiral", "noise": 0.1, "train_ratio": 0.2, "hidden": (16, 16), "activation": "relu",
            "optimizer": "adam", "lr": 0.01, "batch_size": 10}
RATES = (0.0, 0.5)
COLOURS = {0.0: (214, 39, 40), 0.5: (31, 119, 180)}


def train(rate: float, seed: int, epochs: int) -> Trainer:
    t = Trainer(TrainConfig(**SETTINGS, dropout=(rate,), seed=seed))
    t.run(epochs)
    return t


def draw(runs: dict, path: str) -> None:
    import pyqtgraph as pg
    import pyqtgraph.exporters
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    plot = pg.PlotWidget()
    plot.resize(900, 520)
    plot.setTitle("spiral, 100 training examples, 16-16 relu, Adam 0.01: dropout 0 vs 0.5")
    plot.setLabel("bottom", "epoch")
    plot.setLabel("left", "loss (cross-entropy)")
    plot.addLegend(offset=(-10, 10))
    plot.showGrid(x=True, y=True, alpha=0.25)
    for rate, t in runs.items():
        colour = COLOURS[rate]
        epochs = np.arange(len(t.history))
        plot.plot(epochs, t.history.column("test_loss"), pen=pg.mkPen(colour, width=2.5),
                  name=f"test loss, dropout {rate:g}")
        plot.plot(epochs, t.history.column("train_loss"), pen=pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine),
                  name=f"train loss, dropout {rate:g}")
    plot.setYRange(0, 1.2)
    app.processEvents()
    exporter = pyqtgraph.exporters.ImageExporter(plot.plotItem)
    exporter.parameters()["width"] = 1200
    exporter.export(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--epochs", type=int, default=1000)
    ap.add_argument("--seeds", default="1,2,3")
    args = ap.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    print("| seed | dropout | lowest test loss (epoch) | test loss at the end | train loss at the end | test accuracy |")
    print("|---|---|---|---|---|---|")
    first = {}
    for seed in seeds:
        for rate in RATES:
            t = train(rate, seed, args.epochs)
            test, trn = t.history.column("test_loss"), t.history.column("train_loss")
            print(f"| {seed} | {rate:g} | {np.nanmin(test):.3f} ({int(np.nanargmin(test))}) | {test[-1]:.3f} | "
                  f"{trn[-1]:.3f} | {t.history.last('test_accuracy'):.1%} |")
            if seed == seeds[0]:
                first[rate] = t
    draw(first, args.out)


if __name__ == "__main__":
    main()
