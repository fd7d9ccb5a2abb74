"""`nnplay train`'s flags that do not apply are refused, never silently ignored.

Which flags the user typed (also those typed with their default value, `--na
refuse`) is recorded by ``given_flags.track_given``; ``check_flags`` refuses,
before anything is read, a flag that cannot apply to the data source chosen
(`--target` without `--data`, `--noise` with it, `--classes` for a set of
fixed classes, `--stratify` for a regression set, a column named twice...);
``check_flags_against_data`` refuses, once the CSV is read, a flag its data
make meaningless (`--stratify` or `--standardize-target` against the task,
`--train-ratio` against a file with its own split column); a settings text
naming another data set than `--data` or `--dataset` is refused as well
(``check_data_source``). ``naming_the_flag``
turns a setting's range error (from TrainConfig or Trainer) into one naming
the flag. Every refusal is an OptionError of one line naming the flag, as argparse
words one; the CLI prints it and exits 2.
"""

from __future__ import annotations

import functools
import sys

from ..numbers import count, counted
from ..user_text import file_name, shown
from .base import OptionError, as_option_error, typed
from .given_flags import given as typed_dests

DATA_FLAGS = ("task", "target", "columns", "ignore", "categorical", "na", "standardize_target")
GENERATOR_FLAGS = ("noise", "classes")
# the words a setting's error begins with -> the flag that sets it
SETTING_FLAGS = (("noise", "--noise"), ("train ratio", "--train-ratio"), ("hidden", "--layers"),
                 ("at most 64 hidden", "--layers"), ("learning rate", "--lr"), ("L1 rate", "--l1"),
                 ("L2 rate", "--l2"), ("batch size", "--batch-size"), ("data seed", "--seed"), ("seed", "--seed"),
                 ("classes", "--classes"), ("loss", "--loss"), ("unknown feature", "--features"),
                 ("choose at least one input feature", "--features"), ("feature transforms", "--features"))


def flag(dest: str) -> str:
    return "--" + dest.replace("_", "-")


def given(args, dest: str) -> bool:
    """Whether the flag of ``dest`` was typed (given_flags.track_given records them)."""
    return dest in typed_dests(args)


def _typed(args, dest: str):
    """What was typed for the option of ``dest`` (None for an on/off one: nothing to repeat)."""
    return typed(args, dest)


def check_data_source(args) -> None:
    """Refuse a settings text that names another data set than ``--data`` or a
    typed ``--dataset`` (the typed flag used to win in silence: a CSV trained
    where the text said spiral)."""
    if getattr(args, "settings", None) is None:
        return
    from ..training import TrainConfig

    named = TrainConfig.text_patch(args.settings).get("dataset")
    if named is None:
        return
    if args.data and named != "csv":
        raise OptionError("--settings", f"names dataset={named} and --data the file {file_name(args.data)}: two data "
                                        "sets; give one (leave dataset= out of the text, or --data out)", f"dataset={named}")
    if not args.data and given(args, "dataset") and named != args.dataset:
        raise OptionError("--settings", f"names dataset={named} and --dataset {args.dataset}: two data sets; give "
                                        "one (leave dataset= out of the text, or --dataset out)", f"dataset={named}")


def check_classes_apply(args) -> None:
    """Refuse a typed ``--classes`` for a built-in ``--dataset`` whose classes are fixed (xor has two) or that
    has none (plane): the option did nothing. `nnplay train` and `nnplay export-data` alike."""
    from ..data import DATASETS
    from ..data.dataset import REGRESSION

    if given(args, "classes") and not DATASETS[args.dataset][1]:
        sets = " and ".join(name for name, (_f, k, _d) in DATASETS.items() if k)
        has = "is a regression set (no classes)" if DATASETS[args.dataset][2].startswith(REGRESSION) else "has fixed classes"
        raise OptionError("--classes", f"applies to {sets}; {args.dataset!r} {has}", _typed(args, "classes"))


def check_flags(args) -> None:
    """Refuse flags that cannot apply to ``--data`` or ``--dataset`` (see the module doc)."""
    from ..data import DATASETS
    from ..data.dataset import REGRESSION

    check_data_source(args)

    if not args.data:
        for dest in DATA_FLAGS:
            if given(args, dest):
                raise OptionError(flag(dest), f"applies to your own CSV (--data FILE.csv); the built-in data set "
                                              f"{args.dataset!r} has fixed columns", _typed(args, dest))
        check_classes_apply(args)
        if args.stratify and DATASETS[args.dataset][2].startswith(REGRESSION):
            raise OptionError("--stratify", f"keeps each class's share, but {args.dataset!r} is a regression set "
                                            "(no classes)")
        return
    for dest in GENERATOR_FLAGS:
        if given(args, dest):
            raise OptionError(flag(dest), f"applies to the built-in data sets (--dataset); the rows of "
                                          f"{file_name(args.data)} are used as they are", _typed(args, dest))
    if given(args, "columns") and given(args, "ignore"):  # (a name given twice is refused by the loader)
        both = [n for n in args.ignore if n in args.columns]
        if both:
            raise OptionError("--ignore", f"names {shown(both[0])}, which --columns lists as an input",
                              ",".join(args.ignore))
    if args.task == "classification" and args.standardize_target:
        raise OptionError("--standardize-target", "applies to a regression target; --task is classification")
    if args.task == "regression" and args.stratify:
        raise OptionError("--stratify", "keeps each class's share; --task regression has no classes")


def check_flags_against_data(args, data) -> None:
    """Refuse flags the CSV's data make meaningless (see the module doc); note a clipped --batch-size."""
    from ..data.dataset import CLASSIFICATION

    what = f"the target of {file_name(args.data)} is read as {count(data.n_classes, 'class', 'classes')}" if data.task == CLASSIFICATION \
        else f"the target of {file_name(args.data)} is read as a quantity (regression)"
    if args.standardize_target and data.task == CLASSIFICATION:
        raise OptionError("--standardize-target", f"applies to a regression target; {what} "
                                                  "(--task regression reads it as a quantity)")
    if args.stratify and data.task != CLASSIFICATION:
        raise OptionError("--stratify", f"keeps each class's share; {what}")
    if data.test_mask is not None:
        for dest in ("train_ratio", "stratify"):
            if given(args, dest):
                raise OptionError(flag(dest), f"does not apply: {file_name(args.data)} has a 'split' column that fixes "
                                              "which rows are train and test (ignore it with --ignore split to split "
                                              "anew)", _typed(args, dest))


def note_batch_size(args, n_train: int) -> None:
    """As scikit-learn warns: a --batch-size over the training examples is clipped (one full batch)."""
    if given(args, "batch_size") and args.batch_size > n_train > 0:
        print(f"nnplay: --batch-size {counted(args.batch_size)} is more than the {count(n_train, 'training example')}: "
              "each step uses all of them (full batch)", file=sys.stderr)


def naming_the_flag(run):
    """``run`` whose setting range errors ("learning rate must be ...", from
    TrainConfig or Trainer) name the flag: "--lr: learning rate must be ..."."""
    @functools.wraps(run)
    def wrapped(args):
        try:
            return run(args)
        except ValueError as exc:
            if isinstance(exc, OptionError):
                raise
            text = str(exc)
            for words, name in SETTING_FLAGS:
                if text.lower().startswith(words.lower()):
                    raise OptionError(name, text) from None
            # anything else is about the run's data (a DataError names its file, line and column already)
            raise as_option_error(exc, "--data" if args.data else "--dataset") from None
    return wrapped
