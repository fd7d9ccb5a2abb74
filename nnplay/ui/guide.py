"""The in-app guide (Help > Guide, F1): the pages of the repository's docs/
folder, installed as ``nnplay.docs``, shown as Markdown in a window of tabs."""

from __future__ import annotations

import re
from importlib import resources

from PySide6.QtGui import QTextCursor, QTextFormat
from PySide6.QtWidgets import QDialog, QTabWidget, QTextBrowser, QVBoxLayout
from .screen_fit import resize_within_screen
from .side_window import PlacedBeside

# (tab title, page): what each panel shows, the equations with their shapes, what to try
LEAST_LINES = 16  # the window's least height, in lines of its text
PAGES = (("Panels", "panels.md"), ("Equations", "equations.md"), ("Try this", "try.md"))

# Said when the pointer rests on a column's title.
SECTION_TIPS = {
    "Data": (
        "The data set, its noise, the share used for training, the mini-batch size and the input features "
        "(the network's n[0] inputs). F1 opens the guide."
    ),
    "Network": (
        "The network's shape, activation, loss, optimizer, regularisation and learning rate; below, every "
        "neuron's output over the plane and every weight as a link. F1 opens the guide."
    ),
    "Output": (
        "The network's output A[L] over the plane with the data points; below, the loss and accuracy "
        "after every epoch, the metrics and the hidden space. F1 opens the guide."
    ),
    "Gradients": (
        "Each layer's gradient dW[l] (shape n[l] × n[l−1]) as a heatmap, and the size |dW[l]| after every "
        "epoch. F1 opens the guide."
    ),
}


# A page's passages for developers (where the code is, its modules and tests), kept in the docs/ folder
# for readers of the repository and left out of the guide: text a user reads names no source file.
FOR_DEVELOPERS = re.compile(r"<!-- developers -->.*?<!-- /developers -->\n?", re.DOTALL)


def guide_page(name: str) -> str:
    """The Markdown text of one page of the guide (``name`` as in PAGES), without its
    passages for developers (``FOR_DEVELOPERS``)."""
    return FOR_DEVELOPERS.sub("", resources.files("nnplay.docs").joinpath(name).read_text(encoding="utf-8"))


class GuideWindow(PlacedBeside, QDialog):
    """A non-modal window with one tab per page; it stays open beside the playground."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("guide")
        self.setWindowTitle("nnplay guide")
        self.setModal(False)
        self.tabs = QTabWidget()
        for title, name in PAGES:
            view = QTextBrowser()
            view.setObjectName(f"guide_{name.removesuffix('.md')}")
            view.setOpenExternalLinks(False)
            view.setMarkdown(guide_page(name))
            code_in_the_view_s_size(view)
            self.tabs.addTab(view, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        # its least size: every tab's title whole and a page's lines readable (135x108 before, "Panels | Equ")
        lines = self.fontMetrics().lineSpacing()
        self.setMinimumSize(self.tabs.tabBar().sizeHint().width() + 20 * self.fontMetrics().averageCharWidth(),
                            LEAST_LINES * lines)
        resize_within_screen(self, 760, 640)


def code_in_the_view_s_size(view: QTextBrowser) -> None:
    """Markdown's code (``standardize=1``, a block) is set in the fixed font at that font's own point size,
    9 pt beside 14.4 pt text at View › Zoom ×1.6: without that size it takes the view's, zoomed with it."""
    size = QTextFormat.Property.FontPointSize
    sized = []  # (start, end, format without its size): changed once all are read (a change merges fragments)
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().hasProperty(size):
                fmt = fragment.charFormat()
                fmt.clearProperty(size)
                sized.append((fragment.position(), fragment.position() + fragment.length(), fmt))
            it += 1
        block = block.next()
    cursor = QTextCursor(view.document())
    for start, end, fmt in sized:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(fmt)


def about_text() -> str:
    """Help > About: what nnplay is, its version and libraries, and where it keeps files."""
    import numpy
    import PySide6
    import pyqtgraph
    from PySide6.QtCore import QSettings, QStandardPaths

    from .. import __version__

    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return (
        f"<h3>nnplay {__version__}</h3>"
        "<p>A playground for watching backpropagation train a small neural network in real time: "
        "the data, the network, its output, its gradients and every number of one backprop step.</p>"
        "<p>Help &gt; Guide (F1) explains each panel, gives the equations with their shapes, "
        "and suggests what to try.</p>"
        f"<p>NumPy {numpy.__version__} · PySide6 {PySide6.__version__} · pyqtgraph {pyqtgraph.__version__}</p>"
        f"<p>Settings: {QSettings().fileName()}<br>Last session and error log: {data}</p>"
        "<p>MIT licence.</p>"
    )
