"""One paint pass of the window per training frame.

Every pyqtgraph plot is a ``QGraphicsView`` with its own ``QGraphicsScene``.
When a scene's items change, Qt queues the scene's dirty-item processing
(``QGraphicsScenePrivate::_q_processDirtyItems``), and at the end of it Qt
*immediately* delivers the window's pending ``UpdateRequest``
(``QGraphicsViewPrivate::dispatchPendingUpdateRequests``, qgraphicsview_p.h):
the window's backing store is synced (painted and flushed) once per changed
scene. A live frame changes seven scenes (output view, diagram, loss,
accuracy, gradient heatmaps, norms, colour key), so Qt painted and flushed
the window about seven times a frame, each pass a little of it.

A plot was even painted twice: pyqtgraph applies a changed view range
lazily, in the paint itself (``GraphicsScene.prepareForPaint`` ->
``ViewBox.updateMatrix``), which moves the plot's items and so dirties the
scene again while it is painted; the loss, accuracy and norm plots, whose
epoch axis grows every frame, were painted a second time after each frame.

``OnePaintPerFrame(window)``: ``begin()`` (called when a frame arrives) holds
the window's ``UpdateRequest``\\ s until every event posted at normal
priority in this pass of the event loop has run (the scenes' processing
among them); then it prepares the window's visible pyqtgraph scenes for
painting (``prepareForPaint``, as their views would in ``paintEvent``), lets
the dirt that causes be processed, and lets one ``UpdateRequest`` through:
the whole frame is painted and flushed in one pass. Input and timers are not
held; ``repaint()`` and an ``UpdateRequest`` outside a frame go through as
before.

``at_paint(fn)``: while a frame is held, ``fn`` runs when its paint starts
(the run's acknowledgement, ``run_handle.py``: the training process makes the
next frame while this one is painted, not after it).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from shiboken6 import isValid

_PREPARE = QEvent.Type(QEvent.registerEventType())  # the frame's updates are done: prepare the scenes
_RELEASE = QEvent.Type(QEvent.registerEventType())  # the scenes' dirt is processed: paint


class OnePaintPerFrame(QObject):
    """Holds ``window``'s paint requests from ``begin()`` until the posted events queued behind it have run.

    ``passes`` counts the paint passes let through after a frame (tests and
    ``tests/tools/frame_profile.py`` read it).
    """

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._holding = False
        self._held = False  # an UpdateRequest arrived while holding
        self.passes = 0
        self._at_paint: list = []  # callables run when the held frame's paint starts
        self._scenes: list = []  # the window's pyqtgraph scenes, looked for again when plots are made or go
        self._scenes_of = -1  # ... as pyqtgraph's register of view boxes had this many
        window.installEventFilter(self)

    def begin(self) -> None:
        """A frame's updates start: the window paints once, after them."""
        if self._holding:
            return
        self._holding = True
        self._post(_PREPARE)

    def at_paint(self, fn) -> bool:
        """Run ``fn()`` when the frame now held starts to be painted; False (and ``fn``
        not kept) when no frame is held."""
        if not self._holding:
            return False
        self._at_paint.append(fn)
        return True

    def _post(self, kind) -> None:
        # Low priority: Qt posts events of normal priority (the scenes' dirty-item
        # processing, layout requests) ahead of it, even those posted later in this pass.
        QCoreApplication.postEvent(self, QEvent(kind), Qt.EventPriority.LowEventPriority.value)

    def prepare_scenes(self) -> None:
        """Apply the visible plots' changed view ranges now, not in their paint (which would dirty them again)."""
        if len(pg.ViewBox.AllViews) != self._scenes_of:  # a plot made or gone: look for this window's scenes again
            self._scenes_of = len(pg.ViewBox.AllViews)
            # (pyqtgraph's register of view boxes also holds those of closed windows, already deleted)
            scenes = {vb.scene() for vb in list(pg.ViewBox.AllViews) if isValid(vb)}
            self._scenes = [s for s in scenes if s is not None and any(v.window() is self.window for v in s.views())]
        # (a scene missed here, or one of another window, is still right: its view prepares it in its paint)
        for scene in self._scenes:
            if isValid(scene) and any(v.isVisible() for v in scene.views()):
                scene.prepareForPaint()

    def event(self, event) -> bool:
        if event.type() == _PREPARE:
            try:
                self.prepare_scenes()
            finally:  # whatever happens, the window is painted
                self._post(_RELEASE)
            return True
        if event.type() != _RELEASE:
            return super().event(event)
        self._holding = False
        waiting, self._at_paint = self._at_paint, []
        for fn in waiting:  # (before the paint: the next frame is made while this one is painted)
            fn()
        if self._held:
            self._held = False
            self.passes += 1
            QCoreApplication.sendEvent(self.window, QEvent(QEvent.Type.UpdateRequest))
        return True

    def eventFilter(self, obj, event) -> bool:
        if self._holding and obj is self.window and event.type() == QEvent.Type.UpdateRequest:
            self._held = True
            return True
        return False
