"""Start the Qt application and the playground window."""

from __future__ import annotations

import sys


def configure_pyqtgraph() -> None:
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=False, background="w", foreground="k", imageAxisOrder="row-major",
                        useOpenGL=False)


def run(config=None) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("nnplay")
    app.setOrganizationName("nnplay")
    app.setApplicationDisplayName("nnplay")
    configure_pyqtgraph()
    from .main_window import PlaygroundWindow

    window = PlaygroundWindow(config)
    app.aboutToQuit.connect(window.controller.shutdown)
    window.show()
    return app.exec()
