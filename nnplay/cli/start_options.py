"""Which of `nnplay`'s window start options may be given together.

Each of ``--lesson``, ``--session`` and ``--data`` brings its own run, and
``--settings`` sets a run's settings: two that would each decide the same
thing are refused in one line naming both (exit 2), never one silently
ignored. Allowed: ``--data`` with ``--settings`` (a CSV run's copied settings,
``dataset=csv``; a settings text naming another data set is refused), and
``--smoke`` with any of them.
"""

from __future__ import annotations

from ..user_text import shown
from .base import OptionError

# (the option, the other option, what the first already decides): every pair that cannot go together
CONFLICTS = (
    ("--lesson", "--data", "a lesson sets up its own data set"),
    ("--lesson", "--settings", "a lesson sets up its own settings"),
    ("--session", "--data", "a session holds its own data"),
    ("--session", "--settings", "a session holds its own settings"),
    ("--session", "--lesson", "a session holds its own run"),
)
FILE_SUFFIXES = {".csv": "--data", ".tsv": "--data", ".txt": "--data", ".nnplay": "--session", ".toml": "--lesson"}


def given(args) -> set[str]:
    """The window start options given in the parsed ``args`` ('--data', ...)."""
    return {f"--{name}" for name in ("data", "settings", "lesson", "session") if getattr(args, name, None) is not None}


def check_together(args) -> None:
    """OptionError (one line naming both options, as argparse's "not allowed with argument") when two
    given start options contradict each other (``CONFLICTS``)."""
    options = given(args)
    for first, other, why in CONFLICTS:
        if first in options and other in options:
            raise OptionError(other, f"not allowed with argument {first} ({why}; give one of them)",
                              getattr(args, other[2:]))


def data_set_contradiction(patch: dict, path: str) -> str:
    """The refusal (an OptionError of --settings) when the settings text's ``patch`` names a data set
    other than the CSV file ``path`` given with --data; None when it does not."""
    dataset = patch.get("dataset", "csv")
    if dataset == "csv":
        return None
    return OptionError("--settings", f"names dataset={dataset} but --data gives the file {shown(path)}: drop one "
                                     f"of them (a CSV file's settings say dataset=csv)", f"dataset={dataset}")


def file_given_alone(word: str) -> str:
    """The one-line refusal for a file named without its option (``nnplay run.nnplay``), in argparse's
    words for a word that is not a subcommand: which option opens it; "" when ``word`` does not look like a file."""
    from pathlib import Path

    option = FILE_SUFFIXES.get(Path(word).suffix.lower())
    if option is None:
        return ""
    return str(OptionError("command", f"a file is not a subcommand: to open it, give it as nnplay {option} {word}",
                           word))
