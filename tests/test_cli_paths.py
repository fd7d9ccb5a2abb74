"""The paths the command line writes: checked before any work, stored absolute."""

from __future__ import annotations

from pathlib import Path

import pytest

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


@pytest.fixture(scope="module")
def run_file(tmp_path_factory):
    """A saved run (xor, 2 epochs) for the subcommands that read one."""
    path = tmp_path_factory.mktemp("run") / "run.nnplay"
    r = nnplay("train", "--dataset", "xor", "--epochs", "2", "--save", path)
    assert r.returncode == 0, r.stderr
    return path


# every output option of every subcommand, given a file that cannot be written: (the option, the command)
# (epochs so many that a refusal after the work would not finish: it must come before any)
OUTPUTS = {
    ("train", "save"): ["train", "--epochs", "100000", "--save", "{out}.nnplay"],
    ("train", "predictions"): ["train", "--epochs", "100000", "--predictions", "{out}.csv"],
    ("export-data", "out"): ["export-data", "--dataset", "spiral", "--out", "{out}.csv"],
    ("render", "out"): ["render", "{run}", "--out", "{out}.png"],
    ("render", "out animate"): ["render", "{run}", "--animate", "--epochs", "100000", "--out", "{out}.gif"],
    ("export-torch", "out"): ["export-torch", "{run}", "--out", "{out}.py"],
}
OUTPUT_DESTS = ("out", "save", "predictions", "output")


def test_every_output_option_is_in_the_table():
    """A new subcommand or output option must be added to OUTPUTS (and checked before any work)."""
    from nnplay.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    found = {(name, a.dest) for name, p in sub.choices.items() for a in p._actions if a.dest in OUTPUT_DESTS}
    assert found == {(c, o.split()[0]) for c, o in OUTPUTS}


@pytest.mark.parametrize("where", ["/proc/nnplay-out", "/sys/nnplay-out", "{tmp}/a-folder"])
@pytest.mark.parametrize("key", list(OUTPUTS), ids=" ".join)
def test_an_unwritable_output_is_refused_before_any_work(key, where, run_file, tmp_path):
    (tmp_path / "a-folder.csv").mkdir()  # a name that is a folder
    for suffix in (".nnplay", ".png", ".gif", ".py"):
        (tmp_path / f"a-folder{suffix}").mkdir()
    out = where.format(tmp=tmp_path)
    argv = [a.format(out=out, run=run_file) for a in OUTPUTS[key]]
    r = nnplay(*argv)
    assert r.returncode == 2 and r.stdout == "", (argv, r.stdout)
    assert r.stderr.count("\n") == 1 and "cannot write" in r.stderr
    assert ("nnplay-out" in r.stderr) != ("a-folder" in r.stderr)
    assert r.stderr.startswith("nnplay: error:"), r.stderr


def _fail_after_a_row(monkeypatch):
    """Make csv writing fail part-way (a full disk, say): one row written, then OSError."""
    import csv
    import errno

    real = csv.writer

    class Failing:
        def __init__(self, fh):
            self.w, self.rows = real(fh), 0

        def writerow(self, row):
            self.rows += 1
            if self.rows > 2:
                raise OSError(errno.ENOSPC, "No space left on device")
            self.w.writerow(row)

    monkeypatch.setattr(csv, "writer", Failing)


def test_a_failed_write_leaves_the_old_file_and_no_partial_one(tmp_path, monkeypatch):
    from nnplay.data import generate, write_csv

    out = tmp_path / "d.csv"
    out.write_text("the old file\n", encoding="utf-8")
    _fail_after_a_row(monkeypatch)
    with pytest.raises(OSError):
        write_csv(generate("xor", 0.0, 0, 2), out)
    assert out.read_text(encoding="utf-8") == "the old file\n" and sorted(tmp_path.iterdir()) == [out]


def test_predictions_are_written_whole_or_not_at_all(tmp_path, monkeypatch):
    import pandas as pd

    from nnplay.training import TrainConfig, Trainer
    from nnplay.training.predictions import write_predictions

    trainer = Trainer(TrainConfig(dataset="xor"))
    out = tmp_path / "p.csv"

    def partial(self, path, **kw):
        Path(path).write_text("prediction\n1\n", encoding="utf-8")  # part of it, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", partial)
    with pytest.raises(OSError):
        write_predictions(trainer, out)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    write_predictions(trainer, out)
    assert list(tmp_path.iterdir()) == [out] and "prediction" in out.read_text(encoding="utf-8")
