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


def inspector_window(win) -> InspectorWindow:
    """``win``'s backprop inspector, made (hidden) on the first call."""
    made = inspector_made(win)
    if made is None:
        made = win._inspector = InspectorWindow(win)
        c = win.controller
        made.step_batch_requested.connect(lambda: c.step_batch(1))
        made.visibility_changed.connect(lambda shown: c.set_view(trace=shown))
        follow_zoom(win)
    return made


def inspector_made(win) -> InspectorWindow | None:
    return getattr(win, "_inspector", None)


def follow_zoom(win) -> None:
    """A side window made after a zoom: its texts follow it as the rest of the window's do."""
    presentation = getattr(win, "presentation", None)
    if presentation is not None and presentation.zoom != 1:
        presentation.apply()
