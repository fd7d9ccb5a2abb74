"""Every bad-input line is one short line, whatever the user typed or the file
holds: a message that repeats a column name, a file name or a value shortens it
in its middle ("…"); a session's load error says in our words what is wrong
(never NumPy's text); a missing file or folder is worded one way by every
subcommand; an argument left over names the subcommand's own --help."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnplay.user_text import MESSAGE_CHARS, NAME_CHARS, listed, one_line, shortened, shown
from tests.cli_run import nnplay

pytestmark = pytest.mark.timeout(120)

LONG = "n" * 5000  # a name, value or file name of 5,000 characters
LINE_MAX = MESSAGE_CHARS + 60  # the whole line: prefix, message, "(see nnplay train --help)"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A CSV with a 5,000-character column name and cell, a trained session, the
    session with a pickled array in it, and a 1,000-character path to nowhere."""
    d = tmp_path_factory.mktemp("user_text")
    (d / "long.csv").write_text(f"{LONG},b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n")
    (d / "cell.csv").write_text(f"a,b,label\n1,2,0\n{LONG},4,1\n5,6,0\n7,8,1\n")
    assert nnplay("train", "--epochs", "1", "--save", d / "run.nnplay").returncode == 0
    with zipfile.ZipFile(d / "run.nnplay") as z, zipfile.ZipFile(d / "pickled.nnplay", "w") as out:
        for name in z.namelist():
            data = z.read(name)
            if name == "X.npy":  # an object array: np.load(allow_pickle=False) refuses it in NumPy's words
                buf = io.BytesIO()
                np.save(buf, np.array([{"a": 1}] * 3, dtype=object), allow_pickle=True)
                data = buf.getvalue()
            out.writestr(name, data)
    deep = d.joinpath(*["d" * 200] * 5)  # a folder that does not exist, 1,000 characters deep
    return {"dir": d, "csv": d / "long.csv", "cell": d / "cell.csv", "run": d / "run.nnplay",
            "pickled": d / "pickled.nnplay", "deep": deep}


# (the command, with {csv} {cell} {run} {deep} {long} filled in)
BAD = [
    "train --data {csv} --target nosuch",
    "train --data {csv} --target {long}x",
    "train --data {csv} --ignore {long}x",
    "train --data {csv} --columns {long}x",
    "train --data {csv} --categorical b --ignore b",
    "train --data {cell}",
    "train --data {deep}/x.csv",
    "train --data {long}.csv",
    "train --dataset {long}",
    "train --lr {long}",
    "train --layers {long}",
    "train --epochs 1 --settings activation={long}",
    "train --epochs 1 --settings {long}=1",
    "train --epochs 1 --settings hidden={long}",
    "train --epochs 1 --save {deep}/r.nnplay",
    "train {long}",
    "render {deep}/r.nnplay --out o.png",
    "render {run} --panel {long} --out {dir}/o.png",
    "render {run} --size {long} --out {dir}/o.png",
    "render {run} --out {deep}/o.png",
    "render {run} --out {dir}/{long}.jpg",
    "diagnose {long}.nnplay",
    "export-torch {run} --out {deep}/m.py",
    "export-data --dataset xor --out {deep}/x.csv",
    "lessons {long}",
    "lessons {deep}/l.toml",
    "bench --soak {long}",
    "--settings {long}=1",
    "--lesson {long}",
]


@pytest.mark.parametrize("command", BAD)
def test_a_bad_input_is_one_short_line(command, files):
    args = [a.format(long=LONG, **files) for a in command.split()]
    r = nnplay(*args)
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 2 and len(lines) == 1 and lines[0].startswith("nnplay: error: "), r.stderr[:400]
    assert len(lines[0]) <= LINE_MAX and "n" * 100 not in lines[0] and "d" * 201 not in lines[0], lines[0][:400]
    assert "Traceback" not in r.stderr and "Error:" not in r.stderr.replace("nnplay: error:", "")


def test_the_messages_shorten_what_they_repeat_themselves(files):
    """Not only the CLI's last guard (one_line): the data and session layers shorten too."""
    from nnplay.data import DataError, load_csv
    from nnplay.training import TrainConfig
    from nnplay.training.session import SessionError, load_session

    def refusal(call, error) -> str:
        with pytest.raises(error) as info:
            call()
        return str(info.value)

    for text in (refusal(lambda: load_csv(files["csv"], target="nosuch"), DataError),
                 refusal(lambda: load_csv(files["csv"], target=LONG + "x"), DataError),
                 refusal(lambda: load_csv(files["cell"]), DataError),
                 refusal(lambda: load_csv(files["deep"] / "x.csv"), DataError),
                 refusal(lambda: load_session(files["deep"] / "r.nnplay"), SessionError),
                 refusal(lambda: TrainConfig.from_text(f"activation={LONG}"), ValueError),
                 refusal(lambda: TrainConfig.from_text(f"lr={LONG}"), ValueError)):
        assert "…" in text and "n" * 100 not in text and "d" * 201 not in text and len(text) < 400, text[:400]


def test_a_pickled_array_in_a_session_is_refused_in_our_words(files):
    r = nnplay("render", files["pickled"], "--out", files["dir"] / "o.png")
    assert r.returncode == 2
    assert "pickled.nnplay: not a usable nnplay session (X.npy holds pickled Python objects" in r.stderr
    assert "allow_pickle" not in r.stderr  # NumPy's text ("Object arrays cannot be loaded when allow_pickle=False")
    r = nnplay("diagnose", files["pickled"])
    assert r.returncode == 2 and "X.npy holds pickled Python objects" in r.stderr


def test_a_missing_file_is_worded_one_way_by_every_subcommand(files):
    here, gone = files["dir"], files["dir"] / "gone"
    for folder, why in ((here, "no such file"), (gone, f"the folder {gone} does not exist")):
        csv, run, lesson = folder / "x.csv", folder / "r.nnplay", folder / "l.toml"
        for args, missing, flag in ((("train", "--data", csv), csv, "--data"), (("lr-find", "--data", csv), csv, "--data"),
                                    (("render", run, "--out", here / "o.png"), run, "FILE.nnplay"),
                                    (("diagnose", run), run, "FILE.nnplay"),
                                    (("export-torch", run, "--out", here / "m.py"), run, "FILE.nnplay"),
                                    (("lessons", lesson), lesson, "NAME|FILE.toml"), (("--lesson", lesson), lesson, "--lesson")):
            r = nnplay(*args)
            command = "nnplay" if args[0].startswith("--") else f"nnplay {args[0]}"
            assert r.returncode == 2 and r.stderr.strip() == \
                f"nnplay: error: argument {flag}: {missing}: cannot read: {why} (see {command} --help)", r.stderr
    r = nnplay("train", "--data", here)
    assert r.stderr.strip() == \
        f"nnplay: error: argument --data: {here}: cannot read: it is a folder, not a CSV file (see nnplay train --help)"
    assert files["deep"].name not in nnplay("diagnose", files["deep"] / "r.nnplay").stderr  # a long name is shortened


@pytest.mark.parametrize("args", [("datasets", "extra"), ("lessons", "a", "b"), ("train", "--epochs", "1", "extra"),
                                  ("diagnose", "a.nnplay", "b"), ("render", "a.nnplay", "b"), ("bench", "x")])
def test_an_argument_left_over_names_the_subcommands_help(args):
    r = nnplay(*args)
    assert r.returncode == 2
    assert r.stderr.strip().endswith(f"(see nnplay {args[0]} --help)"), r.stderr


@given(st.text(max_size=3000))
def test_one_line_is_one_line_of_a_sane_length(text):
    out = one_line(text)
    assert "\n" not in out and "\r" not in out and len(out) <= MESSAGE_CHARS
    assert len(shortened(text)) <= NAME_CHARS and "\n" not in shown(text)
    if len(text) <= NAME_CHARS and "\n" not in text and "\r" not in text and "\t" not in text:
        assert shortened(text) == text


def test_listed_names_are_counted_past_eight():
    assert listed(["a", "b"]) == "a, b"
    assert listed([f"c{k}" for k in range(20)]) == "c0, c1, c2, c3, c4, c5, c6, c7 and 12 more"
    assert shortened("sepal_length_in_centimetres_measured_by_hand_x", 20) == "sepal_leng…by_hand_x"
