"""Compiled test and nnplay modules are kept between runs, also where
PYTHONDONTWRITEBYTECODE is set.

With that variable set, Python writes no ``.pyc`` files and pytest keeps no
assertion-rewritten test modules: every run, in each xdist worker, compiles
nnplay again and rewrites every test module's asserts (about 15 s of the 25 s a
worker spent collecting on a loaded 2-core machine), and every training process
and ``nnplay`` subprocess a test starts compiles nnplay once more. The variable's
usual purpose is a source tree without ``__pycache__`` folders; ``keep()`` honours
that by writing the compiled files under the temporary folder instead
(``sys.pycache_prefix``, PYTHONPYCACHEPREFIX for child processes), never into the
repository. Python checks each file against its source's time and size, and
pytest's rewritten files carry pytest's version, so a stale file is never used.
With a prefix Python reads and writes every module's compiled file there, the
libraries' too: the first run fills it (about 120 MB) and is slower, later runs are not.
"""

from __future__ import annotations

import os
import sys
import tempfile


def keep() -> str | None:
    """Write compiled modules under ``<tmp>/nnplay-pycache-<user>`` if writing them was
    switched off (and no other cache folder is set); returns that folder, or None when
    nothing was changed."""
    if not sys.dont_write_bytecode or sys.pycache_prefix:
        return None
    user = os.getuid() if hasattr(os, "getuid") else os.getlogin()
    prefix = os.path.join(tempfile.gettempdir(), f"nnplay-pycache-{user}")
    sys.pycache_prefix = prefix
    sys.dont_write_bytecode = False
    os.environ["PYTHONPYCACHEPREFIX"] = prefix  # training processes, the forkserver, `nnplay` subprocesses
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    return prefix
