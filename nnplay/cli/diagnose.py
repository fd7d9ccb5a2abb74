"""`nnplay diagnose FILE.nnplay [--json]`: the training-health diagnosis of a saved run
(see training.health): dead ReLUs, saturated units, vanishing or exploding
gradients, step sizes, plateaus, oscillation, overfitting, each with one thing to try."""

from __future__ import annotations

import json

from .base import EXIT_OK, blamed_on


def register(sub) -> None:
    d = sub.add_parser("diagnose", help="diagnose a saved run's training health, in words",
                       description="Read a saved session and say what is wrong with its training, if anything: "
                                   "dead ReLUs, saturated units, vanishing or exploding gradients, step sizes, "
                                   "a plateaued or oscillating loss, overfitting.")
    d.add_argument("session", metavar="FILE.nnplay", help="a session saved by the window or nnplay train --save")
    d.add_argument("--json", action="store_true",
                   help='print {"epoch", "diverged": null or {"epoch", "message"}, '
                        '"health": [{"kind", "layer", "units", "value", "message", "severity"}]}')
    d.set_defaults(run=run)


def run(args) -> int:
    from ..training.health import diagnose, diverged_words
    from ..training.session import open_trainer

    with blamed_on("FILE.nnplay"):  # SessionError is a ValueError: one line, exit 2
        trainer = open_trainer(args.session)
    findings = [f.to_dict() for f in diagnose(trainer)]
    diverged = None
    if trainer.diverged:  # said first, as the window's red banner says it above every view
        diverged = {"epoch": trainer.diverged_at, "message": diverged_words(trainer.diverged_at, trainer.config.lr) +
                    ", then train again from fresh weights. The findings below are of the last finite weights, "
                    f"from epoch {trainer.epoch}."}
    if args.json:
        print(json.dumps({"epoch": trainer.epoch, "diverged": diverged, "health": findings}))
    else:
        print(f"{args.session}: epoch {trainer.epoch}, {trainer.net!r}")
        if diverged is not None:
            print(f"{'diverged':<10}! {diverged['message']}")
        print_findings(findings)
    return EXIT_OK


def print_findings(findings: list[dict]) -> None:
    """The findings (``Finding.to_dict()``s) as lines, alarms first; one line when there are none."""
    if not findings:
        print("health    no findings: nothing looks wrong")
        return
    ordered = sorted(findings, key=lambda f: f["severity"] != "alarm")
    for i, f in enumerate(ordered):
        print(f"{'health' if i == 0 else '':<10}{'!' if f['severity'] == 'alarm' else '-'} {f['message']}")
