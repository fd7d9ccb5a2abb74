"""Background saving, the clean-exit marker and atomic session files, in this process
(the real window killed in its own process is in test_process_lifecycle.py)."""

import os
import subprocess
import sys
import zipfile

import numpy as np

import pytest
from PySide6.QtWidgets import QMessageBox

from nnplay.training import TrainConfig, Trainer, make_dataset
from nnplay.training.session import Session, load_session, save_session
from nnplay.ui.app import configure_pyqtgraph
from nnplay.ui.autosave import AUTOSAVE_SECONDS, SECOND_WINDOW, RunningMarker, autosave_seconds
from nnplay.ui.main_window import PlaygroundWindow

pytestmark = pytest.mark.timeout(120)


def test_a_write_cut_short_leaves_the_last_good_file_and_no_temporary_file(tmp_path, monkeypatch):
    config = TrainConfig()
    t = Trainer(config, make_dataset(config))
    path = tmp_path / "s.nnplay"
    save_session(path, Session(config, t.data, t.state_dict()))
    before = path.read_bytes()
    t.run(5)

    def fail(self, name, data, *a, **k):
        if name == "params.npy":
            raise OSError(28, "No space left on device")
        return original(self, name, data, *a, **k)

    original = zipfile.ZipFile.writestr
    monkeypatch.setattr(zipfile.ZipFile, "writestr", fail)
    with pytest.raises(OSError):
        save_session(path, Session(config, t.data, t.state_dict()))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.nnplay"]


def test_the_interval_comes_from_the_environment_and_a_bad_value_is_one_line(capsys):
    assert autosave_seconds({}) == AUTOSAVE_SECONDS
    assert autosave_seconds({"NNPLAY_AUTOSAVE_SECONDS": "0.25"}) == 0.25
    assert autosave_seconds({"NNPLAY_AUTOSAVE_SECONDS": "-3"}) == AUTOSAVE_SECONDS
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "NNPLAY_AUTOSAVE_SECONDS='-3'" in err


def test_the_marker_tells_an_unclean_exit_from_a_clean_one_and_from_a_running_window(tmp_path):
    lock = tmp_path / "data" / "nnplay.lock"
    first = RunningMarker(lock)
    assert first.acquired and not first.unclean_exit
    second = RunningMarker(lock)  # another window while the first runs
    assert not second.acquired and not second.unclean_exit
    first.release()
    clean = RunningMarker(lock)
    assert clean.acquired and not clean.unclean_exit
    clean.release()
    code = ("import os, sys; from nnplay.ui.autosave import RunningMarker; "
            "m = RunningMarker(sys.argv[1]); assert m.acquired; os._exit(9)")  # dies holding it
    assert subprocess.run([sys.executable, "-c", code, str(lock)], timeout=60).returncode == 9
    after_crash = RunningMarker(lock)
    assert after_crash.acquired and after_crash.unclean_exit
    after_crash.release()


def _window(qtbot, monkeypatch, tmp_path, **kwargs):
    configure_pyqtgraph()
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    win = PlaygroundWindow(autosave_path=str(tmp_path / "data" / "last.nnplay"), **kwargs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.controller.last_frame is not None, timeout=15000)
    return win


def test_saves_in_the_background_only_when_something_changed(qtbot, no_leaks, tmp_path, monkeypatch):
    monkeypatch.setenv("NNPLAY_AUTOSAVE_SECONDS", "0.1")
    win = _window(qtbot, monkeypatch, tmp_path)
    a, c = win.autosaver, win.controller
    qtbot.waitUntil(lambda: a.saves == 1, timeout=15000)
    _ticks_ask_nothing(qtbot, a)  # ticks with nothing changed
    assert a.saves == 1
    c.step(7)
    qtbot.waitUntil(lambda: a.saves == 2, timeout=15000)
    assert load_session(a.path).state["epoch"] == 7
    c.edit_data("add", (1.0, -2.0), 1)
    qtbot.waitUntil(lambda: a.saves == 3, timeout=15000)
    saved = load_session(a.path)
    assert saved.data.edited and saved.data.n_examples == c.data.n_examples
    win.restore_action.setChecked(False)  # the option is off: nothing more is saved ...
    qtbot.waitUntil(lambda: a._writer is None or not a._writer.is_alive(), timeout=15000)
    saves = a.saves  # (... once a write already under way when it was turned off has ended)
    c.step(3)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 10, timeout=15000)  # changed since the save
    _ticks_ask_nothing(qtbot, a)
    assert a.saves == saves
    win.close()
    assert load_session(a.path).state["epoch"] == 7


def _ticks_ask_nothing(qtbot, autosaver, ticks: int = 3) -> None:
    """Wait for ``ticks`` ticks of the autosave timer and check that none asked the
    training process for the state (the first step of every save); a save asked
    for at a tick is seen at that tick, not after the round trip and the write."""
    asked = []
    def note():  # (called after save_if_changed, connected first)
        asked.append(autosaver._asked is not None)

    autosaver._timer.timeout.connect(note)
    try:
        qtbot.waitUntil(lambda: len(asked) >= ticks, timeout=15000)
    finally:
        autosaver._timer.timeout.disconnect(note)
    assert not any(asked) and autosaver._writer is None


def _last_session(tmp_path, epochs: int) -> None:
    """An xor run of ``epochs`` epochs saved as the last session (tmp_path/data/last.nnplay)."""
    config = TrainConfig(dataset="xor")
    t = Trainer(config, make_dataset(config))
    t.run(epochs)
    (tmp_path / "data").mkdir()
    save_session(tmp_path / "data" / "last.nnplay", Session(config, t.data, t.state_dict()))


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
def test_after_an_unclean_exit_the_restore_is_offered(qtbot, no_leaks, tmp_path, monkeypatch, answer):
    _last_session(tmp_path, 12)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append(text) or answer)
    win = _window(qtbot, monkeypatch, tmp_path, unclean_exit=True)
    qtbot.waitUntil(lambda: bool(asked) and win.autosaver.active, timeout=15000)
    assert len(asked) == 1 and asked[0].startswith("nnplay did not close properly. Restore the session from ")
    assert asked[0].endswith("(epoch 12)?")
    if answer == QMessageBox.StandardButton.Yes:
        qtbot.waitUntil(lambda: win.controller.last_frame is not None  # (None while the session's run is built)
                        and win.controller.last_frame.snapshot.epoch == 12, timeout=15000)
        assert win.controller.data.name == "xor"
    else:  # (the answer may start the run's first frame again: wait for it, not for a fixed time)
        qtbot.waitUntil(lambda: win.controller.last_frame is not None, timeout=15000)
        assert win.controller.last_frame.snapshot.epoch == 0 and win.controller.data.name != "xor"
    win.close()
    assert os.path.exists(tmp_path / "data" / "last.nnplay")


def test_a_second_window_says_it_saves_only_at_close(qtbot, no_leaks, tmp_path, monkeypatch):
    monkeypatch.setenv("NNPLAY_AUTOSAVE_SECONDS", "0.1")
    win = _window(qtbot, monkeypatch, tmp_path, autosave=False)  # another window holds the lock
    assert win.statusBar().currentMessage() == SECOND_WINDOW
    win.controller.step(3)
    qtbot.waitUntil(lambda: win.controller.last_frame.snapshot.epoch == 3, timeout=15000)
    assert not win.autosaver._timer.isActive()  # no ticks (its timer alone saves in the background) ...
    qtbot.wait(200)  # (two of the 0.1 s intervals after the change: a save a tick asked for would be under way)
    assert win.autosaver.saves == 0  # ... nothing in the background ...
    win.close()
    assert load_session(win.autosaver.path).state["epoch"] == 3  # ... but saved at close


def test_the_restore_question_waits_for_the_window_to_be_on_screen(qtbot, no_leaks, tmp_path, monkeypatch):
    """Asked while the window was still being built behind the launch window, the
    modal question could sit unseen behind it: the window stood empty and did not
    train (the tester's "dead playground on relaunch" after a killed session)."""
    _last_session(tmp_path, 5)
    shown_when_asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, *a: shown_when_asked.append(
        parent.isVisible()) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    configure_pyqtgraph()
    win = PlaygroundWindow(autosave_path=str(tmp_path / "data" / "last.nnplay"), unclean_exit=True)
    qtbot.addWidget(win)
    qtbot.wait(100)  # not shown yet: nothing asked (the question asked too early came at once, from a zero-time timer)
    assert shown_when_asked == []
    win.show()
    qtbot.waitUntil(lambda: bool(shown_when_asked), timeout=15000)
    assert shown_when_asked == [True]
    qtbot.waitUntil(lambda: win.controller.last_frame is not None and win.controller.last_frame.snapshot.epoch == 5,
                    timeout=15000)
    win.update()
    qtbot.wait(100)
    assert shown_when_asked == [True]  # asked once
    win.close()


@pytest.mark.parametrize("action", ["step", "play", "reset"])
def test_a_killed_training_process_goes_on_from_the_last_background_save(qtbot, no_leaks, tmp_path, monkeypatch,
                                                                          action):
    """Tester 20: after the training process was killed, 18 minutes of training (422k epochs) began again
    from the first weights. Play and Step now go on from the autosave's state of the run; Reset starts over."""
    import signal

    monkeypatch.setenv("NNPLAY_AUTOSAVE_SECONDS", "0.1")
    win = _window(qtbot, monkeypatch, tmp_path)
    a, c = win.autosaver, win.controller
    qtbot.waitUntil(lambda: a.saves == 1, timeout=15000)
    c.step(7)
    qtbot.waitUntil(lambda: a.saves == 2, timeout=15000)
    win.restore_action.setChecked(False)  # no save after this one: the run goes on past the state saved
    qtbot.waitUntil(lambda: a._writer is None, timeout=15000)
    assert c.run.saved[0] == c.generation and c.run.saved[1]["epoch"] == 7
    c.step(3)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 10, timeout=15000)
    weights = [W.copy() for W in c.last_frame.snapshot.weights]
    os.kill(c.worker._process.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: c.run.lost, timeout=10000)
    generation = c.generation
    {"step": lambda: c.step(1), "play": c.play, "reset": c.reset}[action]()
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.generation == c.generation > generation,
                    timeout=15000)
    if action == "play":
        c.pause()
    snap = c.last_frame.snapshot
    if action == "reset":
        assert snap.epoch == 0 and "goes on from epoch" not in win.statusBar().currentMessage()
    else:
        assert snap.epoch >= 8 if action == "play" else snap.epoch == 8  # from epoch 7's state, not 0 nor 10
        assert win.statusBar().currentMessage() == \
            "A new training process goes on from epoch 7, the run's last background save."
        assert not all(np.array_equal(W, V) for W, V in zip(snap.weights, weights))  # (not epoch 10's)
