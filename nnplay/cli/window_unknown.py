"""The refusal of an option the window command does not take (``nnplay --lr 0.1``):
argparse read the option's value as a subcommand ("invalid choice: '0.1'").
Instead one line names the option and, for a `nnplay train` option that sets a
setting, how to set it in the window (``--settings 'lr=0.1'``), else that it is
a `nnplay train` option."""

from __future__ import annotations

import argparse
import shlex

from .base import OptionError
from .given_flags import FIELD_OPTIONS


def _train_parser(parser: argparse.ArgumentParser) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices.get("train")
    return None


def _setting_text(action: argparse.Action, value: str | None) -> str:
    """'lr=0.1' for the train option ``action`` given ``value``; "" when it sets no window setting."""
    fields = [field for field, dests in FIELD_OPTIONS.items() if action.dest in dests]
    if not fields or action.dest == "data":  # (--data is the window's own option)
        return ""
    if action.nargs == 0:  # an on/off option: --standardize
        return "&".join(f"{field}=1" for field in fields)
    return "&".join(f"{field}={value if value is not None else '…'}" for field in fields)


def unknown_window_option(rest: list[str], parser: argparse.ArgumentParser) -> str:
    """The one-line refusal when ``rest`` (what the window's own options left of
    the command line) begins with an option and names no subcommand; "" otherwise (argparse
    then says what is wrong). ``parser``: the whole `nnplay` parser."""
    if not rest or not rest[0].startswith("-") or rest[0] == "-":
        return ""
    subcommands = next((a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)), {})
    if any(word in subcommands for word in rest):
        return ""
    option, _, inline = rest[0].partition("=")
    train = _train_parser(parser)
    action = None if train is None else train._option_string_actions.get(option)
    if action is None:
        return str(OptionError(option, "the window has no such option"))
    value = inline or (rest[1] if action.nargs != 0 and len(rest) > 1 else None)
    text = _setting_text(action, value)
    if text:
        return str(OptionError(option, f"the window has no such option: set it with --settings {shlex.quote(text)} "
                                       f"(or train headless: nnplay train {option}{' …' if action.nargs != 0 else ''})",
                               value))
    return str(OptionError(option, "is an option of nnplay train, not of the window", value))
