import re
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
    ("no_json", lambda n, d: None if n == "session.json" else d, "has no session.json"),
    ("bad_json", lambda n, d: b"{not json" if n == "session.json" else d, "not a usable"),
    ("other_format", lambda n, d: d.replace(b"nnplay-session", b"something-else") if n == "session.json" else d,
     "not an nnplay session"),
    ("future_version", lambda n, d: d.replace(b'"version": 2', b'"version": 99') if n == "session.json" else d,
     "version 99"),
    # a bare pickle or plain text is no .npy file at all (NumPy takes anything else for a pickle)
    ("pickled_array", lambda n, d: __import__("pickle").dumps(object()) if n == "params.npy" else d,
     "not a usable nnplay session (params.npy is not a NumPy file at all"),
    ("plain_text", lambda n, d: b"not an npy" if n == "params.npy" else d,
     "not a usable nnplay session (params.npy is not a NumPy file at all"),
    ("object_array", lambda n, d: _object_npy() if n == "X.npy" else d, "(X.npy holds pickled Python objects"),
    ("truncated_array", lambda n, d: d[: len(d) // 2] if n == "params.npy" else d,
     "(params.npy is not a NumPy array, or is cut short)"),
    ("bad_setting", lambda n, d: d.replace(b'"activation": "tanh"', b'"activation": "rm -rf"') if n == "session.json"
     else d, "unknown activation"),
    # tester 16: one class named, labels 0 and 1 ("loss 'ce' needs integer labels 0..0" said nothing of the file)
    ("one_class_named", lambda n, d: re.sub(rb'"class_names": \[[^]]*\]', b'"class_names": ["0"]', d)
     if n == "session.json" else d, "the saved data set is damaged: class_names in session.json names 1 class; classification needs at least two"),
    ("labels_past_the_classes", lambda n, d: _npy(np.full(500, 7)) if n == "y.npy" else d,
     "the saved data set is damaged: y.npy (the targets) holds labels from 7 to 7, but class_names in session.json "
     "names 2 classes (labels 0 to 1)"),
])
def test_damaged_files_give_one_clear_line(tmp_path, case, mutate, fragment):
    path = _damaged(tmp_path, case + ".nnplay", mutate)
    with pytest.raises(SessionError) as err:
        load_session(path)
    assert "\n" not in str(err.value) and str(path) in str(err.value) and fragment in str(err.value)


def _npy(a) -> bytes:
    import io
    buf = io.BytesIO()
    np.save(buf, a)
    return buf.getvalue()


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
    with pytest.raises(ValueError, match=r"params.npy \(the weights\) holds 13 numbers; the network .* has 17 "):
        other.load_state_dict(t.state_dict())


def _with_synthetic_past(trainer: Trainer, epochs: int) -> dict:
    """The trainer's state as if ``epochs`` more epochs (a noisy falling loss with
    spikes) had run before its own: the history is fed without training."""
    from nnplay.training.history import History

    state = trainer.state_dict()
    rng = np.random.default_rng(epochs)
    out = {}
    for key, live in (("history", trainer.history), ("grad_norms", trainer.grad_norm_history)):
        h = History(live.names)
        for start in range(0, epochs, 1_000_000):
            m = min(1_000_000, epochs - start)
            t = np.arange(start, start + m, dtype=float)[:, None]
            rows = np.repeat(1.0 / (1 + t * 1e-4), len(h.names), axis=1) * rng.uniform(0.9, 1.1, len(h.names))
            rows[rng.integers(0, m, 20)] *= 30  # spikes
            h.extend(rows)
        h.extend(live.rows_since(0))
        out[key] = h
        state[key] = h.state()
    state["epoch"] = trainer.epoch + epochs
    return state, out


@pytest.mark.slow  # builds a ten-million-epoch history
def test_a_ten_million_epoch_session_is_about_the_size_of_a_100k_one_and_goes_on_exactly(tmp_path):
    cfg = TrainConfig(dataset="spiral", hidden=(6, 4), optimizer="adam", lr=0.01)
    a = Trainer(cfg)
    a.run(4)
    sizes = {}
    for epochs in (100_000, 10_000_000):
        state, saved = _with_synthetic_past(a, epochs)
        path = tmp_path / f"{epochs}.nnplay"
        save_session(path, Session(a.config, a.data, state))
        sizes[epochs] = path.stat().st_size
        s = load_session(path)
        b = Trainer(s.config, s.data)
        b.load_state_dict(s.state)
        assert b.epoch == a.epoch + epochs and len(b.history) == b.epoch + 1
        for name in b.history.names:  # reopens showing the same curves
            np.testing.assert_array_equal(b.history.curve(name)[1], saved["history"].curve(name)[1])
        np.testing.assert_array_equal(b.grad_norm_history.curve("layer_2")[1], saved["grad_norms"].curve("layer_2")[1])
        assert b.history.extremes("train_loss") == saved["history"].extremes("train_loss")
        twin = Trainer(cfg)  # the same run without the long past
        twin.load_state_dict(a.state_dict())
        b.run(6)
        twin.run(6)
        np.testing.assert_array_equal(b.net.params, twin.net.params)  # training does not depend on the history
        np.testing.assert_array_equal(b.history.column("test_loss", b.epoch - 5), twin.history.column("test_loss", 5))
    assert sizes[10_000_000] < sizes[100_000] + 64_000 and sizes[10_000_000] < 600_000, sizes


def test_format_1_sessions_with_the_whole_history_still_open(tmp_path):
    import json

    a = Trainer(TrainConfig(dataset="xor", hidden=(3,)))
    a.run(9)
    path = tmp_path / "new.nnplay"
    save_session(path, Session(a.config, a.data, a.state_dict()))
    old = tmp_path / "old.nnplay"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(old, "w") as zout:
        for item in zin.infolist():
            if item.filename.startswith(("history_", "grad_norms_")):
                continue
            data = zin.read(item.filename)
            if item.filename == "session.json":
                doc = json.loads(data)
                doc["version"] = 1
                del doc["run"]["history"], doc["run"]["grad_norms"]
                data = json.dumps(doc).encode()
            zout.writestr(item.filename, data)
        table = np.column_stack([a.history.column(f) for f in a.history.names])
        zout.writestr("history.npy", _npy_bytes(table))
        zout.writestr("grad_norms.npy", _npy_bytes(a.grad_norm_history.rows_since(0)))
    s = load_session(old)
    b = Trainer(s.config, s.data)
    b.load_state_dict(s.state)
    np.testing.assert_array_equal(b.history.column("train_loss"), a.history.column("train_loss"))
    np.testing.assert_array_equal(b.grad_norm_history.rows_since(0), a.grad_norm_history.rows_since(0))


def _npy_bytes(a):
    import io
    buf = io.BytesIO()
    np.save(buf, a, allow_pickle=False)
    return buf.getvalue()


def test_a_broken_session_file_is_refused_in_words_not_python_exception_names(tmp_path):
    import zipfile

    from nnplay.training.session import SessionError, load_session

    cases = {"not_zip.nnplay": None, "no_json.nnplay": {"x.txt": "hi"}, "bad_json.nnplay": {"session.json": '{"a": '}}
    for name, members in cases.items():
        p = tmp_path / name
        if members is None:
            p.write_bytes(b"not a zip")
        else:
            with zipfile.ZipFile(p, "w") as z:
                for member, text in members.items():
                    z.writestr(member, text)
        with pytest.raises(SessionError) as err:
            load_session(p)
        message = str(err.value)
        assert "\n" not in message and "Error" not in message and "KeyError" not in message, message
