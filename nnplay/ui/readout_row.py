"""The read-outs' toolbar row, wrapping onto a second line rather than overflow.

The four read-outs (epoch, rate, loss, accuracy) need about 1,060 pixels zoomed
×2: on a 1024-pixel window the toolbar put the last into its overflow menu
(») where no one sees it. They sit in one widget with a ``FlowLayout``, which
takes the toolbar's width and wraps to a second line when they do not fit; its
height follows its lines (``keep_wrapped_height``), and the toolbar grows with it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QToolBar, QWidget

from .flow_layout import FlowLayout
from .widgets import keep_wrapped_height


class _Row(QWidget):
    """As high as its lines at its present width (a QWidget's own hint is that of its
    layout at its narrowest width: three lines high when one would do)."""

    def sizeHint(self) -> QSize:
        least = self.layout().minimumSize()
        return QSize(least.width(), self.layout().heightForWidth(self.width()) if self.width() > 0 else least.height())


def readout_row(bar: QToolBar) -> FlowLayout:
    """A row in ``bar`` that takes its width and wraps its widgets (the read-outs); its layout."""
    holder = _Row()
    holder.setObjectName("readouts_row")
    holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    row = FlowLayout(holder, spacing=0)  # (each read-out has its own gap on its right)
    bar.addWidget(holder)
    keep_wrapped_height(holder)
    return row
