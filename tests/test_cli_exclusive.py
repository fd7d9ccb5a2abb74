"""Options that cannot both count are refused in one line, exit 2, as argparse
refuses two exclusive ones ("argument --FLAG: ..."): a single-value option given
twice (every one of every subcommand, found from the parsers themselves), and a
combination a subcommand would silently ignore."""

from __future__ import annotations

import argparse
import contextlib
import io

import pytest

from nnplay.cli import build_parser
from tests.cli_run import nnplay

CANDIDATES = ("1", "3", "100", "0.5", "4,2", "a.csv", "a.nnplay", "out.png", "output", "x", "100x100", "spiral")


def _parse(parser, argv) -> tuple[int | None, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            parser.parse_known_args(argv)
        except SystemExit as exc:
            return exc.code, err.getvalue()
    return None, err.getvalue()


def _value_options():
    """(command words, option, a value it takes) for every single-value option of nnplay and its subcommands."""
    top = build_parser()
    parsers = [((), top)]
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            parsers += [((name,), p) for name, p in action.choices.items()]
    found = []
    for words, parser in parsers:
        for action in parser._actions:
            if isinstance(action, argparse._StoreAction) and action.option_strings:
                option = action.option_strings[-1]
                values = [str(c) for c in action.choices or ()][:1] or CANDIDATES
                for value in values:
                    code, err = _parse(parser, [option, value])
                    if code is None or "required" in err:
                        found.append((words, option, value))
                        break
                else:
                    raise AssertionError(f"no value found for {' '.join(words)} {option}")
    return found


OPTIONS = _value_options()


def test_every_subcommand_has_value_options_to_check():
    commands = {words for words, _, _ in OPTIONS}
    assert {(), ("train",), ("render",), ("bench",), ("lr-find",), ("export-data",), ("export-torch",)} <= commands
    assert len(OPTIONS) > 40


@pytest.mark.parametrize("words,option,value", OPTIONS, ids=[" ".join([*w, o]) for w, o, _ in OPTIONS])
def test_a_value_option_given_twice_is_refused(words, option, value):
    r = nnplay(*words, option, value, option, value)
    assert r.returncode == 2
    assert r.stderr.startswith(f"nnplay: error: argument {option}: given twice; give it once")
    assert r.stderr.count("\n") == 1


@pytest.mark.parametrize("argv,flag", [
    (("bench", "--quick", "--soak", "1"), "--quick"),
    (("bench", "--soak", "1", "--gui"), "--gui"),
    (("bench", "--soak", "1", "--large"), "--large"),
    (("bench", "--soak-start", "100"), "--soak-start"),
    (("bench", "--quick", "--soak-start", "100"), "--soak-start"),
    (("lessons", "--goals", "spiral-depth"), "--goals"),
    (("lessons", "--goals", "--check"), "--goals"),
])
def test_an_ignored_combination_is_refused(argv, flag):
    r = nnplay(*argv)
    assert r.returncode == 2 and r.stderr.startswith(f"nnplay: error: argument {flag}: ")
    assert r.stderr.count("\n") == 1 and not r.stdout
