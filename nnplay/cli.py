"""The `nnplay` command: the window, and headless subcommands.

    nnplay                      open the playground window
    nnplay train ...            train headless and print the result (--save FILE.nnplay keeps the run)
    nnplay render ...           draw one panel of a saved session to a PNG or SVG file, offscreen
    nnplay datasets             list the built-in data sets
    nnplay export-data ...      write a built-in data set as CSV
    nnplay bench ...            measure the engine against its peers, and the live window

Exit codes: 0 success, 2 bad input (one line on stderr), 3 training diverged.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time

EXIT_OK, EXIT_BAD_INPUT, EXIT_DIVERGED = 0, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line and exit 2; the usage is one --help away
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _layers(text: str) -> tuple[int, ...]:
    text = text.strip()
    if text in ("", "none", "-"):
        return ()
    try:
        sizes = tuple(int(p) for p in text.split(",") if p.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"--layers takes comma-separated whole numbers like 4,2; got {text!r}")
    if any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError(f"layer sizes must be at least 1; got {text!r}")
    return sizes


def _fraction(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}")
    if not math.isfinite(v):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return v


def _names(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip())


def _minutes(text: str) -> float:
    v = _fraction(text)
    if v <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of minutes, got {text!r}")
    return v


def build_parser() -> argparse.ArgumentParser:
    from .data import CLASSES_MAX, CLASSES_MIN, DATASETS
    from .engine import ACTIVATIONS, INITIALIZERS, LOSSES, OPTIMIZERS

    p = _Parser(prog="nnplay", description="A playground for watching backpropagation train a neural network.")
    p.add_argument("--version", action="version", version=f"nnplay {_version()}")
    p.add_argument("--settings", metavar="TEXT",
                   help="open the window with settings copied from nnplay (Edit > Copy settings)")
    p.add_argument("--smoke", action="store_true",
                   help="open the window, train 50 epochs, close and exit 0 (a check that the app works)")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    t = sub.add_parser("train", help="train headless and print the result",
                       description="Train a network headless and print the final losses and accuracies.")
    src = t.add_mutually_exclusive_group()
    src.add_argument("--dataset", default="circle", choices=list(DATASETS), help="a built-in data set (default circle)")
    src.add_argument("--data", metavar="FILE.csv", help="your own CSV: input columns and a label/y/target column")
    t.add_argument("--task", default="auto", choices=["auto", "classification", "regression"],
                   help="for --data: what the target is (default: guessed from its values)")
    t.add_argument("--target", help="for --data: the target column's name (any case) or 0-based index "
                                    "(default: a column named label, y, target or class, else the last)")
    t.add_argument("--columns", type=_names, metavar="A,B,...",
                   help="for --data: the input columns (default: every column but the target and those ignored)")
    t.add_argument("--ignore", type=_names, default=(), metavar="A,B,...",
                   help="for --data: columns to leave out (an ID column counting 1, 2, 3... is left out unasked)")
    t.add_argument("--categorical", type=_names, default=(), metavar="A,B,...",
                   help="for --data: numeric columns to read as categories, one-hot encoded (text columns always are)")
    t.add_argument("--na", default="refuse", choices=["refuse", "drop"],
                   help="for --data: a missing cell (empty, NA, N/A, NaN, ?, null) is an error (refuse, the default) "
                        "or its row is left out (drop; the count is printed)")
    t.add_argument("--standardize-target", action="store_true",
                   help="for --data: scale a regression target to zero mean, unit variance (RMSE stays in its units)")
    t.add_argument("--stratify", action="store_true",
                   help="split train/test keeping each class's share (as scikit-learn's stratify=y)")
    t.add_argument("--classes", type=int, default=3,
                   help=f"classes for spiral-k and blobs-k, {CLASSES_MIN}..{CLASSES_MAX} (default 3)")
    t.add_argument("--noise", type=_fraction, default=0.0, help="noise 0..0.5 (default 0)")
    t.add_argument("--train-ratio", type=_fraction, default=0.5, help="fraction used for training (default 0.5)")
    t.add_argument("--features", default=None,
                   help="input features for 2-D data: x1,x2,x1^2,x2^2,x1x2,sin_x1,sin_x2 (default x1,x2)")
    t.add_argument("--layers", type=_layers, default=(4, 2), help="hidden layer sizes, e.g. 4,2; '' for none")
    t.add_argument("--activation", default="tanh", choices=list(ACTIVATIONS))
    t.add_argument("--loss", default="auto", choices=["auto", *LOSSES],
                   help="bce, ce, mse or tanh_mse (default: bce for 2 classes, ce for more, mse for regression)")
    t.add_argument("--optimizer", default="sgd", choices=list(OPTIMIZERS))
    t.add_argument("--init", default="auto", choices=["auto", *INITIALIZERS])
    t.add_argument("--lr", type=_fraction, default=0.03, help="learning rate (default 0.03)")
    t.add_argument("--l1", type=_fraction, default=0.0, help="L1 regularisation rate")
    t.add_argument("--l2", type=_fraction, default=0.0, help="L2 regularisation rate")
    t.add_argument("--batch-size", type=int, default=10, help="examples per step (default 10)")
    t.add_argument("--epochs", type=int, default=500, help="epochs to train (default 500)")
    t.add_argument("--seed", type=int, default=0, help="seed for data, split, weights and shuffles")
    t.add_argument("--dtype", default="float64", choices=["float64", "float32"])
    t.add_argument("--standardize", action="store_true", help="scale inputs to zero mean, unit variance")
    t.add_argument("--json", action="store_true", help="print one JSON object on one line")
    t.add_argument("--save", metavar="FILE.nnplay",
                   help="write the trained run as a session (the window opens it; nnplay render draws it)")

    r = sub.add_parser("render", help="draw one panel of a saved session to a PNG or SVG file",
                       description="Draw one panel of a saved session (.nnplay) to a PNG or SVG file, offscreen, "
                                   "as the window draws it.")
    r.add_argument("session", nargs="?", metavar="FILE.nnplay", help="a session saved by the window or nnplay train --save")
    r.add_argument("--panel", default="output", help="which panel (default output; --list names them)")
    r.add_argument("--out", metavar="FILE.png|FILE.svg", help="the file to write; its suffix picks the format")
    r.add_argument("--size", default="1600x1200", metavar="WxH", help="output size in pixels (default 1600x1200)")
    r.add_argument("--list", action="store_true", help="name the panels and exit")

    sub.add_parser("datasets", help="list the built-in data sets")

    e = sub.add_parser("export-data", help="write a built-in data set as CSV")
    e.add_argument("--dataset", required=True, choices=list(DATASETS))
    e.add_argument("--out", required=True, metavar="FILE.csv")
    e.add_argument("--noise", type=_fraction, default=0.0)
    e.add_argument("--classes", type=int, default=3, help=f"for spiral-k and blobs-k, {CLASSES_MIN}..{CLASSES_MAX}")
    e.add_argument("--seed", type=int, default=0)

    b = sub.add_parser("bench", help="measure the engine against a plain NumPy loop, PyTorch and scikit-learn",
                       description="Measure engine epochs/s against a plain NumPy loop and, when installed, "
                                   "PyTorch and scikit-learn; the boundary grid; with --gui the live window.")
    b.add_argument("--quick", action="store_true", help="a short run, for checking that it works")
    b.add_argument("--gui", action="store_true", help="also measure the live window (offscreen)")
    b.add_argument("--json", action="store_true", help="print one JSON object")
    b.add_argument("--soak", type=_minutes, metavar="MINUTES",
                   help="only a soak: the window at Max speed for MINUTES, memory and redraw time over time")
    b.add_argument("--soak-start", type=int, default=0, metavar="EPOCHS",
                   help="start the soak from a history of EPOCHS synthetic epochs (its records at full size)")
    return p


def _version() -> str:
    from . import __version__
    return __version__


def main(argv=None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # the window trains in a child process, also in a frozen app
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            config = None
            if args.settings is not None:
                from .training import TrainConfig

                config = TrainConfig.from_text(args.settings)
            return _open_window(config, smoke=args.smoke)
        return {"train": cmd_train, "datasets": cmd_datasets, "export-data": cmd_export, "bench": cmd_bench,
                "render": cmd_render}[
            args.command](args)
    except KeyboardInterrupt:
        print("nnplay: interrupted", file=sys.stderr)
        return 130
    except ValueError as exc:  # DataError is a ValueError
        print(f"nnplay: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _open_window(config=None, smoke: bool = False) -> int:
    from .ui.app import run

    return run(config, smoke=smoke)


def cmd_datasets(args) -> int:
    from .data import DATASETS
    width = max(map(len, DATASETS))
    for name, (_, _, text) in DATASETS.items():
        print(f"{name:<{width}}  {text}")
    return EXIT_OK


def cmd_export(args) -> int:
    from .data import generate, write_csv
    data = generate(args.dataset, args.noise, args.seed, args.classes)
    try:
        write_csv(data, args.out)
    except OSError as exc:
        raise ValueError(f"{args.out}: cannot write: {exc.strerror or exc}") from None
    print(f"wrote {data.n_examples} rows to {args.out}", file=sys.stderr)
    return EXIT_OK


def cmd_train(args) -> int:
    from .data import generate, load_csv
    from .data.columns import ImportOptions
    from .training import TrainConfig, Trainer

    if args.epochs < 0:
        raise ValueError(f"--epochs must be 0 or more, got {args.epochs}")
    if args.save is not None:
        _check_writable(args.save, ".nnplay")
    data = None
    if args.data:
        options = ImportOptions(target=args.target, columns=args.columns, ignore=args.ignore,
                                categorical=args.categorical, na=args.na, task=args.task,
                                standardize_target=args.standardize_target, stratify=args.stratify)
        data = load_csv(args.data, options=options)
        for note in data.notes:
            print(f"nnplay: {note}", file=sys.stderr)
    elif args.stratify:
        data = generate(args.dataset, args.noise, args.seed, args.classes)
        data.stratify = True
    features = args.features or "x1,x2"
    if args.features and data is not None and data.n_inputs != 2:
        raise ValueError(f"--features applies to data with two inputs; {args.data} has {data.n_inputs} input columns, "
                         "which are used as they are")
    config = TrainConfig(
        dataset="csv" if args.data else args.dataset, noise=args.noise, classes=args.classes,
        data_seed=args.seed, train_ratio=args.train_ratio, features=features, hidden=args.layers,
        activation=args.activation, loss=args.loss, optimizer=args.optimizer, lr=args.lr, l1=args.l1,
        l2=args.l2, init=args.init, batch_size=args.batch_size, seed=args.seed, dtype=args.dtype,
        standardize=args.standardize,
    )
    trainer = Trainer(config, data)
    started = time.perf_counter()
    _train_with_progress(trainer, args.epochs, show=not args.json and sys.stderr.isatty())
    seconds = time.perf_counter() - started
    result = trainer.metrics()
    result.update(seconds=round(seconds, 4), epochs_per_second=round(trainer.epoch / seconds, 1) if seconds else None)
    result.update(regression_figures(trainer))
    result["ranges"] = history_ranges(trainer.history)
    if args.json:
        print(json.dumps(result))
    else:
        _print_result(trainer, result)
    if args.save is not None:
        _save_run(trainer, args.save, args.data)
    if trainer.diverged:
        print(f"nnplay: training diverged at epoch {trainer.diverged_at} (the loss stopped being a finite number); "
              f"try a lower learning rate than {config.lr:g}", file=sys.stderr)
        return EXIT_DIVERGED
    return EXIT_OK


def _check_writable(path: str, suffix: str) -> None:
    """Refuse, before any work, a file name of the wrong kind or in a folder that is not there."""
    from pathlib import Path

    p = Path(path)
    if p.suffix.lower() != suffix:
        raise ValueError(f"{path}: the file name must end in {suffix}")
    if not p.parent.is_dir():
        raise ValueError(f"{path}: cannot write: the folder {p.parent} does not exist")


def _save_run(trainer, path: str, csv_path: str | None) -> None:
    from .training.session import Session, save_session

    source = f"csv:{csv_path}" if csv_path else "generated"
    try:
        save_session(path, Session(trainer.config, trainer.data, trainer.state_dict(), source))
    except OSError as exc:
        raise ValueError(f"{path}: cannot write: {exc.strerror or exc}") from None
    print(f"saved the run to {path}", file=sys.stderr)


def cmd_render(args) -> int:
    from .ui.export import PANELS

    if args.list:
        width = max(map(len, PANELS))
        for name, text in PANELS.items():
            print(f"{name:<{width}}  {text}")
        return EXIT_OK
    if args.session is None or args.out is None:
        raise ValueError("render needs a session and --out, e.g. nnplay render run.nnplay --panel output "
                         "--out output.png (nnplay render --list names the panels)")
    from .ui.render import parse_size, render_session

    render_session(args.session, args.panel, args.out, parse_size(args.size))
    print(f"wrote the {args.panel} panel of {args.session} to {args.out}", file=sys.stderr)
    return EXIT_OK


def _train_with_progress(trainer, epochs: int, show: bool) -> None:
    from tqdm import tqdm

    chunk = max(1, min(100, epochs // 100))
    with tqdm(total=epochs, unit="epoch", disable=not show, file=sys.stderr, leave=False) as bar:
        left = epochs
        while left > 0 and not trainer.diverged:
            ran = trainer.run(min(chunk, left))
            left -= min(chunk, left)
            bar.update(ran)
            if ran == 0:
                break


def regression_figures(trainer) -> dict:
    """train_r2, test_r2, train_rmse, test_rmse of a regression run (None for
    classification, or for a part without examples); RMSE in the units of the
    file's target, also when it was standardised for training."""
    keys = ("train_r2", "test_r2", "train_rmse", "test_rmse")
    if trainer.data.task == "classification":
        return dict.fromkeys(keys)
    quality = trainer.quality()
    scale = trainer.data.target_scale[1] if trainer.data.target_scale else 1.0
    out = {}
    for part in ("train", "test"):
        q = quality[part] or {}
        out[f"{part}_r2"] = q.get("r2")
        out[f"{part}_rmse"] = None if q.get("rmse") is None else q["rmse"] * scale
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
    from .engine.regularization import zero_weights
    from .numbers import format_number, format_percent

    def fmt(v, pct=False):
        return format_percent(v) if pct else format_number(v)

    net = trainer.net
    print(f"data      {trainer.data!r}, {len(trainer.train_index)} train / {len(trainer.test_index)} test")
    print(f"network   {net!r}, optimizer {trainer.optimizer!r}")
    print(f"epochs    {r['epochs']}  ({r['seconds']:.2f} s, {r['epochs_per_second'] or 0:.0f} epochs/s)")
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


def cmd_bench(args) -> int:
    from .benchmark import format_table, run_benchmarks

    try:
        if args.soak_start < 0:
            raise ValueError(f"--soak-start must be 0 or more, got {args.soak_start}")
        results = run_benchmarks(quick=args.quick, gui=args.gui, soak=args.soak, soak_start=args.soak_start)
    except RuntimeError as exc:
        raise ValueError(str(exc)) from None
    print(json.dumps(results) if args.json else format_table(results))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
