"""`nnplay datasets` and `nnplay export-data`: the built-in data sets."""

from __future__ import annotations

import sys

from ..numbers import count
from ..write_errors import cannot_write
from ..failures import RunFailure
from .base import EXIT_OK, check_writable, setting
from .given_flags import track_given


def register(sub) -> None:
    from ..data import CLASSES_MAX, CLASSES_MIN, DATASETS

    sub.add_parser("datasets", help="list the built-in data sets",
                   description="List the built-in data sets, each with what it looks like."
                   ).set_defaults(run=list_datasets)

    e = sub.add_parser("export-data", help="write a built-in data set as CSV",
                       description="Write a built-in data set as CSV (columns x1, x2, label), as the window "
                                   "generates it with the same noise, classes and seed; Load CSV reads it back.")
    track_given(e)  # which options were typed: --classes for a set of fixed classes is refused
    e.add_argument("--dataset", required=True, choices=list(DATASETS), help="the data set to write")
    e.add_argument("--out", required=True, metavar="FILE.csv", help="the CSV file to write")
    e.add_argument("--noise", type=setting("noise"), default=0.0, help="noise 0..0.5, as the window's Noise slider (default 0)")
    e.add_argument("--classes", type=setting("classes"), default=3, help=f"for spiral-k and blobs-k, {CLASSES_MIN}..{CLASSES_MAX} (default 3; "
                                                                      "refused for a set of fixed classes)")
    e.add_argument("--seed", type=setting("data_seed"), default=0, help="the generator's seed (default 0)")
    e.set_defaults(run=export_data)


def list_datasets(args) -> int:
    from ..data import DATASETS
    width = max(map(len, DATASETS))
    for name, (_, _, text) in DATASETS.items():
        print(f"{name:<{width}}  {text}")
    return EXIT_OK


def export_data(args) -> int:
    from ..data import generate, write_csv
    from .train_flags import check_classes_apply

    check_classes_apply(args)  # (an option that does nothing for the data set is refused, never ignored)
    check_writable(args.out, None)  # before any work
    data = generate(args.dataset, args.noise, args.seed, args.classes)
    try:
        write_csv(data, args.out)
    except OSError as exc:
        raise RunFailure(cannot_write(args.out, exc)) from None  # (its path was checked first: a run-time failure)
    print(f"wrote {count(data.n_examples, 'row')} to {args.out}", file=sys.stderr)
    return EXIT_OK
