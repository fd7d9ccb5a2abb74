"""The paths the command line writes: checked before any work, stored absolute."""

from __future__ import annotations

from nnplay.training.session import load_session
from tests.cli_run import nnplay

CSV = "x1,x2,label\n0,1,0\n1,0,1\n0,0,0\n1,1,1\n0.5,0.2,0\n0.1,0.9,1\n"


def test_a_saved_run_keeps_its_csv_as_an_absolute_path(tmp_path, monkeypatch):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "d.csv").write_text(CSV, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = nnplay("train", "--data", "t/d.csv", "--epochs", "1", "--save", "run.nnplay")
    assert r.returncode == 0, r.stderr
    assert load_session(tmp_path / "run.nnplay").source == f"csv:{tmp_path.resolve() / 't' / 'd.csv'}"
