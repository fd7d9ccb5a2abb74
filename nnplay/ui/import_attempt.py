"""Loading a CSV from the import dialog with the dialog still open: a refusal
(a cell the choices cannot read, a missing value with "refuse the file", a
target with too many classes, settings that do not suit the data) is shown
inside the dialog, in its own words, and every choice stays as the user left
it; only a load that worked closes the dialog."""

from __future__ import annotations

from pathlib import Path

from ..data.csv_loader import NA_DROP_HOW
from .background_load import CANCELLED, read_csv_outcome
from .run_rebuild import BusyUntilFirstFrame

# the dialog's own control for what the command line calls --na drop
NA_DROP_HERE = "Missing values › drop those rows, below"


def in_dialog_words(message: str) -> str:
    """A loader's refusal as a window user reads it: the dialog's controls, not command-line flags."""
    return message.replace(NA_DROP_HOW, NA_DROP_HERE)


def attempt_load(window, dialog, path, choices) -> str:
    """Read ``path`` with the dialog's ``choices`` (import_dialog.ImportChoices)
    and hand the data to ``window``'s run; '' when loaded, else the refusal in
    one line for the dialog to show (the run and its data unchanged)."""
    dialog.refusal = ""
    data, outcome = read_csv_outcome(dialog, str(path), choices.options)  # its refusal goes to dialog.refusal
    if outcome == CANCELLED:
        return "Loading was cancelled; the data stay as they were."
    if data is None:
        return dialog.refusal
    settings = {"standardize": choices.standardize, "train_ratio": choices.train_ratio}
    try:
        window.controller.state.patched({"dataset": "csv", **settings}, data=data)  # refused here, in the dialog
    except ValueError as exc:
        return in_dialog_words(str(exc))
    hand_over(window, path, data, settings)
    return ""


def hand_over(window, path, data, settings) -> bool:
    """Give the read ``data`` to the run (its settings checked before); the
    window is busy until the new run's first frame. False if the run refused."""
    if not window.controller.load_csv(str(path), data=data, **settings):
        return False
    if getattr(window, "_csv_busy", None) is not None:
        window._csv_busy.end()  # one busy state at a time: its cursor is restored once
    window._csv_busy = BusyUntilFirstFrame(window, data.n_inputs, Path(path).name)
    return True
