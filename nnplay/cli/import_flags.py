"""The options that say how to read a CSV (``--target``, ``--columns``,
``--ignore``, ``--categorical``, ``--na``, ``--task``,
``--standardize-target``, ``--stratify``): one argparse group shared by
`nnplay train` (and lr-find) and the window command (`nnplay --data FILE.csv`),
so that a loader's message naming one of them (``--na drop``) names an option
of the command the user typed."""

from __future__ import annotations

from .base import names

IMPORT_DESTS = ("task", "target", "columns", "ignore", "categorical", "na", "standardize_target", "stratify")


def add_import_options(parser) -> None:
    """Add the CSV import options to ``parser`` (as the group "reading --data FILE.csv")."""
    g = parser.add_argument_group("reading --data FILE.csv")
    g.add_argument("--task", default="auto", choices=["auto", "classification", "regression"],
                   help="for --data: what the target is (default: guessed from its values)")
    g.add_argument("--target", help="for --data: the target column's name (any case) or 0-based index "
                                    "(default: a column named label, y, target or class, else the last)")
    g.add_argument("--columns", type=names, metavar="A,B,...",
                   help="for --data: the input columns (default: every column but the target and those ignored)")
    g.add_argument("--ignore", type=names, default=(), metavar="A,B,...",
                   help="for --data: columns to leave out (an ID column counting 1, 2, 3... is left out unasked)")
    g.add_argument("--categorical", type=names, default=(), metavar="A,B,...",
                   help="for --data: numeric columns to read as categories, one-hot encoded (text columns always are)")
    g.add_argument("--na", default="refuse", choices=["refuse", "drop"],
                   help="for --data: a missing cell (empty, NA, N/A, NaN, ?, null) is an error (refuse, the default) "
                        "or its row is left out (drop; the count is printed)")
    g.add_argument("--standardize-target", action="store_true",
                   help="for --data: scale a regression target to zero mean, unit variance (RMSE stays in its units)")
    g.add_argument("--stratify", action="store_true",
                   help="split train/test keeping each class's share (as scikit-learn's stratify=y)")


def import_defaults() -> dict:
    """Each import option's default, as ``add_import_options`` gives it (dest -> value)."""
    import argparse

    parser = argparse.ArgumentParser(add_help=False)
    add_import_options(parser)
    return {dest: parser.get_default(dest) for dest in IMPORT_DESTS}


def import_options(args):
    """The data.columns.ImportOptions the parsed ``args`` give (messages name the flags)."""
    from ..data.columns import ImportOptions

    return ImportOptions(target=args.target, columns=args.columns, ignore=args.ignore,
                         categorical=args.categorical, na=args.na, task=args.task,
                         standardize_target=args.standardize_target, stratify=args.stratify, flags=True)
