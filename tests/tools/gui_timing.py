"""CPU time of the GUI thread, shared by the frame tools (``frame_profile``, ``panel_replay``,
``window_replay``): an application whose paint events are timed, and a timed wrapper."""

from __future__ import annotations

import time


def paint_timing_app(argv, cpu, label_of):
    """A QApplication that, while its ``on`` is true, adds each paint event's CPU time
    (``time.thread_time``) to ``cpu[label_of(widget)]`` (a label None is not counted); the widget
    is the painted one, or its parent for an unnamed viewport."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    class PaintTimedApp(QApplication):
        on = False

        def notify(self, obj, event):
            if not self.on or event.type() != QEvent.Type.Paint:
                return super().notify(obj, event)
            start = time.thread_time()
            try:
                return super().notify(obj, event)
            finally:
                owner = obj.parent() if obj.objectName() == "" and obj.parent() is not None else obj
                label = label_of(owner)
                if label is not None:
                    cpu[label] += time.thread_time() - start

    return PaintTimedApp(argv)


def cpu_timed(counter, is_on, label: str, fn):
    """``fn`` that adds its CPU time to ``counter[label]`` whenever ``is_on()``."""
    def wrapper(*args):
        start = time.thread_time()
        try:
            return fn(*args)
        finally:
            if is_on():
                counter[label] += time.thread_time() - start
    return wrapper


def time_panels(win, timed, names=("boundary", "diagram", "gradients", "distributions")) -> None:
    """Wrap the updates of ``win``'s panels ``names``, its curves and its read-outs with ``timed(label, fn)``
    (``update: NAME``, ``update: curves``, ``update: read-outs``); the gated panels draw through the wrappers."""
    for name in names:
        panel = getattr(win, name)
        panel.set_frame = timed(f"update: {name}", panel.set_frame)
    win.gates.boundary._draw = win.boundary.set_frame
    win.gates.diagram._draw = win.diagram.set_frame
    win.curves.add_frame = timed("update: curves", win.curves.add_frame)
    win._show_stats = timed("update: read-outs", win._show_stats)
