import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["nnplay.engine", "nnplay.data", "nnplay.training", "nnplay.training.loop", "nnplay.cli",
                                    "nnplay.benchmark"])
def test_model_layers_never_import_qt(module):
    code = (f"import sys, {module}; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')); "
            "print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, f"{module} pulled in {r.stdout.strip()}"


def test_engine_does_not_import_data_or_training():
    code = ("import sys, nnplay.engine; "
            "bad = [m for m in sys.modules if m.startswith(('nnplay.data', 'nnplay.training', 'nnplay.ui'))]; "
            "sys.exit(1 if bad else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_nothing_read_from_a_file_can_run_code():
    """No pickle, eval or exec on anything nnplay reads (IPC with its own child
    process goes through multiprocessing, which is not a file a user opens)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "nnplay"
    pattern = re.compile(r"\bimport pickle\b|\bpickle\.load|allow_pickle\s*=\s*True|(?<![.\w])eval\(|(?<![.\w])exec\(|yaml\.load\(")
    offenders = [f"{p.relative_to(root)}:{i}" for p in root.rglob("*.py")
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert offenders == []
