"""tests/bytecode_cache.py: with PYTHONDONTWRITEBYTECODE set, compiled modules go to a
folder under the temporary folder (never the repository), for this process and its children."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = ("import os, sys; from tests.bytecode_cache import keep; p = keep(); "
         "print(p, sys.pycache_prefix, sys.dont_write_bytecode, os.environ.get('PYTHONPYCACHEPREFIX'), "
         "os.environ.get('PYTHONDONTWRITEBYTECODE'))")


def probe(**env) -> list[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    r = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=dict(base, **env), capture_output=True,
                       text=True, timeout=60, check=True)
    return r.stdout.split()


def test_compiled_modules_are_kept_outside_the_repository_when_writing_them_is_off():
    prefix, seen_prefix, dont_write, child_prefix, child_dont = probe(PYTHONDONTWRITEBYTECODE="1")
    assert prefix == seen_prefix == child_prefix
    assert Path(prefix).is_relative_to(tempfile.gettempdir()) and not Path(prefix).is_relative_to(ROOT)
    assert dont_write == "False" and child_dont == "None"


def test_nothing_changes_when_bytecode_is_written_or_has_its_own_folder(tmp_path):
    assert probe() == ["None", "None", "False", "None", "None"]
    assert probe(PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=str(tmp_path)) == [
        "None", str(tmp_path), "True", str(tmp_path), "1"]
