"""The status line after Edit › Paste settings: what a pasted text changed, named as the
window names the settings, and what became of the run (a new run, or the same run from the next
step). A paste that changed the activation, initialiser and seed
restarted the run at epoch 0 while the line said only "Learning rate 0.0123, applied from the next
step" (tester 21)."""

from __future__ import annotations

from ..training.settings_text import SETTING_NAMES


def pasted_note(changed, new_run: bool) -> str:
    """One line for a pasted settings text: ``changed`` the settings it changed (keys of
    ``TrainConfig``, in the text's order), ``new_run`` whether the run started again."""
    if not changed:
        return "Settings pasted: nothing changed."
    names = ", ".join(SETTING_NAMES.get(k, k) for k in changed)
    return f"Settings pasted: {names}; " + ("a new run from epoch 0." if new_run else "applied from the next step.")

