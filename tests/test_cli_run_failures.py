"""Errors carry the option they are about, and a failure at run time blames no argument.

A fault from below the CLI names its option as an attribute (``failures.naming_option``)
and the CLI builds its line from it; nothing parses a message's text for a flag (a
data error's text that begins "--x" is not blamed on --x). A failure while running
(the live window's measure, a write the disk refused after its path was checked) is
one line, "nnplay CMD: what failed", exit code 1, never "argument --gui: ..."."""

from __future__ import annotations

import pytest

from nnplay.cli.base import as_option_error
from nnplay.data.dataset import DataError
from nnplay.failures import naming_option
from tests.cli_run import nnplay


def test_the_option_blamed_is_the_errors_own_never_read_from_its_text():
    marked = naming_option(DataError("d.csv: --target: no column named 'zz'"), "--target", "no column named 'zz'",
                           "d.csv")
    assert str(as_option_error(marked, "--data")) == "argument --target: no column named 'zz' (in d.csv)"
    unmarked = DataError("--every must be at least 1 epoch, got 0")  # words that look like a flag: not parsed
    assert str(as_option_error(unmarked, "FILE.nnplay")) == ("argument FILE.nnplay: --every must be at least 1 "
                                                              "epoch, got 0")


def test_a_column_option_is_blamed_for_its_own_fault(tmp_path):
    csv = tmp_path / "d.csv"
    csv.write_text("a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n", encoding="utf-8")
    r = nnplay("train", "--data", csv, "--categorical", "a", "--ignore", "a", "--epochs", "1")
    assert r.returncode == 2
    assert r.stderr.startswith("nnplay: error: argument --categorical: names 'a', which is not an input"), r.stderr
    assert f"(in {csv})" in r.stderr


@pytest.mark.parametrize("option", ["--save", "--predictions"])
def test_a_write_that_fails_at_run_time_blames_no_argument(tmp_path, monkeypatch, option):
    from nnplay.training import predictions, session

    def refused(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(session, "save_session", refused)
    monkeypatch.setattr(predictions, "write_predictions", refused)
    out = tmp_path / ("run.nnplay" if option == "--save" else "p.csv")
    r = nnplay("train", "--epochs", "1", "--layers", "2", option, out)
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 1, r.stderr
    assert lines[-1].startswith(f"nnplay train: {out}: cannot write:") and "No space left" in lines[-1], r.stderr
    assert "argument" not in r.stderr and "Traceback" not in r.stderr
