"""The one path of an export written from the run's state (File › Export ›
Predictions, PyTorch script…): a file asked for (unless given), refused in one
line where nothing can be written, then the run's state asked of the training
process and the file written when it comes (``controller.with_run_state``)."""

from __future__ import annotations

from ..write_errors import cannot_write


def export_from_run_state(win, path: str | None, done, *, title: str, suggested: str, filters: str, suffix: str,
                          write, said) -> bool:
    """Ask for a file (unless ``path`` is given; ``suffix`` added when it lacks it) and, once the
    training process has sent the run's state, call ``write(trainer, path)`` with the run restored
    (``training.session.restore_trainer``); then the status bar says ``said(path)``. An OSError or
    ValueError of ``write`` is shown as one line ("Cannot export"), nothing else changes.
    ``done(ok)`` is called after. Returns False when no file was chosen, or the one given cannot be
    written (checked before the run's state is asked for; ``done(False)`` then)."""
    path = path or win._ask_save(title, suggested, filters, suffix=suffix)
    if not path:
        return False
    if not path.lower().endswith(suffix):
        path += suffix
    cannot = title.replace("Export", "Cannot export", 1)  # ("Cannot export the predictions")
    if win.refused(path, cannot):  # before the run's state is asked for
        if done is not None:
            done(False)
        return False
    controller = win.controller

    def on_state(state) -> None:
        from ..training.session import restore_trainer

        problem = ""
        try:
            write(restore_trainer(controller.session(state)), path)
        except OSError as exc:
            problem = cannot_write(path, exc)
        except ValueError as exc:
            problem = f"{path}: {exc}"
        if problem:
            win.show_error(cannot, problem)
        else:
            win.file_done(path)
            win.statusBar().showMessage(said(path), 8000)
        if done is not None:
            done(not problem)

    controller.with_run_state(on_state)
    return True
