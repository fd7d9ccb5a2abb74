"""A refusal names a number as the file wrote it (tester, round 21): a lesson's weight of 1e400 was refused
as "W[1]: inf is not a finite number", a session's "lr": 1e400 as "got inf" and its "n": 1e-400 as "0,
but its parts hold 301 points": the values Python read, which the file does not hold. A session's JSON
and a lesson's TOML are read keeping each float's text (``numbers.Written``); a count is whole as written
(1e-400 is none). Every number of session.json set to 1e400, 1e-400, 2.5 or 0 is refused as one line
naming it (a count of 1e400 escaped as OverflowError, a top_bucket of 0 as ZeroDivisionError)."""

import json
import zipfile

import pytest

from nnplay.lessons import load_lesson_file
from nnplay.numbers import Written, general, is_whole
from nnplay.training.session import open_trainer
from tests.cli_run import nnplay

WEIGHTS = 'title = "x"\ntext = "t"\nsetup = "dataset=xor&hidden=2"\nquestion = "q"\n' \
          'goal = "train_loss < 0.1 within 100 epochs"\nhints = []\nexplanation = "e"\nweights = {{ "W[1]" = [[{}, 0], [0, 1]] }}\n'


@pytest.mark.parametrize("written", ["1e400", "-1e400", "1_000e400", "1" + "0" * 400, "nan"])
def test_a_lesson_weight_is_refused_as_written(tmp_path, written):
    path = tmp_path / "w.toml"
    path.write_text(WEIGHTS.format(written), encoding="utf-8")
    r = nnplay("lessons", path)
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    said = written if len(written) < 40 else written[:20]  # (a long one shortened in the middle)
    assert f"W[1]: {said}" in r.stderr and "is not a finite number" in r.stderr
    assert "inf " not in r.stderr


def test_a_written_number_keeps_its_text_only_for_words():
    value = Written("1e400")
    assert repr(value) == str(value) == f"{value}" == general(value) == "1e400"
    assert value == float("inf") and type(value + 0) is float
    assert json.dumps({"v": Written("0.50")}) == '{"v": 0.5}'  # a file written from it has the float
    assert is_whole(Written("1e2")) and is_whole(Written("1e400")) and is_whole(3) and is_whole(3.0)  # (size: apart)
    assert not is_whole(Written("1e-400")) and not is_whole(Written("NaN")) and not is_whole(Written("Infinity"))
    assert not is_whole(True) and not is_whole("3")


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    path = tmp_path_factory.mktemp("written") / "s.nnplay"
    r = nnplay("train", "--dataset", "spiral", "--layers", "8,8", "--epochs", "30", "--seed", "1", "--save", path)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(path) as z:
        return path, json.loads(z.read("session.json")), {n: z.read(n) for n in z.namelist()}


def _leaves(d, path=()):
    if isinstance(d, dict):
        for k, v in d.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(d, list):
        for i, v in enumerate(d[:2]):
            yield from _leaves(v, (*path, i))
    elif isinstance(d, (int, float)) and not isinstance(d, bool):
        yield path


def _with(saved, tmp_path, path, written: str):
    _, doc, members = saved
    d = json.loads(json.dumps(doc))
    holder = d
    for k in path[:-1]:
        holder = holder[k]
    holder[path[-1]] = "@@NUMBER@@"
    out = tmp_path / "t.nnplay"
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, json.dumps(d).replace('"@@NUMBER@@"', written) if name == "session.json" else data)
    return out


@pytest.mark.parametrize("written", ["1e400", "1e-400", "2.5", "0"])
def test_every_number_of_a_session_is_refused_in_one_line_or_read(saved, tmp_path, written):
    refused = 0
    for path in _leaves(saved[1]):
        try:
            open_trainer(_with(saved, tmp_path, path, written))
        except ValueError as exc:  # (OverflowError, ZeroDivisionError... escaped as tracebacks)
            refused += 1
            message = str(exc)
            assert "\n" not in message
            if written in ("1e400", "1e-400"):
                assert " inf" not in message and "got 0" not in message and "0, but" not in message, (path, message)
    assert refused > 10


@pytest.mark.parametrize("field,written,said", [
    (("config", "lr"), "1e400", "got 1e400"), (("config", "lr"), "1e-400", "got 1e-400"),
    (("config", "clip"), "1e400", "got 1e400"), (("config", "hidden", 0), "1e-400", "got 1e-400"),
    (("version",), "1e400", "version 1e400"), (("run", "epoch"), "1e-400", "the number 1e-400"),
    (("run", "grad_norms", "n"), "1e400", "run.grad_norms.n in session.json (the saved gradient norms): 1e400"),
    (("run", "history", "n"), "1e-400", "run.history.n in session.json (the saved curves): 1e-400"),
    (("run", "history", "config", "levels"), "1e400", "levels: 1e400"),
    (("run", "trajectory", "stride"), "1e400", "run.trajectory.stride in session.json: the number 1e400"),
    (("config", "dropout"), "[1e400]", "dropout rate must be between 0 and 0.9, got 1e400"),
    (("config", "freeze"), "[1e-400]", "freeze: layer numbers must be whole numbers, got [1e-400]"),
])
def test_a_session_number_is_named_as_written(saved, tmp_path, field, written, said):
    r = nnplay("diagnose", _with(saved, tmp_path, field, written))
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr[-3000:]
    assert said in r.stderr


def test_load_lesson_reads_a_weight_as_its_number(tmp_path):
    path = tmp_path / "ok.toml"
    path.write_text(WEIGHTS.format("2.5e0"), encoding="utf-8")
    lesson = load_lesson_file(path)
    assert lesson.weights[0][2][0] == (2.5, 0.0) and type(lesson.weights[0][2][0][0]) is float
