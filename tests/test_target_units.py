"""A standardised regression target: every number the user sees (the Metrics
tab's RMSE, the CLI's, the output view's colour key) is in the target's own units."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pytest

from nnplay.cli import main
from nnplay.numbers import format_number
from nnplay.data import load_csv
from nnplay.data.columns import ImportOptions
from nnplay.training import TrainConfig
from nnplay.training.trainer import Trainer

MEAN, SPREAD = 500.0, 300.0


@pytest.fixture(scope="module")
def price_csv(tmp_path_factory):
    rng = np.random.default_rng(1)
    x = rng.uniform(-1, 1, (120, 2))
    y = MEAN + SPREAD * (x[:, 0] - x[:, 1]) + rng.normal(0, 20, 120)
    path = tmp_path_factory.mktemp("units") / "price.csv"
    np.savetxt(path, np.column_stack([x, y]), delimiter=",", header="a,b,price", comments="")
    return path, y


@pytest.fixture(scope="module")
def trained(price_csv):
    path, y_file = price_csv
    data = load_csv(path, options=ImportOptions(standardize_target=True))
    assert data.target_scale is not None
    t = Trainer(TrainConfig(dataset="csv", hidden=(4,), lr=0.05), data=data)
    t.run(5)
    return t, y_file


def test_the_window_s_rmse_is_in_the_target_s_units(trained):
    t, _ = trained
    std = t.data.target_scale[1]
    with np.errstate(all="ignore"):
        standardised = float(np.sqrt(np.mean((t.net.forward(t.X_train).ravel() - t.y_train.ravel()) ** 2)))
    rmse = t.quality()["train"]["rmse"]  # what the snapshot carries to the Metrics tab
    assert std > 100
    assert rmse == pytest.approx(standardised * std, rel=1e-6)


def test_the_cli_rmse_is_in_the_target_s_units_once(price_csv, capsys):
    path, _ = price_csv
    assert main(["train", "--data", str(path), "--standardize-target", "--epochs", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    std = float(np.std(price_csv[1]))
    assert out["test_rmse"] == pytest.approx(np.sqrt(2 * out["test_loss"]) * std, rel=1e-3)  # scaled once


def test_the_output_view_s_key_is_in_the_target_s_units(trained, qtbot):
    from nnplay.ui.app import configure_pyqtgraph
    from nnplay.ui.decision_boundary import DecisionBoundaryView

    configure_pyqtgraph()
    t, y_file = trained
    view = DecisionBoundaryView()
    qtbot.addWidget(view)
    view.set_run(t.run_info())
    view.set_frame(SimpleNamespace(snapshot=t.snapshot(grid_resolution=20)))
    assert view.value_bar.levels() == pytest.approx((y_file.min(), y_file.max()), rel=1e-6)
    assert f"({format_number(y_file.min())})" in view.caption.text()  # the caption's range in the same units
