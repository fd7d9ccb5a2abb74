"""Every error about a session file names the file, as the README says: also when
the file reads well but the run it holds does not fit its own settings (the
weights, the epoch, the history), in the CLI as in the window."""

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.session import Session, SessionError, open_trainer, save_session
from tests.cli_run import nnplay

pytestmark = pytest.mark.timeout(60)


def _state():
    t = Trainer(TrainConfig(hidden=(3,)))
    t.run(2)
    return t.config, t.data, t.state_dict()


def _wider(config, data, state):
    return config.with_changes(hidden=(8,)), data, state


def _negative_epoch(config, data, state):
    return config, data, dict(state, epoch=-7)


def _non_finite(config, data, state):
    return config, data, dict(state, params=np.full_like(state["params"], np.nan))


def _history_parts(config, data, state):
    history = dict(state["history"], level_counts=np.array([5, 0, 0, 0, 0, 0]))
    return config, data, dict(state, history=history)


CASES = {"wider": (_wider, "params.npy (the weights) holds 13 numbers; the network of config in session.json has 33"),
         "epoch": (_negative_epoch, "run.epoch in session.json: the number -7 is below 0"),
         "nan": (_non_finite, "params.npy (the weights) holds 13 values that are not finite numbers"),
         "history": (_history_parts, "run.history.n in session.json (the saved curves): 3, but its parts hold 13 points")}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sessions")
    config, data, state = _state()
    out = {}
    for name, (damage, _) in CASES.items():
        out[name] = folder / f"{name}.nnplay"
        save_session(out[name], Session(*damage(config, data, dict(state))))
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_a_run_that_does_not_fit_names_its_file(files, case):
    with pytest.raises(SessionError) as err:
        open_trainer(files[case])
    message = str(err.value)
    assert message.startswith(f"{files[case]}: ") and CASES[case][1] in message and "\n" not in message


@pytest.mark.parametrize("command", [("diagnose",), ("export-torch", "--out", "model.py")])
def test_the_cli_names_the_file(files, command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = nnplay(command[0], str(files["wider"]), *command[1:])
    assert r.returncode == 2 and str(files["wider"]) in r.stderr and len(r.stderr.strip().splitlines()) == 1


def _latin1(path, tmp_path):
    """``path`` with its session.json rewritten in Latin-1 (tester 13's m_latin.nnplay: a 'é' in a name)."""
    import zipfile

    out = tmp_path / "latin.nnplay"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "session.json":
                data = data.replace(b'"dataset": "', '"dataset": "c\u00e9'.encode("latin-1"), 1)
            dst.writestr(item, data)
    return out


def test_a_session_json_that_is_not_utf8_is_said_in_one_line(files, tmp_path, monkeypatch):
    """Python's "'utf-8' codec can't decode byte 0xe9 in position 74: invalid continuation byte"
    reached the user; the line and column of the byte are said, in the loader and the CLI."""
    from nnplay.training.session import load_session

    bad = _latin1(files["wider"], tmp_path)
    with pytest.raises(SessionError) as err:
        load_session(bad)
    message = str(err.value)
    assert message.startswith(f"{bad}: not a usable nnplay session: its session.json is not UTF-8 text (line ")
    assert "byte 0xe9)" in message and "codec" not in message and "position" not in message
    monkeypatch.chdir(tmp_path)
    r = nnplay("diagnose", str(bad))
    assert r.returncode == 2 and "session.json is not UTF-8 text" in r.stderr and len(r.stderr.strip().splitlines()) == 1
