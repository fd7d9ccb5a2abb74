"""`nnplay bench`: measure the engine against its peers, and the live window."""

from __future__ import annotations

import json

from ..failures import RunFailure
from .base import EXIT_OK, OptionError, minutes, setting, typed


def register(sub) -> None:
    b = sub.add_parser("bench", help="measure the engine against a plain NumPy loop, PyTorch and scikit-learn",
                       description="Measure engine epochs/s against a plain NumPy loop and, when installed, "
                                   "PyTorch and scikit-learn; the boundary grid; with --gui the live window.")
    b.add_argument("--quick", action="store_true", help="a short run, for checking that it works")
    b.add_argument("--gui", action="store_true", help="also measure the live window (offscreen)")
    b.add_argument("--large", action="store_true",
                   help="also the live window with a CSV of 100,000 rows x 4 columns: load time, memory (implies --gui)")
    b.add_argument("--json", action="store_true", help="print one JSON object")
    b.add_argument("--soak", type=minutes, metavar="MINUTES",
                   help="only a soak: the window at Max speed for MINUTES, memory and redraw time over time")
    b.add_argument("--soak-start", type=setting("soak_start"), default=0, metavar="EPOCHS",
                   help="start the soak from a history of EPOCHS synthetic epochs (its records at full size)")
    b.set_defaults(run=run)


def run(args) -> int:
    from ..benchmark import format_table, run_benchmarks

    _refuse_ignored(args)
    try:
        if args.soak_start < 0:
            raise OptionError("--soak-start", "must be 0 or more", args.soak_start)
        streaming = not args.json and args.soak is None  # each row as it is measured, not all at the end
        results = run_benchmarks(quick=args.quick, gui=args.gui, soak=args.soak, soak_start=args.soak_start,
                                 large=args.large, report=(lambda line: print(line, flush=True)) if streaming else None)
    except RuntimeError as exc:  # the live window's measure failed (bench_failure): a run-time failure, exit 1,
        raise RunFailure(str(exc)) from None  # not blamed on the option that asked for it
    print(json.dumps(results) if args.json else format_table(results, streamed=streaming))
    return EXIT_OK


def _refuse_ignored(args) -> None:
    """Options a run would ignore, refused as argparse refuses two exclusive ones: --soak runs the soak
    alone (no engine cases, its own window), and --soak-start is only the soak's."""
    if args.soak is not None:
        for flag in ("quick", "gui", "large"):
            if getattr(args, flag):
                raise OptionError(f"--{flag}", "not allowed with argument --soak (the soak runs alone, "
                                               "the window at Max speed for its minutes)")
    elif args.soak_start:
        raise OptionError("--soak-start", "applies to a soak: add --soak MINUTES (or leave --soak-start out)",
                          typed(args, "soak_start"))
