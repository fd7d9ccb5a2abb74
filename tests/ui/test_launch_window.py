"""The first paint comes before NumPy and pyqtgraph: ``nnplay`` shows the
launch window (Qt only), builds the playground window right after its first
paint, and hands over its place; the CLI opens the window and prints its
version without loading NumPy."""

import subprocess
import sys

from PySide6.QtWidgets import QMainWindow

from nnplay.cli import window_args
from nnplay.first_paint import launch
from nnplay.ui.launch_window import DEFAULT_SIZE, LaunchWindow


def test_the_window_path_loads_neither_numpy_nor_pyqtgraph_before_the_first_paint():
    code = ("import sys, nnplay.cli, nnplay.ui.launch_window, nnplay.ui.app, nnplay.ui.assets\n"
            "print(sorted(m for m in ('numpy', 'pyqtgraph', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]"


def test_the_real_nnplay_command_paints_its_launch_window_before_numpy_pyqtgraph_or_pandas_is_imported():
    # The whole start of `nnplay` as a user runs it (its option checks included: they imported the
    # training code, and with it NumPy and pandas, before the paint, which the imports above missed).
    first = launch()
    assert first.window == "nnplay_launch_window"
    assert first.imported == ()


def test_only_a_subcommand_or_help_needs_the_full_parser():
    assert window_args([]).command is None
    assert window_args(["--smoke"]).smoke
    assert window_args(["--settings", "lr=0.1"]).settings == "lr=0.1"
    for argv in (["train"], ["--help"], ["-h"], ["datasets", "--help"], ["--nonsense"], ["--settings"]):
        assert window_args(argv) is None, argv


def test_the_build_waits_for_the_first_paint_and_takes_the_launch_windows_place(qtbot):
    launch = LaunchWindow()
    assert (launch.width(), launch.height()) == DEFAULT_SIZE
    built = []
    launch.after_first_paint(lambda: built.append(launch.first_paint_at))
    assert not built and launch.first_paint_at is None
    launch.move(40, 30)
    launch.show()
    qtbot.waitUntil(lambda: bool(built), timeout=5000)
    assert built[0] is not None  # called after the paint, which set the time
    window = QMainWindow()
    qtbot.addWidget(window)
    launch.hand_over(window)
    assert window.isVisible() and not launch.isVisible()
    assert window.geometry() == launch.geometry()
