"""The status lines after Edit › Copy and Paste settings: what a pasted text changed, named as the
window names the settings, and what became of the run (a new run, or the same run from the next
step); what a copied text leaves out. A paste that changed the activation, initialiser and seed
restarted the run at epoch 0 while the line said only "Learning rate 0.0123, applied from the next
step" (tester 21)."""

from __future__ import annotations

from ..numbers import agree
from ..training.settings_text import SETTING_NAMES


def apply_pasted(controller, changes: dict) -> bool:
    """Apply a pasted text's ``changes`` to ``controller``'s run state and say in its status bar what
    they changed (``pasted_note``); returns whether they were applied."""
    before, generation = controller.config, controller.generation
    if not controller.state.apply(**changes):
        return False
    controller.view.show_status(pasted_note([k for k in changes if getattr(before, k) != getattr(controller.config, k)],
                                            controller.generation != generation))
    return True


def copy_settings(win) -> None:
    """Edit › Copy settings: the run's settings text to the clipboard, and the status line saying
    where it goes and what it leaves out (``hand_edits_left_out``)."""
    from PySide6.QtWidgets import QApplication

    c = win.controller
    QApplication.clipboard().setText(c.state.config.to_text())
    left_out = hand_edits_left_out(c.last_frame, c.config)
    win.statusBar().showMessage("Settings copied: paste them here, or run nnplay --settings '…'" + (
        f"; not in them: {left_out} (tied to the weights: save a session to keep them)" if left_out else ""), 8000)


def pasted_note(changed, new_run: bool) -> str:
    """One line for a pasted settings text: ``changed`` the settings it changed (keys of
    ``TrainConfig``, in the text's order), ``new_run`` whether the run started again."""
    if not changed:
        return "Settings pasted: nothing changed."
    names = ", ".join(SETTING_NAMES.get(k, k) for k in changed)
    return f"Settings pasted: {names}; " + ("a new run from epoch 0." if new_run else "applied from the next step.")


def hand_edits_left_out(frame, config) -> str:
    """What of the run shown in ``frame`` (a ``Frame``, or None) the settings text of ``config``
    cannot say, "" when nothing: neurons and weights frozen by hand outside the layers ``freeze``
    names, and pruning; both are tied to the weights (a session keeps them)."""
    if frame is None:
        return ""
    s, parts = frame.snapshot, []
    if s.frozen_W is not None:
        layers = [l + 1 for l, (w, b) in enumerate(zip(s.frozen_W, s.frozen_b))
                  if (w.any() or b.any()) and l + 1 not in config.freeze]
        if layers:
            parts.append(f"the frozen neurons or weights of {agree(len(layers), 'layer')} {', '.join(map(str, layers))}")
    if s.pruned_W is not None:
        layers = [l + 1 for l, (w, n) in enumerate(zip(s.pruned_W, s.pruned_neurons)) if w.any() or n.any()]
        if layers:
            parts.append(f"the pruning of {agree(len(layers), 'layer')} {', '.join(map(str, layers))}")
    return " and ".join(parts)
