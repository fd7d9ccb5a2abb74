"""An option the window command does not take (``nnplay --lr 0.1``) is named in
one line, with the settings text that sets it in the window where one does, or
as a `nnplay train` option; argparse used to read its value as a subcommand
("argument command: invalid choice: '0.1' (choose from 'train', ...)")."""

from __future__ import annotations

import argparse
import re
import shlex

import pytest

from nnplay.cli import build_parser
from nnplay.training import TrainConfig
from tests.cli_run import nnplay

# every `nnplay train` option that sets a setting, a value for it, and the settings it must come to
SETTINGS = [
    (["--lr", "0.1"], {"lr": 0.1}),
    (["--lr=0.3"], {"lr": 0.3}),
    (["--features", "x1"], {"features": ("x1",)}),
    (["--data", "x.csv", "--layers", "8"], {"hidden": (8,)}),
    (["--layers", "4,2"], {"hidden": (4, 2)}),
    (["--activation", "relu"], {"activation": "relu"}),
    (["--optimizer", "adam"], {"optimizer": "adam"}),
    (["--batch-size", "30"], {"batch_size": 30}),
    (["--seed", "3"], {"seed": 3, "data_seed": 3}),
    (["--standardize"], {"standardize": True}),
    (["--dataset", "spiral"], {"dataset": "spiral"}),
    (["--noise", "0.2"], {"noise": 0.2}),
    (["--train-ratio", "0.7"], {"train_ratio": 0.7}),
]


@pytest.mark.parametrize("argv, expected", SETTINGS)
def test_a_train_setting_given_to_the_window_says_the_settings_text_that_sets_it(argv, expected):
    r = nnplay(*argv)
    assert r.returncode == 2 and r.stdout == "" and "invalid choice" not in r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 1
    option = next(a for a in argv if a.startswith("--") and a != "--data").split("=")[0]
    assert lines[0].startswith(f"nnplay: error: argument {option}: the window has no such option: set it with --settings ")
    assert lines[0].endswith(" (see nnplay --help)")
    text = shlex.split(re.search(r"--settings (.+?) \(or train", lines[0]).group(1))[0]
    config = TrainConfig().with_changes(**TrainConfig.text_patch(text))  # a settings text the window takes
    assert {k: getattr(config, k) for k in expected} == expected


def _train_options() -> list[str]:
    train = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices["train"]
    return sorted({s for a in train._actions for s in a.option_strings if s.startswith("--") and s != "--help"})


@pytest.mark.parametrize("option", ["--epochs", "--json", "--save", "--predictions"])
def test_a_train_only_option_is_said_to_be_one(option):
    r = nnplay(option, "5") if option != "--json" else nnplay(option)
    assert r.returncode == 2
    assert re.fullmatch(f"nnplay: error: argument {option}: is an option of nnplay train, not of the window"
                        r"(, got '.*')? \(see nnplay --help\)\n", r.stderr), r.stderr


def test_every_train_option_given_to_the_window_is_named_not_read_as_a_subcommand():
    window_options = {"--settings", "--data", "--lesson", "--session", "--smoke", "--version"}
    for option in _train_options():
        r = nnplay(option, "1")
        assert r.returncode == 2 and len(r.stderr.splitlines()) == 1, option
        if option not in window_options and not option.startswith("--na") and option not in (
                "--target", "--columns", "--ignore", "--categorical", "--task", "--stratify", "--standardize-target"):
            assert option in r.stderr and "invalid choice" not in r.stderr, (option, r.stderr)


def test_an_unknown_option_is_named_and_a_subcommand_still_says_its_own():
    assert nnplay("--foo").stderr == "nnplay: error: argument --foo: the window has no such option (see nnplay --help)\n"
    assert nnplay("train", "--foo").stderr == "nnplay: error: unrecognized arguments: --foo (see nnplay train --help)\n"
