"""The window's side windows that most sessions never open, made when first
asked for instead of with every playground window (at start they were a
quarter of its build): the backprop inspector (Run › Backprop inspector) here,
the loss landscape in ``landscape_view.landscape_window``.

``inspector_window(win)`` makes ``win``'s InspectorWindow on the first call
(the window's ``inspector`` property calls it) and wires it to the controller;
``inspector_made(win)`` is it, or None while it was never asked for (a frame,
a palette change or a close then has nothing to tell it)."""

from __future__ import annotations

from .inspector import InspectorWindow
from .loss_text import NOTHING_TO_TRAIN
from .refusal_note import refuse_near


def inspector_window(win) -> InspectorWindow:
    """``win``'s backprop inspector, made (hidden) on the first call."""
    made = inspector_made(win)
    if made is None:
        made = win._inspector = InspectorWindow(win)
        c = win.controller
        made.step_batch_requested.connect(lambda: _step_batch(c, made))
        made.visibility_changed.connect(lambda shown: c.set_view(trace=shown))
    return made


def _step_batch(c, inspector: InspectorWindow) -> None:
    """The inspector's Step mini-batch: with no training points, refused at its button (the
    playground's status bar said it, in another window, often behind this one)."""
    if c.run_info is not None and not len(c.run_info.train_index):
        refuse_near(inspector.batch_button, f"Cannot train. {NOTHING_TO_TRAIN}")
    else:
        c.step_batch(1)


def inspector_made(win) -> InspectorWindow | None:
    return getattr(win, "_inspector", None)
