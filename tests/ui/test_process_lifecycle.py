"""The real window's process, killed: nothing it started outlives it, SIGTERM
closes it properly (saving the session), and after SIGKILL the autosaved session
comes back at the next start. Each test runs ``nnplay.ui.app.run`` in its own
process (tests/tools/lifecycle_driver.py) with its settings and data folders in
tmp_path, never the user's."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from nnplay.training.session import load_session

pytestmark = [pytest.mark.slow,  # each kills and restarts a real window process
              pytest.mark.timeout(240),
              pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds child processes in /proc")]

DRIVER = Path(__file__).parents[1] / "tools" / "lifecycle_driver.py"
GONE_WITHIN_S = 5.0


def _stat(pid):
    """(state, parent pid) of a process from /proc, or None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return fields[0], int(fields[1])


def descendants(pid) -> set[int]:
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            st = _stat(entry.name)
            if st is not None:
                children.setdefault(st[1], []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def running(pids) -> set[int]:
    """Those still running (a zombie has ended: it only waits for its parent to read its exit code)."""
    return {p for p in pids if (st := _stat(p)) is not None and st[0] not in "ZX"}


class Window:
    """The driver's process and its stdout, read line by line on a thread."""

    def __init__(self, tmp_path, *args, autosave_s="0.5", own_group=False):
        env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
                   QT_QPA_PLATFORM="offscreen", NNPLAY_AUTOSAVE_SECONDS=autosave_s)
        self.proc = subprocess.Popen([sys.executable, str(DRIVER), *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=env, start_new_session=own_group)
        self.lines = []
        self.stderr = []
        threading.Thread(target=self._read, args=(self.proc.stdout, self.lines), daemon=True).start()
        threading.Thread(target=self._read, args=(self.proc.stderr, self.stderr), daemon=True).start()

    @staticmethod
    def _read(stream, into):
        for line in stream:
            into.append(line.rstrip("\n"))

    def wait_for(self, tag, timeout=120):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for line in self.lines:
                if line.startswith(tag + " "):
                    return json.loads(line[len(tag) + 1:])
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.proc.kill()
        pytest.fail(f"no {tag} from the window (exit {self.proc.poll()}): {self.stderr[-5:]}")

    def kill(self, sig, group=False) -> int:
        """Send ``sig`` to the window's process, or with ``group`` to its whole process
        group, training processes included, as a terminal or a session manager does."""
        if group:
            os.killpg(self.proc.pid, sig)
        else:
            self.proc.send_signal(sig)
        return self.proc.wait(60)


def assert_all_gone(pids):
    end = time.monotonic() + GONE_WITHIN_S
    while running(pids) and time.monotonic() < end:
        time.sleep(0.05)
    assert not running(pids), f"still running {GONE_WITHIN_S} s after the window's process ended: {running(pids)}"


@pytest.mark.parametrize("sig,group", [(signal.SIGTERM, False), (signal.SIGKILL, False), (signal.SIGTERM, True),
                                       (signal.SIGINT, True), (signal.SIGHUP, True)],
                         ids=["SIGTERM", "SIGKILL", "SIGTERM-to-the-process-group", "Ctrl+C-in-the-terminal",
                              "SIGHUP-to-the-process-group"])
def test_nothing_outlives_the_window_killed_mid_training_while_comparing(tmp_path, sig, group):
    w = Window(tmp_path, "train", "--compare", own_group=group)
    ready = w.wait_for("READY")
    helpers = descendants(w.proc.pid)
    assert len(running(helpers)) >= 3  # run A's and run B's training processes and multiprocessing's tracker
    code = w.kill(sig, group)
    assert_all_gone(helpers)
    saved = load_session(ready["path"])
    assert saved.data.edited and saved.state["epoch"] >= ready["saved_epoch"]
    if sig != signal.SIGKILL:  # closed as the close button closes it, once: the session saved to the end
        assert code == 0, w.stderr[-5:]
        assert [line for line in w.lines if line.startswith("CLOSED")] == ["CLOSED 1"]
        assert saved.state["epoch"] >= ready["epoch"]
        assert not (Path(ready["data_dir"]) / "nnplay.lock").exists()  # a clean exit
    else:
        assert code == -signal.SIGKILL
    assert not [line for line in w.stderr if "Warning" in line or "Traceback" in line], w.stderr


def test_killed_window_comes_back_with_its_run_and_drawn_points(tmp_path):
    w = Window(tmp_path, "train")
    ready = w.wait_for("READY")
    time.sleep(1.0)  # a couple more autosaves, and maybe one cut short by the kill
    w.kill(signal.SIGKILL)
    saved = load_session(ready["path"])  # whole: the file is replaced atomically, never half-written
    assert saved.state["epoch"] >= ready["saved_epoch"]
    np.testing.assert_array_equal(saved.data.X, np.array(ready["X"]))  # the drawn points are in it

    again = Window(tmp_path, "restore")
    restored = again.wait_for("RESTORED")
    assert again.proc.wait(60) == 0
    assert restored["question"].startswith("nnplay did not close properly. Restore the session from ")
    assert f"(epoch {saved.state['epoch']})" in restored["question"]
    assert restored["epoch"] == saved.state["epoch"]
    np.testing.assert_array_equal(np.array(restored["X"]), np.array(ready["X"]))
    for (x1, x2), label in [((0.5, 0.5), 1), ((-4.5, 4.5), 0), ((4.2, -3.9), 1)]:
        hits = np.flatnonzero((np.array(restored["X"]) == (x1, x2)).all(axis=1))
        assert len(hits) == 1 and restored["y"][hits[0]] == label
    assert not (Path(ready["data_dir"]) / "nnplay.lock").exists()  # closed cleanly this time: no question next time
    assert not list(Path(ready["data_dir"]).glob(".*.part*"))  # a write the kill cut short was cleared away
