"""The `nnplay` command: the window, and headless subcommands.

    nnplay                      open the playground window
    nnplay train ...            train headless and print the result (--save FILE.nnplay keeps the run)
    nnplay render ...           draw one panel of a saved session to a PNG or SVG file, offscreen
    nnplay datasets             list the built-in data sets
    nnplay export-data ...      write a built-in data set as CSV
    nnplay bench ...            measure the engine against its peers, and the live window
    nnplay diagnose FILE        the training-health diagnosis of a saved run, in words
    nnplay lr-find ...          suggest a learning rate by the range test (train's options)
    nnplay export-torch ...     write a saved session as a standalone PyTorch script
    nnplay lessons [NAME]       list the guided lessons, or show one (nnplay --lesson NAME opens it)

Exit codes: 0 success, 1 a lesson's goal not met (lessons --check) or a failure at run time (one line on
stderr naming what failed), 2 bad input (one line on stderr),
3 training diverged.
"""

from __future__ import annotations

import os
import sys

from ..user_text import one_line, shown
from . import bench, datasets, diagnose, export_torch, lessons, lr_find, render, train
from .import_flags import add_import_options
from ..failures import RunFailure
from .base import ERROR_PREFIX, EXIT_BAD_INPUT, EXIT_DIVERGED, EXIT_FAILED, EXIT_OK, Parser

# Each subcommand is a module with register(sub), which adds its parser and sets
# `run` (args -> exit code). A new subcommand is a new module and one entry here.
SUBCOMMANDS = (train, render, datasets, bench, diagnose, lr_find, export_torch, lessons)

__all__ = ["EXIT_BAD_INPUT", "EXIT_DIVERGED", "EXIT_OK", "build_parser", "main"]


def build_parser() -> Parser:
    p = _top_parser()
    sub = p.add_subparsers(dest="command", parser_class=Parser)
    for module in SUBCOMMANDS:
        module.register(sub)
    return p


def _top_parser(parser_class=Parser) -> Parser:
    p = parser_class(prog="nnplay", description="A playground for watching backpropagation train a neural network.",
                     allow_abbrev=False)  # --standardize is a train option, not short for --standardize-target
    p.add_argument("--version", action="version", version=f"nnplay {_version()}")
    p.add_argument("--settings", metavar="TEXT",
                   help="open the window with settings copied from nnplay (Edit > Copy settings)")
    p.add_argument("--lesson", metavar="NAME|FILE.toml",
                   help="open the window with a lesson set up (nnplay lessons lists them; or a lesson file)")
    p.add_argument("--data", metavar="FILE.csv",
                   help="open the window with this CSV file loaded (with --settings: a CSV run's copied settings)")
    p.add_argument("--session", metavar="FILE.nnplay", help="open the window with this saved session")
    p.add_argument("--smoke", action="store_true",
                   help="open the window, train 50 epochs, close and exit 0 (a check that the app works)")
    add_import_options(p)  # how to read --data FILE.csv, as `nnplay train` reads it (one shared group)
    return p


class _NotTheWindow(Exception):
    pass


class _WindowParser(Parser):
    def error(self, message):
        raise _NotTheWindow(message)


def window_args(argv):
    """The parsed options when ``argv`` only opens the window (or asks --version),
    else None. Registering the subcommands loads NumPy (their choices: data sets,
    activations...), which the window's first paint must not wait for."""
    if any(a in ("-h", "--help") for a in argv):
        return None
    try:
        args, rest = _top_parser(_WindowParser).parse_known_args(argv)
    except _NotTheWindow:
        return None
    if rest:
        return None
    args.command = None
    return args


def _version() -> str:
    from .. import __version__
    return __version__


def main(argv=None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # the window trains in a child process, also in a frozen app
    argv = sys.argv[1:] if argv is None else argv
    if "--version" in argv and len(argv) > 1:  # argparse prints the version at once, whatever follows
        _top_parser().error(f"argument --version: takes no other arguments, got "
                            f"{shown(' '.join(a for a in argv if a != '--version'))}")
    args = window_args(argv)
    if args is None and (alone := _file_given_alone(argv)):  # nnplay run.nnplay: which option opens it
        print(f"{ERROR_PREFIX} {one_line(alone)} (see nnplay --help)", file=sys.stderr)
        return EXIT_BAD_INPUT
    parser = None if args is not None else build_parser()  # built once (4-5 ms): the refusal below reads it too
    if parser is not None and (unknown := _unknown_window_option(argv, parser)):  # nnplay --lr 0.1: how to set it
        print(f"{ERROR_PREFIX} {one_line(unknown)} (see nnplay --help)", file=sys.stderr)
        return EXIT_BAD_INPUT
    args = args or parser.parse_args(argv)
    try:
        if args.command is None:
            from .window_start import window_start

            start = window_start(args)  # checked before the window is built: bad input is one line
            return _open_window(start.config, smoke=args.smoke, lesson=start.lesson, csv=start.csv,
                                session=start.session)
        return args.run(args)
    except KeyboardInterrupt:
        print("nnplay: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (nnplay datasets | head): as the Python docs advise,
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no flush error at exit either
        except (OSError, ValueError, AttributeError):  # a stdout with no file behind it
            pass
        return 141  # 128 + SIGPIPE, as a shell reports a killed writer
    except RunFailure as exc:  # a failure at run time (the live window's measure, a write the disk refused): no
        # argument's fault, so none is blamed; one line naming what failed and where
        print(f"nnplay {args.command}: {one_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except ValueError as exc:  # a bad option's value (OptionError), as argparse says it (base.Parser.error); any
        # other ValueError (DataError...) is a fault of the CLI's not naming its option: said in the same frame
        command = " ".join(("nnplay", *([args.command] if args.command else [])))
        print(f"{ERROR_PREFIX} {one_line(exc)} (see {command} --help)", file=sys.stderr)
        return EXIT_BAD_INPUT


def _open_window(config=None, smoke: bool = False, lesson=None, csv=None, session=None) -> int:
    from ..ui.app import run

    return run(config, smoke=smoke, lesson=lesson, **({"csv": csv} if csv else {}),
               **({"session": session} if session else {}))


def _unknown_window_option(argv, parser: Parser) -> str:
    """The refusal of a window option that does not exist (``nnplay --lr 0.1``), or "" (window_unknown);
    ``parser``: the whole `nnplay` parser (``build_parser``)."""
    from .window_unknown import unknown_window_option

    rest = _left_by_window(argv)
    return unknown_window_option(rest, parser) if rest else ""


def _left_by_window(argv) -> list[str]:
    """What the window's own options leave of ``argv`` ([] with --help or --version, or a bad window option)."""
    if any(a in ("-h", "--help", "--version") for a in argv):  # (the top parser would answer them itself)
        return []
    try:
        return _top_parser(_WindowParser).parse_known_args(argv)[1]
    except _NotTheWindow:
        return []


def _file_given_alone(argv) -> str:
    """The refusal of a file named without its option (``nnplay run.nnplay``), or ""."""
    from .start_options import file_given_alone

    rest = _left_by_window(argv)
    return file_given_alone(rest[0]) if rest else ""
