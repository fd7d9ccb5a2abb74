"""Ctrl+C during `nnplay render` and `render --animate` (tester, round 21): the command stops, says
"nnplay: interrupted" alone, exits 130 and leaves no file, wherever the SIGINT lands, also inside Qt's
painting, where pyqtgraph used to swallow the KeyboardInterrupt (~30 lines of "RuntimeWarning: Ignored
exception") and the whole recording was written. No timed assertion: the outcome is checked, not the time."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from tests.cli_run import nnplay
from tests.sweep import sweep

# SIGINT sent from inside a pyqtgraph item's paint, its Nth call: where the default handler's
# KeyboardInterrupt is caught by pyqtgraph (debug.warnOnException) and the command carries on
IN_PAINT = textwrap.dedent("""
    import os, signal, sys
    import pyqtgraph as pg
    from nnplay.cli import main

    calls = [0]
    paint = pg.ScatterPlotItem.paint

    def interrupted_paint(self, *args):
        calls[0] += 1
        if calls[0] == int(os.environ["PAINT_CALL"]):
            os.kill(os.getpid(), signal.SIGINT)
        return paint(self, *args)

    pg.ScatterPlotItem.paint = interrupted_paint
    sys.exit(main(sys.argv[1:]))
""")


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    path = tmp_path_factory.mktemp("interrupt") / "s.nnplay"
    r = nnplay("train", "--dataset", "spiral", "--layers", "8,8", "--epochs", "30", "--seed", "1", "--save", path)
    assert r.returncode == 0, r.stderr
    return path


def _interrupted_in_paint(tmp_path, paint_call: int, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "PAINT_CALL": str(paint_call), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", IN_PAINT, *map(str, args)], capture_output=True, text=True,
                          timeout=300, env=env, cwd=tmp_path)


def _stopped_cleanly(r, tmp_path) -> None:
    assert r.stderr == "nnplay: interrupted\n", r.stderr[-2000:]
    assert r.returncode == 130
    assert r.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "no file, nor a part of one, is left"


@sweep("paint_call", [1, 5], default=1)  # (one code path at several points: the others with -m slow)
def test_ctrl_c_inside_a_paint_stops_a_recording(session, tmp_path, paint_call):
    out = tmp_path / "anim.gif"
    r = _interrupted_in_paint(tmp_path, paint_call, "render", session, "--panel", "output", "--animate",
                              "--epochs", "40", "--every", "2", "--out", out)
    _stopped_cleanly(r, tmp_path)


@sweep("suffix", [".png", ".svg"], default=1)
def test_ctrl_c_inside_a_paint_stops_a_render(session, tmp_path, suffix):
    r = _interrupted_in_paint(tmp_path, 1, "render", session, "--panel", "output", "--out", tmp_path / f"o{suffix}")
    _stopped_cleanly(r, tmp_path)


@sweep("frames_first", [1, 3, 12], default=1)
def test_ctrl_c_at_any_point_of_a_recording(session, tmp_path, frames_first):
    """A real SIGINT, as Ctrl+C sends it, from outside, once the recording has painted its first, third or
    twelfth scatter (wherever the process is then: painting, training, encoding): each time the same clean stop."""
    work = tmp_path / "work"
    work.mkdir()
    go = tmp_path / "go"
    hook = IN_PAINT.replace("os.kill(os.getpid(), signal.SIGINT)", f"open({str(go)!r}, 'w').close()")
    proc = subprocess.Popen([sys.executable, "-c", hook, "render", str(session), "--panel", "output", "--animate",
                             "--epochs", "20000", "--every", "11", "--out", str(work / "anim.gif")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=work,
                            env={**os.environ, "PAINT_CALL": str(frames_first),
                                 "QT_QPA_PLATFORM": "offscreen"})
    try:
        while not go.exists() and proc.poll() is None:  # the hook marks the Nth paint (the run would take minutes)
            try:
                proc.wait(0.05)
            except subprocess.TimeoutExpired:
                pass
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    _stopped_cleanly(subprocess.CompletedProcess(proc.args, proc.returncode, out, err), work)
