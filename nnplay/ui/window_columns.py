"""The four columns of the playground window, left to right: Data | Network |
Output | Gradients, in a splitter, with the divergence banner above them."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from .column_fit import FitSplitter
from .column_least import content_least
from .data_panel import DataPanel
from .decision_boundary import DecisionBoundaryView
from .gradients import GradientView
from .guide import SECTION_TIPS
from .hidden_space import HiddenSpaceView
from .loss_curves import LossCurvesView
from .distributions_view import DistributionsView
from .drawing_width import DrawingWidth
from .metrics_view import MetricsView
from .network_diagram import NetworkDiagram
from .network_panel import NetworkPanel
from .pinned_heading import PinnedHeading
from .plot_room import MIN_VIEW_PX, keep_items_room, keep_plot_area
from .presentation import OWN_TEXT
from .run_controls import START_HINT
from .widgets import Section, keep_wrapped_height, on_event


def build_columns(win) -> None:
    """Build the columns into ``win`` (its central widget) and keep each panel as an attribute."""
    central = QWidget()
    outer = QVBoxLayout(central)
    outer.setContentsMargins(4, 2, 4, 4)
    win.banner = QLabel("")
    win.banner.setObjectName("divergence_banner")
    win.banner.setWordWrap(True)
    win.banner.setStyleSheet("background: #b3261e; color: white; padding: 8px; font-weight: 600;"
                              "border-radius: 4px;")
    win.banner.hide()
    outer.addWidget(win.banner)
    win.splitter = FitSplitter(Qt.Orientation.Horizontal)  # as narrow as the columns kept (column_fit)
    win.splitter.setObjectName("columns")
    win.splitter.setChildrenCollapsible(False)
    outer.addWidget(win.splitter, 1)

    win.data_panel = DataPanel()
    data = Section("Data", SECTION_TIPS["Data"])
    data.add(win.data_panel, 1)
    win.splitter.addWidget(_scrolled(data, "data_scroll"))

    win.network_panel = NetworkPanel()
    win.diagram = NetworkDiagram()
    net = Section("Network", SECTION_TIPS["Network"])
    net.add(win.network_panel)
    keep_wrapped_height(win.network_panel)  # its rows wrap in a narrow column
    net.add(win.diagram, 1)
    _keep_readable(win.diagram)
    win.network_panel.fold.drawing = win.diagram
    _at_least(net, 0)  # its controls' least, followed: NETWORK_LEAST is the width its drawing is reckoned at,
    # not a minimum: one its scroll area did not pass on let the column be narrower than it, scrolling sideways
    win.splitter.addWidget(_scrolled(net, "network_scroll"))  # six layers zoomed on 768 pixels: it scrolls

    win.boundary = DecisionBoundaryView()
    keep_items_room(win.boundary.plot)
    win.curves = LossCurvesView()
    out = Section("Output", SECTION_TIPS["Output"])
    inner = QSplitter(Qt.Orientation.Vertical)
    inner.setObjectName("output_split")
    win.output_split = inner
    inner.addWidget(win.boundary)
    win.metrics = MetricsView()
    win.lower_tabs = QTabWidget()
    win.lower_tabs.setObjectName("output_tabs")
    win.lower_tabs.addTab(win.curves, "Curves")
    win.lower_tabs.addTab(win.metrics, "Metrics")
    win.hidden_space = HiddenSpaceView()
    win.lower_tabs.addTab(win.hidden_space, "Hidden space")
    win.lower_tabs.setTabToolTip(0, "Training and test loss and accuracy after each epoch.")
    win.lower_tabs.setTabToolTip(2, "The data as a hidden layer of 2 or 3 neurons sees it.")
    win.lower_tabs.setTabToolTip(1, "Precision, recall and the confusion matrix, or RMSE and R² for regression.")
    win.distributions = DistributionsView()
    win.lower_tabs.addTab(win.distributions, "Distributions")
    win.lower_tabs.setTabToolTip(3, "Each layer's W, Z, A or dW over the epochs as percentile bands, and the "
                                    "training-health diagnosis in words.")
    # four tabs fit 1024 px; the sheet on the tab widget itself, whose pages then follow its font (the zoom)
    win.lower_tabs.setStyleSheet(OUTPUT_TABS_SHEET)
    inner.addWidget(win.lower_tabs)
    for plot in (win.curves.loss_plot, win.curves.acc_plot):
        keep_plot_area(plot)  # never a strip: the curves fold away first (column_fit)
    keep_wrapped_height(win.curves.key)  # its second line (zoomed) took its room from the plots
    _readable_without_curves(win)
    inner.setStretchFactor(0, 3)
    inner.setStretchFactor(1, 2)
    out.add(inner, 1)
    _at_least(out, 280)
    win.splitter.addWidget(out)

    win.gradients = GradientView()
    grads = Section("Gradients", SECTION_TIPS["Gradients"])
    grads.add(win.gradients, 1)
    _at_least(grads, 210)
    win.splitter.addWidget(_scrolled(_filling(grads), "gradients_scroll"))  # six layers' heatmaps zoomed: it scrolls
    for i, s in enumerate((2, 3, 4, 3)):
        win.splitter.setStretchFactor(i, s)
    win.splitter.setSizes([230, 320, 420, 310])
    win.setCentralWidget(central)
    win.drawing_width = DrawingWidth(win)  # the Network column as wide as its drawing where others can spare it
    win._inspector = None  # the backprop inspector, made when first asked for (side_windows.py)
    win.compare_window = None  # a CompareWindow, made by the first comparison
    win.statusBar().set_hint(START_HINT)  # (said again after another message, until training plays)


# the tabs under the output: narrow enough for four at 1024 px; a style sheet's tabs are drawn by it, not by
# the style (selected_look), so it marks the selected one itself, in the highlight colour (seen on a dark palette)
OUTPUT_TABS_SHEET = ("QTabBar::tab { padding: 4px 5px; } "
                     "QTabBar::tab:selected { border-bottom: 3px solid palette(highlight); }")


def _readable_without_curves(win) -> None:
    """The output's plot keeps a data area MIN_VIEW_PX high (not zoomed: at ×2 it would not fit 1024x768)
    while the curves under it are hidden; while they are shown, the column fit hides them before the
    plot is short (column_fit.CURVES_SHARE). At the window's least height it was a strip (tester 22)."""
    box, tabs = win.boundary.plot.getPlotItem().getViewBox(), win.lower_tabs

    def follow() -> None:  # (shown or hidden by the View menu or the fit, whether the window is shown or not)
        box.setMinimumHeight(MIN_VIEW_PX if tabs.isHidden() else 0)

    on_event(tabs, (QEvent.Type.ShowToParent, QEvent.Type.HideToParent), follow)
    follow()


def _at_least(column: QWidget, pixels: int) -> None:
    """The column keeps at least ``pixels`` for its plots, and never less than its controls need
    (the window's minimum width, the sum of the columns', stays under 1024 pixels), measured
    again when they change: a minimum kept from the unzoomed font cut the zoomed ones' texts."""
    def fit() -> None:
        need = max(pixels, column.minimumSizeHint().width())
        if need != column.minimumWidth():
            column.setMinimumWidth(need)

    on_event(column, (QEvent.Type.LayoutRequest,), fit)
    column.refit_least = fit  # (a hidden column's content gets no LayoutRequest: column_fit.hidden_least calls it)
    fit()


def _keep_readable(diagram: QWidget) -> None:
    """The diagram's drawing keeps the room its tallest layer needs at any zoom
    (``diagram_room.keep_drawing_room``: its minimum, with the key and read-out under it,
    is the diagram's); its column scrolls when the window is shorter."""
    for view in diagram.findChildren(pg.GraphicsView):
        view.setProperty(OWN_TEXT, True)  # it sizes its names to its room from the window's font: no zoom on top


class _FillingLayout(QVBoxLayout):
    """A layout that tells its scroll area it has no height-for-width: the area then gives
    its content the view's height (at least the content's minimum), not its preferred height
    for the width, which kept a column of heatmaps scrolling in a window that had room."""

    def hasHeightForWidth(self) -> bool:
        return False


def _filling(column: QWidget) -> QWidget:
    """``column`` in a holder that fills its scroll area's view and scrolls only below its minimum."""
    holder = QWidget()
    layout = _FillingLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(column)
    return holder


def _scrolled(column: QWidget, name: str) -> QScrollArea:
    """``column`` in a frameless scroll area: a window too short for it (a projector,
    a zoom) scrolls the column rather than keep the window taller than the screen; scrolled
    down, its heading stays in view (``pinned_heading``)."""
    scroll = QScrollArea()
    scroll.setWidget(column)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setObjectName(name)
    _widen_for_scroll_bar(scroll)
    section = column if isinstance(column, Section) else column.findChild(Section)
    margins = section.layout_.contentsMargins()
    PinnedHeading(scroll, section.title_label, (margins.left(), margins.top(), margins.right(), margins.bottom()))
    return scroll


def _widen_for_scroll_bar(scroll: QScrollArea) -> None:
    """Keep ``scroll``'s minimum width at its content's least (``content_least``: its hint, or the
    minimum set on it) plus, while it shows, the vertical scroll bar's: a short window that needs
    the bar never makes the column scroll sideways (also when the content widens: a larger font,
    View > Zoom, or its set minimum changes: posted to the view, its parent)."""
    bar = scroll.verticalScrollBar()

    def fit() -> None:
        need = content_least(scroll.widget()) + (bar.sizeHint().width() if bar.isVisibleTo(scroll) else 0)
        if need != scroll.minimumWidth():
            scroll.setMinimumWidth(need)

    on_event(bar, (QEvent.Type.Show, QEvent.Type.Hide), fit)
    on_event(scroll.widget(), (QEvent.Type.LayoutRequest, QEvent.Type.FontChange), fit)
    on_event(scroll.viewport(), (QEvent.Type.LayoutRequest,), fit)
    fit()
