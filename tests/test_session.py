import zipfile

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.session import Session, SessionError, load_session, save_session


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_a_saved_run_continues_exactly_where_it_stopped(tmp_path, optimizer):
    cfg = TrainConfig(dataset="xor", noise=0.2, hidden=(5, 3), optimizer=optimizer, lr=0.01)
    a = Trainer(cfg)
    a.run(7)
    path = tmp_path / "run.nnplay"
    save_session(path, Session(a.config, a.data, a.state_dict()))
    s = load_session(path)
    b = Trainer(s.config, s.data)
    b.load_state_dict(s.state)
    assert b.epoch == 7 and np.array_equal(b.net.params, a.net.params)
    np.testing.assert_array_equal(b.history.column("train_loss"), a.history.column("train_loss"))
    a.run(5)
    b.run(5)
    np.testing.assert_array_equal(a.net.params, b.net.params)  # same shuffles, same optimizer state
    np.testing.assert_array_equal(a.history.column("test_loss"), b.history.column("test_loss"))


def test_settings_and_data_only(tmp_path):
    t = Trainer(TrainConfig(dataset="spiral-k", classes=4))
    path = tmp_path / "s.nnplay"
    save_session(path, Session(t.config, t.data, None, "generated"))
    s = load_session(path)
    assert s.state is None and s.data.n_classes == 4 and s.config == t.config
    np.testing.assert_array_equal(s.data.X, t.data.X)


def _damaged(tmp_path, name, mutate):
    t = Trainer(TrainConfig())
    t.run(2)
    good = tmp_path / "good.nnplay"
    save_session(good, Session(t.config, t.data, t.state_dict()))
    out = tmp_path / name
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            data = mutate(item.filename, data)
            if data is not None:
                zout.writestr(item.filename, data)
    return out


@pytest.mark.parametrize("case,mutate,fragment", [
    ("no_json", lambda n, d: None if n == "session.json" else d, "KeyError"),
    ("bad_json", lambda n, d: b"{not json" if n == "session.json" else d, "not a usable"),
    ("other_format", lambda n, d: d.replace(b"nnplay-session", b"something-else") if n == "session.json" else d,
     "not an nnplay session"),
    ("future_version", lambda n, d: d.replace(b'"version": 1', b'"version": 99') if n == "session.json" else d,
     "version 99"),
    ("pickled_array", lambda n, d: __import__("pickle").dumps(object()) if n == "params.npy" else d, "not a usable"),
    ("object_array", lambda n, d: _object_npy() if n == "X.npy" else d, "not a usable"),
    ("truncated_array", lambda n, d: d[: len(d) // 2] if n == "params.npy" else d, "not a usable"),
    ("bad_setting", lambda n, d: d.replace(b'"activation": "tanh"', b'"activation": "rm -rf"') if n == "session.json"
     else d, "unknown activation"),
])
def test_damaged_files_give_one_clear_line(tmp_path, case, mutate, fragment):
    path = _damaged(tmp_path, case + ".nnplay", mutate)
    with pytest.raises(SessionError) as err:
        load_session(path)
    assert "\n" not in str(err.value) and str(path) in str(err.value) and fragment in str(err.value)


def _object_npy():
    import io
    buf = io.BytesIO()
    np.save(buf, np.array([object()], dtype=object), allow_pickle=True)
    return buf.getvalue()


def test_not_a_zip_missing_and_wrong_network(tmp_path):
    p = tmp_path / "x.nnplay"
    p.write_bytes(b"hello")
    with pytest.raises(SessionError, match="not a usable"):
        load_session(p)
    with pytest.raises(SessionError, match="no such file"):
        load_session(tmp_path / "none.nnplay")
    t = Trainer(TrainConfig(hidden=(3,)))
    other = Trainer(TrainConfig(hidden=(4,)))
    with pytest.raises(ValueError, match="do not fit"):
        other.load_state_dict(t.state_dict())
