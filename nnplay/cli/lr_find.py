"""`nnplay lr-find [the train options] [--json]`: the learning-rate range test
(Smith 2017, as fastai's lr_find; see training.lr_finder) on the run the train
options describe, after --epochs epochs of training (default 0: from the start)."""

from __future__ import annotations

import json

from ..numbers import count, format_number
from .base import EXIT_OK, OptionError, blamed_on, setting
from .train import add_run_options, make_trainer
from .train_flags import naming_the_flag


def register(sub) -> None:
    f = sub.add_parser("lr-find",
                       help="suggest a learning rate by the range test (Smith 2017, as fastai's learning-rate finder)",
                       description="Grow the learning rate exponentially over a few hundred mini-batches on a "
                                   "copy of the run, and suggest the rate where the smoothed loss falls fastest "
                                   "(never above a tenth of the rate at the lowest loss). Takes nnplay train's "
                                   "options; --lr is ignored.")
    add_run_options(f, epochs=0, epochs_help="epochs to train before the test (default 0: from the start)")
    f.add_argument("--steps", type=setting("steps"), default=None, help="mini-batches in the test (default 200)")
    f.add_argument("--start-lr", type=setting("start_lr"), default=None, help="the first rate (default 1e-6)")
    f.add_argument("--end-lr", type=setting("end_lr"), default=None, help="the last rate (default 10)")
    f.add_argument("--json", action="store_true",
                   help='print {"suggested_lr", "lr": [...], "loss": [...], ...} on one line')
    f.set_defaults(run=naming_the_flag(run))  # a setting's range error names its flag (train_flags)


def run(args) -> int:
    from ..training import lr_finder

    steps = lr_finder.STEPS if args.steps is None else args.steps
    start = lr_finder.START_LR if args.start_lr is None else args.start_lr
    end = lr_finder.END_LR if args.end_lr is None else args.end_lr
    if not end > start:  # (each is positive and finite: their types' ranges)
        raise OptionError("--end-lr", f"the rates must grow from --start-lr {format_number(start)} to a larger end",
                          format_number(end))
    with blamed_on("--steps"):  # before any training
        lr_finder.check_range(start, end, steps)
    trainer = make_trainer(args)
    trainer.run(args.epochs)
    result = lr_finder.find_learning_rate(trainer, start, end, steps)
    if args.json:
        print(json.dumps(result.to_dict()))
        return EXIT_OK
    print(f"range test  {count(len(result.lr), 'mini-batch', 'mini-batches')} of {trainer._batch_size()} from lr {format_number(start)} "
          f"({result.stopped})")
    if result.suggested_lr is None:
        print(f"suggestion  none: {result.no_suggestion}")
    else:
        steepest, lowest = (format_number(v) for v in (result.steepest_lr, result.min_loss_lr))
        print(f"suggestion  lr {format_number(result.suggested_lr)}  (steepest descent at "
              f"{steepest}, lowest loss at {lowest})")
    return EXIT_OK
