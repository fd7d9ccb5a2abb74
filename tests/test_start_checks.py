"""Every way of opening the window refuses bad input in one line, exit 2,
before the window is built; settings copied from a CSV run are accepted back
with --data; an option given an empty value is refused naming it."""

from __future__ import annotations

import pytest

import nnplay.cli as cli
from nnplay.training import TrainConfig

CSV = "x1,x2,label\n0,0,a\n0,1,b\n1,0,b\n1,1,a\n0.5,0.2,a\n0.2,0.9,b\n"
BAD_LESSON = ('title = "x"\ntext = "y"\nsetup = "dataset=csv"\nquestion = "q"\nhints = ["h"]\n'
              'explanation = "e"\ngoal = "epoch >= 1"\n')


@pytest.fixture
def opened(monkeypatch):
    """What main would open the window with (the window itself is not built)."""
    seen = {}

    def fake_open(config=None, smoke=False, lesson=None, csv=None, session=None):
        seen.update(config=config, lesson=lesson, csv=csv, session=session)
        return 0

    monkeypatch.setattr(cli, "_open_window", fake_open)
    return seen


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("argv, names", [
    (["--settings", "dataset=csv"], "--data FILE.csv"),
    (["--settings", "lr=0"], "setting 'lr'"),
    (["--settings", "hidden=4,0"], "setting 'hidden'"),
    (["--settings", "batch_size=0"], "setting 'batch_size'"),
    (["--settings", "dataset=plane&loss=ce"], "--settings: loss 'ce' is for classification"),
])
def test_bad_settings_text_is_one_line_before_the_window(argv, names, opened, capsys):
    assert cli.main(argv) == 2
    assert names in one_line_error(capsys)
    assert not opened  # refused before the window was built


def test_a_lesson_whose_setup_needs_a_file_is_refused_naming_the_file(tmp_path, opened, capsys):
    lesson = tmp_path / "bad4.toml"
    lesson.write_text(BAD_LESSON)
    for argv in (["--lesson", str(lesson)], ["lessons", str(lesson)], ["lessons", str(lesson), "--check"]):
        assert cli.main(argv) == 2, argv
        line = one_line_error(capsys)
        assert "bad4.toml" in line and "setup" in line and "dataset=csv" in line
    assert not opened


def test_copied_settings_of_a_csv_run_are_accepted_back_with_the_file(tmp_path, opened):
    path = tmp_path / "pairs.csv"
    path.write_text(CSV)
    copied = TrainConfig(dataset="csv", hidden=(3,), lr=0.1, activation="relu").to_text()  # as Copy settings
    assert cli.main(["--data", str(path), "--settings", copied]) == 0
    file, data, settings = opened["csv"]
    assert file == str(path) and data.n_examples == 6
    assert settings["hidden"] == (3,) and settings["lr"] == 0.1 and "dataset" not in settings
    assert opened["config"].dataset != "csv"  # the window starts on generated data, then loads the file


def test_settings_that_do_not_suit_the_file_are_refused_naming_it(tmp_path, opened, capsys):
    path = tmp_path / "pairs.csv"
    path.write_text(CSV)
    assert cli.main(["--data", str(path), "--settings", "loss=mse"]) == 2  # class labels, squared error
    assert "pairs.csv" in one_line_error(capsys)
    assert not opened


@pytest.mark.parametrize("argv, flag", [
    (["train", "--features", ""], "--features"),
    (["train", "--ignore", " "], "--ignore"),
    (["train", "--target", ""], "--target"),
    (["--settings", ""], "--settings"),
    (["diagnose", ""], "FILE.nnplay"),
])
def test_an_empty_value_is_refused_naming_its_flag(argv, flag, opened, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(argv)
    assert stop.value.code == 2
    assert one_line_error(capsys).startswith(f"nnplay: error: {flag} is given an empty value")


def test_an_empty_layers_value_still_means_no_hidden_layer():
    assert cli.build_parser().parse_args(["train", "--layers", ""]).layers == ()
