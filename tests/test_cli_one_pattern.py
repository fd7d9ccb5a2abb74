"""Every bad option's value is refused in one pattern, as argparse words its own:
"nnplay: error: argument --FLAG: <what> must be <allowed>, got '<text>' (see nnplay CMD --help)",
one line, exit 2 (``--settings dropout=2`` said "dropout: rate 2.0 is outside [0, 0.9]",
``--layers 100000`` "--layers: hidden layer size ..., got 100000" without the flag's "argument"
nor the help)."""

import re

import pytest

from tests.cli_run import nnplay

pytestmark = pytest.mark.timeout(120)

PATTERN = re.compile(r"^nnplay: error: argument (--[a-z-]+): (.+), got '(.*)' \(see (nnplay(?: [a-z-]+)?) --help\)$")


@pytest.mark.parametrize("args, flag, given", [
    (("train", "--settings", "dropout=2"), "--settings", "2"),
    (("train", "--layers", "100000"), "--layers", "100000"),
    (("train", "--layers", "4,0"), "--layers", "0"),
    (("train", "--layers", "4,x"), "--layers", "x"),  # (the bad size, its place before: round 20)
    (("train", "--lr", "0"), "--lr", "0"),
    (("train", "--epochs", "-1"), "--epochs", "-1"),
    (("train", "--settings", "lr=abc"), "--settings", "abc"),
    (("train", "--settings", "hidden=100000"), "--settings", "100000"),
    (("train", "--settings", "standardize=maybe"), "--settings", "maybe"),
    (("lr-find", "--settings", "lr=0"), "--settings", "0"),
    (("--settings", "lr=0"), "--settings", "0"),
    (("render", "run.nnplay", "--out", "{tmp}/a.png", "--size", "big"), "--size", "big"),
    # tester 13: "unknown panel 'nope'", "a.txt: the file name must end ...", "activation: 3 names given ..."
    (("render", "run.nnplay", "--out", "{tmp}/a.png", "--panel", "nope"), "--panel", "nope"),
    (("render", "run.nnplay", "--out", "a.txt"), "--out", "a.txt"),
    (("train", "--save", "run.txt"), "--save", "run.txt"),
    (("train", "--settings", "hidden=2,2&activation=tanh,relu,sigmoid"), "--settings", "tanh,relu,sigmoid"),
    (("train", "--settings", "hidden=2,2&dropout=0.1,0.2,0.3"), "--settings", "0.1,0.2,0.3"),
    (("train", "--layers", "2,2,2", "--settings", "activation=tanh,relu"), "--settings", "tanh,relu"),
])
def test_every_bad_option_is_refused_in_one_pattern(args, flag, given, tmp_path):
    if "render" in args:
        from nnplay.training import TrainConfig, Trainer
        from nnplay.training.session import Session, save_session

        t = Trainer(TrainConfig(dataset="xor", hidden=(2,)))
        save_session(tmp_path / "run.nnplay", Session(t.config, t.data, t.state_dict()))
        args = tuple(str(tmp_path / a) if a == "run.nnplay" else a.format(tmp=tmp_path) for a in args)
    r = nnplay(*args, "--epochs", "1") if args[0] == "train" and "--epochs" not in args else nnplay(*args)
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 2 and len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    m = PATTERN.match(lines[0])
    assert m, lines[0]
    assert m.group(1) == flag and m.group(3) == given and " must be " in m.group(2), lines[0]
    assert m.group(4) == ("nnplay" if args[0] == "--settings" else f"nnplay {args[0]}")
