"""File > Export > PyTorch script…: the window's run, as it stands, written by
``training.torch_export`` (the run's state is asked of the training process;
the script is written when it comes: ``run_state_export``)."""

from __future__ import annotations

from .run_state_export import export_from_run_state


def export_torch_script(win, path: str | None = None, done=None) -> bool:
    """Ask for a file (unless ``path`` is given) and write the run as a PyTorch
    script there once the training process has sent its state; ``done(ok)`` is
    called after. An unwritable file is shown as one line, nothing else changes.
    Returns False when no file was chosen, or the one given cannot be written
    (checked before the run's state is asked for; ``done(False)`` then)."""

    def write(trainer, to: str) -> None:
        from ..training.torch_export import write_torch_script

        write_torch_script(to, trainer)

    return export_from_run_state(win, path, done, title="Export a PyTorch script", suggested="nnplay_model.py",
                                 filters="Python script (*.py)", suffix=".py", write=write,
                                 said=lambda to: f"Exported {to} (python {to} trains it with PyTorch)")
