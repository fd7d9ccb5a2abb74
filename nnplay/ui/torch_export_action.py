"""File > Export > PyTorch script…: the window's run, as it stands, written by
``training.torch_export`` (the run's state is asked of the training process;
the script is written when it comes)."""

from __future__ import annotations

from ..write_errors import cannot_write


def export_torch_script(win, path: str | None = None, done=None) -> bool:
    """Ask for a file (unless ``path`` is given) and write the run as a PyTorch
    script there once the training process has sent its state; ``done(ok)`` is
    called after. An unwritable file is shown as one line, nothing else changes.
    Returns False when no file was chosen, or the one given cannot be written
    (checked before the run's state is asked for; ``done(False)`` then)."""
    path = path or win._ask_save("Export a PyTorch script", "nnplay_model.py", "Python script (*.py)", suffix=".py")
    if not path:
        return False
    if not path.endswith(".py"):
        path += ".py"
    if win.refused(path):  # before the run's state is asked for
        if done is not None:
            done(False)
        return False
    controller = win.controller

    def write(state) -> None:
        from ..training.session import restore_trainer
        from ..training.torch_export import write_torch_script

        try:
            write_torch_script(path, restore_trainer(controller.session(state)))
        except OSError as exc:
            win.show_error("Cannot export", cannot_write(path, exc))
            ok = False
        except ValueError as exc:
            win.show_error("Cannot export", f"{path}: {exc}")
            ok = False
        else:
            win.file_done(path)
            win.statusBar().showMessage(f"Exported {path} (python {path} trains it with PyTorch)", 8000)
            ok = True
        if done is not None:
            done(ok)

    controller.with_run_state(write)
    return True
