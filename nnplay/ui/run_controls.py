"""The run's actions (Play, Step, Reset, Inspect, Compare, ...) and the two
toolbar rows along the top of the window: the run controls with the pace, and
the read-outs (epoch, epochs per second, loss, accuracy) on a row of their own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QStyle, QToolBar

from .epoch_readout import rate_text
from .readout_row import readout_row
from .shortcut_text import tip_with_keys
from .steady_label import SteadyLabel
from .tip import LiveTip
from .widest_text import keep_widest
from .widgets import named
from .worker import MAX_SPEED

DEFAULT_SPEED = 1  # TensorFlow Playground's pace: one epoch per frame, so the boundary is seen forming
SPEEDS = [(1, "1 epoch/frame"), (2, "2 epochs/frame"), (5, "5 epochs/frame"), (10, "10 epochs/frame"),
          (20, "20 epochs/frame"), (50, "50 epochs/frame"), (100, "100 epochs/frame"), (MAX_SPEED, "Max speed")]


def build_actions(win) -> None:
    """The window's actions with their shortcuts (window-wide, so they work
    wherever the focus is) and tooltips, as attributes of ``win``."""
    style = win.style()
    win.play_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay), "Play", win)
    win.play_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
    win.step_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward), "Step", win)
    win.step_action.setShortcut(QKeySequence(Qt.Key.Key_Right))
    win.reset_action = QAction(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload), "Reset", win)
    win.reset_action.setShortcut(QKeySequence(Qt.Key.Key_R))
    win.load_action = QAction("Load CSV…", win)
    win.load_action.setShortcut(QKeySequence.StandardKey.Open)
    win.open_session_action = QAction("Open session…", win)
    win.open_session_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
    win.save_session_action = QAction("Save session…", win)
    win.save_session_action.setShortcut(QKeySequence.StandardKey.Save)
    win.inspect_action = QAction("Backprop inspector", win)
    win.inspect_action.setShortcut(QKeySequence("Ctrl+B"))
    win.inspect_action.setIconText("Inspect")
    win.inspect_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView))
    win.compare_action = QAction("Compare runs…", win)
    win.compare_action.setIconText("Compare")
    win.compare_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_TitleBarNormalButton))
    win.compare_action.setShortcut(QKeySequence("Ctrl+K"))
    win.step_batch_action = QAction("Step one mini-batch", win)
    win.step_batch_action.setShortcut(QKeySequence("Shift+Right"))
    win.quit_action = QAction("Quit", win)
    # the system's Quit keys (Ctrl+Q, ⌘Q); Windows has none: Ctrl+Q there too
    win.quit_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")])
    for a, tip in ((win.play_action, "Start or pause training"),
                   (win.step_action, "Train exactly one epoch"),
                   (win.reset_action, "Start again from fresh weights"),
                   (win.load_action, "Load your own data from a CSV file"),
                   (win.open_session_action, "Open a saved .nnplay session"),
                   (win.save_session_action, "Save settings, data, weights and history to a .nnplay file"),
                   (win.inspect_action, "Open the backprop inspector: every number of one mini-batch's "
                                         "step, layer by layer"),
                   (win.step_batch_action, "Train exactly one mini-batch"),
                   (win.compare_action, "Fork this run with one setting changed and train both side by side"),
                   (win.quit_action, "Close nnplay")):
        tip_with_keys(a, tip)  # the keys as bound on this system (shortcut_text)
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        win.addAction(a)
    # Quit from every window of the app (the inspector, Compare, the guide, a non-modal dialog), as a menu's does
    win.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)


def build_toolbar(win) -> None:
    """The run toolbar (``run_toolbar``) and, on a row of its own below it, the
    read-outs (``readouts_toolbar``), so that no read-out ever falls into an overflow menu."""
    bar = QToolBar("Run")
    bar.setObjectName("run_toolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    win.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    for action, name in ((win.play_action, "play"), (win.step_action, "step"), (win.reset_action, "reset"),
                         (win.inspect_action, "inspect"), (win.compare_action, "compare")):
        bar.addAction(action)
        button = bar.widgetForAction(action)
        named(button, name, action.toolTip())
    keep_widest(bar.widgetForAction(win.play_action), ("Play", "Pause"))  # the buttons beside it stay put
    bar.addSeparator()
    win.speed = named(QComboBox(), "speed", "How many epochs to train between two redraws.")
    for value, text in SPEEDS:
        win.speed.addItem(text, value)
    win.speed.setCurrentIndex(win.speed.findData(DEFAULT_SPEED))
    bar.addWidget(win.speed)
    win.max_speed_action = QAction("Max", win, checkable=True)
    win.max_speed_action.setToolTip("Train as fast as the machine can (M); again to go back to the chosen pace.")
    win.max_speed_action.setShortcut(QKeySequence(Qt.Key.Key_M))
    bar.addAction(win.max_speed_action)
    named(bar.widgetForAction(win.max_speed_action), "max_speed", win.max_speed_action.toolTip())
    # the read-outs get a row of their own, so that neither row overflows at 1024 pixels
    win.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    readouts = QToolBar("Read-outs")
    readouts.setObjectName("readouts_toolbar")
    readouts.setMovable(False)
    win.addToolBar(Qt.ToolBarArea.TopToolBarArea, readouts)
    win.stats = {}
    row = readout_row(readouts)  # wraps onto a second line rather than overflow (zoomed at 1024 px)
    for key, width in (("epoch", 150), ("rate", 110), ("loss", 260), ("accuracy", 230)):
        lab = SteadyLabel(min_width=width)  # its size does not follow the digits (no layout per frame)
        lab.setObjectName(f"stat_{key}")
        lab.setContentsMargins(0, 0, 12, 0)  # a gap to the next read-out when the text outgrows the width
        # (the rate has no markup: plain text, no document laid out per frame)
        lab.setTextFormat(Qt.TextFormat.PlainText if key == "rate" else Qt.TextFormat.RichText)
        row.addWidget(lab)
        win.stats[key] = lab
    win.loss_tip = LiveTip(win.stats["loss"])  # its numbers change every frame: handed to Qt on hover only


TRAIN_HINT = "Press Space to train"  # the status line's hint, said until training plays
START_HINT = f"{TRAIN_HINT}, Right to step one epoch, R to reset."  # a new window's (StatusBar.set_hint)


def show_playing(win, playing: bool) -> None:
    """The Play action as Pause while ``playing`` (its button keeps its width: ``keep_widest``), and the
    rate read-out in the same state ("paused", "starting…" till a frame trained: ``epoch_readout.rate_text``)."""
    icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
    win.play_action.setIcon(win.style().standardIcon(icon))
    win.play_action.setText("Pause" if playing else "Play")
    win.stats["rate"].setText(rate_text(win.controller.last_frame, playing))  # the read-out says the same, at once
    if playing:  # (the start's and a lesson's hint: done)
        win.statusBar().set_hint("")
        if TRAIN_HINT in win.statusBar().currentMessage():
            win.statusBar().clearMessage()
