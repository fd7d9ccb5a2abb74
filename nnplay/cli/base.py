"""What every subcommand shares: exit codes, the one-line-error parser, argument types."""

from __future__ import annotations

import argparse
import math
from contextlib import contextmanager
from pathlib import Path

from ..failures import RunFailure
from ..numbers import read_number
from ..user_text import one_line, shown
from ..write_errors import unwritable

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_DIVERGED = 0, 1, 2, 3  # (1: a run-time failure, failures.RunFailure)


ERROR_PREFIX = "nnplay: error:"  # every bad-input line, from argparse or from a subcommand's checks


class OptionError(ValueError):
    """A bad value of option ``flag`` (or of a positional argument, by its metavar: ``FILE.nnplay``), said
    as argparse says one, so every refusal reads alike: "argument --lr: learning rate must be in (0, 100],
    got '0'" (``main`` adds "(see nnplay train --help)"); ``given``: the text typed, added as ", got '…'"."""

    def __init__(self, flag: str, message, given=None):
        got = f", got {shown(str(given))}" if given is not None else ""
        super().__init__(f"argument {flag}: {message}{got}")


def as_option_error(exc: ValueError, flag: str) -> OptionError:
    """``exc`` (a data, session, lesson or write error, "FILE: what", from below the CLI) as a bad value of
    ``flag``; one that names its own option (``failures.naming_option``: ``--every``, ``d.csv``'s
    ``--target``) is blamed on that option, its fault said from its parts, the file after
    ("argument --target: no column named 'zz' (in d.csv)")."""
    if isinstance(exc, OptionError):
        return exc
    option = getattr(exc, "option", None)
    if option:
        return OptionError(option, exc.what + (f" (in {exc.place})" if exc.place else ""))
    return OptionError(flag, one_line(exc))


@contextmanager
def blamed_on(flag: str):
    """Any ValueError raised within said as a bad value of ``flag`` (``as_option_error``): the one pattern
    of every CLI error, whatever layer refused the input."""
    try:
        yield
    except RunFailure:  # (a write the disk refused: no argument's fault)
        raise
    except ValueError as exc:
        raise as_option_error(exc, flag) from None


EMPTY_ALLOWED = ("layers",)  # options whose empty value means something (--layers '': no hidden layer)


class StoreOnce(argparse._StoreAction):
    """A value option (``--data FILE``) given twice is refused, as argparse says a bad
    value ("argument --data: given twice..."), never the last one silently kept."""

    def __call__(self, parser, namespace, values, option_string=None):
        typed = namespace.__dict__.setdefault("typed_once", set())
        if self.dest in typed:
            raise argparse.ArgumentError(self, "given twice; give it once (the second would replace the first)")
        typed.add(self.dest)
        texts = getattr(parser, "typed_texts", {})
        if self.dest in texts:  # the text as typed, for a refusal after parsing to repeat (``typed``)
            namespace.__dict__.setdefault("typed_text", {})[self.dest] = texts[self.dest]
        super().__call__(parser, namespace, values, option_string)


def typed(args, dest: str):
    """The text typed for the value option of ``dest`` ('3' for ``--fps 3``, 'a,b' for ``--columns a,b``), for a
    refusal made after parsing to repeat what the user typed, not its parsed value ('3.0', "('a', 'b')");
    None when it was not typed or takes no value (an on/off option)."""
    return getattr(args, "typed_text", {}).get(dest)


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.register("action", None, StoreOnce)
        self.register("action", "store", StoreOnce)

    def error(self, message):  # one line and exit 2; the usage is one --help away
        # (argparse's own messages repeat what was typed: a 5,000-character value is shortened)
        self.exit(EXIT_BAD_INPUT, f"{ERROR_PREFIX} {one_line(message)} (see {self.prog} --help)\n")

    def parse_args(self, args=None, namespace=None):
        """As argparse's, but an argument left over after a subcommand is refused
        by that subcommand's parser: its line points to ``nnplay datasets --help``,
        whose usage shows what it takes, not to ``nnplay --help``."""
        parsed, rest = self.parse_known_args(args, namespace)
        if rest:
            self._parser_of(parsed).error(f"unrecognized arguments: {' '.join(rest)}")
        return parsed

    def _parser_of(self, parsed) -> argparse.ArgumentParser:
        """The subcommand's parser ``parsed`` went into (nested ones too), else this one."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                chosen = action.choices.get(getattr(parsed, action.dest, None))
                if isinstance(chosen, Parser):
                    return chosen._parser_of(parsed)
        return self

    def _get_values(self, action, arg_strings):  # (argparse's, the strings kept for StoreOnce: ``typed``)
        if isinstance(arg_strings, list) and action.option_strings:
            self.typed_texts = {**getattr(self, "typed_texts", {}), action.dest: " ".join(arg_strings)}
        return super()._get_values(action, arg_strings)

    def _get_value(self, action, arg_string):  # every value typed passes here: an empty one is refused, not
        # read as if the option were absent (a subcommand's own parser checks its values)
        if not arg_string.strip() and action.dest not in EMPTY_ALLOWED and action.nargs != argparse.PARSER:
            name = "/".join(action.option_strings) or action.metavar or action.dest
            self.error(f"{name} is given an empty value {arg_string!r}")
        return super()._get_value(action, arg_string)


def layers(text: str) -> tuple[int, ...]:
    """--layers 4,2 ('' or none: no hidden layer), read as the settings text and the config read it."""
    from ..training.layer_sizes import layer_sizes

    try:
        return layer_sizes(text)
    except ValueError as refused:  # at once, in argparse's words (not after the data is made)
        raise argparse.ArgumentTypeError(str(refused)) from None


def fraction(text: str) -> float:
    try:
        v = read_number(text)  # 0.003, 3e-3 or 3·10⁻³ (as nnplay prints it)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {shown(text)}")
    if not math.isfinite(v):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {shown(text)}")
    return v


def setting(name: str):
    """An argparse type for the numeric setting ``name`` (a key of ``training.setting_ranges.RANGES``):
    the number, or one line naming the setting, its allowed range and the text given (``--lr nan``:
    "learning rate must be in (0, 100], got 'nan'")."""
    from ..training.setting_ranges import RANGES

    allowed = RANGES[name]

    def parse(text: str):
        try:
            value = int(text) if allowed.integer else read_number(text)  # (3e-3 or 3·10⁻³)
        except ValueError:
            value = None
        if value is None or not allowed.allows(value):
            raise argparse.ArgumentTypeError(allowed.refusal(text))
        return value

    parse.__name__ = name  # (argparse names a type by it)
    return parse


def names(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip())


def minutes(text: str) -> float:
    v = fraction(text)
    if v <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of minutes, got {shown(text)}")
    return v


def check_writable(path: str, suffix: str | tuple[str, ...] | None, flag: str = "--out") -> None:
    """Refuse (ValueError, one line), before any work, an output file name of the
    wrong kind (``suffix``: one, or a tuple of those allowed; None: any; an OptionError
    of option ``flag``, as argparse says a bad value), or a
    place no file can be written, named by its real cause (``write_errors.unwritable``:
    a part of the path that is a file, a missing folder, a name that is a folder,
    a folder that takes no new file)."""
    p = Path(path)
    suffixes = (suffix,) if isinstance(suffix, str) else suffix
    if suffixes and p.suffix.lower() not in suffixes:
        raise OptionError(flag, f"the file must be a {' or '.join(suffixes)} file", path)
    if problem := unwritable(path):
        raise OptionError(flag, problem)
