"""The window's menu bar: File, Run, Options, Edit, Help."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from .landscape_view import export_landscape_csv
from .distributions_view import export_csv as export_distributions_csv
from .lr_finder_dialog import show_lr_finder
from .menu_keys import add_drawing_undo
from .menu_states import install as install_menu_states
from .predictions_action import export_predictions
from .recorder import show_recorder
from .torch_export_action import export_torch_script
from .schedule_controls import ScheduleMenus
from .shortcut_text import tip_with_keys


def build_menus(win) -> None:
    """Fill ``win``'s menu bar with the actions made by run_controls.build_actions and its own."""
    file_menu = win.menuBar().addMenu("&File")
    file_menu.addAction(win.open_session_action)
    win.recent_menu = file_menu.addMenu("Open recent")
    win.recent_menu.aboutToShow.connect(win._fill_recent_menu)
    file_menu.addAction(win.save_session_action)
    file_menu.addSeparator()
    file_menu.addAction(win.load_action)
    export = file_menu.addMenu("Export")
    for text, slot in (("Decision boundary as PNG or SVG…", lambda: win.export_panel("output")),
                       ("Loss curves as PNG or SVG…", lambda: win.export_panel("loss")),
                       ("Accuracy curves as PNG or SVG…", lambda: win.export_panel("accuracy")),
                       ("Metrics as PNG or SVG…", lambda: win.export_panel("metrics")),
                       ("Hidden space as PNG or SVG…", lambda: win.export_panel("hidden")),
                       ("Gradient heatmaps as PNG or SVG…", lambda: win.export_panel("gradients")),
                       ("Gradient norms as PNG or SVG…", lambda: win.export_panel("norms")),
                       ("Network diagram as PNG or SVG…", lambda: win.export_panel("network")),
                       ("Loss landscape as PNG or SVG…", lambda: win.export_panel("landscape")),
                       ("Distributions as PNG or SVG…", lambda: win.export_panel("distributions")),
                       (None, None),
                       ("Loss history as CSV…", win.export_history),
                       ("Distributions as CSV…", lambda: export_distributions_csv(win)),
                       ("Weights as NPZ or JSON…", win.export_weights),
                       ("Data set as CSV…", win.export_data),
                       ("Predictions as CSV…", lambda: export_predictions(win)),
                       ("Loss landscape as CSV…", lambda: export_landscape_csv(win)),
                       ("PyTorch script…", lambda: export_torch_script(win))):
        if text is None:
            export.addSeparator()
        else:
            export.addAction(text).triggered.connect(slot)
    record = file_menu.addAction("Record…")
    record.setToolTip("Record the window or one panel while it trains, as a GIF or MP4.")
    record.triggered.connect(lambda: show_recorder(win))
    file_menu.addSeparator()
    file_menu.addAction(win.quit_action)
    run_menu = win.menuBar().addMenu("&Run")
    for a in (win.play_action, win.step_action, win.step_batch_action, win.reset_action, win.max_speed_action):
        run_menu.addAction(a)
    run_menu.addSeparator()
    run_menu.addAction(win.inspect_action)
    run_menu.addAction(win.compare_action)
    win.landscape_action = run_menu.addAction("Loss landscape…")
    win.landscape_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
    win.landscape_action.setToolTip("The loss around the current weights and the path the optimizer took to them.")
    find_lr = run_menu.addAction("Find learning rate…")
    find_lr.setToolTip("Grow the rate over a copy of the run and suggest one (Smith's range test, as fastai's "
                       "learning-rate finder does).")
    find_lr.triggered.connect(lambda: show_lr_finder(win))
    run_menu.addSeparator()
    win.schedule_menus = ScheduleMenus(run_menu)  # learning-rate schedule, gradient clipping (issue 17)
    options = win.menuBar().addMenu("&Options")
    win.restore_action = options.addAction("Restore last session at start")
    win.restore_action.setCheckable(True)
    win.restore_action.setChecked(True)
    win.restore_action.setToolTip("Save the session when nnplay closes and reopen it the next time.")
    win.colorblind_action = options.addAction("Colour-blind-safe colours")
    win.colorblind_action.setCheckable(True)
    win.colorblind_action.setToolTip("Light orange against dark blue: apart for every colour blindness.")
    win.colorblind_action.toggled.connect(win.set_colorblind)
    edit_menu = win.menuBar().addMenu("&Edit")
    add_drawing_undo(edit_menu, win.boundary)  # the drawing buttons' Undo / Redo keys, listed
    edit_menu.addSeparator()
    copy = edit_menu.addAction("Copy settings")
    copy.setShortcut(QKeySequence("Ctrl+Shift+C"))
    tip_with_keys(copy, "Copy every setting as one line of text to share or to paste back later")
    copy.triggered.connect(win.copy_settings)
    paste = edit_menu.addAction("Paste settings")
    paste.setShortcut(QKeySequence("Ctrl+Shift+V"))
    tip_with_keys(paste, "Apply settings copied from nnplay (a line like dataset=spiral&hidden=8,8)")
    paste.triggered.connect(win.paste_settings)
    help_menu = win.menuBar().addMenu("&Help")
    guide = help_menu.addAction("Guide")
    guide.setShortcut(QKeySequence.StandardKey.HelpContents)
    tip_with_keys(guide, "What each panel shows, the equations with their shapes, and what to try")
    guide.triggered.connect(win.show_guide)
    about = help_menu.addAction("About nnplay")
    about.triggered.connect(win._about)
    exports = {a.text(): a for a in export.actions()}
    win.menu_states = install_menu_states(win, (file_menu, export, run_menu), {  # disabled, with a reason
        "export_hidden": exports["Hidden space as PNG or SVG…"],
        "export_accuracy": exports["Accuracy curves as PNG or SVG…"],
        "export_landscape": exports["Loss landscape as PNG or SVG…"],
        "export_landscape_csv": exports["Loss landscape as CSV…"],
        "export_data": exports["Data set as CSV…"], "compare": win.compare_action, "find_lr": find_lr})
