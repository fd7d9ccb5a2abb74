"""`nnplay train`: train headless and print the result (--save FILE.nnplay keeps the run)."""

from __future__ import annotations

import json
import math
import sys
import time

from ..numbers import epoch_rate
from ..write_errors import cannot_write
from ..failures import RunFailure
from .base import EXIT_DIVERGED, EXIT_OK, OptionError, blamed_on, check_writable, layers, setting
from .import_flags import add_import_options, import_options
from .given_flags import config_error, merge_settings, settings_onto_data_options, track_given
from .train_flags import check_flags, check_flags_against_data, naming_the_flag, note_batch_size
from ..numbers import count, format_number
from ..user_text import file_name


def register(sub) -> None:
    t = sub.add_parser("train", help="train headless and print the result",
                       description="Train a network headless and print the final losses and accuracies.")
    add_run_options(t)
    t.add_argument("--json", action="store_true", help="print one JSON object on one line")
    t.add_argument("--save", metavar="FILE.nnplay",
                   help="write the trained run as a session (the window opens it; nnplay render draws it)")
    t.add_argument("--predictions", metavar="OUT.csv",
                   help="write the model's predictions on every example as CSV (inputs, target, prediction, "
                        "class probabilities, split)")
    t.set_defaults(run=naming_the_flag(run))  # a setting's range error names its flag (train_flags)


def add_run_options(t, epochs: int = 500, epochs_help: str = "epochs to train (default 500)") -> None:
    """The options that say what to train: data, network, optimizer, epochs (shared by train and lr-find)."""
    from ..data import CLASSES_MAX, CLASSES_MIN, DATASETS
    from ..engine import ACTIVATIONS, INITIALIZERS, LOSSES, OPTIMIZERS

    track_given(t)  # which options were typed: they override --settings, their defaults do not
    src = t.add_mutually_exclusive_group()
    src.add_argument("--dataset", default="circle", choices=list(DATASETS), help="a built-in data set (default circle)")
    src.add_argument("--data", metavar="FILE.csv", help="your own CSV: input columns and a label/y/target column")
    add_import_options(t)  # --task, --target, --columns, --ignore, --categorical, --na... (shared with the window)
    t.add_argument("--classes", type=setting("classes"), default=3,
                   help=f"classes for spiral-k and blobs-k, {CLASSES_MIN}..{CLASSES_MAX} (default 3)")
    t.add_argument("--noise", type=setting("noise"), default=0.0, help="noise 0..0.5 (default 0)")
    t.add_argument("--train-ratio", type=setting("train_ratio"), default=0.5,
                   help="fraction used for training (default 0.5)")
    t.add_argument("--features", default=None,
                   help="input features for 2-D data: x1,x2,x1^2,x2^2,x1x2,sin_x1,sin_x2 (default x1,x2)")
    t.add_argument("--layers", type=layers, default=(4, 2), help="hidden layer sizes, e.g. 4,2; '' for none")
    t.add_argument("--activation", default="tanh", choices=list(ACTIVATIONS))
    t.add_argument("--loss", default="auto", choices=["auto", *LOSSES],
                   help="bce, ce, mse or tanh_mse (default: bce for 2 classes, ce for more, mse for regression)")
    t.add_argument("--optimizer", default="sgd", choices=list(OPTIMIZERS))
    t.add_argument("--init", default="auto", choices=["auto", *INITIALIZERS])
    t.add_argument("--lr", type=setting("lr"), default=0.03, help="learning rate (default 0.03)")
    t.add_argument("--l1", type=setting("l1"), default=0.0, help="L1 regularisation rate")
    t.add_argument("--l2", type=setting("l2"), default=0.0, help="L2 regularisation rate")
    t.add_argument("--batch-size", type=setting("batch_size"), default=10, help="examples per step (default 10)")
    t.add_argument("--epochs", type=setting("epochs"), default=epochs, help=epochs_help)
    t.add_argument("--seed", type=setting("seed"), default=0, help="seed for data, split, weights and shuffles")
    t.add_argument("--dtype", default="float64", choices=["float64", "float32"])
    t.add_argument("--standardize", action="store_true", help="scale inputs to zero mean, unit variance")
    t.add_argument("--settings", metavar="TEXT",
                   help="settings text as the window copies it (hidden=2&activation=tanh&freeze=1&dropout=0.2&"
                        "schedule=cosine&clip=1...); options typed beside it override it")


def run(args) -> int:
    from ..training.health import diagnose
    from .diagnose import print_findings

    if args.save is not None:
        check_writable(args.save, ".nnplay", "--save")
    if args.predictions is not None:
        check_writable(args.predictions, ".csv", "--predictions")
    trainer = make_trainer(args)
    config = trainer.config
    started = time.perf_counter()
    _train_with_progress(trainer, args.epochs, show=not args.json and sys.stderr.isatty())
    seconds = time.perf_counter() - started
    result = trainer.metrics()
    rate = trainer.epoch / seconds if seconds else None  # (three significant digits: 0.0192, not 0.0)
    result.update(seconds=round(seconds, 4), epochs_per_second=float(f"{rate:.3g}") if rate is not None else None)
    result.update(regression_figures(trainer))
    result["ranges"] = history_ranges(trainer.history)
    result["health"] = [f.to_dict() for f in diagnose(trainer)]
    if args.json:
        print(json.dumps(result))
    else:
        _print_result(trainer, result)
        print_findings(result["health"])
    if args.save is not None:
        _save_run(trainer, args.save, args.data)
    if args.predictions is not None:
        _write_predictions(trainer, args.predictions)
    if trainer.diverged:
        print(f"nnplay: training diverged at epoch {trainer.diverged_at} (the loss stopped being a finite number); "
              f"try a lower learning rate than {format_number(config.lr)}", file=sys.stderr)
        return EXIT_DIVERGED
    return EXIT_OK


def make_trainer(args):
    """The Trainer the run options (``add_run_options``) describe; ValueError (one line) for bad input."""
    from ..data import generate, load_csv
    from ..training import TrainConfig, Trainer

    if args.epochs < 0:
        raise OptionError("--epochs", "must be 0 or more", args.epochs)
    settings_onto_data_options(args)  # --settings 'dataset=plane' is the data set the flags are checked against
    check_flags(args)
    data = None
    if args.data:
        options = import_options(args)
        with blamed_on("--data"):  # (a message naming its own flag, --target, blamed on it)
            data = load_csv(args.data, options=options)
        check_flags_against_data(args, data)
    elif args.stratify:
        data = generate(args.dataset, args.noise, args.seed, args.classes)
        data.stratify = True
    features = "x1,x2" if args.features is None else args.features
    if args.features and data is not None and data.n_inputs != 2:
        raise OptionError("--features", f"applies to data with two inputs; {file_name(args.data)} has "
                                        f"{count(data.n_inputs, 'input column')}, which are used as they are", args.features)
    fields = merge_settings(args, {
        "dataset": "csv" if args.data else args.dataset, "noise": args.noise, "classes": args.classes,
        "data_seed": args.seed, "train_ratio": args.train_ratio, "features": features, "hidden": args.layers,
        "activation": args.activation, "loss": args.loss, "optimizer": args.optimizer, "lr": args.lr,
        "l1": args.l1, "l2": args.l2, "init": args.init, "batch_size": args.batch_size, "seed": args.seed,
        "dtype": args.dtype, "standardize": args.standardize,
    })
    try:
        config = TrainConfig(**fields)
    except ValueError as exc:  # settings that do not fit together: blamed on the option that set one
        raise config_error(args, exc) from None
    trainer = Trainer(config, data)
    if args.data:  # once every flag is accepted: first what it trains for, then what loading did
        from .target_line import target_line

        for line in (target_line(args.data, options, data), *data.notes):
            print(f"nnplay: {line}", file=sys.stderr)
    note_batch_size(args, len(trainer.train_index))
    return trainer


def _write_predictions(trainer, path: str) -> None:
    from ..training.predictions import write_predictions

    try:
        write_predictions(trainer, path)
    except OSError as exc:
        raise RunFailure(cannot_write(path, exc)) from None  # (its path was checked first: a run-time failure)
    print(f"wrote the predictions to {path}", file=sys.stderr)


def _save_run(trainer, path: str, csv_path: str | None) -> None:
    from pathlib import Path

    from ..training.session import Session, save_session

    source = f"csv:{Path(csv_path).resolve()}" if csv_path else "generated"  # opens from any folder
    try:
        save_session(path, Session(trainer.config, trainer.data, trainer.state_dict(), source))
    except OSError as exc:
        raise RunFailure(cannot_write(path, exc)) from None  # (its path was checked first: a run-time failure)
    print(f"saved the run to {file_name(path)}", file=sys.stderr)


SLOW_EPOCH_S = 2.0  # an epoch longer than this shows its progress batch by batch


def _train_with_progress(trainer, epochs: int, show: bool) -> None:
    """Train ``epochs`` epochs; with ``show``, a progress bar on standard error that moves
    at least every mini-batch when an epoch takes more than SLOW_EPOCH_S (judged by the
    first mini-batch: a 4096-wide network's epoch of a minute is not a frozen terminal).
    Stepping batch by batch (``Trainer.run_steps``) trains the same weights as whole epochs, bit
    for bit: a terminal changes only what is shown."""
    from tqdm import tqdm

    chunk = max(1, min(100, epochs // 100))
    with tqdm(total=epochs, unit="epoch", disable=not show, file=sys.stderr, leave=False) as bar:
        last = trainer.epoch + epochs
        if show and epochs > 0 and _slow_epochs(trainer):
            _train_by_batch(trainer, last, bar)
            return
        left = epochs
        while left > 0 and not trainer.diverged:
            ran = trainer.run(min(chunk, left))
            left -= min(chunk, left)
            bar.update(ran)
            if ran == 0:
                break


def _slow_epochs(trainer) -> bool:
    """Is an epoch of this run longer than SLOW_EPOCH_S? Timed on a copy's first mini-batch step:
    the run itself is trained as a piped run trains it, whole epochs, so a terminal changes
    nothing of the result (stepping it here left its weights 1e-16 off a piped run's)."""
    probe = trainer.copy()
    probe.run_steps(1)  # (the first step also copies the epoch in its order: not timed)
    started = time.perf_counter()
    probe.run_steps(1)
    _, batches = probe.batch_position
    return (time.perf_counter() - started) * batches > SLOW_EPOCH_S


def _train_by_batch(trainer, last_epoch: int, bar) -> None:
    """Step mini-batches until epoch ``last_epoch`` ends (or the run diverges), the bar
    at the epochs done and the fraction of the one under way."""
    first = bar.n
    start = trainer.epoch
    while trainer.epoch < last_epoch and not trainer.diverged:
        taken, _ = trainer.run_steps(1)  # the engine's own steps: the weights of whole epochs, bit for bit
        if taken == 0:
            break
        done, batches = trainer.batch_position
        bar.update(round(first + trainer.epoch - start + done / batches, 3) - bar.n)


def regression_figures(trainer) -> dict:
    """train_r2, test_r2, train_rmse, test_rmse of a regression run (None for
    classification, or for a part without examples); RMSE in the units of the
    file's target, also when it was standardised for training."""
    keys = ("train_r2", "test_r2", "train_rmse", "test_rmse")
    if trainer.data.task == "classification":
        return dict.fromkeys(keys)
    quality = trainer.quality()  # (RMSE in the target's units: Probes.quality)
    out = {}
    for part in ("train", "test"):
        q = quality[part] or {}
        out[f"{part}_r2"] = q.get("r2")
        out[f"{part}_rmse"] = q.get("rmse")
    return out


def history_ranges(history) -> dict:
    """{series: [lowest, highest]} over every epoch of a run (None where n/a),
    read from its bounded history (envelopes keep every extreme)."""
    out = {}
    for name in history.names:
        lo, hi = history.extremes(name)
        out[name] = None if math.isnan(lo) else [lo, hi]
    return out


def _print_result(trainer, r) -> None:
    from ..engine.regularization import zero_weights
    from ..numbers import format_percent

    def fmt(v, pct=False):
        return format_percent(v) if pct else format_number(v, zeros=True)  # (train and test alike: 0.2000 0.1960)

    net = trainer.net
    config = trainer.config
    from ..training.data_summary import treatment_text

    print(f"data      {trainer.data!r}, {len(trainer.train_index):,} train / {len(trainer.test_index):,} test; "
          f"{treatment_text(config, trainer.data)}")
    from ..training.schedules import rate_epoch, schedule_words

    print(f"network   {net!r}, optimizer {trainer.optimizer!r}")
    if config.schedule != "constant":
        print(f"rate      {schedule_words(config.schedule, config.lr, rate_epoch(trainer))}")
    if edits := trainer.describe_edits():
        print(f"edits     {edits}")
    rate = epoch_rate(r["epochs_per_second"] or 0)
    print(f"epochs    {r['epochs']}  ({r['seconds']:.2f} s, {rate} {'epoch' if rate == '1' else 'epochs'}/s)")
    print(f"loss      train {fmt(r['train_loss'])}  test {fmt(r['test_loss'])}  (data loss)")
    if r["penalty"]:
        print(f"penalty   {fmt(r['penalty'])}  (l1 sum|W| + l2/2 sum W^2; objective = data loss + penalty)")
    if net.l1:
        zeros, total = zero_weights(net.weights)
        print(f"weights   {zeros} of {total} are exactly 0")
    if r["train_accuracy"] is not None:
        print(f"accuracy  train {fmt(r['train_accuracy'], True)}  test {fmt(r['test_accuracy'], True)}")
    if trainer.data.task != "classification":
        def opt(v):
            return "n/a" if v is None else fmt(v)
        print(f"R²        train {opt(r['train_r2'])}  test {opt(r['test_r2'])}  (1 is perfect, 0 is predicting the mean)")
        print(f"RMSE      train {opt(r['train_rmse'])}  test {opt(r['test_rmse'])}  (in the target's units)")
