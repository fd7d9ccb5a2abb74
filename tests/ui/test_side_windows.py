"""The side windows most sessions never open (the backprop inspector, the loss
landscape) are made when first asked for, not with every window, and then work
and look as if they had been there from the start."""

from __future__ import annotations

import re


def test_the_inspector_is_made_when_first_opened_wired_and_zoomed_as_the_window(window, qtbot):
    from PySide6.QtWidgets import QLabel

    from nnplay.ui.inspector import InspectorWindow
    from nnplay.ui.side_windows import inspector_made

    assert inspector_made(window) is None and not window.findChildren(InspectorWindow)
    window.controller.step(1)  # frames, a palette change and the close tell a never-made inspector nothing
    qtbot.waitUntil(lambda: window.controller.last_frame.snapshot.epoch == 1, timeout=10000)
    window.set_colorblind(True)
    window.set_colorblind(False)
    assert inspector_made(window) is None

    unzoomed = InspectorWindow()
    qtbot.addWidget(unzoomed)
    base = unzoomed.findChild(QLabel, "chain_formula").styleSheet()
    window.presentation.set_zoom(2.0)
    window.inspect_action.trigger()  # Ctrl+B: made now, after the zoom
    inspector = window.inspector
    assert inspector_made(window) is inspector and inspector.isVisible()
    assert window.findChildren(InspectorWindow) == [inspector]
    px = re.compile(r"font-size: (\d+)px")
    zoomed = inspector.findChild(QLabel, "chain_formula").styleSheet()
    assert [int(v) for v in px.findall(zoomed)] == [2 * int(v) for v in px.findall(base)] != []
    qtbot.waitUntil(lambda: inspector.trace is not None, timeout=10000)  # it asked for the trace when shown
    position = window.controller.last_frame.snapshot.batch_position
    inspector.step_batch_requested.emit()  # its Step one mini-batch reaches the run
    qtbot.waitUntil(lambda: window.controller.last_frame.snapshot.batch_position != position, timeout=10000)
    inspector.close()
