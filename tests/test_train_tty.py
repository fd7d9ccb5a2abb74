"""`nnplay train` on a terminal trains the same run as a piped one, bit for bit (a
tester: with a TTY it stepped the first mini-batch of the run itself to time it, for
the per-mini-batch progress bar, and the final weights differed from a piped run's by
about 7e-18). The session each writes holds the same numbers."""

import os
import pty
import subprocess
import sys
import zipfile

import pytest

ARGS = ["train", "--dataset", "spiral", "--layers", "8,8", "--epochs", "12", "--seed", "3"]


def _on_a_terminal(args) -> int:
    """Run ``python -m nnplay.cli ARGS`` with a pseudo-terminal for its standard streams."""
    main, child = pty.openpty()
    p = subprocess.Popen([sys.executable, "-m", "nnplay.cli", *args], stdin=child, stdout=child, stderr=child,
                         close_fds=True)
    os.close(child)
    while True:  # read what it writes, or it blocks on a full terminal
        try:
            if not os.read(main, 4096):
                break
        except OSError:  # (Linux: EIO once the child has closed the terminal)
            break
    os.close(main)
    return p.wait(timeout=120)


def _arrays(path) -> dict:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith(".npy")}


@pytest.mark.skipif(not hasattr(pty, "openpty"), reason="no pseudo-terminals on this system")
def test_a_terminal_run_and_a_piped_run_end_with_the_same_weights(tmp_path):
    tty, piped = tmp_path / "tty.nnplay", tmp_path / "piped.nnplay"
    assert _on_a_terminal([*ARGS, "--save", str(tty)]) == 0
    r = subprocess.run([sys.executable, "-m", "nnplay.cli", *ARGS, "--save", str(piped)], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    a, b = _arrays(tty), _arrays(piped)
    assert "params.npy" in a and a.keys() == b.keys()
    assert [n for n in a if a[n] != b[n]] == []  # every array, the weights among them, bit for bit
