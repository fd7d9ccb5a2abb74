"""The Network panel's settings fold (``SettingsFold``): where the column is too short for the
settings and a comfortable drawing of the network under them, the settings fold away under a
toggle ("Settings ▾"); the hidden layers stay, the drawing gets the column. The room it needs is
reckoned the same folded or not (the panel's open height, the diagram's least as a tight diagram
shows it, at the column's width without a scroll bar), so the fold never makes itself wrong."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from .column_room import bar_room, room
from .diagram_room import comfort, fit_room, is_tight, least_height
from .widgets import after_font_change, on_event


class SettingsFold(QObject):
    """Folds ``box`` (the Network panel's settings) away under ``toggle`` while the column holding
    ``panel`` is shorter than ``need`` (the settings shown, and the diagram's drawing at least
    ``diagram_room.drawing_lines`` lines of its font); the user unfolds them with the toggle. The
    test uses the room the column's view offers and a need reckoned the same folded or not, so
    folding never flips back and forth, nor stays after a zoom step and back."""

    def __init__(self, panel, box, toggle):
        super().__init__(panel)
        self.panel, self.box, self.toggle = panel, box, toggle
        self.folded = False
        self.drawing = None  # the NetworkDiagram under the panel (set by the window)
        self._column = None
        self._shown_height = {}  # (width, font) -> the settings' height as last shown (_box_height)
        toggle.setCheckable(True)
        toggle.setVisible(False)
        toggle.toggled.connect(lambda _: self._show())
        on_event(panel, (QEvent.Type.Show,), self.fit)
        # a font change (a zoom) reaches the filter before the settings are laid out in the new font:
        # measured then, their old height stood and a ×1.4 zoom left the diagram a few lines, its key hidden
        after_font_change(panel, self.fit)

    def fit(self) -> None:
        """Fold or unfold for the room the column has now."""
        column = self.panel.parentWidget()
        if column is None:
            return
        if column is not self._column:
            self._column = column
            on_event(column, (QEvent.Type.Resize,), self.fit)
        folded = room(column) < self.need()
        if folded != self.folded:
            self.folded = folded
            self.toggle.setVisible(folded)
            self._show()
        self._fit_key()

    def _fit_key(self) -> None:
        """The diagram's key shown or hidden for the room its column offers it now (``is_tight``): a
        scrolled column's diagram, at its least, is not resized when that room changes, nor one laid
        out (as the settings show) before the panel's least height followed."""
        d = self.drawing
        if d is not None and d.key.isVisibleTo(d) == is_tight(d):
            fit_room(d)

    def need(self) -> float:
        """The height, in pixels, the column needs to keep the settings shown: its least height with the
        settings shown and the toggle hidden (``open_height``), the diagram's texts as a tight diagram
        shows them (``least_height``), and the drawing's comfortable room (``drawing_lines``). Each
        term is the same whether the settings are folded now or not, so the fold it decides never
        makes itself wrong."""
        column = self.panel.parentWidget()
        extra = bar_room(column)  # (at the width the column has with no scroll bar: the settings shown, the
        # column scrolled, 14 px narrower, and wrapped taller; folded, it did not: 1024×768, 8,8,8 flipped on)
        need = column.minimumSizeHint().height() + self.open_height(self.panel.width() + extra) - \
            self.panel.minimumHeight()
        d = self.drawing
        if d is not None:
            need += least_height(d, d.contentsRect().width() + extra) - d.minimumHeight() + \
                comfort(d, self.panel.fontMetrics().lineSpacing())
        return need

    def open_height(self, width: int) -> int:
        """The panel's height, in pixels, were it ``width`` pixels wide with the settings shown and the
        toggle hidden, whichever is shown now: its layout's rows summed as the layout sums them for a
        height-for-width (each row's height wrapped at that width where it wraps, else its size hint),
        the settings' own height wrapped at that width in the place of whatever shows there (their rows
        wrap in a narrow column, which their sizeHint leaves out: at ×1.4 on 1280×800 it said 259 px of
        311). The panel's own height-for-width was -1 with the settings folded, and its size hint
        then wrapped the hidden layers' row otherwise: 2 px, enough to keep them folded."""
        layout = self.panel.layout()
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right()  # (the width the layout gives its rows)
        rows = []
        for k in range(layout.count()):
            item = layout.itemAt(k)
            widget = item.widget()
            if widget is self.box:
                rows.append(self._box_height(inner))
            elif widget is not self.toggle and not item.isEmpty():
                rows.append(item.heightForWidth(inner) if item.hasHeightForWidth() else item.sizeHint().height())
        return sum(rows) + layout.spacing() * (len(rows) - 1) + margins.top() + margins.bottom()

    def _box_height(self, width: int) -> int:
        """The settings' height, in pixels, at ``width`` (their layout's): as they were last shown at that
        width in this font, else as they say now. Folded after a zoom step and back, their form said
        245 px where shown it had said 243, every row's own size the same: enough to keep them folded."""
        box = self.box
        key = (width, box.font().key())
        if box.isHidden() and key in self._shown_height:
            return self._shown_height[key]
        h = box.heightForWidth(width) if box.hasHeightForWidth() else -1
        h = h if h > 0 else box.sizeHint().height()
        if not box.isHidden():  # (the last few widths and fonts: a zoom step shows them in another)
            self._shown_height = {k: v for k, v in list(self._shown_height.items())[-7:] if k != key} | {key: h}
        return h

    def _show(self) -> None:
        on = self.toggle.isChecked()
        self.toggle.setText(("Hide settings ▴" if on else "Settings ▾") if self.folded else "")
        self.box.setVisible(not self.folded or on)
        layout = self.panel.layout()  # the panel's kept minimum height (keep_wrapped_height) follows at once
        layout.invalidate()
        layout.activate()
        need = self.panel.heightForWidth(self.panel.width())  # -1 with the wrapping rows folded away
        self.panel.setMinimumHeight(need if need > 0 else self.panel.sizeHint().height())
        self._fit_key()
