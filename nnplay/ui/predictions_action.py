"""File › Export › Predictions (CSV)…: the model's predictions on its data set
as it stands (``training.predictions``; the run's state is asked of the
training process and the file is written when it comes: ``run_state_export``)."""

from __future__ import annotations

from .run_state_export import export_from_run_state
from .suggested_names import suggested_name


def export_predictions(win, path: str | None = None, done=None) -> bool:
    """Ask for a file (unless ``path`` is given) and write the predictions there
    once the training process has sent the run's state; ``done(ok)`` is called
    after. A refusal is shown in one line; nothing else changes. False when no
    file was chosen, or the one given cannot be written (checked before the
    run's state is asked for; ``done(False)`` then)."""

    def write(trainer, to: str) -> None:
        from ..training.predictions import write_predictions

        write_predictions(trainer, to)

    return export_from_run_state(win, path, done, title="Export the predictions",
                                 suggested=suggested_name(win, "predictions", ".csv"), filters="CSV (*.csv)",
                                 suffix=".csv", write=write, said=lambda to: f"Exported the predictions to {to}")
