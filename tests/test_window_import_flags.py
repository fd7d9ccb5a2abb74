"""`nnplay --data FILE.csv` reads a CSV with the same import options as
`nnplay train` (one shared argparse group), and every refusal names an option
of the command the user typed (the window command once told to use
`nnplay train --na drop`, and had no --na)."""

from __future__ import annotations

import re

import pytest

from nnplay.cli import _top_parser, build_parser, window_args
from nnplay.cli.import_flags import IMPORT_DESTS
from nnplay.cli.window_start import window_start
from nnplay.data.columns import ImportOptions
from nnplay.data.csv_loader import load_csv
from tests.cli_run import nnplay

FIVE = "a,b,label\n1,2,0\n,3,1\n2,2,0\n3,1,1\n1,1,0\n"
# files whose refusals name an import option (the kind: a loader's advice names a flag)
FAULTS = {
    "missing": (FIVE, ()),
    "nan_word": ("a,b,label\n1,NA,0\n2,2,1\n3,1,0\n", ()),
    "bad_target": ("a,b,label\n1,2,0\n2,2,1\n3,1,0\n", ("--target", "zz")),
    "categorical_target": ("a,b,y\n1,2,0.5\n2,2,1.5\n3,1,0.25\n", ("--task", "regression", "--categorical", "y")),
}


def _options(parser) -> set[str]:
    return {s for action in parser._actions for s in action.option_strings}


def _write(tmp_path, name, text):
    path = tmp_path / f"{name}.csv"
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_a_window_refusal_names_only_options_the_window_command_has(tmp_path, name):
    text, extra = FAULTS[name]
    args = window_args(["--data", _write(tmp_path, name, text), *extra])
    assert args is not None, "the window command must accept the import options"
    with pytest.raises(ValueError) as err:
        window_start(args)
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", str(err.value)))
    assert named, str(err.value)  # the advice names an option...
    assert named <= _options(_top_parser()), (named, str(err.value))  # ...that `nnplay` has
    assert "nnplay train" not in str(err.value)


def test_na_drop_opens_the_window_with_the_rows_dropped(tmp_path):
    args = window_args(["--data", _write(tmp_path, "five", FIVE), "--na", "drop"])
    start = window_start(args)
    path, data, _settings = start.csv
    assert len(data.y) == 4 and any("missing" in note for note in data.notes)


def test_train_and_the_window_share_one_import_group():
    train = build_parser()._subparsers._group_actions[0].choices["train"]
    flags = {"--" + d.replace("_", "-") for d in IMPORT_DESTS}
    assert flags <= _options(train) and flags <= _options(_top_parser())


def test_an_import_option_without_data_is_refused_in_one_line():
    r = nnplay("--na", "drop")
    assert r.returncode == 2 and "argument --na: applies to your own CSV" in r.stderr and r.stderr.count("\n") == 1


def test_the_window_s_dialog_words_name_no_flag(tmp_path):
    with pytest.raises(ValueError) as err:
        load_csv(_write(tmp_path, "five", FIVE), options=ImportOptions())
    assert "--na" not in str(err.value) and "import dialog" in str(err.value)
