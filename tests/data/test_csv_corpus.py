"""Every file in tests/csv_corpus loads as a person would expect, or is refused
with one DataError line naming the file and the place (EXPECTED.txt says which)."""

import io
import json
from pathlib import Path

import numpy as np
import pytest

from nnplay.data import DataError, load_csv
from tests.cli_run import nnplay

CORPUS = Path(__file__).parents[1] / "csv_corpus"
EXPECTED = [ln.split("\t") for ln in (CORPUS / "EXPECTED.txt").read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")]
BAD = [name for name, exp in EXPECTED if exp.startswith("err:")]
GOOD = [name for name, exp in EXPECTED if exp.startswith("ok:")]


def test_the_corpus_is_large_and_all_listed():
    assert len(EXPECTED) >= 30
    listed = {name for name, _ in EXPECTED}
    assert listed == {p.name for p in CORPUS.iterdir() if p.name != "EXPECTED.txt"}


@pytest.mark.parametrize("name,expectation", EXPECTED, ids=[n for n, _ in EXPECTED])
def test_corpus_file(name, expectation):
    path = CORPUS / name
    if expectation.startswith("ok:"):
        _, task, rows, inputs, classes = expectation.split(":")
        d = load_csv(path)
        assert (d.task, d.n_examples, d.n_inputs, d.n_classes) == (task, int(rows), int(inputs), int(classes))
        assert np.all(np.isfinite(d.X))
    else:
        with pytest.raises(DataError) as err:
            load_csv(path)
        message = str(err.value)
        assert "\n" not in message and message.startswith(str(path)) and expectation[4:] in message


def test_folder_and_missing_file():
    with pytest.raises(DataError, match="is a folder"):
        load_csv(CORPUS)
    with pytest.raises(DataError, match="no such file"):
        load_csv(CORPUS / "not-there.csv")


def test_a_million_rows_load(tmp_path):
    rng = np.random.default_rng(0)
    block = rng.normal(size=(1000, 2)).round(4)  # a thousand rows written a thousand times: a million rows to
    X = np.tile(block, (1000, 1))  # read, without the ten seconds np.savetxt takes to format a million
    y = (X[:, 0] > 0).astype(int)
    rows = io.StringIO()
    np.savetxt(rows, np.column_stack([block, y[:1000]]), delimiter=",", fmt=["%.4f", "%.4f", "%d"])
    path = tmp_path / "million.csv"
    path.write_text("a,b,label\n" + rows.getvalue() * 1000, encoding="utf-8")
    d = load_csv(path)
    assert d.n_examples == 1_000_000 and d.n_classes == 2
    np.testing.assert_allclose(d.X[:5], X[:5])


@pytest.mark.parametrize("name", BAD)
def test_cli_refuses_with_exit_2_and_no_traceback(name):
    r = nnplay("train", "--data", CORPUS / name, "--epochs", "1")
    assert r.returncode == 2, r.stdout
    assert "Traceback" not in r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and name in lines[0]


@pytest.mark.parametrize("name", GOOD[:5])
def test_cli_trains_on_good_files(name):
    r = nnplay("train", "--data", CORPUS / name, "--epochs", "3", "--json", "--train-ratio", "1.0", "--layers", "3")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["epochs"] == 3
