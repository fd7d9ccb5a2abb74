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
