"""An option that does nothing for the chosen built-in data set is refused in one line naming it, never
accepted in silence: `nnplay export-data --dataset xor --classes 5` wrote xor's two classes and said nothing.
A table over every data set and every option of the generator, for export-data and train alike."""

import csv

import pytest

from nnplay.data import DATASETS
from tests.cli_run import nnplay

# option -> its value typed, and whether it applies to a data set (takes_k: spiral-k, blobs-k)
OPTIONS = {"--classes": ("5", lambda takes_k: takes_k), "--noise": ("0.2", lambda takes_k: True),
           "--seed": ("3", lambda takes_k: True)}
TABLE = [(command, name, option) for command in ("export-data", "train") for name in DATASETS for option in OPTIONS]


def _run(command: str, name: str, option: str, out):
    start = ["export-data", "--out", out] if command == "export-data" else ["train", "--epochs", "0"]
    return nnplay(*start, "--dataset", name, option, OPTIONS[option][0])


@pytest.mark.parametrize("command,name,option", TABLE, ids=[f"{c}-{n}{o}" for c, n, o in TABLE])
def test_an_option_is_refused_for_a_data_set_it_does_nothing_for(tmp_path, command, name, option):
    out = tmp_path / "d.csv"
    r = _run(command, name, option, out)
    if OPTIONS[option][1](DATASETS[name][1]):
        assert r.returncode == 0, r.stderr
        if command == "export-data" and option == "--classes":  # it did what it says: 5 classes written
            with open(out, newline="") as f:
                assert {row["label"] for row in csv.DictReader(f)} == {"0", "1", "2", "3", "4"}
        return
    regression = DATASETS[name][2].startswith("regression")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith(f"nnplay: error: argument {option}: applies to spiral-k and blobs-k; '{name}' "
                               f"{'is a regression set (no classes)' if regression else 'has fixed classes'}, "
                               f"got '{OPTIONS[option][0]}'"), r.stderr
    assert not out.exists()  # refused before any work


def test_classes_typed_at_their_default_is_still_refused(tmp_path):
    r = nnplay("export-data", "--dataset", "xor", "--classes", "3", "--out", tmp_path / "x.csv")
    assert r.returncode == 2 and "argument --classes" in r.stderr and "got '3'" in r.stderr, r.stderr
    assert nnplay("export-data", "--dataset", "xor", "--out", tmp_path / "x.csv").returncode == 0  # (left out: fine)
