"""Every pair of `nnplay`'s window start options: allowed together, or refused
in one line naming both (exit 2) before the window is built; never one of
them silently ignored."""

from __future__ import annotations

import itertools

import pytest

from nnplay import cli
from nnplay.cli.start_options import CONFLICTS
from tests import test_start_checks
from tests.test_start_checks import CSV, one_line_error

opened = test_start_checks.opened  # the fixture: what main would open the window with

OPTIONS = ("--data", "--settings", "--lesson", "--session", "FILE")
# the pairs that may go together, and what the window then opens with (checked below)
ALLOWED = {("--data", "--settings")}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A CSV file and a saved session (trained by `nnplay train`, 2 epochs)."""
    from tests.cli_run import nnplay

    folder = tmp_path_factory.mktemp("start")
    (folder / "d.csv").write_text(CSV, encoding="utf-8")
    r = nnplay("train", "--dataset", "xor", "--epochs", "2", "--save", folder / "run.nnplay")
    assert r.returncode == 0, r.stderr
    return folder


def _argv(option: str, files) -> list[str]:
    return {"--data": ["--data", str(files / "d.csv")], "--settings": ["--settings", "lr=0.1"],
            "--lesson": ["--lesson", "linear-circle"], "--session": ["--session", str(files / "run.nnplay")],
            "FILE": [str(files / "run.nnplay")]}[option]


@pytest.mark.parametrize("option", OPTIONS)
def test_each_option_alone_opens_the_window_or_names_the_option_to_use(option, files, opened, capsys):
    code = cli.main(_argv(option, files))
    if option == "FILE":  # nnplay run.nnplay: the option that opens it is named
        assert code == 2 and "nnplay --session" in one_line_error(capsys) and not opened
    else:
        assert code == 0 and opened


@pytest.mark.parametrize("first,second", list(itertools.combinations(OPTIONS, 2)))
def test_every_pair_of_start_options(first, second, files, opened, capsys):
    code = cli.main(_argv(first, files) + _argv(second, files))
    if (first, second) in ALLOWED:
        assert code == 0 and opened["csv"] is not None and opened["config"].lr == 0.1
        return
    assert code == 2 and not opened
    line = one_line_error(capsys)
    if "FILE" in (first, second):
        assert "is not a subcommand" in line
    else:
        assert first in line and second in line, line


def test_the_conflict_table_covers_every_refused_pair():
    named = {frozenset(pair[:2]) for pair in CONFLICTS}
    options = [o for o in OPTIONS if o != "FILE"]
    assert named == {frozenset(p) for p in itertools.combinations(options, 2)} - {frozenset(p) for p in ALLOWED}


@pytest.mark.parametrize("settings", ["dataset=spiral", "dataset=moons&lr=0.1"])
def test_settings_naming_another_data_set_than_the_file_is_refused(settings, files, opened, capsys):
    assert cli.main(["--data", str(files / "d.csv"), "--settings", settings]) == 2 and not opened
    line = one_line_error(capsys)
    assert line.startswith("nnplay: error: argument --settings: names dataset=") and "--data" in line and "d.csv" in line


def test_a_session_opens_with_its_own_settings_and_an_absolute_path(files, opened, monkeypatch):
    monkeypatch.chdir(files)
    assert cli.main(["--session", "run.nnplay"]) == 0
    assert opened["session"] == str((files / "run.nnplay").resolve()) and opened["config"].dataset == "xor"


def test_a_session_that_cannot_be_read_is_one_line(files, opened, capsys):
    assert cli.main(["--session", str(files / "none.nnplay")]) == 2 and not opened
    assert "none.nnplay: cannot read" in one_line_error(capsys)


def test_a_csv_run_s_session_starts_the_window_on_a_built_in_set_then_opens(files, opened):
    from tests.cli_run import nnplay

    r = nnplay("train", "--data", files / "d.csv", "--epochs", "1", "--save", files / "csv.nnplay")
    assert r.returncode == 0, r.stderr
    assert cli.main(["--session", str(files / "csv.nnplay")]) == 0
    assert opened["config"].dataset != "csv" and opened["session"] == str((files / "csv.nnplay").resolve())
