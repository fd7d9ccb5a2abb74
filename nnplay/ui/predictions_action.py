"""File › Export › Predictions (CSV)…: the model's predictions on its data set
as it stands (``training.predictions``; the run's state is asked of the
training process and the file is written when it comes)."""

from __future__ import annotations

from ..write_errors import cannot_write
from .suggested_names import suggested_name


def export_predictions(win, path: str | None = None, done=None) -> bool:
    """Ask for a file (unless ``path`` is given) and write the predictions there
    once the training process has sent the run's state; ``done(ok)`` is called
    after. A refusal is shown in one line; nothing else changes. False when no
    file was chosen, or the one given cannot be written (checked before the
    run's state is asked for; ``done(False)`` then)."""
    path = path or win._ask_save("Export the predictions", suggested_name(win, "predictions", ".csv"), "CSV (*.csv)",
                                 suffix=".csv")
    if not path:
        return False
    if not path.lower().endswith(".csv"):
        path += ".csv"
    if win.refused(path):  # before the run's state is asked for
        if done is not None:
            done(False)
        return False
    controller = win.controller

    def write(state) -> None:
        from ..training.predictions import write_predictions
        from ..training.session import restore_trainer

        problem = ""
        try:
            write_predictions(restore_trainer(controller.session(state)), path)
        except OSError as exc:
            problem = cannot_write(path, exc)
        except ValueError as exc:
            problem = f"{path}: {exc}"
        if problem:
            win.show_error("Cannot export", problem)
        else:
            win.file_done(path)
            win.statusBar().showMessage(f"Exported the predictions to {path}", 8000)
        if done is not None:
            done(not problem)

    controller.with_run_state(write)
    return True
