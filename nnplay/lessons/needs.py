"""The window's columns a lesson needs in view: those holding the controls its
answer is set with (its ``solution``'s settings; the diagram for hand-set
weights) and the views its question points to (its ``views``, VIEWS). When
the window must hide columns to make room (a lesson's panel in presentation
mode at 1024×768), the others are hidden first."""

from __future__ import annotations

from .setup_check import asked_settings

# the settings each column's controls set (the Data and Network panels)
COLUMN_SETTINGS = {
    "data": ("dataset", "noise", "classes", "data_seed", "train_ratio", "batch_size", "standardize", "features"),
    "network": ("hidden", "activation", "loss", "optimizer", "init", "seed", "lr", "l1", "l2", "freeze", "dropout"),
}
COLUMN_ORDER = ("data", "network", "output", "gradients")  # the window's columns, left to right
MENU_SETTINGS = ("dtype", "schedule", "clip")  # set from the menus, in view whatever the columns
# the views a lesson's question can point to (its ``views``): the column each is in, and what it is
VIEWS = {
    "output": ("output", "the output's plot: the data and the network's decision boundary"),
    "curves": ("output", "the loss and accuracy curves (the Curves tab under the output)"),
    "diagram": ("network", "the network diagram: its neurons and weights"),
    "gradient_norms": ("gradients", "the gradient norms |dW[l]| over the epochs (the Gradients column)"),
}


def needed_columns(lesson) -> tuple[str, ...]:
    """The columns (keys of COLUMN_SETTINGS, in its order) that hold what ``lesson``
    asks the learner to change (its solution's settings, and the network diagram
    for weights set by hand) and those of the views its question points to
    (VIEWS: "output", "gradients"...), in the window's order; () for none."""
    keys = asked_settings(lesson)
    needed = {column for column, settings in COLUMN_SETTINGS.items() if keys.intersection(settings)}
    if lesson.weights:
        needed.add("network")
    needed.update(VIEWS[view][0] for view in lesson.views)
    return tuple(k for k in COLUMN_ORDER if k in needed)
