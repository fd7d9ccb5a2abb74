"""Menu actions that cannot work in the current state are disabled, their
tooltip saying why (an export of a panel the run does not have, a comparison
with nothing to train on...), instead of asking for a file name and refusing.

Each rule is a function of the window returning None (the action can work) or
the one-line reason it cannot. The states are checked as a menu opens and when
a new run starts (so that an action's shortcut follows too). Play and Step stay
enabled: with nothing to train they say why in the status bar.
"""

from __future__ import annotations

from ..data import CLASSIFICATION
from .landscape_view import landscape_made
from .loss_text import NOTHING_TO_TRAIN

NO_HIDDEN_SPACE = "Needs a hidden layer of exactly 2 or 3 neurons (Hidden space tab)."
NO_ACCURACY = "A regression run has no accuracy."
NO_LANDSCAPE = "Not computed yet: open Run › Loss landscape first."
NO_POINTS = "There are no data points: draw some, or load data."


def _run_info(win):
    return win.controller.run_info


def hidden_space(win) -> str | None:
    return NO_HIDDEN_SPACE if win.hidden_space.layer.count() == 0 else None


def accuracy(win) -> str | None:
    info = _run_info(win)
    return NO_ACCURACY if info is not None and info.data.task != CLASSIFICATION else None


def landscape(win) -> str | None:
    view = landscape_made(win)
    return NO_LANDSCAPE if view is None or view.csv_text() is None else None


def training_points(win) -> str | None:
    info = _run_info(win)
    return NOTHING_TO_TRAIN if info is not None and len(info.train_index) == 0 else None


def data_points(win) -> str | None:
    return NO_POINTS if win.controller.data.n_examples == 0 else None


RULES = {  # the key an action is registered under -> its rule
    "export_hidden": hidden_space,
    "export_accuracy": accuracy,
    "export_landscape": landscape,
    "export_landscape_csv": landscape,
    "export_data": data_points,
    "compare": training_points,
    "find_lr": training_points,
}


class MenuStates:
    """Enables or disables ``actions`` (rule key -> QAction) of ``win`` by ``RULES``."""

    def __init__(self, win, actions: dict):
        self.win = win
        self.actions = actions
        self.tips = {key: action.toolTip() for key, action in actions.items()}  # the tip when enabled

    def refresh(self) -> None:
        for key, action in self.actions.items():
            reason = RULES[key](self.win)
            action.setEnabled(reason is None)
            action.setToolTip(self.tips[key] if reason is None else reason)


def install(win, menus, actions: dict) -> MenuStates:
    """Check ``actions`` whenever one of ``menus`` opens (the window also calls
    ``refresh`` after each new run, so that the shortcuts follow)."""
    states = MenuStates(win, actions)
    for menu in menus:
        menu.setToolTipsVisible(True)  # the reason an action is disabled
        menu.aboutToShow.connect(states.refresh)
    return states
