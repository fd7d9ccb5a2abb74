"""The window's columns a lesson needs in view: those holding the controls its
answer is set with (its ``solution``'s settings; the diagram for hand-set
weights). When the window must hide columns to make room (a lesson's panel in
presentation mode at 1024×768), the others are hidden first."""

from __future__ import annotations

from .setup_check import asked_settings

# the settings each column's controls set (the Data and Network panels)
COLUMN_SETTINGS = {
    "data": ("dataset", "noise", "classes", "data_seed", "train_ratio", "batch_size", "standardize", "features"),
    "network": ("hidden", "activation", "loss", "optimizer", "init", "seed", "lr", "l1", "l2", "freeze", "dropout"),
}
MENU_SETTINGS = ("dtype", "schedule", "clip")  # set from the menus, in view whatever the columns


def needed_columns(lesson) -> tuple[str, ...]:
    """The columns (keys of COLUMN_SETTINGS, in its order) that hold what ``lesson``
    asks the learner to change: its solution's settings, and the network
    diagram (the Network column) for weights set by hand; () for a lesson whose
    answer is in none (a question answered by watching)."""
    keys = asked_settings(lesson)
    needed = [column for column, settings in COLUMN_SETTINGS.items() if keys.intersection(settings)]
    if lesson.weights and "network" not in needed:
        needed.append("network")
    return tuple(sorted(needed, key=list(COLUMN_SETTINGS).index))
