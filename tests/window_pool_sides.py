"""The shared test window's side windows, made when a test first asks for them
(the backprop inspector, the loss landscape, File › Record…, Help › Guide, the comparison's window): the
pool's reset (``tests/window_pool.py``) finishes a recording and drops every one
that was made, so that the next test finds the window as a new one is, with none
of them made (a test checks that they are made only when first asked for, and a
kept one would carry its last test's trace, layer, file and settings).

``side_windows_made(win)``  which of them ``win`` has made (part of the fingerprint:
  one the reset did not drop gets the next test a new window);
``drop_side_windows(win)``  finish a recording (its file written, its threads ended),
  unhook each made side window from the window and its run, and delete it.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent


def side_windows_made(win) -> tuple[bool, bool, bool, bool, bool]:
    """Whether ``win`` made its (inspector, landscape, recorder, guide, comparison window)."""
    from nnplay.ui.landscape_view import landscape_made
    from nnplay.ui.side_windows import inspector_made

    return (inspector_made(win) is not None, landscape_made(win) is not None,
            getattr(win, "recorder", None) is not None, win.guide is not None, win.compare_window is not None)


def finish_recording(win) -> None:
    """A recording the test left going is stopped and its file finished, as closing the
    window does (its writer's threads end: a later test would find them running)."""
    recorder = getattr(win, "recorder", None)
    if recorder is not None and shiboken6.isValid(recorder):
        recorder.window_closing()


def drop_side_windows(win) -> None:
    """Delete the side windows ``win`` made (see the module docstring), unhooked first:
    nothing of the window or its run may call into one after it is gone."""
    from nnplay.ui.side_windows import inspector_made
    from nnplay.ui.widgets import _EventHook

    finish_recording(win)
    recorder = getattr(win, "recorder", None)
    if recorder is not None:
        for hook in win.findChildren(_EventHook):  # the window's close finishes its recording
            if getattr(hook._slot, "__self__", None) is recorder:
                win.removeEventFilter(hook)
                _dispose(hook)
        win.recorder = None
        _dispose(recorder)
    inspector = inspector_made(win)
    if inspector is not None:
        win._inspector = None
        _dispose(inspector)
    landscape = win._landscape_window
    if landscape is not None:
        run = win.controller.run
        run.started.disconnect(landscape.view.set_run)
        run.frame.disconnect(landscape.view.set_frame)
        win._landscape_window = None
        _dispose(landscape)
    if win.guide is not None:
        guide, win.guide = win.guide, None
        _dispose(guide)
    if win.compare_window is not None:  # made by the first comparison; kept, it carried a test's state to the
        compare, win.compare_window = win.compare_window, None  # next (test_axis_labels' epoch limits of
        win.controller.comparison.relabelled.disconnect(compare.set_labels)  # -200000: -0.5 … 0.5 in test_empty_states)
        _dispose(compare)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone now, not at some later loop


def _dispose(thing) -> None:
    if shiboken6.isValid(thing):
        thing.setParent(None)
        thing.deleteLater()
