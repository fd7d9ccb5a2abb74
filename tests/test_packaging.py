"""The frozen app (its build is not in the default run: `pip install pyinstaller`, then
`pytest -m build` builds it and runs its smoke test)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_packaging_files_are_present_and_name_the_app():
    assert (ROOT / "packaging" / "nnplay.spec").exists() and (ROOT / "packaging" / "build.py").exists()
    desktop = (ROOT / "packaging" / "linux" / "io.github.nnplay.nnplay.desktop").read_text()
    assert "Exec=nnplay" in desktop and "Icon=io.github.nnplay.nnplay" in desktop
    assert "<id>io.github.nnplay.nnplay</id>" in (ROOT / "packaging" / "linux" /
                                                  "io.github.nnplay.nnplay.metainfo.xml").read_text()
    assert (ROOT / ".github" / "workflows" / "build.yml").exists()


def test_icon_loads_through_importlib_resources():
    from importlib import resources

    svg = resources.files("nnplay.resources").joinpath("icons/nnplay.svg").read_bytes()
    assert svg.lstrip().startswith(b"<svg")


@pytest.mark.build
@pytest.mark.timeout(1800)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build is proven here")
def test_linux_build_launches_and_passes_the_smoke_run():
    import PyInstaller  # noqa: F401  (pytest -m build needs it: pip install pyinstaller)
    r = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], cwd=ROOT, capture_output=True,
                       text=True, timeout=1500)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    exe = ROOT / "dist" / "nnplay" / "nnplay"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([str(exe), "--smoke"], capture_output=True, text=True, timeout=180, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
