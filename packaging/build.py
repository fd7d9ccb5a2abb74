"""Build the one-folder app for this system:  python packaging/build.py

Needs `pip install pyinstaller` (and the app's own dependencies). Makes the
icon files from resources/icons/nnplay.svg with Qt, runs PyInstaller on
packaging/nnplay.spec, and leaves the app in dist/nnplay/ (dist/nnplay.app on
macOS). On Linux, install packaging/linux/*.desktop and *.metainfo.xml with it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "packaging" / "build-icons"


def make_icons() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    ICONS.mkdir(parents=True, exist_ok=True)
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "nnplay.svg"))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    image.save(str(ICONS / "nnplay.png"))
    image.save(str(ICONS / "nnplay.ico"))  # Qt writes .ico; .icns is left to macOS's iconutil if wanted
    del app


def main() -> int:
    make_icons()
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(ROOT / "dist"),
           "--workpath", str(ROOT / "build" / "pyinstaller"), str(ROOT / "packaging" / "nnplay.spec")]
    print(" ".join(cmd), flush=True)
    return subprocess.call(cmd, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
