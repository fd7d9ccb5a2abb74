"""Headless rendering: one panel of a saved session drawn to a PNG or SVG file
offscreen, by the window's own panel classes (``nnplay render``).

The run is restored in this process (no training process, no window): a
Trainer from the session, one snapshot of it, and the panels fed with it as
the window feeds them frames. Then the panel is written by
``nnplay.ui.export``, at 2 output pixels per on-screen pixel (less for a
panel that needs more room than half the image size).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from ..display_check import display_problem
from ..failures import RunFailure
from ..interrupts import finished, interruptible
from ..user_text import file_name, shown
from .export import DEFAULT_SCALE, FORMATS, MARGIN, PANELS, ExportError, export_view, panel_parts, panel_size
from .export_grid import fine_output_frame
from .render_room import LEAST_SIZE, LEAST_SIZE_REGRESSION, MIN_SCALE, check_room, least_size  # noqa: F401 (here too)

DEFAULT_SIZE = (1600, 1200)  # output pixels: a slide; the panel is laid out at half that
MAX_FITS = 16  # a panel that scrolls is laid out 10% larger (drawn 10% smaller) up to this many times
FIT_SLACK = 2  # output pixels: a panel laid out within this of the size asked is written at that size exactly


def parse_size(text: str) -> tuple[int, int]:
    """'WxH' in pixels, each 64..8192; ValueError (one line) otherwise."""
    w, sep, h = text.lower().partition("x")
    try:
        size = (int(w), int(h)) if sep else None
    except ValueError:
        size = None
    if size is None or not all(64 <= v <= 8192 for v in size):
        raise ValueError(f"the size must be WIDTHxHEIGHT in pixels, each 64 to 8192 (like 1600x1200), got {shown(text)}")
    return size


# the one view of the window each panel is drawn from (export.panel_parts): only it is built
VIEW_OF = {"output": "boundary", "network": "diagram", "loss": "curves", "accuracy": "curves",
           "gradients": "gradients", "norms": "gradients", "hidden": "hidden_space", "metrics": "metrics",
           "inspector": "inspector", "landscape": "landscape", "distributions": "distributions"}


class PanelViews:
    """The window's view that draws ``panel`` (one of export.PANELS) for one run, built
    offscreen (a top-level widget never shown on a screen); the window's other views,
    which the panel does not show, are None (building and feeding them all took
    0.2-0.3 s of CPU)."""

    def __init__(self, panel: str):
        from PySide6.QtCore import Qt

        from .decision_boundary import DecisionBoundaryView
        from .distributions_view import DistributionsView
        from .gradients import GradientView
        from .hidden_space import HiddenSpaceView
        from .inspector import InspectorWindow
        from .landscape_view import LandscapeView
        from .loss_curves import LossCurvesView
        from .metrics_view import MetricsView
        from .network_diagram import NetworkDiagram

        makers = {"boundary": lambda: DecisionBoundaryView(drawing=False), "curves": LossCurvesView,
                  "gradients": GradientView, "diagram": NetworkDiagram, "hidden_space": HiddenSpaceView,
                  "metrics": MetricsView, "inspector": InspectorWindow, "landscape": LandscapeView,
                  "distributions": DistributionsView}
        for name, make in makers.items():
            setattr(self, name, make() if VIEW_OF.get(panel) == name else None)
        if panel == "distributions":
            self.distributions.whole_findings = True  # a picture has no tooltip: the findings wrapped whole
            self.distributions.quantity.setCurrentIndex(self.distributions.quantity.findData("all"))
        self.panel = panel
        for w in self._views():
            w.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)

    def _views(self) -> list:
        return [w for w in (self.boundary, self.curves, self.gradients, self.diagram, self.hidden_space,
                            self.metrics, self.inspector, self.landscape, self.distributions) if w is not None]

    def show_run(self, info, frame) -> None:
        """The run, as the window shows it: ``set_run`` then one frame."""
        for view in (self.boundary, self.gradients, self.diagram, self.hidden_space, self.metrics, self.distributions,
                     self.curves):
            if view is not None:
                view.set_run(info)
        self.show_frame(frame)

    def show_frame(self, frame) -> None:
        """A new frame of the run, as the window shows it."""
        for view in (self.boundary, self.gradients, self.diagram, self.hidden_space, self.metrics, self.distributions):
            if view is not None:
                view.set_frame(frame)
        if self.curves is not None:
            self.curves.add_frame(frame)
        if self.inspector is not None:
            self.inspector.set_trace(frame.snapshot.trace)
        if self.landscape is not None:
            self.landscape.set_frame(frame)

    def lay_out(self, size: tuple[int, int]) -> tuple[list, float]:
        """Lay the panel out so that its parts fill ``size`` output pixels at
        DEFAULT_SCALE output pixels per on-screen pixel (less where the panel
        needs more room than half of ``size``); returns (parts, scale)."""
        from PySide6.QtWidgets import QApplication

        parts = panel_parts(self, self.panel)
        top = parts[0].window()
        _hide_all_but(parts, top)
        top.show()
        QApplication.processEvents()
        least = top.minimumSizeHint() + QSize(2 * MARGIN, 2 * MARGIN)  # (the file's margin: export.MARGIN)
        scale = min(DEFAULT_SCALE, size[0] / max(1, least.width()), size[1] / max(1, least.height()))
        for _ in range(MAX_FITS):  # a panel that scrolls in the window (the inspector): smaller until nothing scrolls
            width, height = round(size[0] / scale), round(size[1] / scale)
            top.resize(width - 2 * MARGIN, height - 2 * MARGIN)
            QApplication.processEvents()
            if not hasattr(top, "shows_everything"):
                break
            top.fit_splitter()
            QApplication.processEvents()
            if top.shows_everything():
                break
            scale *= 0.9
        for _ in range(MAX_FITS):  # parts taller (7 layers' bands) or wider (the network's drawing, kept readable
            got = _fit_margins(parts, top, width, height)  # and scrolled sideways in the window) than the room:
            if (got.width() <= width + 1 and got.height() <= height + 1) or scale <= MIN_SCALE:  # drawn smaller,
                break  # to MIN_SCALE
            fits = min(width / got.width(), height / got.height())
            width = round(size[0] / max(MIN_SCALE, scale * fits))
            scale = size[0] / width  # (a whole number of on-screen pixels across: the image exactly as wide as asked)
            height = round(size[1] / scale)
            top.resize(width - 2 * MARGIN, height - 2 * MARGIN)
            QApplication.processEvents()
        return parts, scale

    def close(self) -> None:
        for w in self._views():
            w.close()
            w.deleteLater()


def _fit_margins(parts: list, top, width: int, height: int):
    """Resize ``top`` so that the parts together measure ``width`` × ``height`` (the margins and
    spacing around them corrected by the difference); the parts' size reached."""
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        got = panel_size(parts)
        if (got.width(), got.height()) == (width, height):
            break
        before = top.width()
        top.resize(top.width() + width - got.width(), top.height() + height - got.height())
        QApplication.processEvents()
        if panel_size(parts).width() == got.width() != width:  # the parts did not follow (a drawing's least
            top.resize(before, top.height())  # width, scrolled in the window): narrowed, the window only
            QApplication.processEvents()  # wrapped its key at 68 px (lay_out draws the panel smaller instead)
    return panel_size(parts)


def _hide_all_but(parts: list, top) -> None:
    """Hide every widget of ``top`` that neither is, holds nor lies inside one of
    ``parts`` (the controls and read-outs around a plot), so the parts get the room."""
    keep = set()
    for part in parts:
        w = part
        while w is not None:
            keep.add(w)
            w = w.parentWidget()
    for w in top.findChildren(QWidget):
        inside = any(part.isAncestorOf(w) for part in parts)
        if w not in keep and not inside and w.parentWidget() in keep:
            w.hide()


def render_session(session_path, panel: str, out, size: tuple[int, int] = DEFAULT_SIZE, *, least: bool = False,
                   typed: str | None = None) -> tuple[int, int]:
    """Draw ``panel`` (one of PANELS) of the session in ``session_path`` into
    ``out`` (.png or .svg) at ``size`` output pixels (width, height; to the
    pixel where the panel can be laid out at that size: drawn smaller, to MIN_SCALE,
    where its parts need more room). Returns the (width, height) written, larger
    than ``size`` for a panel that does not fit it even so. Raises ValueError (a
    SessionError, ExportError...) with one line on bad input; with ``least``, for a size
    smaller than the panel's least (``check_room``; ``typed`` the text given for it)."""
    if os.path.splitext(str(out))[1].lower() not in FORMATS:
        raise ExportError(f"{file_name(out)}: the file name must end in .png or .svg")
    with interruptible():  # reading the session: no Qt (interrupts)
        trainer = session_trainer(session_path, panel)
    app = _application()
    views = PanelViews(panel)
    try:
        views.show_run(trainer.run_info(), panel_frame(trainer, panel))
        if least:  # (this run's least: a deep network or many classes need more than a small run)
            check_room(panel, trainer.data.task, size, typed, views)
        for view in (views.curves, views.gradients):  # the run's epochs, not the window's room to grow
            if view is not None:
                view.fit_epochs()
        parts, scale = views.lay_out(size)
        if panel == "output":  # coloured at the export's resolution, not the screen's grid (export_grid)
            views.boundary.set_frame(fine_output_frame(trainer, views.boundary, scale))
        got = panel_size(parts)
        written = (round(got.width() * scale), round(got.height() * scale))
        if all(abs(w - s) <= FIT_SLACK for w, s in zip(written, size)):  # (an odd height at x2: 644 for 643)
            written = size
        export_view(views, panel, out, scale, file_size=QSize(*written))
        finished()  # the file is in place: a Ctrl+C now is too late to stop anything
        return written
    finally:
        views.close()
        app.processEvents()


def session_trainer(session_path, panel: str):
    """The run of the session in ``session_path`` (a Trainer), checked against
    ``panel`` (one of PANELS); ValueError (one line) on bad input."""
    from ..data import CLASSIFICATION
    from ..training.session import open_trainer

    if panel not in PANELS:
        raise ExportError(f"unknown panel {shown(panel)}; the panels are {', '.join(PANELS)} (nnplay render --list)")
    trainer = open_trainer(session_path)
    if panel == "accuracy" and trainer.data.task != CLASSIFICATION:
        raise ExportError(f"{file_name(session_path)}: a regression run has no accuracy; its panels are the others "
                          "(the loss curves give its error)")
    if panel == "hidden" and not any(n in (2, 3) for n in trainer.net.sizes[1:-1]):
        widths = ", ".join(map(str, trainer.net.sizes[1:-1])) or "none"
        raise ExportError(f"{file_name(session_path)}: the hidden space needs a hidden layer of exactly 2 or 3 "
                          f"neurons; this run's hidden layers have {widths}")
    if panel == "distributions" and len(trainer.distributions) == 0:
        raise ExportError(f"{file_name(session_path)}: holds no distributions (saved before nnplay recorded them); open it, "
                          "train on and save it again")
    return trainer


def panel_frame(trainer, panel: str, history_from: int = 0, grid: int | None = None):
    """A frame of ``trainer``'s run as the training process sends it, with what
    ``panel`` needs (its history from epoch index ``history_from`` on; the
    output over a ``grid`` × ``grid`` grid, by default the screen's)."""
    from ..data.plane_axes import default_axes
    from ..training.landscape_live import compute_landscape
    from ..training.loop import Frame, ViewRequest

    small = [l for l, n in enumerate(trainer.run_info().sizes[1:-1], start=1) if n in (2, 3)]
    view = ViewRequest(axes=default_axes(trainer.data.X),  # as the window's output view starts (data.plane_axes)
                       **({"grid_resolution": grid} if grid else {}))
    snap = trainer.snapshot(view, history_from, hidden_layer=small[0] if panel == "hidden" and small else None,
                            quality=panel == "metrics", trace=panel == "inspector",
                            distributions=panel == "distributions")
    landscape = compute_landscape(trainer) if panel == "landscape" else None  # 41 x 41, principal directions
    return Frame(trainer.run_id, snap, False, 0.0, landscape)


def _application():
    """The Qt application, offscreen unless a platform was chosen; Qt's own
    messages (about the offscreen platform, fonts) are not for the user."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if problem := display_problem():  # QT_QPA_PLATFORM=xcb with no X server: Qt aborted, silenced (exit 134)
        raise RunFailure(problem)
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from .app import configure_pyqtgraph

    app = QApplication.instance()
    if app is None:
        qInstallMessageHandler(lambda *_: None)
        app = QApplication(sys.argv[:1])
    configure_pyqtgraph()
    return app
