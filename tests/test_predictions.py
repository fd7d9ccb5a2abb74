"""Predictions exported as CSV (nnplay train --predictions, File › Export ›
Predictions), and the data set exported under the user's own column names."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nnplay.cli import main
from nnplay.data import load_csv, write_csv
from nnplay.data.columns import ImportOptions


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pred")
    rng = np.random.default_rng(3)
    rows = ["bill,island,Species"]
    for i in range(60):
        rows.append(f"{rng.normal(40, 5):.2f},{['Biscoe', 'Dream', 'Torgersen'][i % 3]},"
                    f"{['Adelie', 'Gentoo'][i % 2]}")
    (folder / "peng.csv").write_text("\n".join(rows) + "\n")
    x = rng.uniform(-1, 1, (50, 2))
    y = 1000 + 250 * x[:, 0]
    np.savetxt(folder / "price.csv", np.column_stack([x, y]), delimiter=",", header="a,b,price", comments="")
    return folder


def test_cli_predictions_of_a_classifier(files, capsys):
    out = files / "peng-pred.csv"
    assert main(["train", "--data", str(files / "peng.csv"), "--epochs", "3", "--predictions", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == ["bill", "island", "Species", "prediction", "P(Adelie)", "P(Gentoo)", "split"]
    assert len(table) == 60 and set(table["island"]) == {"Biscoe", "Dream", "Torgersen"}  # one column again
    source = pd.read_csv(files / "peng.csv")
    assert (table["Species"] == source["Species"]).all() and np.allclose(table["bill"], source["bill"])
    p = table[["P(Adelie)", "P(Gentoo)"]].to_numpy()
    assert np.allclose(p.sum(axis=1), 1)
    assert (table["prediction"] == np.where(p[:, 1] >= 0.5, "Gentoo", "Adelie")).all()
    assert set(table["split"]) == {"train", "test"}


def test_cli_predictions_of_a_regression_are_in_the_target_s_units(files, capsys):
    out = files / "price-pred.csv"
    assert main(["train", "--data", str(files / "price.csv"), "--standardize-target", "--epochs", "40",
                 "--predictions", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == ["a", "b", "price", "prediction", "split"]
    assert np.allclose(table["price"], pd.read_csv(files / "price.csv")["price"])
    assert abs(table["prediction"].mean() - 1000) < 200  # the target's units, not standardised ones


def test_an_unwritable_predictions_file_is_refused_before_training(files, capsys):
    assert main(["train", "--epochs", "1", "--predictions", str(files / "nowhere" / "p.csv")]) == 2
    assert "nowhere" in capsys.readouterr().err


def test_the_data_set_keeps_the_user_s_column_names(files, tmp_path):
    data = load_csv(files / "price.csv", options=ImportOptions(standardize_target=True))
    out = tmp_path / "again.csv"
    write_csv(data, out, test_mask=np.arange(data.n_examples) % 3 == 0)
    table = pd.read_csv(out)
    assert list(table.columns) == ["a", "b", "split", "price"]
    assert np.allclose(table["price"], pd.read_csv(files / "price.csv")["price"])
    again = load_csv(out)
    assert again.target_name == "price" and again.n_inputs == 2 and again.test_mask.sum() == 17


def test_the_window_exports_predictions(window, qtbot, files, tmp_path):
    from nnplay.ui.predictions_action import export_predictions

    assert window.controller.load_csv(str(files / "peng.csv"))
    qtbot.waitUntil(lambda: window.controller.run_info is not None
                    and window.controller.run_info.data.name == "peng", timeout=10000)
    done, out = [], tmp_path / "win.csv"
    assert export_predictions(window, str(out), done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert done == [True] and not window.errors
    assert list(pd.read_csv(out).columns)[:4] == ["bill", "island", "Species", "prediction"]
