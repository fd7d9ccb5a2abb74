"""Every numeric setting refuses NaN, infinities, negative, zero and huge values (where they are not
allowed) in one line naming the setting, its allowed range and the value, wherever the value comes from:
the command line, a settings text, a session file, the window's run state. (`--lr nan` said only
"expected a finite number"; `--settings lr=nan` said "bad value" without the range.)"""

import json
import math
import zipfile

import pytest

from nnplay.training import TrainConfig
from nnplay.training.setting_ranges import RANGES, Range
from tests.cli_run import nnplay

BAD_TEXTS = ("nan", "inf", "-inf", "-1", "0", "1e300", "99999999999999999999", "2.5", "x")
CONFIG_NUMBERS = ("noise", "train_ratio", "lr", "l1", "l2", "batch_size", "seed", "data_seed", "classes")


def _number(text: str, allowed: Range):
    """``text`` as the setting's kind of number, or None when it is not one."""
    try:
        return int(text) if allowed.integer else float(text)
    except ValueError:
        return None


def _says_all(message: str, allowed: Range, shown: str) -> None:
    assert allowed.words in message and allowed.allowed in message and shown in message, message
    assert "\n" not in message.strip() and "Traceback" not in message


@pytest.mark.parametrize("name", sorted(RANGES))
def test_each_range_refuses_what_it_must_and_says_so(name):
    allowed = RANGES[name]
    for value in (math.nan, math.inf, -math.inf, -1, 0, 1e300, 10**30, True, "3", None):
        if allowed.allows(value):
            assert isinstance(value, int) and not isinstance(value, bool) or isinstance(value, float)
            continue
        with pytest.raises(ValueError) as refused:
            allowed.check(value)
        _says_all(str(refused.value), allowed, repr(value) if isinstance(value, (str, float)) else str(value))
    assert not allowed.allows(math.nan) and not allowed.allows(math.inf) and not allowed.allows(-1)


def test_the_ranges_read_as_the_user_reads_them():
    assert RANGES["lr"].refusal(math.nan) == "learning rate must be in (0, 100], got nan"
    assert RANGES["batch_size"].allowed == "a whole number of at least 1"
    assert RANGES["seed"].allowed == "a whole number from 0 to 2147483647"
    assert RANGES["noise"].allowed == "between 0 and 0.5"


FLAGS = [("train", "--lr", "lr"), ("train", "--l1", "l1"), ("train", "--l2", "l2"), ("train", "--noise", "noise"),
         ("train", "--train-ratio", "train_ratio"), ("train", "--batch-size", "batch_size"),
         ("train", "--epochs", "epochs"), ("train", "--seed", "seed"), ("train", "--classes", "classes"),
         ("lr-find", "--lr", "lr"), ("lr-find", "--steps", "steps"), ("lr-find", "--start-lr", "start_lr"),
         ("lr-find", "--end-lr", "end_lr"), ("export-data", "--noise", "noise"),
         ("export-data", "--classes", "classes"), ("export-data", "--seed", "data_seed"),
         ("export-torch", "--epochs", "script_epochs"), ("render", "--epochs", "animation_epochs"),
         ("render", "--every", "every"), ("render", "--fps", "fps"), ("bench", "--soak-start", "soak_start")]


@pytest.mark.parametrize("command,flag,name", FLAGS)
def test_every_numeric_flag_refuses_a_bad_number_naming_the_flag_the_range_and_the_value(command, flag, name):
    allowed = RANGES[name]
    refused = 0
    for text in BAD_TEXTS:
        value = _number(text, allowed)
        if value is not None and allowed.allows(value):
            continue
        r = nnplay(command, f"{flag}={text}")  # (argparse checks a number before anything else)
        assert r.returncode == 2, (flag, text, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1 and f"argument {flag}:" in r.stderr
        _says_all(r.stderr, allowed, repr(text))
        refused += 1
    assert refused >= 5


@pytest.mark.parametrize("name", CONFIG_NUMBERS + ("clip", "dropout", "hidden"))
def test_a_settings_text_refuses_a_bad_number_with_its_range(name):
    allowed = RANGES[name]
    for text in ("nan", "inf", "1e400", "x"):
        with pytest.raises(ValueError) as refused:
            TrainConfig.from_text(f"{name}={text}")
        assert f"setting {name!r}: " in str(refused.value) and str(refused.value).endswith(f"got {text!r}")
        _says_all(str(refused.value), allowed, repr(text))
    for text in ("-1", "1e300"):  # numbers, out of range: refused by the config, with its range
        if allowed.allows(_number(text, allowed)):
            continue  # (a clip norm has no upper end)
        with pytest.raises(ValueError) as refused:
            TrainConfig.from_text(f"{name}={text}")
        assert allowed.allowed in str(refused.value) or name in ("clip", "dropout"), str(refused.value)


@pytest.mark.parametrize("name", CONFIG_NUMBERS)
def test_a_config_refuses_any_bad_value_with_a_value_error_naming_the_range(name):
    allowed = RANGES[name]
    for value in (math.nan, math.inf, -1, 1e300, "fast", None, True):
        if allowed.allows(value):
            continue
        with pytest.raises(ValueError) as refused:  # never a TypeError ("<" between str and float)
            TrainConfig(**{name: value})
        _says_all(str(refused.value), allowed, repr(value) if isinstance(value, (str, float)) else str(value))


def test_a_hidden_layer_size_of_nan_says_the_range():
    with pytest.raises(ValueError, match=r"hidden layer size must be a whole number from 1 to 256, got nan"):
        TrainConfig(hidden=(4, math.nan))


@pytest.fixture(scope="module")
def session_path(tmp_path_factory):
    from nnplay.training import Trainer
    from nnplay.training.session import Session, save_session

    t = Trainer(TrainConfig(hidden=(2,)))
    path = tmp_path_factory.mktemp("s") / "run.nnplay"
    save_session(path, Session(t.config, t.data, t.state_dict()))
    return path


@pytest.mark.parametrize("name,value", [("lr", math.nan), ("lr", math.inf), ("lr", 0), ("l2", -1.0),
                                        ("batch_size", 0), ("noise", 1e300), ("seed", "0"), ("train_ratio", None)])
def test_a_session_file_with_a_bad_number_is_refused_in_one_line_with_the_range(session_path, tmp_path, name, value):
    from nnplay.training.session import SessionError, load_session

    with zipfile.ZipFile(session_path) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    doc = json.loads(entries["session.json"])
    doc["config"][name] = value  # (json writes NaN and Infinity, as Python's json reads them)
    entries["session.json"] = json.dumps(doc).encode()
    bad = tmp_path / "bad.nnplay"
    with zipfile.ZipFile(bad, "w") as z:
        for n, data in entries.items():
            z.writestr(n, data)
    with pytest.raises(SessionError) as refused:
        load_session(bad)
    allowed = RANGES[name]
    # named as the file writes it (json: NaN, Infinity, 1e+300), not as Python reads it (tester, round 21)
    _says_all(str(refused.value), allowed, json.dumps(value) if isinstance(value, float) else
              repr(value) if isinstance(value, str) else str(value))


def test_the_window_refuses_a_pasted_nan_rate_with_its_range():
    from nnplay.training.run_state import RunState

    state = RunState(TrainConfig(hidden=(2,)))
    assert state.apply(**TrainConfig.text_patch("lr=0.1"))  # a good rate is taken
    with pytest.raises(ValueError, match=r"setting 'lr': learning rate must be in \(0, 100\], got 'nan'"):
        TrainConfig.text_patch("lr=nan")  # (the window shows this line: controller.apply_settings_text)
    for value in (math.nan, -1.0, 1e300):
        assert not state.apply(lr=value)
        assert state.refusal == f"learning rate must be in (0, 100], got {value!r}"
    assert state.config.lr == 0.1  # the run keeps its rate
