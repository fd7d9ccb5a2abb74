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
    """ValueError (one line naming both options) when two given start options
    contradict each other (``CONFLICTS``, and --settings naming another data set
    than --data's file)."""
    options = given(args)
    for first, other, why in CONFLICTS:
        if first in options and other in options:
            raise ValueError(f"{first} and {other} cannot go together: {why}; give one of them")


def data_set_contradiction(patch: dict, path: str) -> str:
    """The one-line refusal when the settings text's ``patch`` names a data set
    other than the CSV file ``path`` given with --data; "" when it does not."""
    dataset = patch.get("dataset", "csv")
    if dataset == "csv":
        return ""
    return (f"--settings names dataset={dataset} but --data gives the file {shown(path)}: drop one of them "
            f"(a CSV file's settings say dataset=csv)")


def file_given_alone(word: str) -> str:
    """The one-line refusal for a file named without its option (``nnplay run.nnplay``):
    which option opens it; "" when ``word`` does not look like a file."""
    from pathlib import Path

    option = FILE_SUFFIXES.get(Path(word).suffix.lower())
    if option is None:
        return ""
    return f"{shown(word)} is not a subcommand: to open the file, give it as nnplay {option} {word}"
