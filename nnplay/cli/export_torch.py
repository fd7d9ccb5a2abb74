"""`nnplay export-torch`: write a saved session as a standalone PyTorch script."""

from __future__ import annotations

import sys

from ..write_errors import cannot_write
from ..failures import RunFailure
from .base import EXIT_OK, OptionError, blamed_on, check_writable, setting


def register(sub) -> None:
    e = sub.add_parser("export-torch", help="write a saved session as a standalone PyTorch script",
                       description="Write a saved session (.nnplay) as a standalone PyTorch script: importing it "
                                   "builds `model` (torch.nn.Sequential with the run's weights) and the data X, y; "
                                   "running it trains as nnplay does (dropout, frozen and pruned parameters, the "
                                   "schedule and clipping included) and prints the losses. A run it cannot reproduce "
                                   "exactly (float32) is refused. The script needs numpy and torch; nnplay does not.")
    e.add_argument("session", metavar="FILE.nnplay", help="a session saved by the window or nnplay train --save")
    e.add_argument("--out", required=True, metavar="MODEL.py", help="the script to write")
    e.add_argument("--epochs", type=setting("script_epochs"), default=100,
                   help="epochs the script trains when run without an argument (default 100)")
    e.set_defaults(run=run)


def run(args) -> int:
    from ..training.session import open_trainer
    from ..training.torch_export import write_torch_script

    check_writable(args.out, ".py")
    if args.epochs < 1:
        raise OptionError("--epochs", "must be at least 1", args.epochs)
    with blamed_on("FILE.nnplay"):  # SessionError, or a run the script cannot reproduce
        trainer = open_trainer(args.session)
    try:
        write_torch_script(args.out, trainer, args.epochs)
    except OSError as exc:
        raise RunFailure(cannot_write(args.out, exc)) from None  # (its path was checked first: a run-time failure)
    print(f"wrote {args.out}: the run of {args.session} at epoch {trainer.epoch} as a PyTorch script "
          f"(python {args.out} trains it)", file=sys.stderr)
    return EXIT_OK
