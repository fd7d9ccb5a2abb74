"""The Data panel's summary states each setting it describes truthfully: with
Standardize ticked it said the inputs were "used as they are" (meaning: no
features added); now features added or not, and standardised or not, are two
separate, true clauses, and the kind and source match the data."""

from __future__ import annotations

import dataclasses

import pytest

from nnplay.data import generate
from nnplay.training import TrainConfig
from nnplay.training.data_summary import summary

THREE = "a,b,c,label\n" + "".join(f"{i % 5},{(i * 3) % 7},{i % 2 + 0.5},{'xy'[i % 2]}\n" for i in range(40))


def _csv_data(tmp_path):
    from nnplay.data import load_csv

    path = tmp_path / "three.csv"
    path.write_text(THREE, encoding="utf-8")
    return load_csv(path)


@pytest.mark.parametrize("standardize", [False, True])
@pytest.mark.parametrize("features, said", [
    (("x1", "x2"), "spiral: 500 points, 2 classes; no features added"),
    (("x1", "x2", "x1^2"), "2 classes; 1 feature added"),
    (("x1", "x2", "x1^2", "sinx1"), "2 classes; 2 features added"),
    (("x1", "x1^2"), "2 classes; 1 feature added, 1 input left out"),
])
def test_features_and_standardisation_are_both_stated(features, said, standardize):
    config = TrainConfig(dataset="spiral", features=features, standardize=standardize)
    text = summary("spiral", config, generate("spiral", 0.0, 0))
    assert said in text and "as they are" not in text
    assert text.endswith(", standardised" if standardize else ", not standardised")


@pytest.mark.parametrize("standardize", [False, True])
def test_data_with_more_than_two_inputs(tmp_path, standardize):
    data = _csv_data(tmp_path)
    text = summary("three", TrainConfig(dataset="csv", standardize=standardize), data)
    scaled = "standardised" if standardize else "not standardised"
    assert text == f"three: 40 points, 2 classes, loaded from CSV; 3 inputs, no features added, {scaled}"


def test_the_kind_and_source_follow_the_data():
    blobs = generate("blobs-k", 0.0, 0, 4)
    assert "4 classes;" in summary("b", TrainConfig(dataset="blobs-k", classes=4), blobs)  # (its button is checked)
    plane = generate("plane", 0.0, 0)
    assert ", regression;" in summary("p", TrainConfig(dataset="plane"), plane)
    drawn = dataclasses.replace(blobs, edited=True)
    assert "drawn by hand" in summary("b", TrainConfig(dataset="csv"), drawn)


def test_the_panel_says_standardised_when_standardize_is_ticked(window, qtbot, tmp_path):
    c, panel = window.controller, window.data_panel
    path = tmp_path / "three.csv"
    path.write_text(THREE, encoding="utf-8")
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: "three" in panel.info.text(), timeout=20000)
    panel.standardize.setChecked(not panel.standardize.isChecked())
    want = "standardised" if panel.standardize.isChecked() else "not standardised"
    qtbot.waitUntil(lambda: f"no features added, {want}." in panel.info.text(), timeout=20000)
    assert "as they are" not in panel.info.text()


@pytest.mark.parametrize("flags, said", [
    ([], "no features added, not standardised"),
    (["--standardize"], "no features added, standardised"),
    (["--settings", "features=x1,x2,x1^2&standardize=true"], "1 feature added, standardised"),
])
def test_train_s_data_line_says_the_same(flags, said):
    from tests.cli_run import nnplay

    r = nnplay("train", "--dataset", "xor", "--epochs", "1", *flags)
    assert r.returncode == 0, r.stderr
    line = next(l for l in r.stdout.splitlines() if l.startswith("data"))
    assert line.endswith(f"; {said}"), line
