"""Every error of every subcommand reads in argparse's one pattern: "nnplay: error: argument FLAG: what,
got 'text' (see nnplay CMD --help)", one line, exit code 2, no traceback; FLAG is the option (or the
positional argument, by its metavar) the refusal is about. Two options that exclude each other, a missing
folder for an output path and `--target` naming a column the CSV lacks had their own wordings ("--lesson
and --data cannot go together", "/nope/r.nnplay: cannot write: ...", "d.csv: --target: no column named
'zz'"). The static walk: no module of nnplay/cli raises a ValueError of its own words (only OptionError,
which says it in the pattern, and argparse's ArgumentTypeError)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import nnplay.cli as cli_package
from tests.cli_run import nnplay

pytestmark = pytest.mark.timeout(120)

ONE_PATTERN = re.compile(r"^nnplay: error: (?:argument (?P<flag>\S+): (?P<what>.+)"
                         r"|the following arguments are required: .+|unrecognized arguments: .+)"
                         r" \(see (?P<command>nnplay(?: [a-z-]+)?) --help\)$")

# (command line, the flag blamed, a text the line must repeat); {tmp}: a folder, run.nnplay and d.csv in it
CASES = [
    # the window's start options
    (("--lesson", "xor-feature", "--data", "{tmp}/d.csv"), "--data", "not allowed with argument --lesson"),
    (("--session", "{tmp}/run.nnplay", "--settings", "lr=0.1"), "--settings", "not allowed with argument --session"),
    (("--session", "{tmp}/run.nnplay", "--lesson", "xor-feature"), "--lesson", "not allowed with argument --session"),
    (("--data", "{tmp}/d.csv", "--settings", "dataset=spiral"), "--settings", "'dataset=spiral'"),
    (("--data", "{tmp}/d.csv", "--target", "zz"), "--target", "no column named 'zz'"),
    (("--target", "zz"), "--target", "'zz'"),
    (("--data", "{tmp}/gone.csv"), "--data", "cannot read"),
    (("--session", "{tmp}/gone.nnplay"), "--session", "cannot read"),
    (("--lesson", "no-such-lesson"), "--lesson", "'no-such-lesson'"),
    (("{tmp}/run.nnplay",), "command", "--session"),
    (("--lr", "0.1"), "--lr", "'0.1'"),
    (("--json",), "--json", "nnplay train"),
    (("--version", "x"), "--version", "'x'"),
    # train (and lr-find, which takes its options)
    (("train", "--data", "{tmp}/d.csv", "--target", "zz"), "--target", "no column named 'zz'"),
    (("train", "--data", "{tmp}/d.csv", "--columns", "a,zz"), "--columns", "'zz'"),
    (("train", "--data", "{tmp}/d.csv", "--ignore", "zz"), "--ignore", "'zz'"),
    (("train", "--data", "{tmp}/d.csv", "--columns", "a", "--ignore", "a"), "--ignore", "'a'"),
    (("train", "--save", "{tmp}/gone/r.nnplay"), "--save", "does not exist"),
    (("train", "--predictions", "{tmp}/gone/p.csv"), "--predictions", "does not exist"),
    (("train", "--save", "{tmp}/r.txt"), "--save", "r.txt'"),
    (("train", "--dataset", "xor", "--settings", "dataset=spiral"), "--settings", "'dataset=spiral'"),
    (("train", "--data", "{tmp}/d.csv", "--settings", "dataset=spiral"), "--settings", "'dataset=spiral'"),
    (("train", "--settings", "dataset=csv"), "--settings", "'dataset=csv'"),
    (("train", "--data", "{tmp}/d.csv", "--noise", "0.1"), "--noise", "'0.1'"),
    (("train", "--data", "{tmp}/d.csv", "--classes", "3"), "--classes", "'3'"),
    (("train", "--dataset", "xor", "--target", "a"), "--target", "'a'"),
    (("train", "--dataset", "xor", "--classes", "3"), "--classes", "'3'"),
    (("train", "--dataset", "plane", "--stratify"), "--stratify", "regression"),
    (("train", "--data", "{tmp}/d.csv", "--task", "classification", "--standardize-target"), "--standardize-target",
     "classification"),
    (("train", "--data", "{tmp}/d.csv", "--task", "regression", "--stratify"), "--stratify", "regression"),
    (("train", "--data", "{tmp}/d.csv", "--standardize-target"), "--standardize-target", "d.csv"),
    (("train", "--data", "{tmp}/four.csv", "--features", "x1,x2,x1x2"), "--features", "'x1,x2,x1x2'"),
    (("train", "--data", "{tmp}/gone.csv"), "--data", "cannot read"),
    (("train", "--data", "{tmp}/bad.csv"), "--data", "bad.csv"),
    (("train", "--lr", "0"), "--lr", "'0'"),
    (("train", "--dataset", "spiral-k", "--loss", "bce"), "--loss", "two classes"),
    (("lr-find", "--start-lr", "1", "--end-lr", "0.1"), "--end-lr", "'0.1'"),
    (("lr-find", "--data", "{tmp}/d.csv", "--target", "zz"), "--target", "'zz'"),
    # render
    (("render", "{tmp}/run.nnplay"), "--out", "required"),
    (("render", "--out", "{tmp}/a.png"), "FILE.nnplay", "required"),
    (("render", "--list", "--panel", "loss"), "--list", "--panel"),
    (("render", "{tmp}/run.nnplay", "--out", "{tmp}/gone/a.png"), "--out", "does not exist"),
    (("render", "{tmp}/run.nnplay", "--out", "{tmp}/a.txt"), "--out", "a.txt'"),
    (("render", "{tmp}/run.nnplay", "--out", "{tmp}/a.png", "--panel", "nope"), "--panel", "'nope'"),
    (("render", "{tmp}/run.nnplay", "--out", "{tmp}/a.png", "--every", "3"), "--every", "'3'"),
    (("render", "{tmp}/run.nnplay", "--out", "{tmp}/a.gif", "--animate"), "--animate", "--epochs"),
    (("render", "{tmp}/run.nnplay", "--out", "{tmp}/a.gif", "--animate", "--epochs", "100000", "--every", "1"),
     "--every", "'1'"),
    (("render", "{tmp}/run.nnplay", "--out", "{tmp}/a.png", "--panel", "hidden"), "FILE.nnplay", "hidden"),
    (("render", "{tmp}/gone.nnplay", "--out", "{tmp}/a.png"), "FILE.nnplay", "cannot read"),
    (("render", "{tmp}/run.nnplay", "--out", "{tmp}/a.png", "--size", "big"), "--size", "'big'"),
    # the others
    (("export-data", "--dataset", "xor", "--out", "{tmp}/gone/a.csv"), "--out", "does not exist"),
    (("export-torch", "{tmp}/run.nnplay", "--out", "{tmp}/gone/m.py"), "--out", "does not exist"),
    (("export-torch", "{tmp}/gone.nnplay", "--out", "{tmp}/m.py"), "FILE.nnplay", "cannot read"),
    (("diagnose", "{tmp}/gone.nnplay"), "FILE.nnplay", "cannot read"),
    (("lessons", "--check"), "--check", "needs a lesson"),
    (("lessons", "no-such-lesson"), "NAME|FILE.toml", "'no-such-lesson'"),
    (("bench", "--soak-start", "-1"), "--soak-start", "'-1'"),
    (("datasets", "x"), None, "x"),
    (("export-data", "--out", "{tmp}/a.csv"), None, "--dataset"),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    from nnplay.training import TrainConfig, Trainer
    from nnplay.training.session import Session, save_session

    tmp = tmp_path_factory.mktemp("errors")
    t = Trainer(TrainConfig(dataset="xor", hidden=(4,)))  # no hidden layer of 2 or 3: no hidden-space panel
    save_session(tmp / "run.nnplay", Session(t.config, t.data, t.state_dict()))
    (tmp / "d.csv").write_text("a,b,label\n" + "".join(f"{i},{i % 3},{i % 2}\n" for i in range(12)))
    (tmp / "four.csv").write_text("a,b,c,d,label\n" + "".join(f"{i},{i % 3},{i % 5},{i % 7},{i % 2}\n"
                                                               for i in range(12)))
    (tmp / "bad.csv").write_text("a,b,label\n1,2,0\n3,oops,1\n5,6,0\n")
    return tmp


def refusal(folder, args):
    """``nnplay ARGS`` ({tmp}: ``folder``; train and lr-find for one epoch) refused in one line, exit code 2, no
    traceback: (the command line run, the line, its match of ONE_PATTERN or None)."""
    args = tuple(a.format(tmp=folder) for a in args)
    if args[0] in ("train", "lr-find") and "--epochs" not in args:
        args = (*args, "--epochs", "1")
    r = nnplay(*args)
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 2 and len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    return args, lines[0], ONE_PATTERN.match(lines[0])


@pytest.mark.parametrize("args, flag, repeats", CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_every_error_of_every_subcommand_is_one_line_in_the_one_pattern(folder, args, flag, repeats):
    args, line, found = refusal(folder, args)
    assert found, line
    assert found.group("flag") == flag, line
    assert found.group("command") == ("nnplay" if args[0].startswith("-") or args[0].endswith(".nnplay")
                                      else f"nnplay {args[0]}"), line
    assert repeats.format(tmp=folder) in line, line


def test_no_cli_module_raises_an_error_in_words_of_its_own():
    """Each refusal in nnplay/cli is an OptionError (or argparse's ArgumentTypeError or ArgumentError), never a bare ValueError
    whose words another pattern would print; a failure at run time is a RunFailure ("nnplay CMD: what failed", exit 1)."""
    own = []
    for path in Path(cli_package.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                func = node.exc.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name not in ("OptionError", "ArgumentTypeError", "ArgumentError", "_NotTheWindow", "as_option_error", "config_error",
                                "RunFailure"):
                    own.append(f"{path.name}:{node.lineno} raises {name}")
    assert own == []


# (command line, the option at fault, the text typed that the line must repeat): every option of every
# subcommand given a wrong value. `nnplay render s.nnplay --animate --epochs 5 --out a.png` blamed
# FILE.nnplay for --out's a.png (tester 20): a refusal from below the CLI was put on the session.
WRONG_VALUES = [
    # the window's own options
    (("--settings", "lr=abc"), "--settings", "abc"),
    (("--settings", "nonsense=3"), "--settings", "nonsense"),
    (("--lesson", "{tmp}/d.csv"), "--lesson", "d.csv"),
    (("--data", "{tmp}/run.nnplay"), "--data", "run.nnplay"),
    (("--session", "{tmp}/d.csv"), "--session", "d.csv"),
    (("--data", "{tmp}/d.csv", "--na", "maybe"), "--na", "maybe"),
    (("--data", "{tmp}/d.csv", "--task", "x"), "--task", "x"),
    (("--data", "{tmp}/d.csv", "--categorical", "zz"), "--categorical", "zz"),
    (("--columns", "a,b"), "--columns", "a,b"),  # (was "('a', 'b')", the parsed value)
    (("--na", "drop"), "--na", "drop"),
    (("--task", "regression"), "--task", "regression"),
    # train
    (("train", "--dataset", "nope"), "--dataset", "nope"),
    (("train", "--dataset", "spiral-k", "--classes", "9"), "--classes", "9"),
    (("train", "--dataset", "xor", "--classes", "03"), "--classes", "03"),  # (was '3')
    (("train", "--noise", "0.9"), "--noise", "0.9"),
    (("train", "--data", "{tmp}/d.csv", "--noise", "0.10"), "--noise", "0.10"),
    (("train", "--train-ratio", "2"), "--train-ratio", "2"),
    (("train", "--features", "x9"), "--features", "x9"),
    (("train", "--layers", "4,x"), "--layers", "4,x"),
    (("train", "--layers", "999"), "--layers", "999"),
    (("train", "--activation", "soft"), "--activation", "soft"),
    (("train", "--loss", "hinge"), "--loss", "hinge"),
    (("train", "--optimizer", "lbfgs"), "--optimizer", "lbfgs"),
    (("train", "--init", "zeros"), "--init", "zeros"),
    (("train", "--lr", "-1"), "--lr", "-1"),
    (("train", "--l1", "-1"), "--l1", "-1"),
    (("train", "--l2", "x"), "--l2", "x"),
    (("train", "--batch-size", "0"), "--batch-size", "0"),
    (("train", "--epochs", "-2"), "--epochs", "-2"),
    (("train", "--seed", "-4"), "--seed", "-4"),
    (("train", "--dtype", "float16"), "--dtype", "float16"),
    (("train", "--save", "{tmp}/r.txt"), "--save", "r.txt"),
    (("train", "--predictions", "{tmp}/p.txt"), "--predictions", "p.txt"),
    (("train", "--dataset", "xor", "--target", "a"), "--target", "a"),
    (("train", "--data", "{tmp}/d.csv", "--columns", "label"), "--columns", "label"),
    (("train", "--data", "{tmp}/d.csv", "--task", "nope"), "--task", "nope"),
    # lr-find
    (("lr-find", "--steps", "5"), "--steps", "5"),
    (("lr-find", "--start-lr", "0"), "--start-lr", "0"),
    (("lr-find", "--end-lr", "x"), "--end-lr", "x"),
    (("lr-find", "--start-lr", "1", "--end-lr", "0.5"), "--end-lr", "0.5"),
    # render
    (("render", "{tmp}/run.nnplay", "--animate", "--epochs", "5", "--out", "{tmp}/a.png"), "--out", "a.png"),
    (("render", "{tmp}/gone.nnplay", "--animate", "--epochs", "5", "--out", "{tmp}/a.png"), "--out", "a.png"),
    (("render", "{tmp}/run.nnplay", "--out", "{tmp}/a.gif"), "--out", "a.gif"),
    (("render", "{tmp}/run.nnplay", "--animate", "--epochs", "5", "--fps", "100", "--out", "{tmp}/a.gif"),
     "--fps", "100"),  # (was blamed on FILE.nnplay: the recording's 60 against the option's 120)
    (("render", "{tmp}/run.nnplay", "--animate", "--epochs", "5", "--fps", "x", "--out", "{tmp}/a.gif"), "--fps", "x"),
    (("render", "{tmp}/run.nnplay", "--animate", "--epochs", "0", "--out", "{tmp}/a.gif"), "--epochs", "0"),
    (("render", "{tmp}/run.nnplay", "--animate", "--epochs", "5", "--every", "0", "--out", "{tmp}/a.gif"),
     "--every", "0"),
    (("render", "{tmp}/run.nnplay", "--animate", "--epochs", "5", "--size", "10x10", "--out", "{tmp}/a.gif"),
     "--size", "10x10"),
    (("render", "{tmp}/run.nnplay", "--panel", "nope", "--animate", "--epochs", "5", "--out", "{tmp}/a.gif"),
     "--panel", "nope"),
    (("render", "{tmp}/run.nnplay", "--fps", "3", "--out", "{tmp}/a.png"), "--fps", "3"),  # (was '3.0')
    (("render", "{tmp}/d.csv", "--out", "{tmp}/a.png"), "FILE.nnplay", "d.csv"),
    # the others
    (("export-torch", "{tmp}/run.nnplay", "--out", "{tmp}/m.txt"), "--out", "m.txt"),
    (("export-torch", "{tmp}/run.nnplay", "--out", "{tmp}/m.py", "--epochs", "0"), "--epochs", "0"),
    (("export-torch", "{tmp}/d.csv", "--out", "{tmp}/m.py"), "FILE.nnplay", "d.csv"),
    (("export-data", "--dataset", "nope", "--out", "{tmp}/a.csv"), "--dataset", "nope"),
    (("export-data", "--dataset", "xor", "--out", "{tmp}/a.csv", "--noise", "3"), "--noise", "3"),
    (("export-data", "--dataset", "spiral-k", "--out", "{tmp}/a.csv", "--classes", "30"), "--classes", "30"),
    (("export-data", "--dataset", "xor", "--out", "{tmp}/a.csv", "--seed", "x"), "--seed", "x"),
    (("diagnose", "{tmp}/d.csv"), "FILE.nnplay", "d.csv"),
    (("bench", "--soak", "0"), "--soak", "0"),
    (("bench", "--soak", "x"), "--soak", "x"),
    (("bench", "--soak-start", "5"), "--soak-start", "5"),  # (said no value)
    (("bench", "--soak", "1", "--soak-start", "x"), "--soak-start", "x"),
    (("lessons", "--check", "nope"), "NAME|FILE.toml", "nope"),
    (("lessons", "{tmp}/d.csv"), "NAME|FILE.toml", "d.csv"),
]


@pytest.mark.parametrize("args, flag, value", WRONG_VALUES, ids=[" ".join(c[0])[:60] for c in WRONG_VALUES])
def test_every_wrong_value_is_refused_naming_its_option_and_the_value_typed(folder, args, flag, value):
    _, line, found = refusal(folder, args)
    assert found and found.group("flag") == flag, line
    # the text typed, as typed: quoted ('3', not '3.0'), or a file's name beginning the fault ("…/d.csv: not …")
    assert re.search(rf"(?:'|/|^){re.escape(value)}(?:'|[:,] )", found.group("what")), line
